"""Hostile-input checks against a running CommentShield: one check per finding of issue 16.

Run by bench/hostile, which starts the packaged service (and, with --pg, the PostgreSQL build behind
a TCP proxy this file also provides) on loopback and passes its ports, log and passwords here.
Every check sends a bounded number of requests to 127.0.0.1 only, and prints one line:

    PASS|FAIL|SKIP  <check>  finding <n>  <requests> req  <one-line reason>

Standard library only; raw sockets where a request must be malformed.

    hostile.py check --port P --log FILE --admin-password PW --moderator-password PW
                     --keys K1,K2,... [--smoke] [--only NAME,...] [--out DIR]
                     [--pg-port P --pg-log FILE --proxy-pid PID --pg-app-name NAME]
                     [--java JAVA --jvm-opts OPTS --app DIR] [--results-md]
    hostile.py proxy --listen PORT --to HOST:PORT    (SIGUSR1 cuts, SIGUSR2 restores)
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

HOST = "127.0.0.1"  # loopback only, whatever the arguments say

# Checks whose fix is on main: a FAIL of one of these fails `bench/hostile --smoke` (and so
# bench/smoke and .ci/run). The others are reported in smoke runs without failing them; a full run
# fails on any FAIL. Add a check here once its fix has landed.
SMOKE_ENFORCED = {"text-h2", "bidi-isolated-on-page", "one-limit-all-doors", "kubernetes-fsgroup",
                  "kubernetes-headless-service", "paging-params-400", "bad-config-stops-start",
                  "brute-force-api-key", "brute-force-form", "brute-force-basic",
                  "dockerfile-aot-cache", "public-port-without-metrics-swagger",
                  "status-414-431-host-problem-json", "host-not-in-redirects",
                  "metrics-without-class-names", "framing", "malformed-no-stack-trace",
                  "slow-and-idle-closed", "connection-cap", "csrf-session-cookie",
                  "cookie-key-not-logged"}

CANARY_REVIEW = "COMMENTSHIELD-TEST-REVIEW"  # the service is started with canary strings on
PROBLEM_JSON = "application/problem+json"


# ---------------------------------------------------------------------------------------------
# HTTP: well-formed requests (http.client) and raw bytes over a socket, both counted per check

class Response:
    def __init__(self, status=None, headers=None, body=b"", closed=False, error=None):
        self.status = status          # None: no answer at all
        self.headers = headers or {}  # lower-case name -> list of values
        self.body = body
        self.closed = closed          # the server closed the connection after (or instead of) answering
        self.error = error

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[-1] if values else None

    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def is_problem(self):
        return (self.header("content-type") or "").startswith(PROBLEM_JSON)

    def __repr__(self):
        return f"{self.status}" if self.status is not None else f"no answer ({self.error or 'closed'})"


class Client:
    """Requests to one service on loopback; `sent` counts every request of the current check."""

    def __init__(self, port, sent_counter):
        self.port = port
        self.counter = sent_counter

    def request(self, method, path, body=None, headers=None, auth=None, timeout=15):
        headers = dict(headers or {})
        if auth:
            headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.counter.add()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            hs = {}
            for k, v in r.getheaders():
                hs.setdefault(k.lower(), []).append(v)
            return Response(r.status, hs, data)
        except (OSError, http.client.HTTPException) as e:
            return Response(error=type(e).__name__)
        finally:
            conn.close()

    def post_json(self, path, obj, headers=None, auth=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        return self.request("POST", path, json.dumps(obj), h, auth)

    def post_form(self, path, fields, headers=None, auth=None):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, urllib.parse.urlencode(fields), h, auth)

    def raw(self, data, timeout=5.0, wait_close=1.5):
        """Sends DATA as it is on a new connection; reads one answer, then waits up to WAIT_CLOSE
        seconds to see whether the server closes the connection."""
        self.counter.add()
        s = socket.create_connection((HOST, self.port), timeout=timeout)
        try:
            try:
                s.sendall(data)
            except OSError as e:
                return Response(closed=True, error=type(e).__name__)
            return read_response(s, timeout, wait_close)
        finally:
            s.close()


def read_response(s, timeout, wait_close):
    buf = b""
    deadline = time.monotonic() + timeout
    closed = False

    def recv():
        nonlocal closed
        s.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return None
        except OSError:
            closed = True
            return b""
        if not chunk:
            closed = True
        return chunk

    while b"\r\n\r\n" not in buf:
        chunk = recv()
        if not chunk:
            return Response(closed=closed, error=None if closed else "timeout")
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return Response(closed=closed, error="bad status line")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.setdefault(k.strip().lower(), []).append(v.strip())
    length = headers.get("content-length")
    chunked = "chunked" in ",".join(headers.get("transfer-encoding", [])).lower()
    body = rest
    if length:
        n = int(length[-1])
        while len(body) < n and not closed:
            chunk = recv()
            if not chunk:
                break
            body += chunk
        extra = body[n:]
        body = body[:n]
    elif chunked:
        while b"0\r\n\r\n" not in body and not closed:
            chunk = recv()
            if not chunk:
                break
            body += chunk
        extra = b""
    else:
        while not closed and time.monotonic() < deadline:
            chunk = recv()
            if not chunk:
                break
            body += chunk
        extra = b""
    if not closed and not extra:
        s.settimeout(wait_close)
        try:
            closed = s.recv(1) == b""
        except socket.timeout:
            closed = False
        except OSError:
            closed = True
    return Response(status, headers, body, closed)


class Counter:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    def add(self, k=1):
        with self.lock:
            self.n += k


# ---------------------------------------------------------------------------------------------
# The checks

CHECKS = []


def check(name, finding, smoke=True, needs=None):
    """Registers a check; SMOKE: part of --smoke; NEEDS: 'pg' (the PostgreSQL build) or 'java'."""
    def wrap(fn):
        CHECKS.append({"name": name, "finding": finding, "smoke": smoke, "needs": needs, "fn": fn})
        return fn
    return wrap


class Ctx:
    def __init__(self, args):
        self.args = args
        self.counter = Counter()
        self.h2 = Client(args.port, self.counter)
        self.pg = Client(args.pg_port, self.counter) if args.pg_port else None
        self.keys = args.keys.split(",")
        self.admin = ("admin", args.admin_password)
        self.moderator = ("moderator", args.moderator_password)
        self.run_id = f"{int(time.time())}{os.getpid() % 1000}"
        self.smoke = args.smoke

    def key(self, i):
        """The i-th configured API key: each check uses its own, so each has its own rate-limit bucket."""
        return self.keys[i % len(self.keys)]

    def log_size(self, path=None):
        try:
            return os.path.getsize(path or self.args.log)
        except OSError:
            return 0

    def log_since(self, offset, path=None):
        try:
            with open(path or self.args.log, "rb") as f:
                f.seek(offset)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


def flagged(text):
    return f"{CANARY_REVIEW} {text}"


def names_field(resp, *fields):
    body = resp.text()
    return any(f in body for f in fields)


def bad_chars(s):
    """What in S a database cannot store faithfully: NUL, lone surrogates."""
    found = []
    if s is None:
        return found
    if "\x00" in s:
        found.append("U+0000")
    if re.search("[\ud800-\udfff]", s):
        found.append("lone surrogate")
    return found


def queued_items(client, auth, site, want=0, wait_s=0.0):
    """The items queued under SITE (all pages), polling up to WAIT_S seconds until WANT are there."""
    deadline = time.monotonic() + wait_s
    while True:
        items, page = [], 0
        while page < 20:
            r = client.request("GET", f"/moderation/items?site={urllib.parse.quote(site)}&size=100&page={page}",
                               auth=auth)
            doc = r.json() if r.status == 200 else None
            if not doc:
                break
            items += doc.get("items", [])
            if len(doc.get("items", [])) < 100:
                break
            page += 1
        if len(items) >= want or time.monotonic() >= deadline:
            return items
        time.sleep(1.0)


def stored_text_check(ctx, client, db):
    """Finding 1 on one database: NUL in content, author name and an Akismet field, and a lone
    surrogate, each in a flagged comment: refused with a 400 naming the field, or stored cleaned."""
    site = f"text-{db}-{ctx.run_id}.example"
    cases = [
        ("content U+0000", "/classify", {"content": flagged("nul \u0000 inside"), "context": {"site": site}},
         ("content",), "content"),
        ("author.name U+0000", "/classify",
         {"content": flagged("author with nul"), "author": {"name": "a\u0000b"}, "context": {"site": site}},
         ("author", "name"), "author"),
        ("content lone surrogate", "/classify", {"content": flagged("surrogate \ud800 inside"),
                                                 "context": {"site": site}}, ("content",), "content"),
        ("akismet comment_content U+0000", "/1.1/comment-check",
         {"key": ctx.key(0), "blog": f"http://{site}", "user_ip": "192.0.2.1",
          "comment_content": flagged("akismet nul \u0000 inside"), "comment_author": "x\u0000y"},
         ("comment_content", "comment_author"), "akismet"),
        ("feedback content U+0000", "/feedback",
         {"content": f"reported spam with nul \u0000 inside {ctx.run_id}", "label": "spam"}, ("content",), "feedback"),
    ]
    problems, accepted = [], 0
    for label, path, body, fields, kind in cases:
        if path in ("/classify", "/feedback"):
            r = client.post_json(path, body, {"X-Api-Key": ctx.key(0)})
        else:
            r = client.post_form(path, body)
        if r.status == 400 and names_field(r, *fields):
            continue
        if r.status is None or r.status >= 500:
            problems.append(f"{label}: {r}")
        elif r.status == 400:
            problems.append(f"{label}: 400 not naming {'/'.join(fields)}")
        elif 200 <= r.status < 300:
            accepted += 1  # what was queued is read back below; a labeled example cannot be
        else:
            problems.append(f"{label}: {r.status}")
    if accepted:
        for item in queued_items(client, ctx.moderator, site):
            bad = bad_chars(item.get("content")) + bad_chars((item.get("author") or {}).get("name"))
            if "?" in (item.get("content") or "") and "surrogate" in (item.get("content") or ""):
                bad.append("lone surrogate stored as '?'")
            if bad:
                problems.append(f"item {item.get('id')} stored with {', '.join(sorted(set(bad)))}")
    return problems


@check("text-h2", 1)
def text_h2(ctx):
    problems = stored_text_check(ctx, ctx.h2, "h2")
    return (not problems, "; ".join(problems) if problems
            else "NUL and lone surrogate (classify content and author, Akismet, feedback) refused with "
                 "a 400 naming the field or stored cleaned")


@check("text-pg", 1, smoke=False, needs="pg")
def text_pg(ctx):
    alive = ctx.pg.request("GET", "/q/health/live", timeout=5)
    if alive.status != 200:
        return False, f"the PostgreSQL build does not answer (/q/health/live {alive}) after the previous check"
    probe = ctx.pg.post_json("/classify", {"content": flagged("probe")}, {"X-Api-Key": ctx.key(1)})
    if probe.status is None:
        return False, f"the PostgreSQL build no longer answers a flagged comment ({probe}) after the previous check"
    problems = stored_text_check(ctx, ctx.pg, "pg")
    # the database cut: good items spooled beside a NUL one must all reach the queue afterwards
    site = f"spool-{ctx.run_id}.example"
    proxy(ctx, signal.SIGUSR1)
    acked, sent = [], []
    try:
        for i, text in enumerate(["good one", "nul \u0000 in the spool", "good two"]):
            ext = f"spool-{ctx.run_id}-{i}"
            r = ctx.pg.post_json("/classify", {"content": flagged(text), "externalId": ext, "context": {"site": site}},
                                 {"X-Api-Key": ctx.key(1)})
            sent.append((ext, text, r))
            if r.status == 200:
                acked.append(ext)
    finally:
        proxy(ctx, signal.SIGUSR2)
    goods = [ext for ext, text, r in sent if "\u0000" not in text and r.status == 200]
    if len(goods) < 2:
        problems.append("with the database cut, good comments answered " + ", ".join(str(r) for _, _, r in sent))
    items = queued_items(ctx.pg, ctx.moderator, site, want=len(acked), wait_s=40)
    listed = {i.get("externalId") for i in items}
    missing = [e for e in goods if e not in listed]
    if missing:
        problems.append(f"{len(missing)} of {len(goods)} good spooled comments not in the queue 40 s after the database returned")
    for item in items:
        if bad_chars(item.get("content")):
            problems.append(f"item {item.get('id')} stored with U+0000 after the spool")
    ready = ctx.pg.request("GET", "/q/health/ready")
    if ready.status != 200:
        problems.append(f"readiness {ready.status} after the database returned: {ready.text()[:160]}")
    return (not problems, "; ".join(problems) if problems else
            "refused or cleaned with the database up; good items spooled beside a NUL one all queued; ready")


def proxy(ctx, sig):
    os.kill(ctx.args.proxy_pid, sig)
    time.sleep(0.3)


@check("connection-loss-pg", 2, smoke=False, needs="pg")
def connection_loss_pg(ctx):
    """pg_terminate_backend gives the service's connections SQLSTATE 57P01, as a fast shutdown does."""
    site = f"p57-{ctx.run_id}.example"
    total, threads = 60, 6
    results, lock = [], threading.Lock()

    def send(worker):
        unanswered = 0
        for i in range(worker, total, threads):
            ext = f"p57-{ctx.run_id}-{i}"
            r = ctx.pg.post_json("/classify", {"content": flagged(f"comment {i} during a fast shutdown"),
                                               "externalId": ext, "context": {"site": site}},
                                 {"X-Api-Key": ctx.key(2)})
            with lock:
                results.append((ext, r))
            unanswered = unanswered + 1 if r.status is None else 0
            if unanswered >= 2:  # a hung service: the rest would only wait out their timeouts
                break

    workers = [threading.Thread(target=send, args=(w,)) for w in range(threads)]
    for w in workers:
        w.start()
    terminated = 0
    for at in range(4, total - 4, 4):  # fourteen rounds: the more, the likelier one hits a commit
        while len(results) < at and any(w.is_alive() for w in workers):
            time.sleep(0.02)
        terminated += terminate_backends(ctx)
    for w in workers:
        w.join(60)
    errors = [r for _, r in results if r.status is None or r.status >= 500]
    acked = [e for e, r in results if r.status == 200]
    statuses = {}
    for _, r in results:
        statuses[repr(r)] = statuses.get(repr(r), 0) + 1
    items = queued_items(ctx.pg, ctx.moderator, site, want=len(acked), wait_s=40 if acked else 0)
    listed = [i.get("externalId") for i in items]
    missing = [e for e in acked if e not in listed]
    doubled = len(listed) - len(set(listed))
    twice = sorted({e for e in listed if listed.count(e) > 1})
    twice_ids = [str(i.get("id")) for i in items if i.get("externalId") in twice[:2]]
    after = ctx.pg.post_json("/classify", {"content": flagged("after the terminations"), "context": {"site": site}},
                             {"X-Api-Key": ctx.key(2)})
    ok = not errors and not missing and not doubled and terminated > 0 and after.status == 200
    reason = (f"{terminated} backends terminated (57P01) during {len(results)} flagged comments: "
              + ", ".join(f"{n} x {s}" for s, n in statuses.items())
              + f"; {len(missing)} of {len(acked)} acknowledged missing from the queue, {doubled} queued twice"
              + (f" (e.g. items {', '.join(twice_ids)})" if twice else "")
              + f"; a flagged comment afterwards: {after}")
    return ok, reason


