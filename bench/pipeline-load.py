#!/usr/bin/env python3
"""Complaint pipeline under load, measured from Kafka timestamps: nothing polls the platform.

    bench/pipeline-load.py rate  <complaints-per-second> <seconds> [--collective]
    bench/pipeline-load.py burst <complaints> [concurrency]        [--collective]

rate:  an open-loop steady load through the gateway (a slow pipeline does not slow arrivals down).
burst: complaints sent as fast as intake answers, with <concurrency> clients (default 16); then the
       time until the last one's case is opened, whether the backlog drained oldest first, and the time
       until the whole pipeline is through: every consumer group caught up with its topics (the
       timeline, the bulletin, the enterprise pages, the risk monitor...) and every outbox empty.
       The CPU figures of a burst run until then.

Latency = Kafka timestamp of the complaint's cn.unionhub.case.opened.v1 record (set by case-service's
outbox relay when it sends the event, i.e. once the case is opened and routed) minus the moment the
POST was sent. The records are read with kcat after the run, so the measurement adds no load.
Timeline latency = the moment the ROUTED entry arrives on the worker's own timeline stream
(server-sent events through the gateway, one connection per worker, as their app would hold it)
minus the moment the POST was sent: what the worker sees, pushed, without polling.
--collective: every complaint is about unpaid wages at one enterprise (宁波富德能源), by twelve
workers in turn: the collective-dispute case, where per-enterprise history grows fastest.

The gateway's per-user submission limit would refuse most complaints, so run the platform with it
off (the body size limit stays):
    UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
Also prints the CPU each platform process used during the run (from /proc, pid files in .unionhub/run).

Before measuring it warms the platform up: 90 s at 50 complaints/s, then rounds of 30 s at the measured rate
(100/s before a burst) until the latency settles (two rounds within a fifth of each other), at least two; each phase until the pipeline is through
(UNIONHUB_BENCH_WARMUP=<seconds>, UNIONHUB_BENCH_WARMUP_RATE=<per second>, UNIONHUB_BENCH_WARMUP_ROUNDS=<at most,
default 6>; UNIONHUB_BENCH_WARMUP=0 for the cold figures of a platform that just started).
"""
import http.client

from benchlib import GATEWAY_PORT, HOME, IDENTITY_PORT, KAFKA_BOOTSTRAP, REPO, WARMUP_SECONDS, PipelineDrain, context_switches, cpu_ticks, print_store_commands, store_commands, token  # noqa: F401
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FUDE = "91330211MA2H3K5Q1G"
OPENED = "cn.unionhub.case.opened.v1"
WAIT_S = 300
DRAIN_WAIT_S = 900


def body(collective):
    if collective:
        return json.dumps({"type": "COMPLAINT", "category": "WAGES_ARREARS", "channel": "MINI_PROGRAM",
                           "enterprise": FUDE, "anonymous": False, "workerGroup": "MIGRANT_WORKER",
                           "text": "公司已经两个月没发工资了。",
                           "details": {"amountOwedFen": 500000, "workersAffected": 30}}).encode()
    return json.dumps({"type": "COMPLAINT", "category": "CANTEEN_DORMITORY_COMMUTE", "channel": "MINI_PROGRAM",
                       "enterprise": FUDE, "anonymous": True,
                       "text": "上下班单程要一个多小时，希望公司安排通勤车。"}).encode()




class Sender:
    """One keep-alive connection per client thread; records when each complaint was sent."""

    def __init__(self, tokens, payload):
        self.tokens, self.payload = tokens, payload
        self.local = threading.local()
        self.lock = threading.Lock()
        self.sent = {}  # tracking number -> (sequence, epoch ms when the POST was sent)
        self.failures = []
        self.last_answer = 0.0

    def send(self, sequence):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection("127.0.0.1", GATEWAY_PORT, timeout=30)
        started = time.time()
        try:
            connection.request("POST", "/api/v1/feedback/submissions", self.payload, {
                "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4()),
                "Authorization": "Bearer " + self.tokens[sequence % len(self.tokens)]})
            response = connection.getresponse()
            answer = response.read()
            if response.status != 201:
                raise RuntimeError("HTTP %d %s" % (response.status, answer[:200]))
            with self.lock:
                self.sent[json.loads(answer)["trackingNumber"]] = (sequence, started * 1000)
                self.last_answer = max(self.last_answer, time.time())
        except Exception as e:  # one failed complaint is reported, the run goes on
            self.local.connection = None
            with self.lock:
                self.failures.append(str(e))


