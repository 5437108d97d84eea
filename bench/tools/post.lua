-- wrk script: POSTs the JSON body read from the file named by the first script argument. A body containing
-- __SEQ__ (mutations that need unique values) gets it replaced per request by <thread>-<counter>-<run>.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  local f = assert(io.open(args[1], "r"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  templated = wrk.body:find("__SEQ__", 1, true) ~= nil
  counter = 0
  run = tostring(args[2] or "0")
end
function request()
  if not templated then
    return wrk.format()
  end
  counter = counter + 1
  local body = wrk.body:gsub("__SEQ__", tostring(tid) .. "-" .. counter .. "-" .. run)
  return wrk.format(nil, nil, nil, body)
end