def terminate_backends(ctx):
    sql = ("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
           f"WHERE datname = current_database() AND application_name = '{ctx.args.pg_app_name}' "
           "AND pid <> pg_backend_pid()")
    try:
        out = subprocess.run(["psql", "-qAtc", sql], capture_output=True, text=True, timeout=20)
        return int(out.stdout.strip() or 0)
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def throttled(ctx, attempts, send, secrets):
    """Sends up to ATTEMPTS wrong credentials with SEND(i) until a 429 with Retry-After; then looks
    at what the log says about them."""
    # a previous check may have got this address held back; a full run waits that out (at most
    # 30 s) so each way of logging in is seen being throttled on its own
    held = getattr(ctx, "retry_after", 0)
    if held and not ctx.smoke:
        time.sleep(min(held, 30) + 1)
    offset = ctx.log_size()
    first = None
    statuses = {}
    for i in range(attempts):
        r = send(i)
        statuses[r.status] = statuses.get(r.status, 0) + 1
        # 429, or for the login form a redirect to the login page that carries Retry-After
        if r.status == 429 or (r.status in (302, 303) and r.header("retry-after")):
            first = (i + 1, r.header("retry-after"), r.status)
            break
    time.sleep(0.3)
    log = ctx.log_since(offset)
    leaked = [s for s in secrets[: (first[0] if first else attempts)] if s in log]
    warned = any(" WARN " in line for line in log.splitlines())
    got = ", ".join(f"{n} x {s}" for s, n in sorted(statuses.items(), key=lambda kv: str(kv[0])))
    if not first:
        return False, f"{attempts} wrong guesses, no 429 ({got}); log WARN: {'yes' if warned else 'no'}"
    try:
        ctx.retry_after = int(first[1] or 0)
    except ValueError:
        ctx.retry_after = 0
    problems = []
    if not first[1]:
        problems.append("429 without Retry-After")
    if leaked:
        problems.append(f"{len(leaked)} guessed secrets in the log")
    if first[0] == 1:
        # held back from the first guess: the address tripped the throttle in an earlier check,
        # which is where its WARN was written
        return not problems, (f"{first[2]} (Retry-After {first[1]}) from the first guess: this address is "
                              "still held back by the previous check" + ("; " + "; ".join(problems) if problems else ""))
    if not warned:
        problems.append("nothing logged at WARN")
    detail = f"{first[2]} (Retry-After {first[1]}) after {first[0]} wrong guesses"
    return not problems, detail + ("; " + "; ".join(problems) if problems else "; WARN logged without the secrets")


