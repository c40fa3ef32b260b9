-- wrk reporter: one JSON line with request count, errors and latency percentiles (microseconds).
local proto = os.getenv("BENCH_FORWARDED_PROTO")
if proto then
  wrk.headers["X-Forwarded-Proto"] = proto
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f}\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
