-- wrk script: POST the body in $BODY_FILE (one-row inference request) with a JSON content type.
local file = io.open(os.getenv("BODY_FILE"), "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
