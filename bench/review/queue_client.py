#!/usr/bin/env python3
"""Queue-page latency over HTTP: logs the demo staff in (password + TOTP) and times filtered, sorted queue pages.

usage: queue_client.py BASE_URL ROUNDS  → one line per query kind, then `overall p50 … p99 …` (milliseconds)
"""
import hashlib, hmac, json, struct, sys, time, urllib.error, urllib.parse, urllib.request

BASE, ROUNDS = sys.argv[1].rstrip("/"), int(sys.argv[2])
PASSWORD = "weikao2026"


def totp(username, at):
    secret = hashlib.sha256(f"weikao-demo-totp:{username}".encode()).digest()[:20]
    digest = hmac.new(secret, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def call(method, path, body=None, token=None):
    req = urllib.request.Request(BASE + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")


def login(username):
    # one login per account (a code is single-use per account)
    code = totp(username, time.time())
    b = call("POST", "/api/v1/auth/staff/login", {"username": username, "password": PASSWORD, "totp_code": code})
    if b.get("status") != "authenticated":
        sys.exit(f"login {username}: {b}")
    return b["tokens"]["access_token"]


def main():
    tokens = {u: login(u) for u in ["region_admin", "site_reviewer", "point_reviewer"]}
    q = urllib.parse.quote
    queries = [
        ("province: first page", "region_admin", ""),
        ("province: status=submitted", "region_admin", "status=submitted"),
        ("province: name prefix", "region_admin", "q=" + q("王")),
        ("province: severity=block", "region_admin", "severity=block"),
        ("province: special=front_line", "region_admin", "special=front_line"),
        ("province: sort=name page 40", "region_admin", "sort=name&page=40"),
        ("province: returning, oldest first", "region_admin", "returning=true&sort=submitted_asc"),
        ("province: submitted last 3 days", "region_admin",
         "submitted_from=" + q(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3 * 86400)))),
        ("site: pending", "site_reviewer", "pending=true"),
        ("site: pending page 20", "site_reviewer", "pending=true&page=20"),
        ("site: pending + severity=warning", "site_reviewer", "pending=true&severity=warning"),
        ("site: overdue", "site_reviewer", "overdue=true"),
        ("point: pending", "point_reviewer", "pending=true"),
    ]
    everything = []
    for name, who, qs in queries:
        times = []
        for i in range(ROUNDS + 3):
            t0 = time.perf_counter()
            page = call("GET", "/api/v1/review/registrations?page_size=20&" + qs, token=tokens[who])
            dt = (time.perf_counter() - t0) * 1000
            if i >= 3:
                times.append(dt)
        times.sort()
        everything += times
        p = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]
        print(f"{name:<40} total {page['total']:>8}  p50 {p(times, .5):7.1f} ms  p99 {p(times, .99):7.1f} ms")
    everything.sort()
    p = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]
    print(f"overall p50 {p(everything, .5):.1f} ms p99 {p(everything, .99):.1f} ms ({len(everything)} pages)")


main()
