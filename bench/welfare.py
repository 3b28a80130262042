#!/usr/bin/env python3
"""Welfare money on the local stack (issue #16), against a running platform:

    bench/welfare.py grant [members]        the 2,725-member coupon grant (seed 001): one batch, timed (<= 10 s)
    bench/welfare.py crash [members]        the same grant, member-card-service killed with kill -9 halfway and
                                            started again: every member paid exactly once, reconciliation clean
    bench/welfare.py race [requests]        64 orders at once with one pay code, each sent twice: exactly one is
                                            held (a code pays one order), every duplicate answered as its first
    bench/welfare.py latency [rate] [secs]  redemption (hold + payment) at a fixed rate, straight to the service
                                            and through the gateway in the same run (p99 <= 100 ms at 100/s),
                                            after warm-up rounds of 30 s through the gateway (printed; see warm_up);
                                            UNIONHUB_BENCH_BY_SECOND=1 also prints the latency by second of the run

Run the platform first with the gateway's per-address limit off: UNIONHUB_GATEWAY_LIMITS_ENABLED=false ./unionhub up
Everything it makes is new each run (a campaign, its members' coupons) except the 崂山区 accounts, the
merchant 370212-0001 and the sanitation workers' joint union and members, which a second run finds.
The till sends each card with its pay code: the redemption runs' members are linked to the local
identity server's benchmark workers (laoshan-worker-0001 …), whose pay keys the benchmark fetches as
their apps would, and computes the codes (RFC 6238) as the apps show them. A code pays one order, so each card
pays at most one order per 30-second step (the app's next code is accepted a step early, once): the latency runs
need rate x 30 cards, as a city's tills serve different members, not one member fifteen times in 30 seconds.
"""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import struct
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from benchlib import GATEWAY_PORT, HOME, IDENTITY_PORT, REPO, call, cpu_ticks, print_store_commands, store_commands, token

SERVICE_PORT = int(os.environ.get("UNIONHUB_MEMBER_CARD_PORT", "8083"))
LAOSHAN = "370212"
MERCHANT = "370212-0001"
TIER = 30_000


