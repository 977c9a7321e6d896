-- wrk script: GET /api/users/me as many logged-in users (HTTP + auth + entity read, no write).
-- TOKENS_FILE: one bearer token per line. Prints one JSON line of figures at the end.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end

local thread_id = 0
function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

local n = 0
function request()
  n = n + 1
  local token = tokens[((n * 7 + (tid or 0) * 131) % #tokens) + 1]
  
  return wrk.format("GET", "/api/users/me",
    { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
                 + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"scenario":"profile","requests":%d,"throughput_rps":%.0f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
