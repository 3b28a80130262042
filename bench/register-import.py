#!/usr/bin/env python3
"""Register import at a city's scale, through the gateway of a running platform.

    bench/register-import.py [rows]                  (default 350000, seed 004's Qingdao)
    bench/register-import.py members [rows] [chunk]  (default 1000000 members in files of 500000)

Generates <rows> enterprises with valid unified social credit codes in the districts of the
reference data (plus 1 % bad rows), uploads the CSV as the city union's administrator, and follows
the import job until it is done: rows/s, and the CPU each platform process used. Then uploads the
same file again (nothing may change) and reports how long feedback-service's copy of the register
took to hold the last enterprise (the events of every registration travel through Kafka).
members: enrols <rows> generated workers (valid identity numbers, 1 % bad rows) into one demo
union, in files of <chunk> rows (the 64 MB upload limit holds about 1,000,000 rows), and reports
the rate; seed 002's 5,000,000 members are five such runs.
Run against `./unionhub up` (the demo register is loaded at its start).
"""
import http.client

from benchlib import GATEWAY_PORT, HOME, IDENTITY_PORT, REPO, cpu_ticks, token  # noqa: F401
import json
import os
import random
import sys
import time
from pathlib import Path

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
DISTRICTS = ["370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285"]
SECTIONS = "ABCDEFGHIJKLMNOPQRS"
SIZES = ["MICRO", "SMALL", "MEDIUM", "LARGE"]


def uscc(rnd, district):
    body = "91" + district + "MA" + "".join(rnd.choice(CHARS) for _ in range(7))
    return body + CHARS[(31 - sum(CHARS.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31]


def generate(rows, path):
    # Another UNIONHUB_BENCH_SEED gives other enterprises (a second measurement on the same platform).
    rnd = random.Random(int(os.environ.get("UNIONHUB_BENCH_SEED", "4")))
    seen, last = set(), None
    with open(path, "w", encoding="utf-8") as out:
        out.write("统一社会信用代码,企业名称,行政区划代码,行业门类,规模,地址\n")
        for i in range(rows):
            district = DISTRICTS[i % len(DISTRICTS)]
            code = uscc(rnd, district)
            while code in seen:
                code = uscc(rnd, district)
            seen.add(code)
            if i % 100 == 99:  # 1 % bad rows: a wrong check character
                code = code[:17] + ("0" if code[17] != "0" else "1")
            else:
                last = code
            out.write("%s,青岛测试企业%07d有限公司,%s,%s,%s,青岛市\n" % (code, i, district, SECTIONS[i % len(SECTIONS)], SIZES[i % 4]))
    return last




def request(method, path, auth, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", GATEWAY_PORT, timeout=120)
    h = {"Authorization": "Bearer " + auth}
    h.update(headers or {})
    c.request(method, path, body, h)
    r = c.getresponse()
    return r.status, r.getheader("Location"), r.read()




def run_import(path, admin, target="/api/v1/registry/imports/enterprises"):
    before, started = cpu_ticks(), time.time()
    with open(path, "rb") as f:
        status, location, body = request("POST", target, admin, f,
                                         {"Content-Type": "text/csv", "Content-Length": str(os.path.getsize(path))})
    if status != 202:
        sys.exit("upload refused: %s %s" % (status, body[:300]))
    uploaded = time.time() - started
    while True:
        time.sleep(1)
        status, _, body = request("GET", location, admin)
        if status != 200:  # a busy platform may time out one poll; the job goes on
            print("  poll answered %d; polling again" % status)
            continue
        job = json.loads(body)
        if job["status"] != "RUNNING":
            break
    elapsed = time.time() - started
    after = cpu_ticks()
    hz = os.sysconf("SC_CLK_TCK")
    cpu = {k: (after.get(k, 0) - v) / hz / elapsed * 100 for k, v in before.items()}
    return job, uploaded, elapsed, cpu


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def generate_members(start, rows, path):
    """Distinct identity numbers from a counter (birth dates 1960-2005, sequence 000-999)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("姓名,身份证号,手机号,职工类别\n")
        for i in range(start, start + rows):
            day, seq = divmod(i, 1000)
            year, rest = 1960 + day // 336 % 46, day % 336
            body = "370212%04d%02d%02d%03d" % (year, rest // 28 + 1, rest % 28 + 1, seq)
            check = "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS)) % 11]
            if i % 100 == 99:
                check = "0" if check != "0" else "1"
            out.write("职工%07d,%s%s,139%08d,%s\n" % (i, body, check, i % 100_000_000, "GIG_WORKER" if i % 3 == 0 else "REGULAR"))


def members(total, chunk):
    admin = token("admin-zhou")
    union = "GH-91330211MA2H3K5Q1G"
    done, started, path = 0, time.time(), Path(os.environ.get("TMPDIR", "/tmp")) / "unionhub-members.csv"
    try:
        while done < total:
            rows = min(chunk, total - done)
            generate_members(done, rows, path)
            job, uploaded, elapsed, cpu = run_import(path, admin, "/api/v1/members/enrolments?union=" + union)
            done += rows
            print("%d-%d: %s in %.1f s = %.0f rows/s; created %d, unchanged %d, rejected %d; CPU: %s"
                  % (done - rows, done, job["status"], elapsed, rows / elapsed, job["created"], job["unchanged"],
                     job["rejected"], ", ".join("%s %.0f" % (k, v) for k, v in sorted(cpu.items(), key=lambda kv: -kv[1]) if v >= 5)))
    finally:
        path.unlink(missing_ok=True)
    elapsed = time.time() - started
    print("%d members in %.0f s = %.0f rows/s (5,000,000 would take %.1f min)" % (total, elapsed, total / elapsed,
                                                                                 5_000_000 / (total / elapsed) / 60))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "members":
        members(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000, int(sys.argv[3]) if len(sys.argv) > 3 else 500_000)
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 350_000
    path = Path(os.environ.get("TMPDIR", "/tmp")) / ("unionhub-register-%d.csv" % rows)
    last = generate(rows, path)
    print("file: %s, %.1f MB, %d rows" % (path, path.stat().st_size / 1e6, rows))
    admin = token("admin-zhou")
    try:
        for attempt in ("first import", "same file again"):
            job, uploaded, elapsed, cpu = run_import(path, admin)
            print("%s: %s in %.1f s (upload %.1f s) = %.0f rows/s; created %d, updated %d, unchanged %d, rejected %d"
                  % (attempt, job["status"], elapsed, uploaded, job["rows"] / elapsed, job["created"], job["updated"],
                     job["unchanged"], job["rejected"]))
            print("  CPU %% of one core: " + ", ".join("%s %.0f" % (k, v) for k, v in sorted(cpu.items(), key=lambda kv: -kv[1]) if v >= 1))
            if attempt == "first import":
                started = time.time()
                while request("GET", "/api/v1/feedback/enterprises/" + last, admin)[0] != 200:
                    if time.time() - started > 1800:
                        print("  feedback-service's copy did not hold the last enterprise after 30 min")
                        break
                    time.sleep(2)
                else:
                    print("  feedback-service's copy held the last enterprise %.0f s after the import finished" % (time.time() - started))
    finally:
        path.unlink()


if __name__ == "__main__":
    main()
