"""A site's life replayed through the service's HTTP API (bench/replay).

  replay.py streams [--streams LIST]        the names of the streams chosen, one a line
  replay.py run --stream NAME --mode on|off [--base URL] --out FILE [--limit N] [--no-author]
                [--report-share F] [--no-wait-retrain] [--checks]
      one stream on one running service: every comment in order through POST /classify; a
      moderator judges each queued one with its true label; readers report published spam
      (a share of it, by a hash of the externalId); with --checks, afterwards the judged comments
      again and near-copies of the judged spam
  replay.py near-copy --set youtube|sms [--base URL] --out FILE [--no-wait-retrain]
      every spam of the set reported through POST /feedback, then every ham classified: how
      many ham the verdict memory matches as "judged spam"
  replay.py report --dir DIR [--smoke] [--publish] [--near-copy]
      the tables from the run files in DIR: DIR/replay.{json,md} and, with --publish,
      bench/results/replay.{json,md} and the section of bench/RESULTS.md

The API key and the passwords come from the environment (REPLAY_API_KEY, REPLAY_ADMIN_PASSWORD,
REPLAY_MODERATOR_PASSWORD), so they do not show in the process list; the service's URL from
--base or REPLAY_BASE. Standard library only.
No comment text or author is written to the results, only positions, labels and decisions.
"""
import argparse
import base64
import csv
import datetime
import glob
import hashlib
import http.client
import json
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

YOUTUBE = "youtube-spam-collection"
# name -> (file under the data sets folder, kind, short names accepted by --streams)
STREAMS = {
    "youtube-psy": (f"{YOUTUBE}/Youtube01-Psy.csv", "youtube", ("psy",)),
    "youtube-katyperry": (f"{YOUTUBE}/Youtube02-KatyPerry.csv", "youtube", ("katyperry", "katy")),
    "youtube-lmfao": (f"{YOUTUBE}/Youtube03-LMFAO.csv", "youtube", ("lmfao",)),
    "datacamp-blog": ("datacamp-tutorial-comments/datacamp-tutorial-comments.tsv", "tsv",
                      ("datacamp", "blog")),
}
# The page each YouTube comment was posted on, sent as context.permalink as a comment system does.
VIDEO_PAGES = {"youtube-psy": "https://www.youtube.com/watch?v=9bZkp7q19f0",
               "youtube-katyperry": "https://www.youtube.com/watch?v=CevxZvSJLk8",
               "youtube-lmfao": "https://www.youtube.com/watch?v=KQ6zr6kCPj8"}
NEAR_COPY_SETS = {
    "youtube": [s for s in STREAMS if s.startswith("youtube-")],
    "sms": ["sms-spam-collection/sms-spam-collection.tsv"],
}
LEARNING_OFF_ENV = "COMMENTSHIELD_RETRAIN_AFTER_LABELS=0 COMMENTSHIELD_MEMORY_ENABLED=false"
JOB_WAIT_LIMIT_S = 600
# The service's commentshield.retrain.after-labels (its default) and how long to wait for the
# automatic retraining it starts within one sync period (5 s by default).
RETRAIN_AFTER_LABELS = int(os.environ.get("REPLAY_RETRAIN_AFTER_LABELS", "50"))
JOB_START_WAIT_S = 12


# ---- the data

class Comment:
    __slots__ = ("external_id", "content", "author", "spam")

    def __init__(self, external_id, content, author, spam):
        self.external_id, self.content, self.author, self.spam = external_id, content, author, spam


def stream_names(spec):
    """The stream names a --streams value (comma-separated names or short names) picks."""
    if not spec or spec == "all":
        return list(STREAMS)
    names = []
    for part in spec.split(","):
        part = part.strip().lower()
        match = [n for n, (_, _, short) in STREAMS.items() if part == n or part in short]
        if not match:
            raise SystemExit(f"unknown stream '{part}'; streams: {', '.join(STREAMS)} "
                             "(or psy, katyperry, lmfao, datacamp)")
        names += [m for m in match if m not in names]
    return names