def opened_since(start_ms, numbers):
    """Kafka timestamp of each complaint's case.opened record, read with kcat from start_ms on."""
    out = subprocess.run(["kcat", "-C", "-b", KAFKA_BOOTSTRAP, "-t", "case.events", "-o", "s@%d" % start_ms, "-e", "-q", "-J"],
                         capture_output=True, text=True, timeout=300).stdout
    found = {}
    for line in out.splitlines():
        record = json.loads(line)
        headers = record.get("headers") or []
        header = dict(zip(headers[0::2], headers[1::2]))
        if header.get("ce_type") != OPENED:
            continue
        number = json.loads(record["payload"]).get("trackingNumber")
        if number in numbers:
            found[number] = record["ts"]
    return found




class TimelineWatch:
    """One timeline stream per worker through the gateway; notes when each item's ROUTED entry arrives.
    A stream that ends during the run is resumed with Last-Event-ID, as the worker's app would, and
    counted in `resumed` (the benchmark says so: a stream that ends is a finding, not a detail)."""

    def __init__(self, tokens):
        self.routed = {}  # tracking number -> epoch ms the ROUTED entry arrived
        self.lock = threading.Lock()
        self.connections = []
        self.closed = False
        self.resumed = 0
        for t in set(tokens):
            response = self.open(t, None)
            threading.Thread(target=self.follow, args=(t, response), daemon=True).start()

    def open(self, token, last_id):
        connection = http.client.HTTPConnection("127.0.0.1", GATEWAY_PORT, timeout=None)
        headers = {"Accept": "text/event-stream", "Authorization": "Bearer " + token}
        if last_id is not None:
            headers["Last-Event-ID"] = last_id
        connection.request("GET", "/api/v1/feedback/submissions/mine/stream", headers=headers)
        response = connection.getresponse()
        if response.status != 200:
            raise RuntimeError("timeline stream: HTTP %d" % response.status)
        self.connections.append(connection)
        return response

    def follow(self, token, response):
        last_id = None
        while True:
            last_id = self.read(response, last_id)
            if self.closed:
                return
            self.resumed += 1
            print("timeline stream ended after entry %s; resuming" % last_id, file=sys.stderr, flush=True)
            try:
                response = self.open(token, last_id)
            except Exception as e:  # noqa: BLE001 - the platform is gone: the run reports what arrived
                print("timeline stream could not resume: %s" % e, file=sys.stderr, flush=True)
                return

    def read(self, response, last_id):
        name, data = None, None
        try:
            for raw in iter(response.readline, b""):
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data = line[5:].strip()
                elif line.startswith("id:"):
                    last_id = line[3:].strip()
                elif line == "":
                    if name == "timeline" and data:
                        entry = json.loads(data)
                        if entry.get("kind") == "ROUTED":
                            with self.lock:
                                self.routed.setdefault(entry["trackingNumber"], time.time() * 1000)
                    name, data = None, None
        except Exception:  # noqa: BLE001 - closed by close() at the end of the run, or by the other side
            pass
        return last_id

    def close(self):
        self.closed = True
        for c in self.connections:
            c.close()


def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def send_at(rate, total, sender):
    """An open-loop load: complaint i is sent at i / rate seconds, however slowly the platform answers."""
    with ThreadPoolExecutor(max_workers=64) as pool:
        begin = time.monotonic()
        for i in range(total):
            delay = begin + i / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(sender.send, i)


