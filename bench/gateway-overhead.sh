#!/usr/bin/env bash
# Gateway overhead: the same public GET, direct to the service and through the gateway, measured in
# one run with wrk (loopback only, bounded duration). Needs a running platform (./unionhub up).
#   bench/gateway-overhead.sh [seconds] [connections]
set -euo pipefail
duration=${1:-20}
connections=${2:-16}
gateway=${UNIONHUB_GATEWAY_PORT:-8080}
service=${UNIONHUB_FEEDBACK_PORT:-8081}
path=/api/v1/feedback/categories
# Load through the gateway (which warms the service too) before anything is measured: the gateway runs C2
# and reaches its steady state only after a minute or more of traffic. UNIONHUB_BENCH_WARMUP=5 for cold figures.
warmup=${UNIONHUB_BENCH_WARMUP:-90}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)…"
  { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null || { echo "cannot install wrk" >&2; exit 2; }
fi
for port in "$gateway" "$service"; do
  curl -sf "http://127.0.0.1:$port$path" >/dev/null || { echo "nothing answers on port $port: run ./unionhub up first" >&2; exit 2; }
done

run() { # warm up, then measure; prints "<requests/s> <p50 ms> <p99 ms> <non-2xx answers>"
  wrk -t2 -c"$connections" -d5s "$1" >/dev/null
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | awk '
    /Non-2xx/ {bad=$NF}
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.2f %.2f %d\n", rps, ms(p50), ms(p99), bad}'
}

wrk -t2 -c"$connections" -d"${warmup}s" "http://127.0.0.1:$gateway$path" >/dev/null
read -r d_rps d_p50 d_p99 d_bad < <(run "http://127.0.0.1:$service$path")
read -r g_rps g_p50 g_p99 g_bad < <(run "http://127.0.0.1:$gateway$path")
if [ "$d_bad" != 0 ] || [ "$g_bad" != 0 ]; then
  # A 429 from the per-address limit or a 503 fallback is far cheaper than a proxied answer: the
  # ratio would flatter the gateway (earlier figures in docs/benchmarks.md did).
  echo "non-2xx answers (direct $d_bad, gateway $g_bad): start the platform with UNIONHUB_GATEWAY_LIMITS_ENABLED=false" >&2
  exit 1
fi
printf "%-10s %10s %10s %10s\n" "" "req/s" "p50 ms" "p99 ms"
printf "%-10s %10s %10s %10s\n" direct "$d_rps" "$d_p50" "$d_p99" gateway "$g_rps" "$g_p50" "$g_p99"
awk -v d="$d_rps" -v g="$g_rps" -v dp="$d_p50" -v gp="$g_p50" \
  'BEGIN {printf "gateway/direct throughput %.2f, p50 latency x%.2f (%d connections, %ss each)\n", g/d, gp/dp, '"$connections"', '"$duration"'}'