def youtube_rows(path, name):
    """A video's comments in the order the site got them: by DATE, rows of the same DATE and rows
    without one in file order, the latter at the end (the three videos here have a DATE on
    every row). The externalId is the stream's name and the row's number in the file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keyed = []
    for i, r in enumerate(rows):
        date = (r.get("DATE") or "").strip()
        try:
            key = (0, datetime.datetime.fromisoformat(date), i) if date else (1, datetime.datetime.min, i)
        except ValueError:
            key = (1, datetime.datetime.min, i)
        keyed.append((key, i, r))
    keyed.sort(key=lambda x: x[0])
    return [Comment(f"{name}-{i + 1:04d}", r["CONTENT"], (r.get("AUTHOR") or "").strip() or None,
                    r["CLASS"].strip() == "1") for _, i, r in keyed]


def tsv_rows(path, name):
    """label<TAB>text with a header line, no quoting: file order."""
    out = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for i, line in enumerate(f):
            label, _, text = line.rstrip("\n").partition("\t")
            out.append(Comment(f"{name}-{i + 1:04d}", text, None, label == "spam"))
    return out


def load_stream(name):
    rel, kind, _ = STREAMS[name]
    path = os.path.join(benchlib.datasets_dir(), rel)
    return youtube_rows(path, name) if kind == "youtube" else tsv_rows(path, name)


def load_set(name):
    if name == "youtube":
        return [c for s in NEAR_COPY_SETS["youtube"] for c in load_stream(s)]
    return tsv_rows(os.path.join(benchlib.datasets_dir(), NEAR_COPY_SETS[name][0]), name)


def reported(external_id, share):
    """Whether a reader reports this published spam: deterministic, by a hash of the externalId."""
    h = int.from_bytes(hashlib.sha256(external_id.encode("utf-8")).digest()[:8], "big")
    return h / 2 ** 64 < share


# ---- near-copies

LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
WORD = re.compile(r"[^\W\d_]{3,}")
FILLERS = ["really", "totally", "guys", "today", "please", "amazing", "now", "here", "everyone",
           "honestly", "friends", "new"]


def _token(seed, n):
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    h = hashlib.sha256(seed.encode("utf-8")).digest()
    return "".join(alphabet[b % len(alphabet)] for b in h[:max(4, min(n, 24))])


def near_copy(text, key):
    """A near-copy of a comment, deterministic for KEY: the path of its first link with a path
    changed (its last segment replaced by another of the same length), or else two words
    replaced (three in a comment of more than 12 words), or two words added to a comment with
    fewer than two words. Returns (text, what changed)."""
    for m in LINK.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        parsed = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
        segments = parsed.path.split("/")
        last = max((i for i, s in enumerate(segments) if s), default=None)
        if last is None:
            continue
        new_segments = list(segments)
        new_segments[last] = _token(key + "|path", len(segments[last]))
        new_url = url.replace(parsed.path, "/".join(new_segments), 1)
        if new_url != url:
            return text[:m.start()] + new_url + text[m.start() + len(url):], "link path"
    words = list(WORD.finditer(text))
    h = hashlib.sha256((key + "|words").encode("utf-8")).digest()
    if len(words) < 2:
        return (text.rstrip() + " " + FILLERS[h[0] % len(FILLERS)] + " "
                + FILLERS[(h[0] + 1 + h[1] % (len(FILLERS) - 1)) % len(FILLERS)]), "words added"
    n = 3 if len(words) > 12 else 2
    picked, k = [], 0
    while len(picked) < n and k < 64:
        i = int.from_bytes(h[(2 * k) % 30:(2 * k) % 30 + 2], "big") % len(words)
        if i not in picked:
            picked.append(i)
        k += 1
        if k % 15 == 0:
            h = hashlib.sha256(h).digest()
    out, last = [], 0
    for j, i in enumerate(sorted(picked)):
        w = words[i]
        filler = FILLERS[(h[j] + j) % len(FILLERS)]
        if filler.lower() == w.group(0).lower():
            filler = FILLERS[(h[j] + j + 1) % len(FILLERS)]
        out += [text[last:w.start()], filler]
        last = w.end()
    out.append(text[last:])
    return "".join(out), "words"


# ---- HTTP

class Api:
    """One keep-alive HTTP/1.1 connection to the service (http.client), reopened when the
    service closed it."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.conn = None
        self.key = os.environ.get("REPLAY_API_KEY", "")
        self.basic = {
            who: "Basic " + base64.b64encode(f"{who}:{os.environ.get(var, '')}".encode()).decode()
            for who, var in (("admin", "REPLAY_ADMIN_PASSWORD"), ("moderator", "REPLAY_MODERATOR_PASSWORD"))}
        self.requests = 0
        self.timing = {}  # "METHOD /path" (ids as {id}) -> [requests, seconds]

    def call(self, method, path, body=None, who="client"):
        t0 = time.monotonic()
        try:
            return self._call(method, path, body, who)
        finally:
            t = self.timing.setdefault(f"{method} {re.sub(r'/[0-9]+', '/{id}', path)}", [0, 0.0])
            t[0] += 1
            t[1] += time.monotonic() - t0

    def _call(self, method, path, body, who):
        headers = {"Accept": "application/json"}
        if who == "client":
            headers["X-Api-Key"] = self.key
        else:
            headers["Authorization"] = self.basic[who]
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                if (resp.getheader("Connection") or "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                self.requests += 1
                try:
                    return resp.status, json.loads(raw) if raw else None
                except ValueError:
                    return resp.status, None
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # a keep-alive connection the service had closed; once more on a new one
                if self.conn:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


class Jobs:
    """The retraining jobs the service runs during a replay, tracked by id across the run
    (GET /admin/jobs lists the latest 20). A job is attributed to the comment after which it
    was first seen (the labels so far started it), its end and activation likewise."""

    def __init__(self, api, wait):
        self.api, self.wait = api, wait
        self.seen = {}
        self.waited_s = 0.0
        self.polls = 0
        self.problems = []
        self.before = set(j["id"] for j in self.list())

    def list(self):
        status, body = self.api.call("GET", "/admin/jobs", who="admin")
        self.polls += 1
        if status != 200 or not isinstance(body, list):
            self.problems.append(f"GET /admin/jobs answered {status}")
            return []
        return body

    def poll(self, after):
        """Records what the list shows after comment AFTER (-1: before the first); True while a
        job is running."""
        running = False
        listing = self.list()
        if listing and not ({j["id"] for j in listing} & (set(self.seen) | self.before)) and self.seen:
            self.problems.append(f"after comment {after}: more than {len(listing)} new jobs since the last look")
        for j in listing:
            if j["id"] in self.before:
                continue
            s = self.seen.setdefault(j["id"], {"id": j["id"], "seen_after": after, "requestedBy": j.get("requestedBy"),
                                               "done_after": None})
            s.update(state=j.get("state"), activated=bool(j.get("activated")), modelVersion=j.get("modelVersion"),
                     message=(j.get("message") or "")[:300])
            if j.get("state") == "running":
                running = True
            elif s["done_after"] is None:
                s["done_after"] = after
        return running

    def between(self, after):
        """Between two comments: with waiting on (the default), until no job is running."""
        running = self.poll(after)
        if not self.wait:
            return
        t0 = time.monotonic()
        while running:
            if time.monotonic() - t0 > JOB_WAIT_LIMIT_S:
                self.problems.append(f"after comment {after}: a job still running after {JOB_WAIT_LIMIT_S} s; went on")
                break
            time.sleep(0.1)
            running = self.poll(after)
        self.waited_s += time.monotonic() - t0

    def await_new_job(self, after, timeout_s):
        """After enough labels for an automatic retraining: waits until the service has started
        it (it looks once per sync period), so that a stream replayed in seconds is retrained as
        often as a site whose comments come minutes apart. True when a new job appeared."""
        known = set(self.seen)
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout_s:
            self.poll(after)
            if set(self.seen) - known:
                self.waited_s += time.monotonic() - t0
                return True
            time.sleep(0.2)
        self.waited_s += time.monotonic() - t0
        return False

    def summary(self):
        return sorted(self.seen.values(), key=lambda j: j["id"])


def memory_judged_spam(answer):
    """The verdict-memory reasons of an answer that name a comment judged spam."""
    return [r.get("feature") for r in (answer or {}).get("reasons") or []
            if r.get("kind") == "memory" and "judged spam" in (r.get("feature") or "")]


def classify_body(c, site, with_author, external_id=None, content=None):
    context = {"site": site, "type": "comment"}
    if site in VIDEO_PAGES:
        context["permalink"] = VIDEO_PAGES[site]
    body = {"content": c.content if content is None else content,
            "context": context,
            "externalId": external_id or c.external_id}
    if with_author and c.author:
        body["author"] = {"name": c.author}
    return body


# ---- one stream

def run_stream(args):
    comments = load_stream(args.stream)
    if args.limit:
        comments = comments[:args.limit]
    api = Api(args.base)
    jobs = Jobs(api, not args.no_wait_retrain)
    site, with_author = args.stream, not args.no_author
    records, judged = [], []
    labels_since_job, jobs_seen = 0, 0
    t0 = time.monotonic()
    for pos, c in enumerate(comments):
        if args.mode == "on" and not args.no_wait_retrain and labels_since_job >= RETRAIN_AFTER_LABELS:
            jobs.await_new_job(pos - 1, JOB_START_WAIT_S)
        jobs.between(pos - 1)
        if len(jobs.seen) != jobs_seen:
            jobs_seen, labels_since_job = len(jobs.seen), 0
        rec = {"pos": pos, "spam": c.spam}
        status, ans = api.call("POST", "/classify", classify_body(c, site, with_author))
        if status != 200 or not isinstance(ans, dict):
            rec["error"] = status
            records.append(rec)
            continue
        decision = ans.get("decision")
        rec.update(decision=decision, p=ans.get("spamProbability"), version=ans.get("modelVersion"))
        if memory_judged_spam(ans):
            rec["memory"] = True
        if not c.spam and decision == "block":
            # what blocked an ordinary comment, for the report of what learning got wrong
            rec["reasons"] = [f"{r.get('kind')}: {r.get('feature')} ({r.get('weight')})"
                              for r in (ans.get("reasons") or [])[:4]]
        label = "spam" if c.spam else "ham"
        if decision in ("review", "block"):
            if ans.get("id") is None:
                rec["queued_without_id"] = True
            else:
                st, _ = api.call("POST", f"/moderation/items/{ans['id']}/verdict", {"label": label}, who="moderator")
                if st == 200:
                    rec["verdict"] = label
                    judged.append(c)
                    labels_since_job += 1
                else:
                    rec["verdict_error"] = st
        elif c.spam and reported(c.external_id, args.report_share):
            body = {"externalId": c.external_id, "content": c.content, "context": {"site": site}, "label": "spam"}
            if with_author and c.author:
                body["author"] = {"name": c.author}
            st, _ = api.call("POST", "/feedback", body)
            if st == 200:
                rec["reported"] = True
                labels_since_job += 1
            else:
                rec["report_error"] = st
        records.append(rec)
    jobs.between(len(comments) - 1)
    replay_s = time.monotonic() - t0

    result = {"stream": args.stream, "mode": args.mode, "comments": len(comments), "replay_seconds": replay_s,
              "records": records}
    if args.checks:
        result["checks"] = after_checks(api, jobs, judged, site, with_author, len(comments) - 1)
    result.update(jobs=jobs.summary(), jobs_problems=jobs.problems, job_polls=jobs.polls,
                  waited_for_jobs_seconds=jobs.waited_s, requests=api.requests, timing=api.timing,
                  seconds=time.monotonic() - t0)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)
    s = summarize(result)["all"]
    print(f"[replay] {args.stream}, learning {args.mode}: {len(comments)} comments in {replay_s:.1f} s "
          f"({api.requests} requests; {jobs.waited_s:.1f} s waiting for retraining); spam published "
          f"{benchlib.pct(s['spam_published'])}, ham blocked {benchlib.pct(s['ham_blocked'])}, ham to review "
          f"{benchlib.pct(s['ham_review'])}, labels {s['labels']}, retrains {s['retrains']}, "
          f"activations {s['activations']}, errors {s['errors']}", file=sys.stderr)
    print("[replay]   time by request: " + ", ".join(f"{k} {n}× {t / n * 1000:.1f} ms"
                                                     for k, (n, t) in sorted(api.timing.items())), file=sys.stderr)
    return 0


