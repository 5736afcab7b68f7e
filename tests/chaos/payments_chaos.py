#!/usr/bin/env python3
"""Payment chaos test (issue "Payments"): a few thousand orders against the sandbox payment center in chaos
mode (notifications dropped, duplicated, delayed and so reordered; status queries failing with HTTP 500 or
timing out; payments accepted after their order closed) while the worker processes doing the payment duties are
killed with SIGKILL and restarted. Afterwards:

  * every order the sandbox's own ledger says is paid is applied exactly once (paid here, or refunded when it
    was a second payment or came too late), and every registration is paid at most once;
  * nothing the sandbox did not see paid is paid here;
  * the day's reconciliation against the sandbox statement is clean;
  * every fault kind and the kills actually happened (each count > 0).

Real processes throughout: `weikao serve` (API + sandbox) and `weikao worker` x2, PostgreSQL, HTTP.
Prints `N passed, M failed` like the other suites. Bounded to about five minutes.

usage: payments_chaos.py WEIKAO_BIN OWNER_URL_BASE     (e.g. postgres://postgres@127.0.0.1:5432)
"""
import json, os, random, signal, socket, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

BIN, PG = sys.argv[1], sys.argv[2].rstrip("/")
ORDERS = int(os.environ.get("CHAOS_ORDERS", "1500"))
CHAOS_SECONDS = int(os.environ.get("CHAOS_SECONDS", "100"))
SETTLE_SECONDS = int(os.environ.get("CHAOS_SETTLE_SECONDS", "150"))
TTL = 60  # order lifetime (s): orders expire and close during the run (room for a loaded machine to open and pay the prompt ones first)
SCALE = 20  # payment time scale: the 5 s … 5 min query schedule runs in 0.25 s … 15 s
DB = f"weikao_chaos_{os.getpid()}"
random.seed(int(os.environ.get("CHAOS_SEED", str(int(time.time())))))

results = []
CHILDREN = []  # every process started, killed on the way out whatever happens


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
DATA = tempfile.mkdtemp(prefix="weikao-chaos-")
OWNER_URL = f"{PG}/{DB}"
ENV = {k: v for k, v in os.environ.items() if not k.startswith("WEIKAO_")}
ENV.update({
    "WEIKAO_DATABASE_OWNER_URL": OWNER_URL,
    "WEIKAO_DATABASE_URL": OWNER_URL.replace("//postgres@", "//weikao_app@", 1),
    "WEIKAO_DB_POOL_SIZE": "12",
    "WEIKAO_PII_KEY": "b" * 64,
    "WEIKAO_BLIND_INDEX_KEY": "c" * 64,
    "WEIKAO_JWT_SECRET": "d" * 64,
    "WEIKAO_DATA_DIR": DATA,
    "WEIKAO_BIND": f"127.0.0.1:{PORT}",
    "WEIKAO_PUBLIC_URL": BASE,
    "WEIKAO_PAYMENT_SANDBOX": "true",
    "WEIKAO_PAYCENTER_URL": f"{BASE}/sandbox/paycenter",
    "WEIKAO_PAYMENT_ORDER_TTL_SECS": str(TTL),
    "WEIKAO_PAYMENT_TIME_SCALE": str(SCALE),
    "WEIKAO_WORKER_POLL_MS": "200",
    "WEIKAO_ARGON2_MEMORY_KIB": "1024",
    "WEIKAO_ARGON2_ITERATIONS": "1",
    "WEIKAO_IP_AUTH_LIMIT_PER_MINUTE": "1000000",
    "WEIKAO_LOG": "warn",
})


