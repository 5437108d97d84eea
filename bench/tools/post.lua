-- wrk script: POSTs the JSON body read from the file named by the first script argument.
function init(args)
  local f = assert(io.open(args[1], "r"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