def after_checks(api, jobs, judged, site, with_author, last):
    """(a) every judged comment again, unchanged but for a new externalId: spam should be
    blocked, ham not; (b) a near-copy of every judged spam: it should be blocked."""
    again = {"spam": 0, "spam_blocked": 0, "ham": 0, "ham_not_blocked": 0, "memory": 0, "errors": 0}
    near = {"sent": 0, "blocked": 0, "memory": 0, "errors": 0, "by_change": {}}
    for c in judged:
        jobs.between(last)
        st, ans = api.call("POST", "/classify", classify_body(c, site, with_author, c.external_id + "-again"))
        if st != 200 or not isinstance(ans, dict):
            again["errors"] += 1
            continue
        blocked = ans.get("decision") == "block"
        again["memory"] += bool(memory_judged_spam(ans))
        if c.spam:
            again["spam"] += 1
            again["spam_blocked"] += blocked
        else:
            again["ham"] += 1
            again["ham_not_blocked"] += not blocked
    for c in judged:
        if not c.spam:
            continue
        jobs.between(last)
        text, change = near_copy(c.content, c.external_id)
        st, ans = api.call("POST", "/classify",
                           classify_body(c, site, with_author, c.external_id + "-near", content=text))
        by = near["by_change"].setdefault(change, {"sent": 0, "blocked": 0})
        if st != 200 or not isinstance(ans, dict):
            near["errors"] += 1
            continue
        blocked = ans.get("decision") == "block"
        near["sent"] += 1
        near["blocked"] += blocked
        near["memory"] += bool(memory_judged_spam(ans))
        by["sent"] += 1
        by["blocked"] += blocked
    return {"again": again, "near_copies": near}