# brute force runs last: a throttled address or user would refuse the other checks' logins
@check("brute-force-api-key", 3)
def brute_force_api_key(ctx):
    guesses = [f"guess-{ctx.run_id}-{i:04d}" for i in range(100)]
    return throttled(ctx, len(guesses), lambda i: ctx.h2.post_json(
        "/classify", {"content": "hello"}, {"X-Api-Key": guesses[i]}), guesses)


@check("brute-force-form", 3)
def brute_force_form(ctx):
    guesses = [f"wrong-form-{ctx.run_id}-{i:04d}" for i in range(60)]
    return throttled(ctx, len(guesses), lambda i: ctx.h2.post_form(
        "/j_security_check", {"j_username": "moderator", "j_password": guesses[i]}), guesses)


@check("brute-force-basic", 3)
def brute_force_basic(ctx):
    guesses = [f"wrong-basic-{ctx.run_id}-{i:04d}" for i in range(60)]
    return throttled(ctx, len(guesses), lambda i: ctx.h2.request(
        "GET", "/admin/models", auth=("admin", guesses[i])), guesses)


@check("one-limit-all-doors", 4)
def one_limit_all_doors(ctx):
    """One key (and a Coral secret with its label) through every client door: the service runs with
    a limit of RATE per second and BURST at once, so once /classify has used the burst, the other
    doors must answer 429 too."""
    rate, burst = ctx.args.rate, ctx.args.burst
    label = f"hostile-doors-{ctx.run_id}"
    issued = ctx.h2.post_json("/admin/api-keys", {"label": label, "length": 12}, auth=ctx.admin)
    key = (issued.json() or {}).get("key")
    if issued.status != 201 or not key:
        return False, f"could not issue a key over HTTP Basic: {issued} {issued.text()[:120]}"
    secret = "empsec_" + hashlib.sha256(label.encode()).hexdigest()[:32]
    stored = ctx.h2.post_json("/admin/coral/secrets", {"secret": secret, "clientLabel": label}, auth=ctx.admin)
    if stored.status != 201:
        return False, f"could not store a Coral secret: {stored}"
    per_door = burst + 2

    def coral(i):
        body = json.dumps({"action": "NEW", "comment": {"id": f"c{i}", "body": f"coral comment {i}"},
                           "author": {"id": "u1"}, "story": {"url": f"http://coral-{ctx.run_id}.example/s/1"},
                           "tenantID": "t1", "tenantDomain": "coral.example"}, indent=2).encode()
        sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return ctx.h2.request("POST", "/coral/moderate", body,
                              {"Content-Type": "application/json", "X-Coral-Signature": sig})

    doors = [
        ("/classify", lambda i: ctx.h2.post_json("/classify", {"content": f"door test {i}"}, {"X-Api-Key": key})),
        ("akismet", lambda i: ctx.h2.post_form("/1.1/comment-check", {
            "key": key, "blog": "http://doors.example", "user_ip": "192.0.2.7", "comment_content": f"door test {i}"})),
        ("perspective", lambda i: ctx.h2.post_json(f"/v1alpha1/comments:analyze?key={key}", {
            "comment": {"text": f"door test {i}"}, "requestedAttributes": {"SPAM": {}}})),
        ("coral", coral),
        ("feedback", lambda i: ctx.h2.post_json("/feedback", {"content": f"door test {i}", "label": "ham"},
                                                {"X-Api-Key": key})),
    ]
    t0 = time.monotonic()
    counts = {}
    for name, send in doors:
        c = counts.setdefault(name, {})
        for i in range(per_door):
            r = send(i)
            c[r.status] = c.get(r.status, 0) + 1
    elapsed = time.monotonic() - t0
    through = sum(n for c in counts.values() for s, n in c.items() if s != 429)
    allowed = burst + int(elapsed * rate) + 1
    unlimited = [d for d, c in counts.items() if not c.get(429)]
    summary = "; ".join(f"{d} " + ", ".join(f"{n} x {s}" for s, n in c.items()) for d, c in counts.items())
    ok = not unlimited and through <= allowed
    head = (f"{through} let through in {elapsed:.1f} s where {allowed} may be (burst {burst}, {rate}/s)"
            + (f", never 429: {', '.join(unlimited)}" if unlimited else ""))
    return ok, f"{head}: {summary}"


