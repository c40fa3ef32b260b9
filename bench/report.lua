-- wrk reporter: one JSON line with request count, errors, latency percentiles (microseconds) and how many
-- responses said HIT or MISS in the X-Cache header (or BENCH_CACHE_HEADER); responses without it are not
-- counted.
local proto = os.getenv("BENCH_FORWARDED_PROTO")
if proto then
  wrk.headers["X-Forwarded-Proto"] = proto
end
local cache_header = os.getenv("BENCH_CACHE_HEADER") or "X-Cache"
local cache_header_lower = cache_header:lower()

local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  hits = 0
  misses = 0
end

response = function(status, headers, body)
  local outcome = headers[cache_header] or headers[cache_header_lower]
  if outcome then
    if outcome:sub(1, 3) == "HIT" then
      hits = hits + 1
    elseif outcome:sub(1, 4) == "MISS" then
      misses = misses + 1
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local hit_total, miss_total = 0, 0
  for _, thread in ipairs(threads) do
    hit_total = hit_total + (thread:get("hits") or 0)
    miss_total = miss_total + (thread:get("misses") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "p50_us": %.0f, "p95_us": %.0f, '
      .. '"p99_us": %.0f, "cache_hits": %d, "cache_misses": %d}\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), hit_total, miss_total))
end