# ---- the near-copy check

def run_near_copy(args):
    comments = load_set(args.set)
    api = Api(args.base)
    jobs = Jobs(api, not args.no_wait_retrain)
    site = f"near-copy-{args.set}"
    t0 = time.monotonic()
    reports = {"sent": 0, "errors": 0}
    spam = [c for c in comments if c.spam]
    ham = [c for c in comments if not c.spam]
    for k, c in enumerate(spam):
        jobs.between(k - 1)
        st, _ = api.call("POST", "/feedback", {"externalId": c.external_id + "-report", "content": c.content,
                                               "context": {"site": site}, "label": "spam"})
        reports["sent" if st == 200 else "errors"] += 1
    after = len(spam) - 1
    jobs.between(after)
    counts = {"ham": 0, "memory": 0, "memory_any": 0, "memory_blocked": 0, "blocked": 0, "review": 0, "errors": 0}
    matched = []
    for c in ham:
        jobs.between(after)
        st, ans = api.call("POST", "/classify", classify_body(c, site, False))
        if st != 200 or not isinstance(ans, dict):
            counts["errors"] += 1
            continue
        counts["ham"] += 1
        decision = ans.get("decision")
        counts["blocked"] += decision == "block"
        counts["review"] += decision == "review"
        counts["memory_any"] += any(r.get("kind") == "memory" for r in ans.get("reasons") or [])
        features = memory_judged_spam(ans)
        if features:
            counts["memory"] += 1
            counts["memory_blocked"] += decision == "block"
            matched.append({"externalId": c.external_id, "decision": decision, "memory": features[:3]})
    result = {"set": args.set, "spam_reported": reports, "counts": counts, "matched": matched,
              "jobs": jobs.summary(), "jobs_problems": jobs.problems, "waited_for_jobs_seconds": jobs.waited_s,
              "requests": api.requests, "seconds": time.monotonic() - t0}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)
    print(f"[replay] near-copy check, {args.set}: {reports['sent']} spam reported, {counts['ham']} ham classified "
          f"in {result['seconds']:.1f} s: {counts['memory']} matched as judged spam "
          f"({benchlib.pct(counts['memory'] / counts['ham'] if counts['ham'] else None, 2)}), "
          f"{counts['memory_blocked']} of them blocked; {counts['blocked']} ham blocked in all", file=sys.stderr)
    return 0


