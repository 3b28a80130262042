#!/usr/bin/env python3
"""Card and member lookups through the gateway at a fixed rate (issue #11: p99 <= 50 ms at 200 req/s).

    bench/lookup-latency.py [rate] [seconds]        (default 200 req/s for 30 s)

Open loop: requests are scheduled at the rate whatever the answers do, and each latency is measured
from its scheduled time (no coordinated omission). Half the requests read a card by its number, half
a member by id, as a district union's staff member; the same lookups direct to member-card-service
in the same run give the gateway's share. Both are measured after UNIONHUB_BENCH_WARMUP seconds
(default 90) of the same load through the gateway. The gateway's per-user rate limit would refuse most of
them, so run the platform with it off: UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
"""
from benchlib import GATEWAY_PORT, WARMUP_SECONDS, call, fixed_rate, token
import json
import os
import sys

SERVICE_PORT = int(os.environ.get("UNIONHUB_MEMBER_CARD_PORT", "8083"))


def main():
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 200
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30
    staff, worker = token("staff-chen-jing"), token("worker-zhang-wei")
    status, body = call(GATEWAY_PORT, "GET", "/api/v1/members/me", worker)
    if status != 200:
        sys.exit("worker-zhang-wei has no membership (%s): is the demo register loaded?" % status)
    member = json.loads(body)["memberId"]
    call(GATEWAY_PORT, "POST", "/api/v1/member-cards", staff, json.dumps({"memberId": member, "cardType": "MEMBER_SERVICE_CARD"}))
    status, body = call(GATEWAY_PORT, "GET", "/api/v1/member-cards/mine", worker)
    cards = json.loads(body) if status == 200 else []
    if not cards:
        sys.exit("no card for worker-zhang-wei: %s %s" % (status, body[:200]))
    number = cards[0]["number"]
    paths = ["/api/v1/member-cards/" + number, "/api/v1/members/" + member]
    fixed_rate(GATEWAY_PORT, paths, staff, rate, WARMUP_SECONDS)  # through the gateway: warms both
    print("%-8s %8s %8s %8s %8s %8s" % ("", "p50 ms", "p99 ms", "max ms", "errors", "requests"))
    results = {}
    for name, port in (("direct", SERVICE_PORT), ("gateway", GATEWAY_PORT)):
        results[name] = fixed_rate(port, paths, staff, rate, seconds)
        p50, p99, worst, errors, n = results[name]
        print("%-8s %8.1f %8.1f %8.1f %8d %8d" % (name, p50, p99, worst, errors, n))
    print("%.0f req/s for %.0f s; gateway p99 / direct p99 = %.2f" % (rate, seconds, results["gateway"][1] / results["direct"][1]))


if __name__ == "__main__":
    main()
