"""What the benchmark drivers share: where the local platform listens, demo tokens, CPU per process."""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("UNIONHUB_HOME", REPO / ".unionhub"))
GATEWAY_PORT = int(os.environ.get("UNIONHUB_GATEWAY_PORT", "8080"))
IDENTITY_PORT = int(os.environ.get("UNIONHUB_IDENTITY_PORT", "9000"))
# Seconds of load at the measured rate before a latency figure is taken: a JVM reaches its steady state
# (the hot path compiled by C2, the gateway's included) only after a minute or more of traffic, and a
# production gateway has been running for days. UNIONHUB_BENCH_WARMUP=5 shows the cold figures.
WARMUP_SECONDS = float(os.environ.get("UNIONHUB_BENCH_WARMUP", "90"))


def token(account):
    """An access token for a demo account from the local identity server."""
    connection = http.client.HTTPConnection("127.0.0.1", IDENTITY_PORT, timeout=10)
    connection.request("POST", "/demo/tokens", json.dumps({"account": account}), {"Content-Type": "application/json"})
    response = connection.getresponse()
    if response.status != 200:
        sys.exit("no demo token for %s: run UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up first" % account)
    return json.loads(response.read())["access_token"]


def cpu_ticks():
    """CPU ticks used so far by each platform process (pid files in .unionhub/run)."""
    ticks = {}
    for pid_file in (HOME / "run").glob("*.pid"):
        try:
            fields = Path("/proc/%s/stat" % pid_file.read_text().strip()).read_text().rsplit(")", 1)[1].split()
            ticks[pid_file.stem] = int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return ticks


def context_switches():
    """Context switches so far of each platform process, summed over its live threads: a thread woken
    for one event costs a switch, so switches per operation show how much of the work is hand-offs."""
    switches = {}
    for pid_file in (HOME / "run").glob("*.pid"):
        total = 0
        for status in Path("/proc/%s/task" % pid_file.read_text().strip()).glob("*/status"):
            try:
                for line in status.read_text().splitlines():
                    if "ctxt_switches:" in line:
                        total += int(line.split(":")[1])
            except (OSError, ValueError):
                pass
        switches[pid_file.stem] = total
    return switches


_local = threading.local()


def call(port, method, path, auth=None, body=None, content_type="application/json", timeout=10, headers=None):
    """One request on this thread's kept-alive connection to a local port: (status, body); 599 when it failed."""
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    c = connections.get(port)
    if c is None:
        c = connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    # The kept-alive connection was opened by an earlier call, perhaps with another timeout (an import
    # of 20,000 rows after a 10-second lookup): this call's timeout applies.
    c.timeout = timeout
    if c.sock is not None:
        c.sock.settimeout(timeout)
    headers = dict(headers or {})
    if auth:
        headers["Authorization"] = "Bearer " + auth
    if body is not None:
        headers["Content-Type"] = content_type
    if isinstance(body, str):
        body = body.encode("utf-8")
    try:
        c.request(method, path, body, headers)
        r = c.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException):
        connections.pop(port, None)
        return 599, b""


def fixed_rate(port, paths, auth, rate, seconds):
    """GETs at a fixed rate, open loop: each latency counts from its scheduled time (no coordinated
    omission). Returns p50, p99, max (ms), failures and the number of requests."""
    latencies, failures = [], [0]
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def one(i):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        status, _ = call(port, "GET", paths[i % len(paths)], auth)
        elapsed = (time.perf_counter() - scheduled) * 1000
        with lock:
            latencies.append(elapsed)
            if status != 200:
                failures[0] += 1

    with ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(one, range(int(rate * seconds))))
    latencies.sort()
    q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    return q(0.5), q(0.99), latencies[-1], failures[0], len(latencies)


KAFKA_BOOTSTRAP = "127.0.0.1:%s" % os.environ.get("UNIONHUB_KAFKA_PORT", "9092")
# The services whose outboxes carry the complaint pipeline's events.
PIPELINE_PORTS = {"feedback-service": int(os.environ.get("UNIONHUB_FEEDBACK_PORT", "8081")),
                  "case-service": int(os.environ.get("UNIONHUB_CASE_PORT", "8082")),
                  "alert-service": int(os.environ.get("UNIONHUB_ALERT_PORT", "8086"))}