# ---- the report

def new_stats():
    return {"comments": 0, "spam": 0, "ham": 0, "errors": 0, "spam_allowed": 0, "ham_blocked_n": 0,
            "ham_review_n": 0, "verdicts": 0, "reports": 0, "labels": 0, "retrains": 0, "activations": 0,
            "memory": 0}


def finish_stats(s):
    s["spam_published"] = s["spam_allowed"] / s["spam"] if s["spam"] else None
    s["ham_blocked"] = s["ham_blocked_n"] / s["ham"] if s["ham"] else None
    s["ham_review"] = s["ham_review_n"] / s["ham"] if s["ham"] else None
    return s


def summarize(run):
    """Per quarter of the stream (by position) and in all: the counts and shares of the tables."""
    n = run["comments"]
    quarter = (lambda pos: min(3, pos * 4 // n)) if n else (lambda pos: 0)
    parts = {q: new_stats() for q in ("Q1", "Q2", "Q3", "Q4")}
    parts["Q2-Q4"] = new_stats()
    parts["all"] = new_stats()

    def add(pos, key, k=1):
        q = f"Q{quarter(pos) + 1}"
        targets = [parts[q], parts["all"]] + ([parts["Q2-Q4"]] if q != "Q1" else [])
        for s in targets:
            s[key] += k

    for r in run["records"]:
        pos = r["pos"]
        add(pos, "comments")
        if "error" in r:
            add(pos, "errors")
            continue
        add(pos, "spam" if r["spam"] else "ham")
        if r["spam"] and r["decision"] == "allow":
            add(pos, "spam_allowed")
        if not r["spam"] and r["decision"] == "block":
            add(pos, "ham_blocked_n")
        if not r["spam"] and r["decision"] == "review":
            add(pos, "ham_review_n")
        if r.get("verdict"):
            add(pos, "verdicts")
            add(pos, "labels")
        if r.get("reported"):
            add(pos, "reports")
            add(pos, "labels")
        if r.get("memory"):
            add(pos, "memory")
    for j in run["jobs"]:
        add(max(0, j["seen_after"]), "retrains")
        if j.get("activated") and j.get("done_after") is not None:
            add(max(0, j["done_after"]), "activations")
    return {k: finish_stats(v) for k, v in parts.items()}


def versions_seen(run):
    out = []
    for r in run["records"]:
        v = r.get("version")
        if v is not None and (not out or out[-1][0] != v):
            out.append([v, 0])
        if v is not None:
            out[-1][1] += 1
    return out


def run_meta(meta, default_command):
    """The run's meta.env (the command line is its cmdline) with date, commit and machine."""
    return benchlib.run_meta(meta.get("cmdline") or default_command,
                             **{k: v for k, v in meta.items() if k != "cmdline"})


def cell(share, count, digits=1):
    return "n/a" if share is None else f"{benchlib.pct(share, digits)} ({count})"


def report_streams(d, meta, smoke, publish):
    runs = {}
    for path in sorted(glob.glob(os.path.join(d, "run-*.json"))):
        run = json.load(open(path, encoding="utf-8"))
        runs.setdefault(run["stream"], {})[run["mode"]] = run
    if not runs:
        raise SystemExit(f"no run files in {d}")
    result = {"meta": run_meta(meta, "bench/replay"), "streams": {}}
    for name in [s for s in STREAMS if s in runs]:
        entry = {}
        for mode, run in runs[name].items():
            entry[mode] = {"comments": run["comments"], "quarters": summarize(run), "jobs": run["jobs"],
                           "jobs_problems": run["jobs_problems"], "versions_seen": versions_seen(run),
                           "replay_seconds": round(run["replay_seconds"], 2), "requests": run["requests"],
                           "waited_for_jobs_seconds": round(run["waited_for_jobs_seconds"], 2),
                           "queued_without_id": sum(1 for r in run["records"] if r.get("queued_without_id")),
                           "label_errors": sum(1 for r in run["records"]
                                               if r.get("verdict_error") or r.get("report_error"))}
            if run.get("checks"):
                entry[mode]["checks"] = run["checks"]
        result["streams"][name] = entry
    result["failures"] = failures = []
    for name, entry in result["streams"].items():
        for mode, e in entry.items():
            a = e["quarters"]["all"]
            if a["errors"]:
                failures.append(f"{name} (learning {mode}): {a['errors']} comments not classified")
            if e["label_errors"]:
                failures.append(f"{name} (learning {mode}): {e['label_errors']} verdicts or reports failed")
            failures += [f"{name} (learning {mode}): {p}" for p in e["jobs_problems"]]
    md = render_streams(result)
    benchlib.write_results("replay", result, md, d, True)
    if publish:
        benchlib.write_results("replay", result, md, d, False)
    return benchlib.publish("replay", md, failures, not publish)


def render_streams(result):
    m = result["meta"]
    off = m.get("learning_off_env", LEARNING_OFF_ENV)
    modes = sorted({mode for e in result["streams"].values() for mode in e}, key=lambda x: x != "on")
    both = modes == ["on", "off"]
    share = float(m.get("report_share", 0.5))
    lines = [
        f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
        f"Machine: {benchlib.machine_line(m['machine'])}  ",
        "Service: `target/quarkus-app` as built from that commit, H2 in a fresh data directory for every run, "
        "per-key rate limit off; a run per stream and mode: **learning on** is the service's defaults, "
        f"**learning off** sets `{off}`"
        + ((f" (the service warned that it does not know {m['unknown_keys_warned']})" if m.get("unknown_keys_warned")
            else " (the service logged nothing about these keys; one that does not know them ignores them)")
           if "off" in modes else "")
        + ".  ",
        "Streams: the three YouTube videos of `youtube-spam-collection` (raw CSVs) in the order of their DATE "
        "(equal dates and rows without one keep file order, the latter at the end; every row of these three "
        "videos has a date, so LMFAO, filed newest first, is replayed reversed), and the blog comments of "
        "`datacamp-tutorial-comments` in file order. Each comment is sent once to `POST /classify` with "
        "`context.site` = the stream's name, `context.type` = comment, `context.permalink` = the video's "
        "page (YouTube streams), "
        + ("no author" if m.get("no_author") == "1" else "`author.name` = the data set's author where it has one")
        + ". A moderator judges every queued comment (review or block) with its true label "
        "(`POST /moderation/items/{id}/verdict`); a reader reports published spam (allowed) with probability "
        f"{share:g}, decided by a hash of its externalId (`POST /feedback`, label spam).  ",
        ("Retraining: between two comments the replay looked at `GET /admin/jobs` and, while a job was running, "
         "waited for it to finish before sending the next comment (the default: a site's comments come minutes "
         "apart, a retrain takes seconds)." if m.get("wait_retrain", "1") == "1" else
         "Retraining: comments were sent on while a retraining job ran (`--no-wait-retrain`).")
        + " Retrains and activations count the jobs that appeared during the stream, by the quarter in which "
        "they were first seen (retrains) or seen finished and activated (activations).",
        "",
        "Shares: spam published = spam answered allow, of the quarter's spam; ham blocked = ham answered block, "
        "of its ham; ham to review = ham answered review (the moderators' load); labels = verdicts + reports. "
        + ("Cells: learning on / learning off." if both else f"Learning {modes[0]} only."),
    ]
    summary = ["", "| stream | comments (spam / ham) | spam published, Q2-Q4 | ham blocked | ham to review | labels | "
                   "retrains | activations | judged again: spam blocked | judged again: ham not blocked | "
                   "near-copies of judged spam blocked |", "|---" * 11 + "|"]
    sections = []
    for name, entry in result["streams"].items():
        first = entry[modes[0]]
        a0 = first["quarters"]["all"]

        def both_cells(key, count_key, part, e=entry):
            return " / ".join(cell(e[mode]["quarters"][part][key], e[mode]["quarters"][part][count_key])
                              if mode in e else "n/a" for mode in modes)

        def both_counts(key, part, e=entry):
            return " / ".join(str(e[mode]["quarters"][part][key]) if mode in e else "n/a" for mode in modes)

        checks = entry.get("on", {}).get("checks")
        if checks:
            ag, nc = checks["again"], checks["near_copies"]
            again_spam = f"{ag['spam_blocked']} of {ag['spam']}"
            again_ham = f"{ag['ham_not_blocked']} of {ag['ham']}"
            near = f"{nc['blocked']} of {nc['sent']}"
        else:
            again_spam = again_ham = near = "n/a"
        summary.append(f"| {name} | {a0['comments']} ({a0['spam']} / {a0['ham']}) | "
                       f"{both_cells('spam_published', 'spam_allowed', 'Q2-Q4')} | "
                       f"{both_cells('ham_blocked', 'ham_blocked_n', 'all')} | "
                       f"{both_cells('ham_review', 'ham_review_n', 'all')} | {both_counts('labels', 'all')} | "
                       f"{both_counts('retrains', 'all')} | {both_counts('activations', 'all')} | "
                       f"{again_spam} | {again_ham} | {near} |")
        rows = [f"#### {name}", "",
                "| part | comments | spam | ham | spam published | ham blocked | ham to review | labels given | "
                "retrains | activations |", "|---" * 10 + "|"]
        for part in ("Q1", "Q2", "Q3", "Q4", "Q2-Q4", "all"):
            q = first["quarters"][part]
            label = {"all": "**all**", "Q2-Q4": "Q2-Q4"}.get(part, part)
            rows.append(f"| {label} | {q['comments']} | {q['spam']} | {q['ham']} | "
                        f"{both_cells('spam_published', 'spam_allowed', part)} | "
                        f"{both_cells('ham_blocked', 'ham_blocked_n', part)} | "
                        f"{both_cells('ham_review', 'ham_review_n', part)} | {both_counts('labels', part)} | "
                        f"{both_counts('retrains', part)} | {both_counts('activations', part)} |")
        notes = []
        for mode in modes:
            e = entry.get(mode)
            if not e:
                continue
            versions = " → ".join(f"`{v}` ({n}×)" for v, n in e["versions_seen"]) or "none"
            notes.append(f"Learning {mode}: model versions answered {versions}; "
                         f"{e['quarters']['all']['memory']} answers with a verdict-memory reason; "
                         f"{e['replay_seconds']:.1f} s, {e['requests']} requests, "
                         f"{e['waited_for_jobs_seconds']:.1f} s waiting for retraining"
                         + (f"; jobs: " + ", ".join(f"#{j['id']} {j['state']}"
                                                    + (f" → v{j['modelVersion']}" if j.get('modelVersion') else "")
                                                    + (" activated" if j.get("activated") else "")
                                                    for j in e["jobs"]) if e["jobs"] else "")
                         + (f"; {e['queued_without_id']} flagged without a queue id" if e["queued_without_id"] else "")
                         + ".")
        if checks:
            ag, nc = checks["again"], checks["near_copies"]
            kinds = ", ".join(f"{k} {v['blocked']} of {v['sent']}" for k, v in sorted(nc["by_change"].items()))
            notes.append(f"After the stream (learning on): every judged comment sent again with a new externalId: "
                         f"spam blocked {ag['spam_blocked']} of {ag['spam']}, ham not blocked "
                         f"{ag['ham_not_blocked']} of {ag['ham']} ({ag['memory']} with a verdict-memory reason); a "
                         f"near-copy of every judged spam: {nc['blocked']} of {nc['sent']} blocked ({kinds}; "
                         f"{nc['memory']} with a verdict-memory reason).")
        sections += [""] + rows + [""] + [n + "  " for n in notes]
    targets = ["", "#### Targets (DESIGN.md, learning on)", ""] if "on" in modes else []
    for name, entry in result["streams"].items():
        e = entry.get("on")
        if not e:
            continue
        qs = e["quarters"]
        worst = max((qs[q]["spam_published"] or 0) for q in ("Q2", "Q3", "Q4"))
        verdicts = [("spam published at most 5% in each of Q2-Q4", worst <= 0.05,
                     "worst quarter " + benchlib.pct(worst)),
                    ("ham blocked at most 0.5% over the stream", (qs["all"]["ham_blocked"] or 0) <= 0.005,
                     benchlib.pct(qs["all"]["ham_blocked"], 2)),
                    ("ham to review at most 5%", (qs["all"]["ham_review"] or 0) <= 0.05,
                     benchlib.pct(qs["all"]["ham_review"]))]
        checks = e.get("checks")
        if checks:
            ag, nc = checks["again"], checks["near_copies"]
            ok_again = ag["spam_blocked"] == ag["spam"] and ag["ham_not_blocked"] == ag["ham"]
            verdicts.append(("a judged comment sent again gets its verdict's side", ok_again,
                             f"{ag['spam_blocked'] + ag['ham_not_blocked']} of {ag['spam'] + ag['ham']}"))
            verdicts.append(("a near-copy of judged spam is blocked", nc["blocked"] == nc["sent"],
                             f"{nc['blocked']} of {nc['sent']}"))
        targets.append(f"- {name}: " + "; ".join(f"{'MET' if ok else 'MISSED'}: {what} ({value})"
                                                 for what, ok, value in verdicts))
    if result["failures"]:
        targets += ["", "Problems: " + "; ".join(result["failures"])]
    return "\n".join(lines + summary + sections + targets) + "\n"


def report_near_copy(d, meta, smoke, publish):
    runs = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(os.path.join(d, "near-copy-*.json")))]
    if not runs:
        raise SystemExit(f"no near-copy run files in {d}")
    result = {"meta": run_meta(meta, "bench/replay --near-copy-check"), "sets": {}}
    failures = []
    for run in runs:
        c = run["counts"]
        result["sets"][run["set"]] = {
            "spam_reported": run["spam_reported"], "counts": c,
            "memory_share": c["memory"] / c["ham"] if c["ham"] else None,
            "jobs": run["jobs"], "jobs_problems": run["jobs_problems"],
            "waited_for_jobs_seconds": round(run["waited_for_jobs_seconds"], 2),
            "seconds": round(run["seconds"], 1)}
        if c["errors"] or run["spam_reported"]["errors"]:
            failures.append(f"{run['set']}: {c['errors']} ham not classified, "
                            f"{run['spam_reported']['errors']} reports failed")
        failures += [f"{run['set']}: {p}" for p in run["jobs_problems"]]
    result["failures"] = failures
    m = result["meta"]
    lines = [f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
             f"Machine: {benchlib.machine_line(m['machine'])}  ",
             "On a fresh service per set (learning on: the service's defaults), every spam of the set is reported "
             "through `POST /feedback` (its content, label spam, no author), then every ham of the set is "
             "classified (no author). Counted: ham whose reasons hold a verdict-memory entry (`\"kind\":\"memory\"`) "
             "naming a comment judged spam (its feature mentions \"judged spam\"), and how many of those were "
             "blocked. Target: at most 0.1% of ham. "
             + ("Between requests the replay waited for any running retraining job to finish."
                if m.get("wait_retrain", "1") == "1" else "Requests went on while retraining jobs ran."),
             "",
             "| set | spam reported | ham classified | ham matched as judged spam | of them blocked | ham blocked in all | "
             "ham to review in all | retrains (activated) | target (<= 0.1% of ham) |", "|---" * 9 + "|"]
    for name, s in result["sets"].items():
        c = s["counts"]
        share = s["memory_share"]
        activated = sum(1 for j in s["jobs"] if j.get("activated"))
        lines.append(f"| {name} | {s['spam_reported']['sent']} | {c['ham']} | {cell(share, c['memory'], 2)} | "
                     f"{c['memory_blocked']} | {cell(c['blocked'] / c['ham'] if c['ham'] else None, c['blocked'], 2)} | "
                     f"{cell(c['review'] / c['ham'] if c['ham'] else None, c['review'], 1)} | "
                     f"{len(s['jobs'])} ({activated}) | "
                     f"{'MET' if share is not None and share <= 0.001 else 'MISSED'} |")
    if not any(s["counts"].get("memory_any") for s in result["sets"].values()):
        lines += ["", "No answer to a ham carried a `memory` reason of any kind: no ham was the same text as a "
                      "reported spam or a near-copy of one (the memory held every report: the same check sends "
                      "judged comments again in the replay, where each gets its verdict's side)."]
    lines += ["", "*Ham blocked in all* is not the memory's doing: the check gives the service only spam labels "
                  "(every spam, no ham), so the automatic retrainings learn a site where everything reported is "
                  "spam; it is shown for completeness, not as a figure of the replay."]
    if failures:
        lines += ["", "Problems: " + "; ".join(failures)]
    md = "\n".join(lines) + "\n"
    benchlib.write_results("replay-near-copy", result, md, d, True)
    if publish:
        benchlib.write_results("replay-near-copy", result, md, d, False)
    return benchlib.publish("replay-near-copy", md, failures, not publish)


