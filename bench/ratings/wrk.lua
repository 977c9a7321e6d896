-- wrk script for bench/ratings/run.sh. Many logged-in users, round robin (TOKENS_FILE: one bearer
-- token per line). MODE=ratings (default): POST /api/ratings with distinct products;
-- MODE=profile: GET /api/users/me (HTTP + auth + entity read, no journal write).
-- Prints one JSON line of figures at the end.
local mode = os.getenv("MODE") or "ratings"
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
  if mode == "profile" then
    return wrk.format("GET", "/api/users/me", { ["Authorization"] = "Bearer " .. token })
  end
  local body = string.format('{"productId":"p%d","score":%.1f}', n % 20000, 0.5 + (n % 10) * 0.5)
  return wrk.format("POST", "/api/ratings",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
                 + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"scenario":"%s","requests":%d,"throughput_rps":%.0f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d}\n',
    mode, summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
