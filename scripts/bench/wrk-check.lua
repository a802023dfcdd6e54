-- Checks every response wrk receives: a 200 whose body has the Content-Length it announced and,
-- when EXPECT_LENGTH is set, that length within LENGTH_SLACK bytes (a report page's count grows
-- by a digit now and then). Prints "checked N bad M" when wrk is done.
local threads = {}
local expected = tonumber(os.getenv("EXPECT_LENGTH") or "")
local slack = tonumber(os.getenv("LENGTH_SLACK") or "0")

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked = 0
  bad = 0
end

function response(status, headers, body)
  checked = checked + 1
  local announced = tonumber(headers["Content-Length"] or headers["content-length"] or "")
  local length = #body
  if status ~= 200 or announced ~= length or (expected and math.abs(length - expected) > slack) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local n, b = 0, 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("checked")
    b = b + thread:get("bad")
  end
  io.write(string.format("checked %d bad %d\n", n, b))
end