@check("malformed-no-stack-trace", 5)
def malformed_no_stack_trace(ctx):
    n = 30 if ctx.smoke else 200
    offset = ctx.log_size()
    answered = closed = 0
    for _ in range(n):
        r = ctx.h2.raw(b"POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       b"Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n", timeout=3, wait_close=0.2)
        answered += r.status is not None
        closed += r.status is None and r.closed
    no_host = [ctx.h2.raw(b"GET /q/health/live HTTP/1.1\r\n\r\n", timeout=3, wait_close=0.2) for _ in range(5)]
    time.sleep(0.5)
    log = ctx.log_since(offset)
    errors = sum(1 for line in log.splitlines() if " ERROR " in line)
    frames = sum(1 for line in log.splitlines() if line.startswith("\tat ") or line.startswith("	at "))
    size = len(log.encode("utf-8"))
    ok = errors == 0 and frames == 0 and size <= 4096
    return ok, (f"{n} malformed chunked bodies ({answered} answered, {closed} closed unanswered) and 5 without "
                f"Host ({', '.join(sorted({repr(r) for r in no_host}))}): log +{size} bytes, {errors} ERROR lines, "
                f"{frames} stack-trace lines")


def setting(key):
    """A key's value in the application.properties the service was built from (prod profile)."""
    path = os.path.join(benchlib.ROOT, "src", "main", "resources", "application.properties")
    try:
        for line in open(path, encoding="utf-8"):
            if line.startswith(key + "="):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return None


def documented_default(pattern):
    """The default docs/configuration.md gives for the first key matching PATTERN (a regex)."""
    for line in read("docs/configuration.md").splitlines():
        cells = [c.strip().strip("`") for c in line.split("|")[1:-1]]
        if len(cells) >= 3 and re.search(pattern, cells[0]):
            return cells[0], cells[2]
    return None, None


def seconds(value):
    """A Quarkus duration (30s, 5m, PT30M, 30) in seconds; None when unset or unreadable."""
    m = re.fullmatch(r"(?i)(?:PT)?(\d+(?:\.\d+)?)(ms|s|m|h)?", value.strip()) if value else None
    if not m:
        return None
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[(m.group(2) or "s").lower()]


def is_closed(s):
    """Whether the peer has closed S, without waiting; reads (and drops) what it sent first, such as
    a 408 before closing. select() is not used: it cannot take descriptors over 1023."""
    timeout = s.gettimeout()
    try:
        s.setblocking(False)
        while True:
            if not s.recv(65536):
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        try:
            s.settimeout(timeout)
        except OSError:
            pass


@check("slow-and-idle-closed", 6)
def slow_and_idle_closed(ctx):
    """Ten slowloris connections (a header line every 2 s, never the end of the headers) and ten idle
    ones: all must be closed by the service within the wait."""
    idle_timeout = seconds(setting("quarkus.http.idle-timeout"))
    wait = ctx.args.slow_wait or (20 if ctx.smoke else 65)
    if idle_timeout and not ctx.smoke:
        wait = max(wait, min(idle_timeout + 5, 180))
    # the smoke form awaits idle connections only when the idle timeout is that short
    idle_awaited = not ctx.smoke or (idle_timeout is not None and idle_timeout + 4 <= wait)
    slow, idle = [], []
    for _ in range(10):
        s = socket.create_connection((HOST, ctx.args.port), timeout=5)
        s.sendall(b"POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slow.append(s)
        idle.append(socket.create_connection((HOST, ctx.args.port), timeout=5))
    ctx.counter.add(20)
    t0 = time.monotonic()
    closed_at = {}
    i = 0
    awaited = slow + idle if idle_awaited else slow
    while time.monotonic() - t0 < wait and any(s not in closed_at for s in awaited):
        time.sleep(2.0)
        i += 1
        for s in slow:
            if s in closed_at:
                continue
            try:
                s.sendall(f"X-Slow-{i}: a\r\n".encode())
            except OSError:
                closed_at[s] = time.monotonic() - t0
        for s in slow + idle:
            if s not in closed_at and is_closed(s):
                closed_at[s] = time.monotonic() - t0
    slow_closed = [closed_at[s] for s in slow if s in closed_at]
    idle_closed = [closed_at[s] for s in idle if s in closed_at]
    for s in slow + idle:
        s.close()
    ok = len(slow_closed) == 10 and (len(idle_closed) == 10 or not idle_awaited)

    def when(ts):
        return f"{len(ts)} of 10 closed" + (f" (after {min(ts):.0f}-{max(ts):.0f} s)" if ts else "")
    header_key, header_default = documented_default(r"header-timeout|headers-timeout")
    idle_part = when(idle_closed) + ("" if idle_awaited or len(idle_closed) == 10
                                     else " (not awaited in the smoke form)")
    return ok, (f"within {time.monotonic() - t0:.0f} s: slowloris {when(slow_closed)}, idle {idle_part}"
                f"; idle-timeout in application.properties: {setting('quarkus.http.idle-timeout') or 'not set'}"
                + (f", {header_key} {header_default}" if header_key else ", no header timeout documented"))


@check("connection-cap", 6)
def connection_cap(ctx):
    cap_value = None
    m = re.search(r"(?m)^[\w.\-]*max-connections\s*=\s*(\d+)",
                  read("src/main/resources/application.properties"))
    if m:
        cap_value = int(m.group(1))
    else:
        _, default = documented_default(r"max-connections|connection-limit")
        cap_value = int(default.replace(",", "")) if default and default.replace(",", "").isdigit() else None
    if cap_value and cap_value > 5000:
        return False, f"max-connections {cap_value} is more than this check opens (5,000)"
    if cap_value and ctx.smoke and cap_value > 1000:
        return None, f"max-connections {cap_value}: too many for the smoke form"
    n = cap_value + 50 if cap_value else (300 if ctx.smoke else 2000)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(n + 100, soft)), hard))
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft < n + 100:
        return None, f"this process may open only {soft} files, fewer than the {n} connections the check needs"
    socks = []
    try:
        for _ in range(n):
            try:
                socks.append(socket.create_connection((HOST, ctx.args.port), timeout=5))
            except OSError:
                break
        ctx.counter.add(len(socks))
        time.sleep(1.5)
        closed = sum(1 for s in socks if is_closed(s))
        open_now = len(socks) - closed
    finally:
        for s in socks:
            s.close()
    time.sleep(0.5)
    after = ctx.h2.request("GET", "/q/health/live")
    refused_beyond = cap_value is not None and open_now <= cap_value + 5 and closed > 0
    ok = refused_beyond and after.status == 200
    return ok, (f"{len(socks)} connections opened, {closed} closed by the service within 1.5 s, {open_now} held; "
                f"cap in application.properties: {cap_value or 'none'}; afterwards /q/health/live {after}")


