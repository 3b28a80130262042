#!/usr/bin/env python3
"""Register import at a city's scale, through the gateway of a running platform.

    bench/register-import.py [rows]          (default 350000, seed 004's Qingdao)

Generates <rows> enterprises with valid unified social credit codes in the districts of the
reference data (plus 1 % bad rows), uploads the CSV as the city union's administrator, and follows
the import job until it is done: rows/s, and the CPU each platform process used. Then uploads the
same file again (nothing may change) and reports how long feedback-service's copy of the register
took to hold the last enterprise (the events of every registration travel through Kafka).
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
    rnd = random.Random(4)
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




def run_import(path, admin):
    before, started = cpu_ticks(), time.time()
    with open(path, "rb") as f:
        status, location, body = request("POST", "/api/v1/registry/imports/enterprises", admin, f,
                                         {"Content-Type": "text/csv", "Content-Length": str(os.path.getsize(path))})
    if status != 202:
        sys.exit("upload refused: %s %s" % (status, body[:300]))
    uploaded = time.time() - started
    while True:
        time.sleep(1)
        job = json.loads(request("GET", location, admin)[2])
        if job["status"] != "RUNNING":
            break
    elapsed = time.time() - started
    after = cpu_ticks()
    hz = os.sysconf("SC_CLK_TCK")
    cpu = {k: (after.get(k, 0) - v) / hz / elapsed * 100 for k, v in before.items()}
    return job, uploaded, elapsed, cpu


def main():
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
