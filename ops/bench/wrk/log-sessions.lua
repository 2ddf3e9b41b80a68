-- POST /cases/{id}/sessions, each request to a random case from BENCH_CASE_IDS, held "now".
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local cases = read_ids("BENCH_CASE_IDS")
local modes = { "inPerson", "phone", "video" }
local topics = { "selfAssessmentResults", "labourMarketInformation", "jobSearchSkills", "trainingInformation" }
local headers = request_headers({ ["Content-Type"] = "application/json" })

request = function()
  local now = os.time()
  local body = string.format(
    '{"heldAt":"%s","mode":"%s","durationMinutes":%d,"topics":["%s"],' ..
    '"notes":"Membahas lowongan operator produksi dan persiapan wawancara kerja.","nextFollowUpOn":"%s"}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", now), modes[math.random(#modes)], math.random(15, 90),
    topics[math.random(#topics)], os.date("!%Y-%m-%d", now + 14 * 86400))
  return wrk.format("POST", "/cases/" .. cases[math.random(#cases)] .. "/sessions", headers, body)
end