@check("framing", 7)
def framing(ctx):
    key = ctx.key(3).encode()
    body = b'{"content":"hello there"}'
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    cl_te = ctx.h2.raw(b"POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + key +
                       b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(chunked)).encode() +
                       b"\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
    te_list = ctx.h2.raw(b"POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + key +
                         b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + chunked)
    two_hosts = ctx.h2.raw(b"GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: attacker.example\r\n\r\n")
    bad_chunk = ctx.h2.raw(b"POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + key +
                           b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"5\r\nabcdefgh\r\n0\r\n\r\n")
    problems = []
    if cl_te.status is None or not cl_te.closed:
        problems.append(f"Content-Length + Transfer-Encoding: {cl_te}, connection {'closed' if cl_te.closed else 'kept open'}")
    if te_list.status != 400:
        problems.append(f"'chunked, identity': {te_list}")
    if two_hosts.status != 400:
        problems.append(f"two Host headers: {two_hosts}")
    info = f"malformed chunk size: {bad_chunk}" + (" and closed" if bad_chunk.status and bad_chunk.closed else "")
    return not problems, ("; ".join(problems) if problems else
                          f"CL+TE answered {cl_te.status} and closed; 'chunked, identity' 400; two Hosts 400") + "; " + info


@check("csrf-session-cookie", 8)
def csrf_session_cookie(ctx):
    login = ctx.h2.post_form("/j_security_check", {"j_username": "admin", "j_password": ctx.admin[1]})
    cookie = None
    for c in login.headers.get("set-cookie", []):
        if c.startswith("quarkus-credential=") and not c.startswith("quarkus-credential=;"):
            cookie = c.split(";", 1)[0]
    if not cookie:
        return False, f"form login gave no session cookie ({login}); cannot test"
    foreign = {"Cookie": cookie, "Origin": "http://attacker.example", "Sec-Fetch-Site": "same-site"}
    attempts = [
        ("POST /admin/api-keys", ctx.h2.post_json("/admin/api-keys", {"label": f"csrf-{ctx.run_id}"}, foreign)),
        ("POST /admin/retrain text/plain", ctx.h2.request("POST", "/admin/retrain", "{}",
                                                          dict(foreign, **{"Content-Type": "text/plain"}))),
        ("POST /admin/retrain (no body)", ctx.h2.request("POST", "/admin/retrain", None, foreign)),
        ("POST /admin/models/1/activate", ctx.h2.request("POST", "/admin/models/1/activate", None, foreign)),
    ]
    accepted = [f"{what} {r}" for what, r in attempts if r.status is None or r.status < 400]
    basic = ctx.h2.post_json("/admin/api-keys", {"label": f"basic-{ctx.run_id}"}, auth=ctx.admin)
    problems = []
    if accepted:
        problems.append("with the login cookie, no token, a foreign Origin: "
                        + ", ".join(f"{w} {r}" for w, r in attempts))
    if basic.status != 201:
        problems.append(f"HTTP Basic POST /admin/api-keys answered {basic} (must stay unaffected)")
    return not problems, "; ".join(problems) if problems else (
        "refused: " + ", ".join(f"{w} {r}" for w, r in attempts) + "; HTTP Basic still 201")


BAD_CONFIG = [
    ("COMMENTSHIELD_POLICY_BLOCK", "1.5", ("commentshield.policy.block", "COMMENTSHIELD_POLICY_BLOCK")),
    ("COMMENTSHIELD_MODEL_ALGORITHM", "svm", ("commentshield.model.algorithm", "COMMENTSHIELD_MODEL_ALGORITHM")),
    ("COMMENTSHIELD_DATA_DIR", "relative-data", ("commentshield.data-dir", "COMMENTSHIELD_DATA_DIR")),
]


