-- GET BENCH_PATH (e.g. "/cases/{id}"), {id} replaced by a random line of BENCH_IDS on every request.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local ids = read_ids("BENCH_IDS")
local path = os.getenv("BENCH_PATH")
local headers = request_headers()

request = function()
  return wrk.format("GET", (path:gsub("{id}", ids[math.random(#ids)])), headers)
end
