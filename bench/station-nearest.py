#!/usr/bin/env python3
"""The nearest open station over 100,000 stations (issue #14: p99 <= 10 ms in the service, <= 50 ms through
the gateway at 200 req/s).

    bench/station-nearest.py [rate] [seconds] [stations]      (default 200 req/s for 30 s over 100,000)

Imports the stations first (25 福建 districts × 4,000, positions spread around 福州, 厦门 and 莆田, in
files of 20,000 rows straight to station-service as the administrator; an import is idempotent, so a
second run only finds them UNCHANGED), then asks from random positions near those cities, in GCJ-02,
for the 5 nearest stations open now with phone charging: open loop at a fixed rate, once straight to
station-service and once through the gateway, in the same run, after UNIONHUB_BENCH_WARMUP seconds
(default 90) of the same load through the gateway. Run the platform with the gateway's
per-address limit off: UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
"""
import json
import os
import random
import sys
import time

from benchlib import GATEWAY_PORT, WARMUP_SECONDS, call, cpu_ticks, fixed_rate, token

SERVICE_PORT = int(os.environ.get("UNIONHUB_STATION_PORT", "8084"))
CITIES = {"3501": (26.08, 119.30), "3502": (24.48, 118.09), "3503": (25.45, 119.01)}
DISTRICTS = ["350102", "350103", "350104", "350105", "350111", "350112", "350121", "350122", "350123", "350124", "350125",
             "350128", "350181", "350182", "350203", "350205", "350206", "350211", "350212", "350213", "350302", "350303",
             "350304", "350305", "350322"]
HOURS = ["24/7", "Mo-Su 08:00-20:00", "Mo-Fr 08:00-18:00; PH off", "Mo-Su 07:00-22:00; PH 09:00-17:00", "Mo-Su 22:00-06:00"]
SERVICES = ["PHONE_CHARGING|DRINKING_WATER|REST", "REST|FOOD_HEATING|DRINKING_WATER", "PHONE_CHARGING|WIFI|RESTROOM",
            "COOLING|HEATING|DRINKING_WATER|PHONE_CHARGING"]


def stations(total):
    rng = random.Random(100_000)
    per_district = -(-total // len(DISTRICTS))
    rows = []
    for district in DISTRICTS:
        lat0, lon0 = CITIES[district[:4]]
        for n in range(1, per_district + 1):
            if len(rows) == total:
                return rows
            rows.append("FJ-%s-%04d,基准站点%s-%d,SELF_BUILT,%s,福建省基准地址 %d 号,%.6f,%.6f,GCJ02,%s,\"%s\"" % (
                district, n, district, n, district, n, lat0 + rng.uniform(-0.25, 0.25), lon0 + rng.uniform(-0.3, 0.3),
                rng.choice(SERVICES), rng.choice(HOURS)))
    return rows


def load(admin, total):
    header = "number,name,type,district,address,latitude,longitude,datum,services,openingHours\n"
    rows = stations(total)
    started = time.perf_counter()
    counts = {"created": 0, "unchanged": 0, "updated": 0, "failed": 0}
    for i in range(0, len(rows), 20_000):
        status, body = call(SERVICE_PORT, "POST", "/api/v1/stations/imports", admin, header + "\n".join(rows[i:i + 20_000]),
                            "text/csv", timeout=600)
        if status != 200:
            sys.exit("import answered %s: %s" % (status, body[:300]))
        report = json.loads(body)
        for k in counts:
            counts[k] += report[k]
        print("  imported %d/%d (%.0f s)" % (min(i + 20_000, len(rows)), len(rows), time.perf_counter() - started), flush=True)
    seconds = time.perf_counter() - started
    print("import: %s in %.0f s (%.0f rows/s)" % (counts, seconds, len(rows) / seconds))


def main():
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 200
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    last = stations(total)[-1].split(",")[0]
    if call(SERVICE_PORT, "GET", "/api/v1/stations/" + last)[0] == 200:
        print("the %d stations are loaded already (%s answers): no import" % (total, last))
    else:
        load(token("admin-zhou"), total)
    rng = random.Random(7)
    paths = []
    for _ in range(2_000):
        lat0, lon0 = rng.choice(list(CITIES.values()))
        paths.append("/api/v1/stations/nearest?latitude=%.5f&longitude=%.5f&datum=GCJ02&service=PHONE_CHARGING&limit=5"
                     % (lat0 + rng.uniform(-0.2, 0.2), lon0 + rng.uniform(-0.25, 0.25)))
    status, body = call(GATEWAY_PORT, "GET", paths[0])
    if status != 200:
        sys.exit("nearest answered %s: %s" % (status, body[:300]))
    fixed_rate(GATEWAY_PORT, paths, None, rate, WARMUP_SECONDS)  # through the gateway: warms both
    print("%-8s %8s %8s %8s %8s %8s %12s" % ("", "p50 ms", "p99 ms", "max ms", "errors", "requests", "service CPU"))
    results = {}
    for name, port in (("direct", SERVICE_PORT), ("gateway", GATEWAY_PORT)):
        before = cpu_ticks()
        results[name] = fixed_rate(port, paths, None, rate, seconds)
        after = cpu_ticks()
        cpu = (after.get("station-service", 0) - before.get("station-service", 0)) / os.sysconf("SC_CLK_TCK") / seconds
        p50, p99, worst, errors, n = results[name]
        print("%-8s %8.1f %8.1f %8.1f %8d %8d %11.0f%%" % (name, p50, p99, worst, errors, n, cpu * 100))
    print("%.0f req/s for %.0f s over %d stations; gateway p99 / direct p99 = %.2f"
          % (rate, seconds, total, results["gateway"][1] / results["direct"][1]))


if __name__ == "__main__":
    main()