# ---- command line

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("streams")
    p.add_argument("--streams", default="")
    p = sub.add_parser("run")
    p.add_argument("--stream", required=True, choices=list(STREAMS))
    p.add_argument("--mode", required=True, choices=["on", "off"])
    p.add_argument("--base", default=os.environ.get("REPLAY_BASE"), required=not os.environ.get("REPLAY_BASE"))
    p.add_argument("--out", required=True)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--no-author", action="store_true")
    p.add_argument("--report-share", type=float, default=0.5)
    p.add_argument("--no-wait-retrain", action="store_true")
    p.add_argument("--checks", action="store_true")
    p = sub.add_parser("near-copy")
    p.add_argument("--set", required=True, choices=list(NEAR_COPY_SETS))
    p.add_argument("--base", default=os.environ.get("REPLAY_BASE"), required=not os.environ.get("REPLAY_BASE"))
    p.add_argument("--out", required=True)
    p.add_argument("--no-wait-retrain", action="store_true")
    p = sub.add_parser("report")
    p.add_argument("--dir", required=True)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--publish", action="store_true")
    p.add_argument("--near-copy", action="store_true")
    args = ap.parse_args()
    if args.cmd == "streams":
        print("\n".join(stream_names(args.streams)))
        return 0
    if args.cmd == "run":
        return run_stream(args)
    if args.cmd == "near-copy":
        return run_near_copy(args)
    meta = benchlib.read_meta(os.path.join(args.dir, "meta.env"))
    publish = args.publish and not args.smoke
    if args.near_copy:
        return report_near_copy(args.dir, meta, args.smoke, publish)
    return report_streams(args.dir, meta, args.smoke, publish)


if __name__ == "__main__":
    sys.exit(main())
