-- Shared by the wrk scripts: ids to address, headers every request carries, and one parseable result line.

-- Every line of the file named by the environment variable, e.g. the case ids written by seed-volume.
function read_ids(variable)
  local ids = {}
  for line in io.lines(os.getenv(variable)) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  assert(#ids > 0, variable .. " names an empty file")
  return ids
end

-- BENCH_AUTHORIZATION (e.g. "Bearer eyJ...") is sent as the Authorization header when set.
function request_headers(extra)
  local headers = extra or {}
  local authorization = os.getenv("BENCH_AUTHORIZATION")
  if authorization and authorization ~= "" then headers["Authorization"] = authorization end
  return headers
end

-- Each wrk thread runs in its own Lua state: give each a different random sequence.
local thread_number = 0
function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

-- Latencies are in microseconds; errors are socket errors plus every status of 400 or above.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status, errors.status))
end
