# The steps the ops/ scripts share, sourced by each of them (`source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"`):
# the checkout, cleanup at exit, a private PostgreSQL cluster, a fresh database, the API's build, starting it and
# waiting for /health, the service's own commands (token, verify, ...), the tools' commands (seed, seed-volume, ...)
# and a log line. Sourcing it changes to the
# repository root. Functions report through the variables named in their comments, so that a process they start
# stays a child of the script (which can then `wait` for it).

ops_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ops_repo"

# --- cleanup at exit: the commands registered, the last registered first ----------------------------------------
ops_exit_commands=()
ops_run_exit_commands() {
  local i
  for (( i = ${#ops_exit_commands[@]} - 1; i >= 0; i-- )); do eval "${ops_exit_commands[$i]}" || true; done
}
trap ops_run_exit_commands EXIT
# on_exit 'command': run it when the script exits, whatever the reason.
on_exit() { ops_exit_commands+=("$1"); }

# log message...: a timestamped line, "[NAME HH:MM:SS] message", NAME from ops_name, to ops_log_fd (stdout by default).
log() { printf '[%s %(%H:%M:%S)T] %s\n' "${ops_name:-ops}" -1 "$*" >&"${ops_log_fd:-1}"; }

# --- PostgreSQL -------------------------------------------------------------------------------------------------
# cluster_start NAME [--keep]: starts the private cluster NAME (ops/pg: dev, test, bench, faults) or reuses it when it
# runs, and stops it at exit if this script started it, unless --keep. Sets `cluster` (its connection string, to the
# database "counseling") and `pg_port` (the port it really listens on).
cluster_start() {
  local name=$1 keep=${2:-}
  if ! "$ops_repo/ops/pg" status "$name" >/dev/null; then
    [[ "$keep" == --keep ]] || on_exit "\"$ops_repo/ops/pg\" stop $name"
  fi
  cluster=$("$ops_repo/ops/pg" start "$name")
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<< "$cluster")
}

# psql_at DATABASE psql-arguments...: psql on the cluster of cluster_start, as its superuser.
psql_at() { local database=$1; shift; psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" "$@"; }

# fresh_database NAME: drops the database NAME on that cluster and creates it empty. Prints its connection string.
fresh_database() {
  PGOPTIONS="-c client_min_messages=warning" psql_at postgres -qc "drop database if exists $1 with (force)" \
    -c "create database $1" >/dev/null
  echo "${cluster/Database=counseling/Database=$1}"
}

# --- scratch clusters (ops/standby, ops/backup-drill, ops/release-check) ------------------------------------------
# Clusters made afresh by a drill, each in a folder of its own under ${TMPDIR:-/tmp}, as the postgres user when root
# (initdb and postgres refuse root). pg_bin: the PostgreSQL binaries (PG_BIN, or the newest /usr/lib/postgresql/*/bin).
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# as_postgres command...: runs it as the postgres user when root, as the caller otherwise.
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# scratch_dir NAME: a fresh, empty folder the postgres user owns (removed first if it exists). Prints its path.
scratch_dir() {
  local dir=${TMPDIR:-/tmp}/counseling-$1
  rm -rf "$dir" && mkdir -p "$dir" && chmod 700 "$dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
  echo "$dir"
}

# scratch_init DATA PORT: initdb into DATA (an empty scratch_dir), listening on 127.0.0.1:PORT only, durable (fsync on),
# with replication allowed from 127.0.0.1 (trust: loopback only, a drill's throwaway cluster).
scratch_init() {
  local data=$1 port=$2
  as_postgres "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres tee -a "$data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$(dirname "$data")'
max_connections = 200
shared_buffers = 128MB
CONF
}

# scratch_start DATA: starts the cluster at DATA (waits up to 60 s) and stops it (immediately) when the script exits.
scratch_start() {
  on_exit "scratch_stop '$1' immediate"
  as_postgres "$pg_bin/pg_ctl" -D "$1" -l "$1.log" -w -t 60 start >/dev/null
}

# scratch_stop DATA [MODE]: stops it if it runs (MODE fast by default; immediate is a crash: no shutdown checkpoint).
scratch_stop() {
  if as_postgres "$pg_bin/pg_ctl" -D "$1" status >/dev/null 2>&1; then
    as_postgres "$pg_bin/pg_ctl" -D "$1" -m "${2:-fast}" -w -t 60 stop >/dev/null || true
  fi
}

# pg_at PORT psql-arguments...: psql to 127.0.0.1:PORT as the superuser, quiet, unaligned, stopping on an error.
pg_at() { local port=$1; shift; psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }

# --- the API ----------------------------------------------------------------------------------------------------
# build_api CONFIGURATION: builds the API (errors only, to stderr) and sets `api_dir`, its build output: the service
# runs from there, where its appsettings*.json are (the content root).
build_api() {
  dotnet build "$ops_repo/src/Counseling.Api" -c "$1" --nologo -v quiet -clp:ErrorsOnly >&2
  api_dir=$ops_repo/src/Counseling.Api/bin/$1/net10.0
  api_configuration=$1
}

# service arguments...: one of the service's commands (token, verify, projections ...) from `api_dir`, or one of the
# tools' (tool_project: seed, seed-volume, audit-tamper, audit-reseal, protect-legacy) from that tool's build.
service() {
  if tool_project "${1:-}" >/dev/null; then tool_command "$@"; else (cd "$api_dir" && dotnet Counseling.Api.dll "$@"); fi
}

# --- the tools beside the service ---------------------------------------------------------------------------------
# Commands that are not the service's run from console apps of their own, each composing the service as it runs
# (CounselingService) with its own commands on the same JasperFx command line; the release holds the service only.
# tool_project COMMAND: the project (from the checkout) of the tool that runs COMMAND; fails for any other command.
tool_project() {
  case "${1:-}" in
    seed) echo seeds/Counseling.Seeds ;;                                     # the demo generator
    seed-volume) echo ops/bench/Counseling.Bench ;;                          # the benchmarks' volume seeder
    audit-tamper | audit-reseal | protect-legacy) echo ops/tools/Counseling.Tools ;; # the tamper drill, one-off upgrades
    *) return 1 ;;
  esac
}

