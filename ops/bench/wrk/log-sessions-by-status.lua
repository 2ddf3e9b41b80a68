-- log-sessions.lua, also counting answers by status class: ends with a line
-- STATUS_RESULT 2xx=.. 4xx=.. 5xx=.. (per-response accounting costs some throughput: for soak runs, not benchmarks).
dofile(os.getenv("BENCH_WRK_DIR") .. "/log-sessions.lua")

local threads = {}
local common_setup = setup
setup = function(thread)
  common_setup(thread)
  threads[#threads + 1] = thread
end

counts = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
response = function(status, headers, body)
  local class = status >= 200 and status < 300 and "2xx" or status >= 400 and status < 500 and "4xx"
    or status >= 500 and "5xx" or "other"
  counts[class] = counts[class] + 1
end

local common_done = done
done = function(summary, latency, requests)
  common_done(summary, latency, requests)
  local total = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for class, n in pairs(c) do total[class] = total[class] + n end
  end
  io.write(string.format("STATUS_RESULT 2xx=%d 4xx=%d 5xx=%d other=%d\n", total["2xx"], total["4xx"], total["5xx"], total.other))
end
