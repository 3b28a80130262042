#!/usr/bin/env python3
"""Complaint -> case routed -> visible on the worker's timeline: latency percentiles at a steady rate.

Each complaint is POSTed through the gateway at a fixed rate (open loop: a slow pipeline does not
slow the arrivals down); a poller per complaint reads the worker's own item through the gateway
every POLL_MS until its timeline shows ROUTED. (One watcher reads every pending complaint by its
tracking number each round — a unique-key lookup even on the embedded store; reading the worker's
whole list instead made the embedded store scan and sort all items 20 times a second, so the
measurement loaded the platform more than the complaints did.) The latency is from sending the POST to the first read that shows the routing, so it includes the outbox relay, Kafka, case-service's routing, the
second outbox and Kafka hop back, and feedback-service's timeline projection; the poll interval
bounds the resolution.

The gateway's per-user submission limit would refuse most complaints, so run the platform with it
off (the body size limit stays):
    UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
    bench/pipeline-latency.py [rate-per-second] [seconds]
"""
import concurrent.futures
import json
import os
import sys
import threading
import time
import urllib.request
import uuid

RATE = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
POLL_MS = 100
TIMEOUT_S = 60
GATEWAY = "http://127.0.0.1:%s" % os.environ.get("UNIONHUB_GATEWAY_PORT", "8080")
IDENTITY = "http://127.0.0.1:%s" % os.environ.get("UNIONHUB_IDENTITY_PORT", "9000")
BODY = json.dumps({"type": "COMPLAINT", "category": "CANTEEN_DORMITORY_COMMUTE", "channel": "MINI_PROGRAM",
                   "enterprise": "91330211MA2H3K5Q1G", "anonymous": False,
                   "text": "上下班单程要一个多小时，希望公司安排通勤车。"}).encode()


def call(method, url, token=None, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


def main():
    try:
        _, token = call("POST", IDENTITY + "/demo/tokens", body=json.dumps({"account": "worker-zhang-wei"}).encode())
    except OSError as e:
        sys.exit("no identity server at %s (%s): run UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up first" % (IDENTITY, e))
    token = token["access_token"]
    latencies, failures, lock, threads = [], [], threading.Lock(), []
    pending = {}  # tracking number -> monotonic time the POST was sent
    done = threading.Event()

    def one():
        started = time.monotonic()
        try:
            status, receipt = call("POST", GATEWAY + "/api/v1/feedback/submissions", token, BODY,
                                   {"Idempotency-Key": str(uuid.uuid4())})
            if status not in (200, 201):
                raise RuntimeError("HTTP %d" % status)
            with lock:
                pending[receipt["trackingNumber"]] = started
        except Exception as e:  # one failed complaint is reported, the run goes on
            with lock:
                failures.append(str(e))

    def routed(number):
        """The complaint's own item, by tracking number (a unique-key lookup in every store)."""
        try:
            _, item = call("GET", GATEWAY + "/api/v1/feedback/submissions/" + number, token)
            return any(step["kind"] == "ROUTED" for step in item["timeline"])
        except Exception as e:
            with lock:
                failures.append("poll: " + str(e))
            return False

    def watch():
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as readers:
            while not done.is_set() or pending:
                with lock:
                    numbers = list(pending)
                results = list(readers.map(routed, numbers))
                seen = time.monotonic()
                with lock:
                    for number, is_routed in zip(numbers, results):
                        started = pending.get(number)
                        if started is None:
                            continue
                        if is_routed:
                            latencies.append((seen - started) * 1000)
                            del pending[number]
                        elif seen - started > TIMEOUT_S:
                            failures.append("not routed within %d s" % TIMEOUT_S)
                            del pending[number]
                time.sleep(POLL_MS / 1000)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    total = int(RATE * SECONDS)
    begin = time.monotonic()
    for i in range(total):
        delay = begin + i / RATE - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=one, daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(15)
    done.set()
    watcher.join(TIMEOUT_S + 15)

    latencies.sort()
    def pct(p):
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))] if latencies else float("nan")
    print("complaint -> routed on the worker's timeline, through the gateway, %.1f/s for %.0f s (poll %d ms)"
          % (RATE, SECONDS, POLL_MS))
    print("%-10s %8s %8s %8s %8s %8s %8s" % ("", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "failed"))
    print("%-10s %8d %8.0f %8.0f %8.0f %8.0f %8d" % ("latency", len(latencies), pct(50), pct(90), pct(99),
                                                    latencies[-1] if latencies else float("nan"), len(failures)))
    if failures:
        print("first failures:", failures[:3])


if __name__ == "__main__":
    main()
