-- The same-work ceiling: the statements one session write (POST /cases/{id}/sessions with an Idempotency-Key) issues,
-- in the same order, grouped into the same round trips, with payloads of the same shape and size.
--
-- How it was derived (ops/bench/write-statements does it again): the service (Release build) ran against a private
-- cluster with log_statement = 'all' on a seed-volume database; after a few warm-up writes, one session write was
-- logged, and strace on the API process showed which statements travel together (one send, one reply: a round trip).
-- The write, as logged:
--   1. (another pooled connection) the Idempotency-Key's stored answer, if any         -- Wolverine, before the handler
--   2. BEGIN; lock the stream (select version ... for update); the case's snapshot        -- one batch: Marten FetchForWriting
--   3. the stream's last seal (mt_doc_eventseal, id "<stream>:<version>"); the case's    -- one batch: WritePrefetch, the
--      personal-data key (mt_doc_personaldatakey)                                        -- chain's link and the notes' key
--   4. the append function; the idempotency row; the snapshot upsert; the new seal upsert -- one batch: SaveChanges
--   5. COMMIT
-- Five round trips (six before WritePrefetch read the seal and the key together).
--
-- The async daemon's share of the write, off the request's path but PostgreSQL's work all the same (issue 31: the
-- ceiling counts the whole write). ops/bench/profile lists every statement PostgreSQL ran during a write load with
-- pg_stat_statements, per write: the daemon upserts the case's caseload entry and its outcome for each event (0.93 and
-- 0.97 calls per write there; 1 here), and once per batch of about `batch` events (ops/bench/run passes the figure the
-- profile measured) it looks for the high-water mark, loads the batch's events and the documents of their cases, and
-- moves the five progression rows, in a transaction of its own. Here the two upserts travel in the write's own
-- pipeline and commit (the daemon commits once per batch, so a write's share of that commit is 1/`batch`), and the batch's
-- statements run in one transaction out of every `batch` (\if below), reading the newest `batch` events and their cases.
--
-- What this script adds of its own: the first statement, which picks the case (pgbench has no uuids or strings) and
-- formats what the service would hold in memory (array literals, the seal ids, the answer body, a fresh key). It
-- also reads the stream's version there so that the later statements can use it: pgbench cannot \gset inside a
-- pipeline, so the lock's own answer cannot feed the statements after it. For that read to be safe outside the lock,
-- each client writes to its own slice of the cases (n = client + clients * k), so that no two clients share a case.
-- That makes six round trips where the service makes five, so this ceiling errs on the low side.
-- Values pgbench cannot make (fresh uuids, timestamps) come from gen_random_uuid() and now() in the statements; the
-- casts give the parameters the types Npgsql sends them with.
--
-- Variables from ops/bench/run (-D): clients, cases (rows in bench_same_work_cases), snapshot (a real case snapshot of
-- the benchmark's volume, written back as the new one: same size and shape as the service's).
\set k random(0, :cases / :clients - 1)
\set n 1 + :client_id + :clients * :k
\set key random(1, 9000000000000000000)
-- Marten's snapshot upsert takes its "no expected version" zeros as parameters, as :zero does here.
\set zero 0
SELECT c.id AS case_id, s.version AS version, s.version + 1 AS next_version,
       c.id || ':' || s.version AS last_seal_id, c.id || ':' || (s.version + 1) AS next_seal_id,
       '{"id":"' || c.id || '","version":' || (s.version + 1) || '}' AS answer,
       'sha256:' || encode(sha256(convert_to(:key::text, 'UTF8')), 'hex') AS deduplication_id
  FROM bench_same_work_cases c JOIN counseling.mt_streams s ON s.id = c.id WHERE c.n = :n \gset
-- 1. the stored answer of this Idempotency-Key (none: every key is new)
select fingerprint, status_code, body, location from counseling.wolverine_deduplicated_responses where deduplication_id = :deduplication_id;
-- 2. lock the stream, load the snapshot
\startpipeline
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
select version from counseling.mt_streams where id = :case_id for update;
select d.id, d.data, d.mt_version from counseling.mt_doc_counselingcase as d where id = :case_id;
\endpipeline
-- 3. the stream's last seal and the case's personal-data key
\startpipeline
select d.id, d.data from counseling.mt_doc_eventseal as d where id = :last_seal_id;
select d.id, d.data from counseling.mt_doc_personaldatakey as d where id = :case_id;
\endpipeline
-- 4. append the event, store the answer under the key, upsert the snapshot and the new seal; the daemon's upserts of
--    the caseload entry and the outcome (written back as stored: same size and shape)
\startpipeline
select counseling.mt_quick_append_events(:case_id::uuid, 'counseling_case'::varchar, '*DEFAULT*'::varchar, ARRAY[gen_random_uuid()], '{counseling_session_logged}'::varchar[], '{"Counseling.Domain.Cases.CounselingSessionLogged, Counseling.Domain"}'::varchar[], ARRAY[jsonb_build_object('mode', 'Phone', 'notes', 'pdp1:' || 'se7OtyNP9vhdNJl1ENzWTxvS0J/4MpGSpneC/2msTHLY4FYdMvKJOo45mUrCAAvyWFwF4CJ89rpqQgEufpq6Rom1zgE9UPNGO0fDb4Koo4pCMbF1l428vy5qNqcYPA==', 'heldAt', now(), 'topics', jsonb_build_array('LabourMarketInformation'), 'sessionId', gen_random_uuid(), 'nextFollowUpOn', current_date + 14, 'durationMinutes', 25)], '{NULL}'::bytea[], ('{0HNQE9TUL87FE:' || '00000001}')::varchar[], '{3cde1a133fa2bf26d07559e105b728e1}'::varchar[], '{"{\"role\": \"counselor\"}"}'::jsonb[], '{c-010}'::varchar[], ARRAY[now()], :version::bigint);
insert into counseling.wolverine_deduplicated_responses (deduplication_id, expires, fingerprint, claim_token, status_code, body, location) values (:deduplication_id, now() + interval '1 day', '7235e68ab1eaed325436ab0363c13f3f6afda85d392720634185d078540a6a01', gen_random_uuid()::text, 200, :answer, NULL);
insert into counseling.mt_doc_counselingcase (id, data, "mt_version", "mt_dotnet_type", "mt_last_modified") values (:case_id, :snapshot, CASE WHEN :zero = 0 THEN COALESCE((select version from counseling.mt_streams where counseling.mt_streams.id = :case_id), 1) ELSE :zero END, 'Counseling.Domain.Cases.CounselingCase', transaction_timestamp()) on conflict (id) do update set data = excluded.data, mt_version = CASE WHEN :zero = 0 THEN COALESCE((select version from counseling.mt_streams where counseling.mt_streams.id = counseling.mt_doc_counselingcase.id), counseling.mt_doc_counselingcase.mt_version + 1) ELSE :zero END, "mt_dotnet_type" = excluded."mt_dotnet_type", "mt_last_modified" = excluded."mt_last_modified" where :zero = 0 or COALESCE((select version from counseling.mt_streams where counseling.mt_streams.id = counseling.mt_doc_counselingcase.id), 0) <= :zero returning mt_version;
insert into counseling.mt_doc_eventseal (id, data, "mt_version", "mt_dotnet_type", "mt_last_modified") values (:next_seal_id, jsonb_build_object('id', :next_seal_id::text, 'hash', 'af9aacffaa53c550d39a2691bce47623af5466ccf2d4302fe8ae0aebd1a05c68', 'keyId', '026f42030b943666', 'dataMac', '14861e590b80ddb8679ffbdb34a29ae9a08d5b5f10a25aea3f1059b941db170a', 'version', :next_version::bigint, 'streamId', :case_id::text, 'previousHash', 'af9b1af617028d63b6edd8683ec837f91f487b11bdd55ead74e1228e168fb4aa'), gen_random_uuid(), 'Counseling.Api.Audit.EventSeal', transaction_timestamp()) on conflict (id) do update set data = excluded.data, "mt_version" = excluded."mt_version", "mt_dotnet_type" = excluded."mt_dotnet_type", "mt_last_modified" = excluded."mt_last_modified" returning id;
insert into counseling.mt_doc_caseloadentry (id, data, "mt_version", "mt_dotnet_type", "mt_last_modified", "counselor_id", "office_id", "stage", "is_open", "next_follow_up_on", "opened_on", "benefit_evidence_due") select id, data, mt_version, mt_dotnet_type, transaction_timestamp(), counselor_id, office_id, stage, is_open, next_follow_up_on, opened_on, benefit_evidence_due from counseling.mt_doc_caseloadentry where id = :case_id on conflict (id) do update set data = excluded.data, mt_version = CASE WHEN :zero = 0 THEN COALESCE((select version from counseling.mt_streams where counseling.mt_streams.id = counseling.mt_doc_caseloadentry.id), counseling.mt_doc_caseloadentry.mt_version + 1) ELSE :zero END, "mt_dotnet_type" = excluded."mt_dotnet_type", "mt_last_modified" = excluded."mt_last_modified", "counselor_id" = excluded."counselor_id", "office_id" = excluded."office_id", "stage" = excluded."stage", "is_open" = excluded."is_open", "next_follow_up_on" = excluded."next_follow_up_on", "opened_on" = excluded."opened_on", "benefit_evidence_due" = excluded."benefit_evidence_due" returning mt_version;
insert into counseling.mt_doc_caseoutcome (id, data, "mt_version", "mt_dotnet_type", "mt_last_modified", "opened_on", "termination_reason", "training_path", "placed_on", "starting_wage_rupiah", "still_employed_at_follow_up", "self_employed_on", "closed_on", "competency_tests_passed", "sole_counselor_id", "benefit_months_met", "benefit_months_not_met", "office_id") select id, data, mt_version, mt_dotnet_type, transaction_timestamp(), opened_on, termination_reason, training_path, placed_on, starting_wage_rupiah, still_employed_at_follow_up, self_employed_on, closed_on, competency_tests_passed, sole_counselor_id, benefit_months_met, benefit_months_not_met, office_id from counseling.mt_doc_caseoutcome where id = :case_id on conflict (id) do update set data = excluded.data, mt_version = CASE WHEN :zero = 0 THEN COALESCE((select version from counseling.mt_streams where counseling.mt_streams.id = counseling.mt_doc_caseoutcome.id), counseling.mt_doc_caseoutcome.mt_version + 1) ELSE :zero END, "mt_dotnet_type" = excluded."mt_dotnet_type", "mt_last_modified" = excluded."mt_last_modified", "opened_on" = excluded."opened_on", "termination_reason" = excluded."termination_reason", "training_path" = excluded."training_path", "placed_on" = excluded."placed_on", "starting_wage_rupiah" = excluded."starting_wage_rupiah", "still_employed_at_follow_up" = excluded."still_employed_at_follow_up", "self_employed_on" = excluded."self_employed_on", "closed_on" = excluded."closed_on", "competency_tests_passed" = excluded."competency_tests_passed", "sole_counselor_id" = excluded."sole_counselor_id", "benefit_months_met" = excluded."benefit_months_met", "benefit_months_not_met" = excluded."benefit_months_not_met", "office_id" = excluded."office_id" returning mt_version;
\endpipeline
-- 5. commit
COMMIT;
-- 6. once per `batch` writes, the daemon's batch: the high-water mark, the batch's events and their cases' documents,
--    the progression rows (the projections' names as `projections list` shows them)
\set draw random(1, :batch)
\if :draw = 1
select (select last_value from counseling.mt_events_sequence) as highest_sequence, (select max(seq_id) - :batch from counseling.mt_events) as batch_from,
       (select array_agg(stream_id)::text from (select stream_id from counseling.mt_events order by seq_id desc limit :batch) newest) as batch_cases \gset
\startpipeline
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
select (select last_value from counseling.mt_events_sequence) as highest_sequence, transaction_timestamp() as "timestamp", pg_snapshot_xmax(pg_current_snapshot())::text::bigint as current_xmax, p.last_seq_id, p.last_updated, (select case when is_called then last_value else last_value - 1 end from counseling.mt_events_sequence) as allocated_high, f.last_seq_id as fence_allocated_high, f.last_updated as fence_observed_at, g.last_seq_id as stuck_gap_mark, g.last_updated as stuck_gap_first_observed from (values (1)) as one(x) left join counseling.mt_event_progression p on p.name = 'HighWaterMark' left join counseling.mt_event_progression f on f.name = 'HighWaterAllocationFence' left join counseling.mt_event_progression g on g.name = 'HighWaterStuckGap';
select (select min(seq_id) from counseling.mt_events where seq_id > :batch_from) as first_after, (select seq_id from (select seq_id, lead(seq_id) over (order by seq_id) as next_seq from counseling.mt_events where seq_id >= :batch_from) gaps where next_seq is not null and next_seq - seq_id > 1 order by seq_id limit 1) as gap_edge, (select max(seq_id) from counseling.mt_events where seq_id >= :batch_from) as max_seq;
select counseling.mt_mark_event_progression('HighWaterMark', :highest_sequence::bigint);
select d.data, d.type, d.mt_dotnet_type, d.bdata, d.seq_id, d.id, d.stream_id, d.version, d.timestamp, d.tenant_id, d.correlation_id, d.causation_id, d.headers, d.user_name, d.is_archived, s.type as stream_type from counseling.mt_events as d inner join counseling.mt_streams as s on d.stream_id = s.id where d.seq_id > :batch_from and d.seq_id <= :highest_sequence and d.is_archived = FALSE order by d.seq_id limit 2000;
select d.id, d.data, d.mt_version from counseling.mt_doc_counselingcase as d where id = ANY(:batch_cases::uuid[]);
select d.id, d.data, d.mt_version from counseling.mt_doc_caseloadentry as d where id = ANY(:batch_cases::uuid[]);
select d.id, d.data, d.mt_version from counseling.mt_doc_caseoutcome as d where id = ANY(:batch_cases::uuid[]);
update counseling.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = 'Views' || chr(58) || 'All'; -- chr(58), ':', which pgbench would read as a variable
update counseling.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = 'Caseload' || chr(58) || 'All'; -- chr(58), ':', which pgbench would read as a variable
update counseling.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = 'CaseOutcome' || chr(58) || 'All'; -- chr(58), ':', which pgbench would read as a variable
update counseling.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = 'CounselorMonthlyActivity' || chr(58) || 'All'; -- chr(58), ':', which pgbench would read as a variable
update counseling.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = 'OfficeDailyStatistics' || chr(58) || 'All'; -- chr(58), ':', which pgbench would read as a variable
COMMIT;
\endpipeline
\endif