def psql(sql):
    out = subprocess.run(["psql", OWNER_URL, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql: {out.stderr.strip()}")
    return out.stdout.strip()


def call(method, url, body=None, token=None, timeout=30):
    req = urllib.request.Request(url if url.startswith("http") else BASE + url, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw[:1] in (b"{", b"[") else raw.decode())
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, (json.loads(raw) if raw[:1] == b"{" else raw.decode())


class Workers:
    """Two `weikao worker` processes; `kill_one` SIGKILLs one at random and starts a new one."""

    def __init__(self, n):
        self.procs = [self.start() for _ in range(n)]
        self.kills = 0
        self.lock = threading.Lock()

    def start(self):
        p = subprocess.Popen([BIN, "worker"], env=ENV, stdout=subprocess.DEVNULL,
                             stderr=open(os.path.join(DATA, "worker.log"), "ab"))
        CHILDREN.append(p)
        return p

    def kill_one(self):
        with self.lock:
            i = random.randrange(len(self.procs))
            self.procs[i].send_signal(signal.SIGKILL)
            self.procs[i].wait()
            self.kills += 1
            self.procs[i] = self.start()

    def stop(self):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def main():
    subprocess.run(["psql", f"{PG}/postgres", "-qAtc", f"DROP DATABASE IF EXISTS {DB}"], capture_output=True)
    subprocess.run([BIN, "seed-demo"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    # ORDERS approved health-tech registrations like the demo one (candidates share the demo password), and
    # the payment window open now
    psql(f"""
      INSERT INTO candidates (id_type, id_number_bidx, id_number_enc, id_number_masked, name, phone, password_hash,
                              privacy_version, privacy_accepted_at)
      SELECT 'resident_id', sha256(('chaos-' || g)::bytea), '\\x00'::bytea, '410105********' || lpad(g::text, 4, '0'),
             '混沌考生' || g, '150' || lpad(g::text, 8, '0'), d.password_hash, d.privacy_version, now()
      FROM generate_series(1, {ORDERS}) g, (SELECT * FROM candidates WHERE phone = '13800000001') d;
      INSERT INTO registrations (candidate_id, session_id, status, org_id, org_path, level_id, category_id,
                                 specialty_id, form, submitted_at, final_decision_at)
      SELECT c.id, r.session_id, 'approved', r.org_id, r.org_path, r.level_id, r.category_id, r.specialty_id,
             r.form, now(), now()
      FROM candidates c, (SELECT r.* FROM registrations r JOIN candidates d ON d.id = r.candidate_id
                          WHERE d.phone = '13800000001') r
      WHERE c.phone LIKE '150%';
      UPDATE exam_stages SET payment_opens_at = now() - interval '1 hour'
      WHERE session_id = (SELECT session_id FROM registrations r JOIN candidates d ON d.id = r.candidate_id
                          WHERE d.phone = '13800000001');""")
    regs = dict(line.split("|") for line in psql(
        "SELECT c.phone, r.id FROM registrations r JOIN candidates c ON c.id = r.candidate_id "
        "WHERE c.phone LIKE '150%'").splitlines())

    server = subprocess.Popen([BIN, "serve"], env=ENV, stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(DATA, "serve.log"), "ab"))
    CHILDREN.append(server)
    for _ in range(100):
        try:
            if call("GET", "/readyz", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    workers = Workers(2)
    stop_killing = threading.Event()

    def killer():
        while not stop_killing.wait(random.uniform(1.5, 4.0)):
            workers.kill_one()

    try:
        s, b = call("POST", "/sandbox/paycenter/faults", {"chaos_rate": 0.35})
        check("chaos mode on", s == 200, b)
        threading.Thread(target=killer, daemon=True).start()
        t0 = time.time()

        def open_order(phone):
            s, b = call("POST", "/api/v1/auth/candidate/login", {"login": phone, "password": "weikao2026"})
            if s != 200:
                return phone, None, f"login {s} {b}"
            token = b["access_token"]
            s, o = call("POST", f"/api/v1/registrations/{regs[phone]}/payments", {}, token)
            return phone, token, (o if s == 201 else f"create {s} {o}")

        with ThreadPoolExecutor(8) as ex:
            opened = list(ex.map(open_order, list(regs)))
        orders = {p: (t, o) for p, t, o in opened if isinstance(o, dict)}
        failed = [o for _, _, o in opened if not isinstance(o, dict)]
        check(f"{len(orders)} orders opened over HTTP", len(orders) >= ORDERS * 0.95 and len(orders) > 0,
              failed[:3])

        def pay(url):
            s, _ = call("POST", url + "/pay", timeout=30)
            return s

        phones = list(orders)
        random.shuffle(phones)
        prompt, retry, late = phones[:int(0.6 * len(phones))], phones[int(0.6 * len(phones)):int(0.7 * len(phones))], \
            phones[int(0.7 * len(phones)):int(0.85 * len(phones))]
        with ThreadPoolExecutor(8) as ex:
            paid_prompt = list(ex.map(lambda p: pay(orders[p][1]["cashier_url"]), prompt))
        check("prompt payments accepted by the cashier", paid_prompt.count(200) == len(prompt),
              {s: paid_prompt.count(s) for s in set(paid_prompt)})

        # a second order for some already-paid registrations (the candidate "pays again"), paid too: duplicates
        def pay_again(phone):
            token, first = orders[phone]
            pay(first["cashier_url"])
            s, o = call("POST", f"/api/v1/registrations/{regs[phone]}/payments", {}, token)
            return pay(o["cashier_url"]) if s == 201 and o.get("cashier_url") else s

        with ThreadPoolExecutor(8) as ex:
            list(ex.map(pay_again, retry))
        # pay some orders only after they expired: refused, or accepted by the chaotic center after close
        time.sleep(max(0, TTL + 5 - (time.time() - t0)))
        with ThreadPoolExecutor(8) as ex:
            late_status = list(ex.map(lambda p: pay(orders[p][1]["cashier_url"]), late))
        check("late payments were tried", len(late_status) > 0)
        time.sleep(max(0, CHAOS_SECONDS - (time.time() - t0)))
    finally:
        stop_killing.set()

    # calm: faults off, the workers (no more kills) settle every order
    call("POST", "/sandbox/paycenter/faults", {})
    deadline = time.time() + SETTLE_SECONDS
    while time.time() < deadline:
        open_orders = int(psql("SELECT count(*) FROM payment_orders WHERE status NOT IN ('paid', 'closed', 'refunded')"))
        pending_refunds = int(psql("SELECT count(*) FROM payment_refunds WHERE status = 'queued'"))
        undelivered = int(psql("SELECT count(*) FROM sandbox_pay_notifications WHERE delivered_at IS NULL"))
        if open_orders == 0 and pending_refunds == 0 and undelivered == 0:
            break
        time.sleep(2)
    check("every order settled (paid, closed or refunded)", open_orders == 0,
          psql("SELECT status, count(*) FROM payment_orders GROUP BY 1"))
    check("every refund finished and succeeded", pending_refunds == 0 and psql(
        "SELECT count(*) FROM payment_refunds WHERE status <> 'succeeded'") == "0",
          psql("SELECT status, count(*) FROM payment_refunds GROUP BY 1"))

    # the statement day(s) the run touched (a run may straddle midnight in Beijing)
    days = psql("SELECT DISTINCT (created_at AT TIME ZONE 'Asia/Shanghai')::date FROM payment_orders "
                "UNION SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date").split()
    for day in days:
        rec = subprocess.run([BIN, "reconcile", "--day", day], env=ENV, capture_output=True, text=True)
        check(f"reconciliation of {day} is clean", rec.returncode == 0, rec.stdout[-800:] + rec.stderr[-400:])
    workers.stop()
    server.terminate()
    server.wait(timeout=10)

    # the sandbox's own ledger against ours
    ledger_paid = set(psql("SELECT order_no FROM sandbox_pay_orders WHERE status IN ('SUCCESS', 'REFUND')").split())
    ours = dict(line.split("|") for line in psql("SELECT order_no, status FROM payment_orders").splitlines())
    check("sandbox payments happened", len(ledger_paid) > ORDERS * 0.5, len(ledger_paid))
    unapplied = [o for o in ledger_paid if ours.get(o) not in ("paid", "refunded")]
    check("every payment the sandbox took is applied here or refunded", not unapplied, unapplied[:5])
    phantom = [o for o, st in ours.items() if st in ("paid", "refunded", "refunding") and o not in ledger_paid]
    check("nothing the sandbox did not take is paid here", not phantom, phantom[:5])
    twice = psql("SELECT registration_id FROM payment_orders WHERE status = 'paid' GROUP BY 1 HAVING count(*) > 1")
    check("no registration has two applied payments", twice == "", twice[:200])
    applied = psql("SELECT count(*) FROM payment_events WHERE kind = 'applied'")
    paid_orders = psql("SELECT count(*) FROM payment_orders WHERE status = 'paid'")
    check("one 'applied' ledger event per paid order", applied == paid_orders, f"{applied} events, {paid_orders} paid")
    paid_regs = psql("SELECT count(*) FROM registrations WHERE status = 'paid'")
    check("registrations paid = registrations with a paid order",
          paid_regs == psql("SELECT count(DISTINCT registration_id) FROM payment_orders WHERE status = 'paid'"),
          paid_regs)
    refunded = psql("SELECT count(*) FROM payment_orders WHERE status = 'refunded'")
    sandbox_refunded = psql("SELECT count(*) FROM sandbox_pay_orders WHERE status = 'REFUND'")
    check("refunds here match refunds at the sandbox", refunded == sandbox_refunded and int(refunded) > 0,
          f"{refunded} here, {sandbox_refunded} there")

    counts = dict(line.split("|") for line in psql("SELECT kind, n FROM sandbox_pay_fault_counts").splitlines())
    for kind in ["drop", "duplicate", "delay", "query_error", "query_timeout", "pay_after_close"]:
        check(f"fault '{kind}' happened", int(counts.get(kind, 0)) > 0, counts)
    check("worker processes were killed (SIGKILL)", workers.kills > 0, workers.kills)
    print(f"kills {workers.kills}, faults {counts}, sandbox paid {len(ledger_paid)}, refunded {refunded}", flush=True)

    subprocess.run(["psql", f"{PG}/postgres", "-qAtc", f"DROP DATABASE IF EXISTS {DB}"], capture_output=True)
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    sys.exit(0 if all(results) else 1)


try:
    main()
finally:
    for child in CHILDREN:
        if child.poll() is None:
            child.kill()
    subprocess.run(["psql", f"{PG}/postgres", "-qAtc", f"DROP DATABASE IF EXISTS {DB}"], capture_output=True)