def warm_up(tokens, collective, rate):
    """Load before anything is measured: the busy services run C2 and reach their steady state only after
    minutes of traffic (a run straight after `./unionhub up` spends much of its CPU compiling), while a
    city's platform has been running for days. First UNIONHUB_BENCH_WARMUP seconds (default 90) at
    UNIONHUB_BENCH_WARMUP_RATE complaints/s (default 50); then rounds of 30 s at the rate to be measured,
    at least two, more while a round's p95 (complaint -> case opened) still differs from the round's before by
    more than a fifth, either way, at most UNIONHUB_BENCH_WARMUP_ROUNDS (default 6). A fixed 90 s at 50/s left
    the first measured run at 100/s several times slower than the next (p95 3.6-18x, docs/benchmarks.md); a
    round slower than the one before is not settled either (C2 still compiling, the heap still growing: the
    first run after `up` in session 30 stopped after such a round and missed its p95 targets). Every phase waits
    until the whole pipeline is through. The rounds are printed: they are the cold figures.
    UNIONHUB_BENCH_WARMUP=0 measures the cold platform."""
    if WARMUP_SECONDS <= 0:
        return
    first_rate = float(os.environ.get("UNIONHUB_BENCH_WARMUP_RATE", "50"))
    rounds = int(os.environ.get("UNIONHUB_BENCH_WARMUP_ROUNDS", "6"))
    print("warming up: %.0f s at %.0f complaints/s, then rounds of 30 s at %.0f/s until the latency settles "
          "(UNIONHUB_BENCH_WARMUP=0 for cold figures)" % (WARMUP_SECONDS, first_rate, rate), file=sys.stderr, flush=True)
    load_until_through(first_rate, WARMUP_SECONDS, tokens, collective)
    previous = None
    for n in range(1, rounds + 1):
        latencies = load_until_through(rate, 30, tokens, collective)
        p95 = pct(latencies, 95)
        print("warm-up round %d, %.0f/s for 30 s: complaint -> case opened p50 / p95 / p99 %.0f / %.0f / %.0f ms"
              % (n, rate, pct(latencies, 50), p95, pct(latencies, 99)), file=sys.stderr, flush=True)
        if n >= 2 and previous * 0.8 <= p95 <= previous * 1.2:
            return
        previous = p95
    print("warm-up: the latency had not settled after %d rounds; measuring anyway" % rounds, file=sys.stderr, flush=True)


