-- POST /cases/{id}/sessions, each request to a random case from BENCH_CASE_IDS, held "now", with a fresh
-- Idempotency-Key as a client sends it (the service then stores the answer under the key in the write's transaction).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local cases = read_ids("BENCH_CASE_IDS")
local modes = { "inPerson", "phone", "video" }
local topics = { "selfAssessmentResults", "labourMarketInformation", "jobSearchSkills", "trainingInformation" }
local headers = request_headers({ ["Content-Type"] = "application/json" })
local sent = 0
local started = os.time()

request = function()
  local now = os.time()
  local body = string.format(
    '{"heldAt":"%s","mode":"%s","durationMinutes":%d,"topics":["%s"],' ..
    '"notes":"Membahas lowongan operator produksi dan persiapan wawancara kerja.","nextFollowUpOn":"%s"}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", now), modes[math.random(#modes)], math.random(15, 90),
    topics[math.random(#topics)], os.date("!%Y-%m-%d", now + 14 * 86400))
  -- Unique across threads and runs: the thread, a counter, the start time and a random part.
  sent = sent + 1
  headers["Idempotency-Key"] = string.format("bench-%d-%d-%d-%08x", thread_number or 0, sent, started, math.random(0, 0x7fffffff))
  return wrk.format("POST", "/cases/" .. cases[math.random(#cases)] .. "/sessions", headers, body)
end