@check("bad-config-stops-start", 9, needs="java")
def bad_config_stops_start(ctx):
    cases = BAD_CONFIG[:1] if ctx.smoke else BAD_CONFIG
    outcomes, problems = [], []
    for var, value, names in cases:
        ok, what = start_with(ctx, var, value, names)
        outcomes.append(f"{var}={value}: {what}")
        if not ok:
            problems.append(var)
    return not problems, "; ".join(outcomes)


def start_with(ctx, var, value, names, timeout=60):
    a = ctx.args
    with tempfile.TemporaryDirectory(prefix="commentshield-hostile-config.") as tmp:
        port = free_port()
        env = dict(os.environ, QUARKUS_HTTP_HOST=HOST, QUARKUS_HTTP_PORT=str(port),
                   QUARKUS_MANAGEMENT_PORT=str(free_port()), QUARKUS_MANAGEMENT_HOST=HOST,
                   COMMENTSHIELD_DATA_DIR=os.path.join(tmp, "data"),
                   COMMENTSHIELD_ADMIN_PASSWORD=a.admin_password, COMMENTSHIELD_MODERATOR_PASSWORD=a.moderator_password,
                   COMMENTSHIELD_API_KEYS="config-key")
        env[var] = value
        log_path = os.path.join(tmp, "service.log")
        cmd = [a.java] + a.jvm_opts.split() + ["-jar", os.path.join(a.app, "quarkus-run.jar")]
        with open(log_path, "wb") as log:
            p = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
        ctx.counter.add()  # the start itself; readiness polls are not counted
        t0 = time.monotonic()
        answered = False
        try:
            while p.poll() is None and time.monotonic() - t0 < timeout:
                c = http.client.HTTPConnection(HOST, port, timeout=2)
                try:
                    c.request("GET", "/q/health/live")
                    answered = c.getresponse().status == 200
                except (OSError, http.client.HTTPException):
                    pass
                finally:
                    c.close()
                if answered:
                    break
                time.sleep(0.25)
        finally:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        log = open(log_path, encoding="utf-8", errors="replace").read()
        frames = sum(1 for line in log.splitlines() if line.startswith("\tat "))
        named = [line.strip() for line in log.splitlines() if any(n in line for n in names)]
        if answered:
            return False, f"started: /q/health/live answered after {time.monotonic() - t0:.1f} s"
        if p.returncode == 0 or time.monotonic() - t0 >= timeout:
            return False, f"neither stopped nor answered within {timeout} s"
        if not named:
            return False, f"exit {p.returncode}, no line names the key ({frames} stack-trace lines)"
        return True, f"exit {p.returncode} in {time.monotonic() - t0:.1f} s: \"{named[0][-150:]}\" ({frames} stack-trace lines)"


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    p = s.getsockname()[1]
    s.close()
    return p


