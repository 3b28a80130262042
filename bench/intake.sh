#!/usr/bin/env bash
# Intake throughput: anonymous commute complaints POSTed by a signed-in worker, straight to
# feedback-service and through the gateway, measured in one run with wrk (loopback only, bounded).
# Every request creates a real item and a real event (outbox -> Kafka -> case-service).
#
# The gateway's per-user submission limit would turn most requests into 429s, so start the platform
# with rate limiting off for the measurement (the body size limit stays):
#   UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
#   bench/intake.sh [seconds] [connections]
set -euo pipefail
duration=${1:-20}
connections=${2:-8}
gateway=${UNIONHUB_GATEWAY_PORT:-8080}
service=${UNIONHUB_FEEDBACK_PORT:-8081}
identity=${UNIONHUB_IDENTITY_PORT:-9000}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)…"
  { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null || { echo "cannot install wrk" >&2; exit 2; }
fi
token=$(curl -sf "http://127.0.0.1:$identity/demo/tokens" -H 'Content-Type: application/json' \
        -d '{"account":"worker-zhang-wei"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/') \
  || { echo "no identity server on port $identity: run UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up first" >&2; exit 2; }

script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT
cat > "$script" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G","anonymous":true,"text":"上下班单程要一个多小时，希望公司安排通勤车。"}'
done = function(summary, latency, requests)
  io.write(string.format("STATS %d %d %d %.2f %.2f\n", summary.requests, summary.errors.status,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

run() { # warm up, then measure; prints "<requests/s> <non-2xx> <p50 ms> <p99 ms>"
  wrk -t2 -c"$connections" -d5s -s "$script" "$1" >/dev/null
  wrk -t2 -c"$connections" -d"${duration}s" -s "$script" "$1" | awk '/^STATS/ {printf "%.0f %d %.2f %.2f\n", $2 / ($4 / 1e6), $3, $5, $6}'
}
read -r d_rps d_err d_p50 d_p99 < <(run "http://127.0.0.1:$service/api/v1/feedback/submissions")
read -r g_rps g_err g_p50 g_p99 < <(run "http://127.0.0.1:$gateway/api/v1/feedback/submissions")
printf "%-10s %10s %10s %10s %10s\n" "" "req/s" "non-2xx" "p50 ms" "p99 ms"
printf "%-10s %10s %10s %10s %10s\n" direct "$d_rps" "$d_err" "$d_p50" "$d_p99" gateway "$g_rps" "$g_err" "$g_p50" "$g_p99"
awk -v d="$d_rps" -v g="$g_rps" 'BEGIN {printf "gateway/direct intake throughput %.2f ('"$connections"' connections, '"$duration"' s each)\n", g/d}'