def resident_id(n):
    """A valid, distinct resident identity number per n (born in 崂山区; GB 11643 check character)."""
    born = datetime.date(1975, 1, 1) + datetime.timedelta(days=n // 1000)
    body = "370212%s%03d" % (born.strftime("%Y%m%d"), n % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def till_token():
    basic = base64.b64encode(("merchant-%s:local-demo-merchant-secret" % MERCHANT).encode()).decode()
    c = http.client.HTTPConnection("127.0.0.1", IDENTITY_PORT, timeout=10)
    c.request("POST", "/oauth2/token", "grant_type=client_credentials",
              {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    if r.status != 200:
        sys.exit("no till token (%s): is the identity server running with the local profile?" % r.status)
    return json.loads(r.read())["access_token"]


def must(status_body, *ok):
    status, body = status_body
    if status not in ok:
        sys.exit("answered %s: %s" % (status, body[:400].decode("utf-8", "replace")))
    return json.loads(body) if body else None


def post(port, path, auth, payload, key=None, ok=(200, 201)):
    answer = call(port, "POST", path, auth, json.dumps(payload), timeout=120, headers={"Idempotency-Key": key} if key else None)
    if answer[0] == 599:  # a kept-alive connection to a restarted service: once more on a new one (every POST here is keyed)
        answer = call(port, "POST", path, auth, json.dumps(payload), timeout=120, headers={"Idempotency-Key": key} if key else None)
    return must(answer, *ok)


def setup(staff, members, base=0):
    """The district's accounts, the merchant, and `members` sanitation workers in a joint union (found on a second run)."""
    for kind, label in (("SETTLEMENT", "银行存款"), ("UNION_FUND", "工会经费")):
        post(SERVICE_PORT, "/api/v1/welfare/accounts", staff, {"kind": kind, "owner": LAOSHAN, "label": label})
    if call(SERVICE_PORT, "GET", "/api/v1/merchants/" + MERCHANT, staff)[0] == 404:
        made = post(SERVICE_PORT, "/api/v1/merchants", staff, {"name": "崂山惠民超市", "category": "超市"})
        if made["id"] != MERCHANT:
            sys.exit("the first merchant of %s is %s, not %s: use a fresh data directory" % (LAOSHAN, made["id"], MERCHANT))
    union = post(SERVICE_PORT, "/api/v1/registry/unions", staff, {"kind": "JOINT_UNION", "name": "崂山区环卫工人联合工会",
                 "district": LAOSHAN, "trade": "环卫", "chairName": "孙主席", "chairMobile": "13912345678"})["id"]
    ids = []
    for i in range(0, members, 1000):
        rows = [{"name": "环卫工%04d" % (n % 10000), "idNumber": resident_id(base + n), "workerGroup": "农民工"}
                for n in range(i, min(members, i + 1000))]
        for row in post(SERVICE_PORT, "/api/v1/members/enrolments?union=" + union, staff, rows):
            if row["result"] not in ("ENROLLED", "ALREADY_MEMBER"):
                sys.exit("enrolment row %s: %s" % (row["row"], row))
            ids.append(row["memberId"])
    return ids


def campaign(staff, admin, members, run, per_day=0):
    """A new campaign with its budget funded for one 300-yuan coupon per member."""
    # Money from the bank above 1,000,000 yuan a day per person takes two people: the district's clerk proposes it as a
    # hold, the city union's administrator posts it.
    held = post(SERVICE_PORT, "/api/v1/welfare/transfers", staff, {"kind": "HOLD", "debitAccount": "settlement:" + LAOSHAN,
                "creditAccount": "fund:" + LAOSHAN, "amountFen": TIER * len(members), "code": "funding", "holdSeconds": 3600},
                key="bench-fund-" + run)
    post(SERVICE_PORT, "/api/v1/welfare/transfers", admin, {"kind": "POST", "holdId": held["id"]}, key="bench-fund-post-" + run)
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
    cid = "bench-" + run
    post(SERVICE_PORT, "/api/v1/welfare/campaigns", staff, {"id": cid, "name": "环卫工人消费券（基准）", "tiersFen": [10000, 20000, TIER],
         "thresholdFen": 10000, "discountFen": 2000, "firstDay": today, "lastDay": today, "merchants": [MERCHANT],
         "redemptionsPerDay": per_day})
    post(SERVICE_PORT, "/api/v1/welfare/transfers", staff, {"debitAccount": "fund:" + LAOSHAN, "creditAccount": "budget:" + cid,
         "amountFen": TIER * len(members), "code": "campaign-budget"}, key="bench-budget-" + run)
    return cid


def reconcile(admin):
    report = post(SERVICE_PORT, "/api/v1/welfare/reconciliations", admin, {})
    print("reconciliation: clean=%s, %d accounts, %d lines, %d finished in flight, violations %s" % (
        report["clean"], report["accounts"], report["entries"], report["inFlight"], report["violations"][:5]))
    return report["clean"]


def grant(staff, cid, members, key):
    started = time.perf_counter()
    result = post(SERVICE_PORT, "/api/v1/welfare/campaigns/%s/grants" % cid, staff, {"tierFen": TIER, "members": members}, key=key)
    return result, time.perf_counter() - started


def check_paid_once(staff, cid, members):
    wrong = []
    with ThreadPoolExecutor(8) as pool:
        for m, (status, body) in zip(members, pool.map(
                lambda m: call(SERVICE_PORT, "GET", "/api/v1/welfare/accounts/coupon:%s.%s" % (cid, m), staff), members)):
            if status != 200 or json.loads(body)["balanceFen"] != TIER or json.loads(body)["lines"] != 1:
                wrong.append((m, status, body[:120]))
    return wrong


# The redemption runs' members: identity numbers from these bases, each linked to benchmark worker N + i
# (the identity server's laoshan-worker-0001 … 3100: the latency runs take 30 per redemption a second, the race the last).
LATENCY_BASE, RACE_BASE = 50_000, 60_000
WORKER_ACCOUNTS = 3100


def pay_code(key, at=None):
    """The code a worker app shows for this base32 pay key (RFC 6238: HMAC-SHA1, 30-s steps, six digits)."""
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(key + "=" * (-len(key) % 8)), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


_last_step = {}
_last_step_lock = threading.Lock()


def unused_code(card, key):
    """The code this card's app shows for its next purchase: now's, or the next step's when now's paid an order
    (the service accepts one step either side of now, as for a phone's clock a little off)."""
    now = int(time.time() // 30)
    with _last_step_lock:
        step = max(now, _last_step.get(card, now - 1) + 1)
        if step > now + 1:
            sys.exit("card %s paid two orders within this 30-s step already: more cards are needed for this rate" % card)
        _last_step[card] = step
    return pay_code(key, step * 30)


def holders(staff, members, base, first_account):
    """Each member's active card and its pay key, as their worker app holds them: [(card number, key)]."""
    if first_account + len(members) - 1 > WORKER_ACCOUNTS:
        sys.exit("only %d benchmark worker accounts (laoshan-worker-NNNN): ask for fewer redemptions" % WORKER_ACCOUNTS)

    def one(i):
        worker = token("laoshan-worker-%04d" % (first_account + i))
        # The member's mobile on file is the one the worker account's sign-in verified (identity-server's demo accounts).
        must(call(SERVICE_PORT, "PATCH", "/api/v1/members/" + members[i], staff,
                  json.dumps({"mobile": "1395321%04d" % (first_account + i)})), 200)
        post(SERVICE_PORT, "/api/v1/members/me/link", worker, {"idNumber": resident_id(base + i), "name": "环卫工%04d" % (i % 10000)})
        post(SERVICE_PORT, "/api/v1/member-cards", staff, {"memberId": members[i], "cardType": "MEMBER_SERVICE_CARD"}, ok=(201, 409))
        usable = [c for c in must(call(SERVICE_PORT, "GET", "/api/v1/member-cards/mine", worker), 200)
                  if c["cardType"] == "MEMBER_SERVICE_CARD" and c["status"] in ("ISSUED", "ACTIVE")]
        if not usable:
            sys.exit("member %s has no usable member service card" % members[i])
        number = usable[0]["number"]
        if usable[0]["status"] == "ISSUED":
            post(SERVICE_PORT, "/api/v1/member-cards/%s/activation" % number, worker, {})
        return number, post(SERVICE_PORT, "/api/v1/member-cards/%s/pay-key" % number, worker, {})["secret"]

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(len(members))))


def quantile(ordered, p):
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def redeem_at(port, tag, cid, cards, till, rate, seconds):
    """Redemptions (hold, then payment) of cid's coupons at a fixed rate for seconds, each timed from when it was
    due, not from when a thread got to it (so a stalled platform shows as waiting, not as a slower client).
    Returns the sorted latencies (ms), the failures and (when sent, latency) per redemption."""
    latencies, failures, sent_at = [], [], []
    lock = threading.Lock()
    total = int(rate * seconds)

    def one(i):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        order = "L%s%05d" % (tag, i)
        # The cards take turns, each used once in rate x 30 redemptions (30 s apart): a code pays one order.
        card, key = cards[i % len(cards)]
        s1, b1 = call(port, "POST", "/api/v1/merchants/%s/redemptions" % MERCHANT, till,
                      json.dumps({"orderNo": order, "card": card, "payCode": unused_code(card, key), "spendFen": 10000,
                                  "campaignId": cid}))
        s2 = call(port, "POST", "/api/v1/merchants/%s/redemptions/%s/payment" % (MERCHANT, order), till, "{}")[0] \
            if s1 == 201 else 0
        with lock:
            latencies.append((time.perf_counter() - scheduled) * 1000)
            sent_at.append((scheduled - start, latencies[-1]))
            if s1 != 201 or s2 != 200:
                failures.append((s1, s2, b1[:100]))

    # The schedule starts after the caller's snapshots: the store's counters are read by a Java program
    # whose start-up takes a second or two of CPU, and a schedule set before it began late, so its first
    # second of requests went out at once, counted as waiting (p99 of 1-2 s that was the benchmark's own
    # doing: docs/benchmarks.md, "Welfare money").
    start = time.perf_counter() + 0.5
    with ThreadPoolExecutor(64) as pool:
        list(pool.map(one, range(total)))
    latencies.sort()
    return latencies, failures, sent_at


def warm_up(staff, admin, members, cards, till, rate, run):
    """Load before anything is measured, as pipeline-load.py does: the gateway and member-card-service run C2 and
    reach their steady state only after minutes of traffic (a fresh clone's first 60-s run after `./unionhub up`
    had p99 32 s through the gateway, the fourth 115 ms: docs/benchmarks.md), while a city's platform has been
    running for days. Rounds of 30 s at the rate to be measured through the gateway (which warms the service
    behind it too), each on a campaign of its own: at least two, more while a round's p99 is still more than a
    fifth below the round's before, at most UNIONHUB_BENCH_WARMUP_ROUNDS (default 8). Every round is printed:
    they are the cold figures. UNIONHUB_BENCH_WARMUP_ROUNDS=0 measures the cold platform."""
    rounds = int(os.environ.get("UNIONHUB_BENCH_WARMUP_ROUNDS", "8"))
    if rounds <= 0:
        return
    print("warming up: rounds of 30 s at %.0f/s through the gateway until the p99 stops falling "
          "(UNIONHUB_BENCH_WARMUP_ROUNDS=0 for cold figures)" % rate, file=sys.stderr, flush=True)
    previous = None
    for n in range(1, rounds + 1):
        cid = campaign(staff, admin, members, "%s-w%d" % (run, n))
        grant(staff, cid, members, "g-%s-w%d" % (run, n))
        latencies, failures, _ = redeem_at(GATEWAY_PORT, "w%d%s" % (n, run), cid, cards, till, rate, 30)
        p99 = quantile(latencies, 0.99)
        print("warm-up round %d, %.0f/s for 30 s through the gateway: p50 / p99 %.0f / %.0f ms, %d failed"
              % (n, rate, quantile(latencies, 0.5), p99, len(failures)), file=sys.stderr, flush=True)
        if n >= 2 and p99 >= previous * 0.8:
            return
        previous = p99
    print("warm-up: the latency was still falling after %d rounds; measuring anyway" % rounds, file=sys.stderr, flush=True)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "grant"
    run = "%x" % int(time.time())
    staff, admin = token("staff-laoshan"), token("admin-zhou")
    if mode in ("grant", "crash"):
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 2725
        members = setup(staff, count)
        cid = campaign(staff, admin, members, run)
        if mode == "grant":
            result, seconds = grant(staff, cid, members, "g-" + run)
            print("grant of %d coupons (%d fen): %s in %.2f s" % (result["granted"], result["amountFen"], result["status"], seconds))
        else:
            holder = {}
            t = threading.Thread(target=lambda: holder.update(r=call(SERVICE_PORT, "POST", "/api/v1/welfare/campaigns/%s/grants" % cid,
                                 staff, json.dumps({"tierFen": TIER, "members": members}), timeout=120,
                                 headers={"Idempotency-Key": "g-" + run})))
            t.start()
            time.sleep(float(os.environ.get("UNIONHUB_BENCH_KILL_AFTER", "2.5")))
            pid = (HOME / "run" / "member-card-service.pid").read_text().strip()
            os.kill(int(pid), 9)
            t.join()
            print("killed member-card-service (pid %s) during the grant; the request got %s" % (pid, holder["r"][0]))
            subprocess.run([str(REPO / "unionhub"), "start", "member-card-service"], check=True)
            paid = len(members) - len(check_paid_once(staff, cid, members))
            print("after the restart, before asking again: %d of %d coupons paid (the reminders finish a cut-off batch)"
                  % (paid, len(members)))
            result, seconds = grant(staff, cid, members, "g-" + run)
            print("the grant asked again after the restart: %s, %d coupons, in %.2f s" % (result["status"], result["granted"], seconds))
        wrong = check_paid_once(staff, cid, members)
        print("coupons not exactly one payment of %d fen: %d %s" % (TIER, len(wrong), wrong[:3]))
        ok = reconcile(admin) and not wrong
        sys.exit(0 if ok else 1)
    if mode == "race":
        requests = int(sys.argv[2]) if len(sys.argv) > 2 else 64
        members = setup(staff, 1, RACE_BASE)
        cid = campaign(staff, admin, members, run)
        grant(staff, cid, members, "g-" + run)
        card, key = holders(staff, members, RACE_BASE, WORKER_ACCOUNTS)[0]
        till = till_token()
        barrier = threading.Barrier(requests)
        code = pay_code(key)  # one code shown at one till: it pays one order, whichever claims it first

        def twice(i):
            body = json.dumps({"orderNo": "R%s-%03d" % (run, i), "card": card, "payCode": code, "spendFen": 10000, "campaignId": cid})
            barrier.wait()
            first = call(SERVICE_PORT, "POST", "/api/v1/merchants/%s/redemptions" % MERCHANT, till, body, timeout=60)
            again = call(SERVICE_PORT, "POST", "/api/v1/merchants/%s/redemptions" % MERCHANT, till, body, timeout=60)
            return first, again

        with ThreadPoolExecutor(requests) as pool:
            answers = list(pool.map(twice, range(requests)))
        held = sum(1 for (s, _), _ in answers if s == 201)

        def first_result(answer):  # a problem's requestId names the request, so it differs; the rest must not
            status, body = answer
            parsed = json.loads(body) if body else {}
            parsed.pop("requestId", None)
            return status, parsed

        same = sum(1 for a, b in answers if first_result(a) == first_result(b))
        left = json.loads(call(SERVICE_PORT, "GET", "/api/v1/welfare/accounts/coupon:%s.%s" % (cid, members[0]), staff)[1])
        used = sum(1 for (s, b), _ in answers if s == 409 and b"coupon-pay-code-used" in b)
        print("%d orders of 20 yuan with one pay code at once, each sent twice: %d held (expected 1), %d refused as "
              "coupon-pay-code-used, %d duplicates answered exactly as their first, statuses %s; coupon available %d, held %d" % (
                  requests, held, used, same, sorted({a[0] for a, _ in answers}), left["availableFen"], left["heldFen"]))
        sys.exit(0 if held == 1 and used == requests - 1 and same == requests and left["heldFen"] == 2000
                 and left["availableFen"] == TIER - 2000 else 1)
    if mode == "latency":
        rate = float(sys.argv[2]) if len(sys.argv) > 2 else 100
        seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 30
        # A code pays one order, so a card pays one order per 30-s step: rate x 30 cards, each used every 30 s;
        # each card's coupon pays 15 redemptions of the measured campaign (the direct and the gateway run).
        needed = int(rate * 30) + 1
        if 2 * seconds / 30 > 15:
            sys.exit("at most 225 seconds: each card's coupon pays 15 redemptions across the direct and the gateway run")
        members = setup(staff, needed, LATENCY_BASE)
        numbers = holders(staff, members, LATENCY_BASE, 1)
        till = till_token()
        warm_up(staff, admin, members, numbers, till, rate, run)
        cid = campaign(staff, admin, members, run)
        grant(staff, cid, members, "g-" + run)
        for port, name, cards in ((SERVICE_PORT, "direct", numbers), (GATEWAY_PORT, "gateway", numbers)):
            commands_before = store_commands()
            ticks_before = cpu_ticks()
            client_before = sum(os.times()[:2])
            latencies, failures, sent_at = redeem_at(port, name[0] + run, cid, cards, till, rate, seconds)
            ticks_after = cpu_ticks()
            total = len(latencies)
            client_ms = (sum(os.times()[:2]) - client_before) * 1000 / max(1, total)
            commands_after = store_commands()
            print("%-7s redemption (hold + payment) at %.0f/s for %.0f s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed %s" % (
                name, rate, seconds, quantile(latencies, 0.5), quantile(latencies, 0.99), latencies[-1], len(failures), failures[:2]))
            # CPU per redemption moves far less between runs than latency on a shared machine.
            hz = os.sysconf("SC_CLK_TCK")
            spent = {n: (ticks_after.get(n, 0) - ticks_before.get(n, 0)) / hz * 1000 / max(1, total) for n in ticks_after}
            print("        CPU per redemption (ms): total %.1f — %s; and this benchmark's own client %.1f" % (sum(spent.values()), ", ".join(
                "%s %.1f" % (n, v) for n, v in sorted(spent.items(), key=lambda kv: -kv[1]) if v >= 0.3), client_ms))
            print_store_commands(commands_before, commands_after, total, "redemption")
            if os.environ.get("UNIONHUB_BENCH_BY_SECOND"):
                # When the slow ones were sent: a tail spread over the run is queueing, one in a few seconds a stall.
                for second in range(int(seconds) + 1):
                    those = sorted(l for t, l in sent_at if second <= t < second + 1)
                    if those:
                        print("        second %2d: %3d sent, p50 %6.0f ms, max %6.0f ms" % (
                            second, len(those), those[len(those) // 2], those[-1]))
        reconcile(admin)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