def load_until_through(rate, seconds, tokens, collective):
    """rate complaints/s for seconds, then wait until the whole pipeline is through; the sorted latencies
    complaint -> case opened (ms)."""
    sender, drain, start_ms = Sender(tokens, body(collective)), PipelineDrain(), int(time.time() * 1000) - 1000
    send_at(rate, int(rate * seconds), sender)
    drain.wait(time.time() + DRAIN_WAIT_S, int(time.time() * 1000))
    drain.close()
    found = opened_since(start_ms, set(sender.sent))
    return sorted(found[n] - sender.sent[n][1] for n in found)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    collective = "--collective" in sys.argv
    if not args or args[0] not in ("rate", "burst"):
        sys.exit(__doc__)
    subprocess.run([str(REPO / "tools/ensure-tools.sh"), "kcat:kcat"], check=True)
    tokens = [token("worker-%02d" % n) for n in range(1, 13)] if collective else [token("worker-zhang-wei")]
    warm_up(tokens, collective, float(args[1]) if args[0] == "rate" else 100.0)
    sender = Sender(tokens, body(collective))
    watch = TimelineWatch(tokens)
    drain = PipelineDrain() if args[0] == "burst" else None
    commands_before = store_commands()
    ticks_before, wall_before, switches_before = cpu_ticks(), time.time(), context_switches()
    client_before = os.times()
    start_ms = int(time.time() * 1000) - 1000
    if args[0] == "rate":
        rate, seconds = float(args[1]), float(args[2])
        total = int(rate * seconds)
        send_at(rate, total, sender)
        title = "%.0f complaints/s for %.0f s through the gateway" % (rate, seconds)
    else:
        total, concurrency = int(args[1]), int(args[2]) if len(args) > 2 else 16
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(sender.send, range(total)))
        title = "burst of %d complaints through the gateway, %d clients" % (total, concurrency)
    intake_s = sender.last_answer - start_ms / 1000 - 1

    numbers = set(sender.sent)
    deadline, found = time.time() + WAIT_S, {}
    while time.time() < deadline:
        found = opened_since(start_ms, numbers)
        if len(found) == len(numbers):
            break
        time.sleep(2)
    through, behind_when_opened = None, None
    if drain:
        behind_when_opened = drain.lag  # what was still behind when every case was open
        through = drain.wait(time.time() + DRAIN_WAIT_S, int(time.time() * 1000))
        drain.close()
    # The timeline is written in the background after its consumer has moved on (and one worker's
    # entries in turn), so the worker seeing every ROUTED entry is part of "through" too.
    deadline, told = time.time() + (DRAIN_WAIT_S if drain else 30), time.time()
    while time.time() < deadline and len(watch.routed) < len(found):
        if time.time() - told >= 30:
            print("waiting: %d of %d ROUTED entries on the timeline" % (len(watch.routed), len(found)),
                  file=sys.stderr, flush=True)
            told = time.time()
        time.sleep(0.5)
    if through and watch.routed:
        through = max(through, max(watch.routed.values()) / 1000) if len(watch.routed) >= len(found) else None
    ticks_after, wall_after, switches_after = cpu_ticks(), time.time(), context_switches()
    client_after = os.times()
    commands_after = store_commands()
    watch.close()

    latencies = sorted(found[n] - sender.sent[n][1] for n in found)
    print(title + ("  (collective: one enterprise, wage arrears)" if collective else ""))
    if watch.resumed:
        print("the timeline stream ended %d time(s) during the run and was resumed with Last-Event-ID" % watch.resumed)
    print("%-28s %7s %7s %7s %7s %7s %7s %7s" % ("", "sent", "failed", "opened", "p50 ms", "p95 ms", "p99 ms", "max ms"))
    print("%-28s %7d %7d %7d %7.0f %7.0f %7.0f %7.0f" % ("complaint -> case opened", total, len(sender.failures),
          len(found), pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies[-1] if latencies else float("nan")))
    seen = sorted(watch.routed[n] - sender.sent[n][1] for n in watch.routed if n in sender.sent)
    print("%-28s %7d %7d %7d %7.0f %7.0f %7.0f %7.0f" % ("complaint -> on timeline", total, len(sender.failures),
          len(seen), pct(seen, 50), pct(seen, 95), pct(seen, 99), seen[-1] if seen else float("nan")))
    if args[0] == "burst" and found:
        last = max(found.values()) / 1000 - start_ms / 1000 - 1
        print("intake %.1f s (%.0f complaints/s); every case opened after %.1f s" % (intake_s, len(numbers) / intake_s, last))
        if behind_when_opened:
            print("then still behind: %d records (furthest: %s)" % behind_when_opened[1:])
        order = sorted(found, key=lambda n: sender.sent[n][0])
        tenth = max(1, len(order) // 10)
        print("case opened (s after the burst began) by tenth of the burst, in sending order — oldest first drains rising:")
        print("  " + " ".join("%.1f" % (pct(sorted(found[n] for n in order[d * tenth:(d + 1) * tenth]), 50) / 1000
                                        - start_ms / 1000 - 1) for d in range(10)))
        if through:
            print("whole pipeline through (every consumer caught up, every outbox empty, every ROUTED entry on the "
                  "worker's timeline) after %.1f s" % (through - start_ms / 1000 - 1))
        else:
            print("whole pipeline NOT through %d s after the last case opened; furthest behind: %s; on the timeline: %d"
                  % (DRAIN_WAIT_S, drain.lag[2] if drain.lag else "?", len(watch.routed)))
    seconds = wall_after - wall_before
    hz = os.sysconf("SC_CLK_TCK")
    usage = {name: (ticks_after.get(name, 0) - ticks_before.get(name, 0)) / hz / seconds * 100 for name in ticks_after}
    print("CPU during the run (%% of one core, %.0f s): %s" % (seconds, ", ".join(
        "%s %.0f" % (name, value) for name, value in sorted(usage.items(), key=lambda kv: -kv[1]) if value >= 1)))
    # The driver shares the machine with the platform: what it used is CPU the platform did not have.
    client = client_after.user + client_after.system - client_before.user - client_before.system
    print("CPU of this benchmark's own client during the run: %.0f %% of one core" % (client / seconds * 100))
    # CPU time per complaint is steadier than latency on a shared machine: compare runs by it.
    spent = {name: (ticks_after.get(name, 0) - ticks_before.get(name, 0)) / hz * 1000 / max(1, len(found))
             for name in ticks_after}
    print("CPU per complaint (ms, %d opened): total %.1f — %s" % (len(found), sum(spent.values()), ", ".join(
        "%s %.1f" % (name, value) for name, value in sorted(spent.items(), key=lambda kv: -kv[1]) if value >= 0.5)))
    switched = {name: (switches_after.get(name, 0) - switches_before.get(name, 0)) / max(1, len(found))
                for name in switches_after}
    print("context switches per complaint: total %.0f — %s" % (sum(switched.values()), ", ".join(
        "%s %.0f" % (name, value) for name, value in sorted(switched.items(), key=lambda kv: -kv[1]) if value >= 1)))
    print_store_commands(commands_before, commands_after, len(found), "complaint")
    if sender.failures:
        print("first failures:", sender.failures[:3])


if __name__ == "__main__":
    main()