def _newest_jar(group_path, artifact):
    """The newest version of a jar in the local Maven repository (the build put kafka-clients there)."""
    base = Path.home() / ".m2/repository" / group_path / artifact
    versions = sorted((d for d in base.glob("*") if (d / ("%s-%s.jar" % (artifact, d.name))).exists()),
                      key=lambda d: [int(p) if p.isdigit() else 0 for p in d.name.replace("-", ".").split(".")])
    if not versions:
        sys.exit("%s not in ~/.m2: build the project first (./mvnw -B install -DskipTests)" % artifact)
    return str(versions[-1] / ("%s-%s.jar" % (artifact, versions[-1].name)))


MONGO_URI = "mongodb://127.0.0.1:%s" % os.environ.get("UNIONHUB_MONGO_PORT", "27017")


def store_commands():
    """The local store's command counters, {"database.collection command": count} (bench/StoreCommands.java)."""
    classpath = ":".join([_newest_jar("org/mongodb", a) for a in ("mongodb-driver-sync", "mongodb-driver-core", "bson")])
    out = subprocess.run(["java", "-cp", classpath, str(REPO / "bench/StoreCommands.java"), MONGO_URI],
                         capture_output=True, text=True, check=True).stdout
    return {target: int(n) for n, target in (line.split(" ", 1) for line in out.splitlines())}


def print_store_commands(before, after, units, unit):
    """Store commands per unit (complaint, redemption) between two snapshots: in all, then the largest by collection."""
    spent = {t: (after.get(t, 0) - before.get(t, 0)) / max(1, units) for t in after}
    by_collection = {}
    for target, n in spent.items():
        collection = target.rsplit(" ", 1)[0]
        by_collection[collection] = by_collection.get(collection, 0) + n
    print("        store commands per %s: %.1f — %s" % (unit, sum(spent.values()), ", ".join(
        "%s %.1f" % (c, n) for c, n in sorted(by_collection.items(), key=lambda kv: -kv[1]) if n >= 0.1)))


class PipelineDrain:
    """Whether the whole pipeline has worked through everything sent: every consumer group caught up with
    its topics (bench/ConsumerLag.java, which asks the broker only) and every pipeline service's outbox
    empty (its unionhub_outbox_oldest_age_seconds gauge, from the Prometheus endpoint)."""

    def __init__(self, interval_ms=2000):
        classpath = ":".join([_newest_jar("org/apache/kafka", "kafka-clients"), _newest_jar("org/slf4j", "slf4j-api")])
        self.process = subprocess.Popen(["java", "-cp", classpath, str(REPO / "bench/ConsumerLag.java"), KAFKA_BOOTSTRAP,
                                         str(interval_ms)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lag = None  # (epoch ms, records behind, the groups furthest behind)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            ms, total, *worst = line.split()
            self.lag = (int(ms), int(total), " ".join(worst))

    @staticmethod
    def outbox_waiting():
        """Seconds the oldest waiting event of each pipeline service has waited (0: its outbox is empty)."""
        ages = {}
        for name, port in PIPELINE_PORTS.items():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/actuator/prometheus")
            for line in connection.getresponse().read().decode().splitlines():
                if line.startswith("unionhub_outbox_oldest_age_seconds"):
                    ages[name] = float(line.rsplit(" ", 1)[1])
            connection.close()
        return ages

    def wait(self, deadline, after_ms):
        """Epoch seconds at which everything was through (a lag reading taken after after_ms), or None."""
        told = time.time()
        while time.time() < deadline:
            lag = self.lag
            waiting = self.outbox_waiting()
            if lag and lag[0] > after_ms and lag[1] == 0 and not any(waiting.values()):
                return lag[0] / 1000
            if time.time() - told >= 30:  # a long drain says where it stands
                print("waiting: %s records behind (furthest: %s), outboxes %s" % (lag[1] if lag else "?",
                      lag[2] if lag else "?", waiting), file=sys.stderr, flush=True)
                told = time.time()
            time.sleep(2)
        return None

    def close(self):
        self.process.kill()
        self.process.wait()
