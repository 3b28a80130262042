#!/usr/bin/env bash
# What each part of the gateway costs per request. Starts a second gateway (port 18080, not registered
# in Eureka, same JVM options as ./unionhub) once per variant, each with one part switched off, drives
# the same trivial GET through it with wrk, and reads the gateway process's CPU time from /proc over the
# measured window: CPU microseconds per request is the figure that holds on a shared, noisy machine
# (throughput is printed too). The direct rate to the service is measured in the same run.
# Needs a running platform (./unionhub up) for Eureka and feedback-service.
#   bench/gateway-filters.sh [seconds] [connections] [variant ...]
# plain-netty is not Spring Cloud Gateway but bench/PlainProxy.java: the floor of any proxy on Reactor Netty here.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
warmup=${UNIONHUB_BENCH_WARMUP:-90}  # as the other benchmarks (bench/benchlib.py)
connections=${2:-8}
shift $(( $# > 2 ? 2 : $# ))
service_port=${UNIONHUB_FEEDBACK_PORT:-8081}
port=18080
path=/api/v1/feedback/categories
hz=$(getconf CLK_TCK)
jar=gateway/target/gateway.jar
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_opts=${UNIONHUB_GATEWAY_JAVA_OPTS:-"-Xms64m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=96m"}
log=$(mktemp -t gateway-filters.XXXXXX.log)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
curl -sf "http://127.0.0.1:$service_port$path" >/dev/null || { echo "feedback-service does not answer on $service_port: ./unionhub up first" >&2; exit 2; }
[ -f "$jar" ] || { echo "$jar missing: ./mvnw -q -DskipTests package" >&2; exit 2; }
export UNIONHUB_EUREKA_PASSWORD=${UNIONHUB_EUREKA_PASSWORD:-$(cat .unionhub/data/secrets/eureka.password)}

default_filters() { # the production default filters, optionally without one: circuit-breaker | retry
  local p=--spring.cloud.gateway.server.webflux.default-filters i=0
  if [ "${1:-}" = none ]; then echo "$p="; return; fi
  if [ "${1:-}" != circuit-breaker ]; then
    echo "$p[$i].name=CircuitBreaker $p[$i].args.fallbackUri=forward:/fallback"; i=$((i + 1))
  fi
  if [ "${1:-}" != retry ]; then
    echo "$p[$i].name=Retry $p[$i].args.retries=2 $p[$i].args.methods=GET,HEAD" \
         "$p[$i].args.statuses=BAD_GATEWAY,SERVICE_UNAVAILABLE,GATEWAY_TIMEOUT" \
         "$p[$i].args.exceptions=java.io.IOException,java.util.concurrent.TimeoutException"
  fi
}
direct_route="--spring.cloud.gateway.server.webflux.routes[0].id=feedback-service
  --spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:$service_port
  --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/v1/feedback/**"
observation_off="--management.tracing.enabled=false --management.observations.enable.all=false
  --spring.cloud.gateway.server.webflux.observability.enabled=false --spring.cloud.gateway.server.webflux.metrics.enabled=false"

# The limits stay on (their cost is part of every request) but never refuse: a refused request is a
# cheap 429 and would flatter the figures. Any non-2xx answer is counted and printed.
limits_wide="--unionhub.gateway.limits.per-address.capacity=2000000000 --unionhub.gateway.limits.per-user.capacity=2000000000"

variant_args() {
  case "$1" in
    production) ;;
    no-limits) echo "--unionhub.gateway.limits.enabled=false" ;;
    no-circuit-breaker) default_filters circuit-breaker ;;
    no-retry) default_filters retry ;;
    no-load-balancer) echo "$direct_route" ;;
    no-observation) echo "$observation_off" ;;
    no-tracing) echo "--management.tracing.enabled=false" ;;
    no-gateway-observability) echo "--spring.cloud.gateway.server.webflux.observability.enabled=false" ;;
    no-request-id) echo "--unionhub.gateway.request-id.enabled=false" ;;
    bare) echo "--unionhub.gateway.limits.enabled=false --unionhub.gateway.request-id.enabled=false $direct_route $observation_off"
          default_filters none ;;
    plain-netty) ;; # not Spring Cloud Gateway: bench/PlainProxy.java, started below
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

gateway_pid=
stop_gateway() {
  if [ -n "$gateway_pid" ]; then kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi
  gateway_pid=
}
netty_libs=
trap 'stop_gateway; rm -f "$log"; [ -z "$netty_libs" ] || rm -rf "$netty_libs"' EXIT
plain_netty_classpath() { # the gateway's own Netty and Reactor jars, from its boot jar, into $netty_libs (removed on exit)
  (cd "$netty_libs" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$OLDPWD/$jar" BOOT-INF/lib)
  ls "$netty_libs"/BOOT-INF/lib/{netty-,reactor-,reactive-streams}*.jar | tr '\n' ':'
}

ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
measure() { # <url> [pid] -> "<req/s> <p50 ms> <p99 ms> <cpu µs per request or -> <non-2xx answers>"
  local url=$1 pid=${2:-} before after out
  wrk -t1 -c"$connections" -d"${warmup}s" "$url" >/dev/null   # C2 compiles the hot path first
  [ -n "$pid" ] && before=$(ticks "$pid")
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency "$url")
  [ -n "$pid" ] && after=$(ticks "$pid")
  awk -v cpu="${after:-0}" -v cpu0="${before:-0}" -v hz="$hz" -v pid="$pid" '
    /requests in/ {n=$1}
    /Non-2xx/ {bad=$NF}
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.2f %.2f %s %d\n", rps, ms(p50), ms(p99), pid == "" ? "-" : sprintf("%.0f", (cpu - cpu0) / hz * 1e6 / n), bad}' <<<"$out"
}

variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(production no-request-id no-limits no-circuit-breaker no-retry no-load-balancer no-tracing
  no-gateway-observability no-observation bare plain-netty)
row() { printf "%-26s %8s %8s %8s %12s %8s\n" "$@"; }
row variant "req/s" "p50 ms" "p99 ms" "CPU µs/req" "non-2xx"
read -r rps p50 p99 _ bad < <(measure "http://127.0.0.1:$service_port$path")
row direct "$rps" "$p50" "$p99" "-" "$bad"
for variant in "${variants[@]}"; do
  if [ "$variant" = plain-netty ]; then
    [ -n "$netty_libs" ] || netty_libs=$(mktemp -d -t gateway-filters-libs.XXXXXX) # here, not in the subshell below
    # shellcheck disable=SC2086
    "$java_bin" $java_opts -cp "$(plain_netty_classpath)" bench/PlainProxy.java $port "http://127.0.0.1:$service_port" >>"$log" 2>&1 &
  else
  # shellcheck disable=SC2046
  "$java_bin" $java_opts -jar "$jar" --server.port=$port --eureka.client.register-with-eureka=false \
      --management.server.port=-1 --unionhub.security.jwt.issuer=http://localhost:${UNIONHUB_IDENTITY_PORT:-9000} \
      '--eureka.client.service-url.defaultZone=http://unionhub:${UNIONHUB_EUREKA_PASSWORD}@127.0.0.1:'"${UNIONHUB_EUREKA_PORT:-8761}"/eureka/ \
      $limits_wide $(variant_args "$variant") >>"$log" 2>&1 &
  fi
  gateway_pid=$!
  ready=0
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port$path" >/dev/null 2>&1 && { ready=1; break; }
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.5
  done
  [ $ready = 1 ] || { echo "gateway ($variant) does not route; log: $log" >&2; stop_gateway; trap - EXIT; exit 1; }
  read -r rps p50 p99 cpu bad < <(measure "http://127.0.0.1:$port$path" "$gateway_pid")
  row "$variant" "$rps" "$p50" "$p99" "$cpu" "$bad"
  stop_gateway
done