@check("status-414-431-host-problem-json", 10)
def problem_json_edges(ctx):
    long_uri = ctx.h2.raw(b"GET /q/health/live?x=" + b"a" * 10000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    big_header = ctx.h2.raw(b"GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 40000 + b"\r\n\r\n")
    no_host = ctx.h2.raw(b"GET /q/health/live HTTP/1.1\r\n\r\n")
    problems = []
    for want, r, what in ((414, long_uri, "10,000-byte URI"), (431, big_header, "40,000-byte header"),
                          (400, no_host, "no Host")):
        if r.status != want or not r.is_problem():
            problems.append(f"{what}: {r} {r.header('content-type') or 'no content type'}")
    return not problems, "; ".join(problems) if problems else "414, 431 and 400 (no Host) as problem+json"


@check("paging-params-400", 10)
def paging_params(ctx):
    problems = []
    for query, name in (("page=2147483648", "page"), ("page=1e3", "page"), ("size=1.5", "size")):
        r = ctx.h2.request("GET", f"/moderation/items?{query}", auth=ctx.moderator)
        if r.status != 400 or name not in r.text():
            problems.append(f"{query}: {r} {r.text()[:60]!r}")
    return not problems, "; ".join(problems) if problems else "page=2147483648, page=1e3, size=1.5: 400 naming the parameter"


@check("host-not-in-redirects", 10)
def host_not_in_redirects(ctx):
    problems, seen = [], []
    for method, path, body in (("GET", "/moderation", None), ("GET", "/admin", None),
                               ("POST", "/j_security_check", "j_username=nobody&j_password=x")):
        headers = {"Host": "attacker.example"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        r = ctx.h2.request(method, path, body, headers)
        loc = r.header("location") or ""
        seen.append(f"{method} {path} {r} {loc or '-'}")
        if "attacker.example" in loc:
            problems.append(f"{method} {path} -> {loc}")
    return not problems, ("Host reflected: " + "; ".join(problems)) if problems else "no Location names the Host: " + "; ".join(seen)


RLO = "\u202e"


@check("bidi-isolated-on-page", 10)
def bidi_isolated(ctx):
    site = f"bidi-{ctx.run_id}.example"
    name = f"Mallory{RLO}fdp.exe"
    r = ctx.h2.post_json("/classify", {"content": flagged("bidi author"), "author": {"name": name},
                                       "context": {"site": site}}, {"X-Api-Key": ctx.key(4)})
    if r.status != 200:
        if r.status == 400:
            return True, "an author name with U+202E refused with 400"
        return False, f"classify answered {r}"
    page = ctx.h2.request("GET", f"/moderation?site={site}", auth=ctx.moderator)
    html = page.text()
    i = html.find("Mallory")
    if page.status != 200 or i < 0:
        return False, f"the page ({page}) does not show the item"
    tail = html[i:i + 40]
    has_override = RLO in tail or "&#8238;" in tail or "&#x202e;" in tail.lower()
    if not has_override:
        return True, "U+202E removed from the name on the page"
    end = min(x for x in (tail.find("<"), len(tail)) if x >= 0)
    if "\u202c" in tail[:end] or "\u2069" in tail[:end]:
        return True, "U+202E closed (PDF/PDI) before the rest of the line"
    opening = html[html.rfind("<", 0, i):i]
    if opening.startswith("<bdi") or " dir=" in opening:
        return True, f"the name is isolated ({opening.split()[0]}>)"
    return False, f"U+202E in the author name reaches the page unisolated (inside {opening[:40]!r})"


@check("metrics-without-class-names", 10)
def metrics_without_class_names(ctx):
    for path in ("/classify", "/moderation/items/999999999", "/no/such/endpoint"):
        ctx.h2.request("GET" if "items" in path or "such" in path else "POST", path,
                       "{" if path == "/classify" else None,
                       {"Content-Type": "application/json", "X-Api-Key": ctx.key(5)}, auth=None)
    r = ctx.h2.request("GET", "/q/metrics")
    where = "/q/metrics"
    if r.status != 200 and ctx.args.management_port:
        r = Client(ctx.args.management_port, ctx.counter).request("GET", "/q/metrics")
        where = "management /q/metrics"
    if r.status in (401, 403):
        r = ctx.h2.request("GET", "/q/metrics", auth=ctx.admin)
        where = "/q/metrics as admin"
    if r.status != 200:
        return None, f"{where}: {r}; nothing to read"
    classes = sorted(set(re.findall(r"\b(?:[a-z_]\w*\.)*[A-Z]\w*(?:Exception|Error)\b", r.text())))
    return not classes, (f"{where} names {len(classes)} exception classes: {', '.join(classes[:5])}" if classes
                         else f"{where} names no exception class")


@check("cookie-key-not-logged", 10)
def cookie_key_not_logged(ctx):
    log = ctx.log_since(0)
    leaks = [line.strip() for line in log.splitlines()
             if re.search(r"(?i)(encryption|session|cookie)[^\n]*key", line)
             and re.search(r"[A-Za-z0-9+/_-]{24,}={0,2}\s*$", line)]
    shown = re.sub(r"^.*?\) ", "", leaks[0]) if leaks else ""
    shown = re.sub(r"([A-Za-z0-9+/_-]{4})[A-Za-z0-9+/_-]{20,}={0,2}\s*$", r"\1… (the key)", shown)
    return not leaks, (f"the log prints the key: \"{shown}\"" if leaks
                       else "no key printed (started without QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY)")


def read(path):
    try:
        return open(os.path.join(benchlib.ROOT, path), encoding="utf-8").read()
    except OSError:
        return ""


@check("dockerfile-aot-cache", 11)
def dockerfile_aot_cache(ctx):
    """The JVM maps an AOT cache only on the JVM build that recorded it: the runtime stage must
    record its cache on its own image (or not start with one)."""
    text = re.sub(r"(?m)^\s*#.*\n", "", read("Dockerfile")).replace("\\\n", " ")
    if not text:
        return False, "no Dockerfile"
    stages = re.split(r"(?im)^FROM\s+", text)[1:]
    final = stages[-1]
    final_image = final.split()[0]
    if "AOTCache" not in final:
        return True, f"the runtime image ({final_image}) starts without an AOT cache"
    recording = [s for s in stages if (s is final or s.split()[0] == final_image)
                 and re.search(r"(?im)^RUN\b.*(AOTCacheOutput|AOTMode=record|aot-?cache|\.aot\b)", s)]
    if recording:
        return True, f"the cache is recorded on the runtime image {final_image}"
    return False, (f"the runtime stage ({final_image}) starts with -XX:AOTCache but the cache is recorded in "
                   f"another image ({stages[0].split()[0]}), whose JVM differs")


def k8s_docs():
    return [d for d in re.split(r"(?m)^---\s*$", read("deploy/kubernetes.yaml")) if d.strip()]


@check("kubernetes-fsgroup", 11)
def kubernetes_fsgroup(ctx):
    docs = [d for d in k8s_docs() if re.search(r"(?m)^kind:\s*StatefulSet", d)]
    if not docs:
        return False, "no StatefulSet in deploy/kubernetes.yaml"
    m = re.search(r"(?m)^\s*fsGroup:\s*(\d+)", docs[0])
    return bool(m), f"fsGroup {m.group(1)}" if m else "runAsUser 10001 without fsGroup: /data may not be writable"


@check("kubernetes-headless-service", 11)
def kubernetes_headless(ctx):
    docs = k8s_docs()
    sts = [d for d in docs if re.search(r"(?m)^kind:\s*StatefulSet", d)]
    if not sts:
        return False, "no StatefulSet"
    m = re.search(r"(?m)^\s*serviceName:\s*(\S+)", sts[0])
    name = m.group(1) if m else None
    for d in docs:
        if re.search(r"(?m)^kind:\s*Service\s*$", d) and re.search(rf"(?m)^\s*name:\s*{re.escape(name or '')}\s*$", d):
            if re.search(r"(?m)^\s*clusterIP:\s*None", d):
                return True, f"serviceName {name} is a headless Service"
            return False, f"serviceName {name} is a Service with a cluster IP, not headless"
    return False, f"serviceName {name}: no Service of that name"


@check("public-port-without-metrics-swagger", 11)
def public_port(ctx):
    """Statically: the image deploy/kubernetes.yaml runs is built with metrics (and health) on a
    management port and without Swagger UI, and no Service but the headless one forwards that port.
    What this build's public port answers is reported beside it (bench/hostile builds the service
    as bin/serve runs it, everything on one port)."""
    manifest, dockerfile = read("deploy/kubernetes.yaml"), read("Dockerfile")
    problems = []
    for doc in k8s_docs():
        if not re.search(r"(?m)^kind:\s*Service\s*$", doc) or re.search(r"(?m)^\s*clusterIP:\s*None", doc):
            continue
        name = (re.search(r"(?m)^\s*name:\s*(\S+)", doc) or [None, "?"])[1]
        if re.search(r"(?m)targetPort:\s*(management|9000)\b", doc):
            problems.append(f"Service {name} forwards the management port")
        if not re.search(r"(?m)targetPort:\s*(management|9000)\b", manifest) and "/q/metrics" in manifest:
            problems.append("metrics are scraped through the HTTP port")
    if not re.search(r"MANAGEMENT_INTERFACE=true|QUARKUS_MANAGEMENT_ENABLED", manifest):
        problems.append("the manifest's image is not built with a management interface")
    if "quarkus.management.enabled" not in dockerfile:
        problems.append("the Dockerfile never enables the management interface")
    if "swagger-ui.always-include=false" not in dockerfile and "swagger-ui.enable=false" not in dockerfile:
        problems.append("the Dockerfile keeps Swagger UI in the image")
    metrics = ctx.h2.request("GET", "/q/metrics")
    swagger = ctx.h2.request("GET", "/q/swagger-ui/")
    here = f"(this one-port build: /q/metrics {metrics}, /q/swagger-ui {swagger})"
    if problems:
        return False, "; ".join(problems) + " " + here
    return True, "the public Service forwards 8080 only; metrics and health on the management port, no Swagger UI in that image " + here


# ---------------------------------------------------------------------------------------------
# running them

ORDER = ["dockerfile-aot-cache", "kubernetes-fsgroup", "kubernetes-headless-service",
         "public-port-without-metrics-swagger", "cookie-key-not-logged", "text-h2",
         "status-414-431-host-problem-json", "paging-params-400", "host-not-in-redirects",
         "bidi-isolated-on-page", "metrics-without-class-names", "framing", "malformed-no-stack-trace",
         "csrf-session-cookie", "one-limit-all-doors", "slow-and-idle-closed", "connection-cap",
         "connection-loss-pg", "text-pg", "bad-config-stops-start",
         "brute-force-api-key", "brute-force-form", "brute-force-basic"]


def run_checks(args):
    ctx = Ctx(args)
    by_name = {c["name"]: c for c in CHECKS}
    assert set(by_name) == set(ORDER), set(by_name) ^ set(ORDER)
    only = set(args.only.split(",")) if args.only else None
    results = []
    for name in ORDER:
        c = by_name[name]
        if only and name not in only:
            continue
        if args.smoke and not c["smoke"]:
            continue
        t0 = time.monotonic()
        ctx.counter.n = 0
        if c["needs"] == "pg" and not args.pg_port:
            ok, reason = None, "no PostgreSQL build given (bench/hostile --pg)"
        elif c["needs"] == "java" and not args.java:
            ok, reason = None, "no java given"
        else:
            try:
                ok, reason = c["fn"](ctx)
            except Exception as e:  # a check that breaks is a failed check, the others still run
                ok, reason = False, f"the check itself failed: {type(e).__name__}: {e}"
        status = "SKIP" if ok is None else "PASS" if ok else "FAIL"
        res = {"check": name, "finding": c["finding"], "status": status, "requests": ctx.counter.n,
               "seconds": round(time.monotonic() - t0, 1), "reason": reason,
               "enforced_in_smoke": name in SMOKE_ENFORCED}
        results.append(res)
        print(f"{status} {name:<36} finding {c['finding']:>2} {ctx.counter.n:>6} req  {reason}", flush=True)
    return results


def markdown(results, args, meta):
    passed = sum(r["status"] == "PASS" for r in results)
    failed = sum(r["status"] == "FAIL" for r in results)
    lines = [f"Command: `{meta['command']}` · {meta['date']} · commit {meta['commit']}  ",
             f"Machine: {benchlib.machine_line(meta['machine'])}  ",
             f"{passed} PASS, {failed} FAIL, {len(results) - passed - failed} SKIP; "
             f"{sum(r['requests'] for r in results)} requests in all.", "",
             "| finding | check | requests | result | reason |", "|---|---|---|---|---|"]
    for r in results:
        reason = r["reason"].replace("|", "\\|")
        lines.append(f"| {r['finding']} | `{r['check']}` | {r['requests']} | {r['status']} | {reason} |")
    return "\n".join(lines) + "\n"


def main_check(args):
    results = run_checks(args)
    failed = [r["check"] for r in results if r["status"] == "FAIL"]
    command = "bench/hostile" + (" --smoke" if args.smoke else "") + (" --pg" if args.pg_port else "")
    meta = benchlib.run_meta(command)
    md = markdown(results, args, meta)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "hostile.json"), "w", encoding="utf-8") as f:
            json.dump({**meta, "results": results}, f, indent=1)
        with open(os.path.join(args.out, "hostile.md"), "w", encoding="utf-8") as f:
            f.write(md)
    if args.results_md and not args.smoke:
        benchlib.splice("hostile", md)
    passed = sum(r["status"] == "PASS" for r in results)
    print(f"hostile: {passed} PASS, {len(failed)} FAIL, {len(results) - passed - len(failed)} SKIP; "
          f"{sum(r['requests'] for r in results)} requests", file=sys.stderr)
    if args.smoke:
        enforced = [n for n in failed if n in SMOKE_ENFORCED]
        if failed and not enforced:
            print("hostile --smoke: the FAILs above are findings not yet fixed on this commit; "
                  "only checks in SMOKE_ENFORCED fail the smoke", file=sys.stderr)
        if enforced:
            print("hostile --smoke: FAILED (fixed findings broken again): " + ", ".join(enforced), file=sys.stderr)
        return 1 if enforced else 0
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------
# a TCP proxy between the PostgreSQL build and its database, cut and restored by signals

def main_proxy(args):
    target_host, target_port = args.to.rsplit(":", 1)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, args.listen))
    listener.listen(128)
    state = {"up": True, "pairs": set()}
    lock = threading.Lock()

    def cut(*_):
        with lock:
            state["up"] = False
            for a, b in list(state["pairs"]):
                for s in (a, b):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    s.close()
            state["pairs"].clear()

    def restore(*_):
        with lock:
            state["up"] = True

    signal.signal(signal.SIGUSR1, cut)
    signal.signal(signal.SIGUSR2, restore)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def pump(src, dst, pair):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            # shutdown, not only close: the other pump is blocked in recv on these sockets, and a
            # close alone neither wakes it nor sends the FIN the service must see
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                try:
                    s.close()
                except OSError:
                    pass
            with lock:
                state["pairs"].discard(pair)

    while True:
        try:
            client, _ = listener.accept()
        except InterruptedError:
            continue
        with lock:
            up = state["up"]
        if not up:
            client.close()
            continue
        try:
            server = socket.create_connection((target_host, int(target_port)), timeout=10)
            server.settimeout(None)
        except OSError:
            client.close()
            continue
        pair = (client, server)
        with lock:
            state["pairs"].add(pair)
        threading.Thread(target=pump, args=(client, server, pair), daemon=True).start()
        threading.Thread(target=pump, args=(server, client, pair), daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("--port", type=int, required=True)
    c.add_argument("--management-port", type=int)
    c.add_argument("--log", required=True)
    c.add_argument("--admin-password", required=True)
    c.add_argument("--moderator-password", required=True)
    c.add_argument("--keys", required=True, help="API keys the service was started with, comma-separated")
    c.add_argument("--rate", type=float, default=1.0, help="the service's rate limit per second")
    c.add_argument("--burst", type=int, default=10, help="the service's burst")
    c.add_argument("--smoke", action="store_true")
    c.add_argument("--only", help="only these checks, comma-separated")
    c.add_argument("--out")
    c.add_argument("--results-md", action="store_true", help="splice the table into bench/RESULTS.md")
    c.add_argument("--slow-wait", type=float, help="seconds to wait for slow and idle connections to be closed")
    c.add_argument("--pg-port", type=int)
    c.add_argument("--proxy-pid", type=int)
    c.add_argument("--pg-app-name")
    c.add_argument("--java")
    c.add_argument("--jvm-opts", default="")
    c.add_argument("--app")
    p = sub.add_parser("proxy")
    p.add_argument("--listen", type=int, required=True)
    p.add_argument("--to", required=True)
    args = ap.parse_args()
    if args.cmd == "proxy":
        main_proxy(args)
        return 0
    return main_check(args)


if __name__ == "__main__":
    sys.exit(main())