# build_tool PROJECT: builds that tool (and the API it references) in the configuration of build_api (Release if none)
# and sets `tool_dir`, its build output, where the API's appsettings*.json and seeds are too (its content root).
build_tool() {
  local configuration=${api_configuration:-Release}
  dotnet build "$ops_repo/$1" -c "$configuration" --nologo -v quiet -clp:ErrorsOnly >&2
  tool_dir=$ops_repo/$1/bin/$configuration/net10.0
}

# tool_command COMMAND arguments...: builds the tool that runs COMMAND and runs it from its build output.
tool_command() {
  local project
  project=$(tool_project "$1")
  build_tool "$project"
  # The tool reads and writes the same keys as the service it composes (the data keys it wraps must open in the
  # service): the configured directory, else the one the service started from $api_dir uses (.local/keys under it).
  (cd "$tool_dir" && Keys__Directory="${Keys__Directory:-${api_dir:+$api_dir/.local/keys}}" dotnet "$(basename "$project").dll" "$@")
}

# service_token ROLE USER [OFFICE]: a development bearer token (the service's token command; its last line).
service_token() { service token --role "$1" --user "$2" ${3:+--office "$3"} | tail -n 1; }

# intake_body NIK COUNSELOR OFFICE: ops/bench/open-case.json for that worker, counselor and office, the worker laid off
# 30 days ago (WIB): within the JKP claim window on any day, where a fixed date would fall out of it and the intake
# answer 422 (PP 6/2025 Pasal 40: a claim within 6 months of the PHK).
intake_body() {
  jq --arg nik "$1" --arg counselor "$2" --arg office "$3" --arg terminated "$(TZ=Asia/Jakarta date -d '-30 days' +%F)" \
    '.worker.nik = $nik | .counselorId = $counselor | .officeId = $office | .employment.terminationDate = $terminated' \
    "$ops_repo/ops/bench/open-case.json"
}

# register_drill_counselor API ID OFFICE: registers counselor ID at OFFICE through the service (PUT /counselors/ID, as an
# administrator) with a certificate issued a year before today and valid a year after it (WIB, the machine's clock, which
# is the clock the service under the drill runs on): the drills, the soak and the benchmark write as a counselor whose
# certificate is valid whatever the day, where a seeded one expires on a fixed date and the writes would answer 403.
register_drill_counselor() {
  local api=$1 id=$2 office=$3 admin
  admin=$(service_token admin adm-001) # a seeded administrator (seeds/administrators.json): only registered ones are honoured
  curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" "$api/counselors/$id" -d "{
      \"fullName\": \"Drill counselor $id\", \"officeId\": \"$office\",
      \"certificate\": { \"number\": \"DRILL/$id\", \"issuedOn\": \"$(TZ=Asia/Jakarta date -d '-1 year' +%F)\",
                         \"expiresOn\": \"$(TZ=Asia/Jakarta date -d '+1 year' +%F)\" } }" >/dev/null
}

# start_api URL LOG: starts the API from `api_dir` in the background, listening on URL, appending its output to LOG.
# Sets `api_pid`.
start_api() {
  (cd "$api_dir" && ASPNETCORE_URLS=$1 exec dotnet Counseling.Api.dll) >> "$2" 2>&1 &
  api_pid=$!
}

# wait_for_health URL PID SECONDS: waits until URL/health answers 2xx. Returns 1 if the process PID exits first or
# SECONDS pass. Sets `health_ms`: how long it waited.
wait_for_health() {
  local url=$1 pid=$2 limit_ns=$(( $3 * 1000000000 )) started
  started=$(date +%s%N)
  until curl -sf -o /dev/null "$url/health"; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s%N) - started > limit_ns )); then return 1; fi
    sleep 0.2
  done
  health_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# stop_process PID: ends a process this script started (SIGTERM) and reaps it; nothing if it already ended.
stop_process() {
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then kill "$1"; wait "$1" 2>/dev/null || true; fi
}
