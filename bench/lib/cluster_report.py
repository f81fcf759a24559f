"""Reads the output directory of bench/cluster and writes bench/results/cluster.{json,md,txt} and
the cluster section of bench/RESULTS.md (with --smoke: the smoke directory only).
Exits non-zero when a check failed: an instance not serving the new version, a flagged comment
missing from the queue or listed twice, a failed request."""
import datetime
import glob
import json
import os
import re
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from load_report import server_statuses, service_errors, summarize  # noqa: E402

ROOT = benchlib.ROOT
# The README promises a version activated on one instance is served by all within
# COMMENTSHIELD_SYNC_EVERY; loading the model from the database on a busy machine comes on top,
# so the check allows this much more (the report says separately whether the promise was kept).
CONVERGE_SLACK_S = 10.0


def seconds(duration):
    """'5s', '1m', '500ms', '5s (default)' -> seconds."""
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?", duration or "")
    if not m:
        return 5.0
    value, unit = float(m.group(1)), m.group(2) or "s"
    return value / 1000 if unit == "ms" else value * 60 if unit == "m" else value


def wrk_run(path):
    if not os.path.exists(path):
        return None
    lines = open(path, encoding="utf-8").read().strip().splitlines()
    return summarize(json.loads(lines[-1])) if lines else None


def samples(path):
    """Sampler lines: (send epoch ms, receive epoch ms, HTTP status, modelVersion)."""
    out = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 3:
                out.append((int(parts[0]), int(parts[1]), parts[2], parts[3] if len(parts) > 3 else ""))
    return out


def version_runs(rows):
    """The modelVersions answered 200, in order, with how many answers each run had."""
    runs = []
    for _, _, code, v in rows:
        if code != "200":
            continue
        if not runs or runs[-1][0] != v:
            runs.append([v, 0])
        runs[-1][1] += 1
    return runs


def flagged(path):
    """The sender's lines (see cluster_clients.py)."""
    out = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            p = line.split()
            if len(p) == 9:
                out.append({"n": int(p[0]), "instance": int(p[1]), "sent": int(p[2]), "received": int(p[3]),
                            "status": p[4], "externalId": p[5], "decision": p[6],
                            "id": int(p[7]) if p[7].isdigit() else None, "modelVersion": p[8]})
    return out


def epoch_ms(iso):
    """An ISO 8601 time of the service (UTC, 'Z') as epoch ms; None when missing."""
    if not iso:
        return None
    return int(datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def switch_logged(path, version):
    """When the instance logged that it switched to VERSION at a sync (epoch ms, the log's
    local time), or None."""
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8", errors="replace"):
        if f"Switched to model version {version}," in line:
            stamp = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
            return int(time.mktime(stamp.timetuple()) * 1000 + stamp.microsecond // 1000)
    return None


def queue_listings(d, n):
    """Per instance: the items listed for this run's site over all pages, the pages' totals and
    the HTTP statuses of the page requests."""
    statuses = {}
    p = os.path.join(d, "queue", "status.txt")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            i, page, code = line.split()
            statuses.setdefault(int(i), []).append(code)
    out = {}
    for i in range(1, n + 1):
        items, totals = [], set()
        for f in sorted(glob.glob(os.path.join(d, "queue", f"via-{i}-page-*.json")),
                        key=lambda f: int(re.search(r"page-(\d+)", f).group(1))):
            try:
                page = json.load(open(f, encoding="utf-8"))
            except ValueError:
                continue
            if isinstance(page, dict) and "items" in page:
                items += page["items"]
                totals.add(page.get("total"))
        out[i] = {"items": items, "totals": sorted(t for t in totals if t is not None),
                  "statuses": statuses.get(i, [])}
    return out


def active_versions(path):
    try:
        return [m["version"] for m in json.load(open(path, encoding="utf-8")) if m.get("active")]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def main():
    args, meta = benchlib.report_args()
    d = args.dir
    n = int(meta.get("instances", 3))
    # what failed, by the check it belongs to
    failed_checks = {"version": [], "queue": [], "requests": []}
    t0 = int(meta["load_started_epoch_ms"])

    # ---- the swap
    job = {}
    if os.path.exists(os.path.join(d, "job.json")):
        job = json.load(open(os.path.join(d, "job.json"), encoding="utf-8"))
    new = str(job.get("modelVersion") or "")
    old = meta.get("version_at_start", "")
    at_ready = [meta.get(f"version_at_ready_{i}") for i in range(1, n + 1)]
    if job.get("state") != "succeeded":
        failed_checks["version"].append(f"retraining job ended as {job.get('state')}: {job.get('message')}")
    limit_s = seconds(meta.get("sync_every")) + CONVERGE_SLACK_S
    # the activation as the service recorded it: by the quality gate when the job finished, or
    # by the benchmark's activate call
    activation = None
    if job.get("activated"):
        activation = epoch_ms(job.get("finishedAt"))
    elif os.path.exists(os.path.join(d, "activate.json")):
        try:
            activation = epoch_ms(json.load(open(os.path.join(d, "activate.json"), encoding="utf-8")).get("activatedAt"))
        except ValueError:
            activation = None
    instances = []
    for i in range(1, n + 1):
        rows = samples(os.path.join(d, f"samples-{i}.txt"))
        runs = version_runs(rows)
        failed = [r for r in rows if r[2] != "200"]
        # served from at most: the first answer with the new version had arrived; at least: the
        # last answer with an older one had been asked for
        first_new = next((r[1] for r in rows if r[2] == "200" and r[3] == new), None)
        last_old = max((r[0] for r in rows if r[2] == "200" and r[3] != new
                        and (first_new is None or r[0] < first_new)), default=None)
        conv = None if first_new is None or activation is None else max(0, first_new - activation)
        switched = switch_logged(os.path.join(d, f"service-{i}.log"), new) if new else None
        back = False
        seen_new = False
        for _, _, code, v in rows:
            if code == "200" and v == new:
                seen_new = True
            elif code == "200" and seen_new:
                back = True
        inst = {"instance": i, "port": meta.get("ports", "").split()[i - 1] if meta.get("ports") else None,
                "ready_ms": int(meta.get(f"ready_ms_{i}", 0)),
                "converged_ms": conv,
                "last_old_asked_ms": None if last_old is None or activation is None else last_old - activation,
                "switch_logged_ms": None if switched is None or activation is None else switched - activation,
                # when it served the new version: the sync's log line where there is one (exact), else the
                # first answer received from it (an upper bound)
                "served_ms": conv if switched is None or activation is None or conv is None
                else min(conv, max(0, switched - activation)),
                "sampler": {"requests": len(rows), "failed": len(failed),
                            "versions": [{"modelVersion": v, "answers": c} for v, c in runs],
                            "mean_gap_ms": (rows[-1][0] - rows[0][0]) / (len(rows) - 1) if len(rows) > 1 else None,
                            "went_back": back},
                "version_at_end": meta.get(f"version_at_end_{i}"),
                "active_at_end": active_versions(os.path.join(d, f"models-{i}.json")),
                "warmup": wrk_run(os.path.join(d, f"warmup-{i}.json")),
                "load": wrk_run(os.path.join(d, f"load-{i}.json")),
                "vmhwm_mib": int(meta.get(f"vmhwm_kb_{i}", 0)) / 1024,
                "rss_after_start_mib": int(meta.get(f"rss_after_start_kb_{i}", 0)) / 1024,
                "log": service_errors(os.path.join(d, f"service-{i}.log"))}
        server = server_statuses(os.path.join(d, f"metrics-{i}.txt"))
        inst["server_requests"] = {f"{m} {u} {s}": int(c) for (u, m, s), c in sorted(server.items())
                                   if "/classify" in u or "/moderation" in u or "/admin" in u}
        instances.append(inst)
        if new:
            if activation is None:
                failed_checks["version"].append("the activation time is unknown")
            elif inst["converged_ms"] is None:
                failed_checks["version"].append(f"instance {i} never served version {new}")
            elif inst["served_ms"] > limit_s * 1000:
                failed_checks["version"].append(f"instance {i} served version {new} only {inst['served_ms']} ms after the "
                                f"activation (limit {limit_s:.0f} s: sync period + {CONVERGE_SLACK_S:.0f} s)")
            if inst["version_at_end"] != new:
                failed_checks["version"].append(f"instance {i} answers with version {inst['version_at_end']} at the end, not {new}")
            if inst["active_at_end"] != [int(new)]:
                failed_checks["version"].append(f"instance {i} lists {inst['active_at_end']} as active at the end, not [{new}]")
        if back:
            failed_checks["version"].append(f"instance {i} answered with an older version after serving {new}")
        if failed:
            failed_checks["requests"].append(f"instance {i}: {len(failed)} sampler requests failed")
        for name in ("warmup", "load"):
            r = inst[name]
            if r is None:
                failed_checks["requests"].append(f"instance {i}: no wrk result for {name}")
            elif r["socket_errors"] or r["http_errors"]:
                failed_checks["requests"].append(f"instance {i} {name}: {r['socket_errors']} socket errors, {r['http_errors']} HTTP errors")
        if inst["log"]["other"]:
            failed_checks["requests"].append(f"instance {i}: {inst['log']['other']} ERROR lines in its log other than clients "
                            f"hanging up (first: {inst['log']['first_other']})")

    # ---- the flagged comments in the one queue
    sent = flagged(os.path.join(d, "flagged.txt"))
    expected = int(meta.get("flagged", 0))
    bad = [s for s in sent if s["status"] != "200" or s["decision"] not in ("review", "block") or s["id"] is None]
    if len(sent) != expected:
        failed_checks["queue"].append(f"{len(sent)} of {expected} flagged comments were sent")
    if bad:
        failed_checks["requests"].append(f"{len(bad)} flagged comments were not answered 200 with review/block and a queue id "
                        f"(first: {bad[0]})")
    by_ext = {s["externalId"]: s for s in sent}
    listings = queue_listings(d, n)
    queue = {}
    for i, listing in listings.items():
        counts = {}
        for item in listing["items"]:
            counts[item.get("externalId")] = counts.get(item.get("externalId"), 0) + 1
        missing = sorted(set(by_ext) - set(counts))
        twice = sorted(e for e, c in counts.items() if c > 1)
        strangers = sorted(e for e in counts if e not in by_ext)
        wrong_id = sorted(item.get("externalId") for item in listing["items"]
                          if item.get("externalId") in by_ext and by_ext[item["externalId"]]["id"] != item.get("id"))
        not_200 = [c for c in listing["statuses"] if c != "200"]
        via_other = sum(1 for e in counts if e in by_ext and by_ext[e]["instance"] != i)
        queue[i] = {"listed": len(listing["items"]), "distinct": len(counts), "totals": listing["totals"],
                    "pages": len(listing["statuses"]), "missing": len(missing), "listed_twice": len(twice),
                    "not_sent": len(strangers), "id_differs": len(wrong_id), "page_errors": len(not_200),
                    "sent_through_another_instance": via_other}
        problems = []
        if missing:
            problems.append(f"{len(missing)} missing (first {missing[:3]})")
        if twice:
            problems.append(f"{len(twice)} listed more than once (first {twice[:3]})")
        if strangers:
            problems.append(f"{len(strangers)} not sent by the benchmark (first {strangers[:3]})")
        if wrong_id:
            problems.append(f"{len(wrong_id)} with another id than /classify answered")
        if not_200:
            problems.append(f"page requests answered {not_200}")
        if listing["totals"] != [len(by_ext)]:
            problems.append(f"the pages' total is {listing['totals']}, not {len(by_ext)}")
        if problems:
            failed_checks["queue"].append(f"queue listed through instance {i}: " + "; ".join(problems))

    decisions = {}
    for s in sent:
        decisions[s["decision"]] = decisions.get(s["decision"], 0) + 1
    result = {"meta": benchlib.run_meta("bench/cluster" + (" --smoke" if args.smoke else ""), **meta),
              "job": job, "new_version": new, "activation_epoch_ms": activation, "old_version": old, "versions_at_ready": at_ready,
              "agreed_ms": int(meta.get("agreed_ms", 0)), "default_versions": default_versions(d),
              "converge_limit_s": limit_s, "instances": instances,
              "flagged": {"sent": len(sent), "expected": expected, "bad_answers": len(bad), "decisions": decisions,
                          "per_instance": {i: sum(1 for s in sent if s["instance"] == i) for i in range(1, n + 1)},
                          "answered_by_version": version_counts(sent)},
              "queue": queue, "failed_checks": failed_checks,
              "failures": [x for v in failed_checks.values() for x in v]}
    failures = result["failures"]
    md = report(result)
    outdir = benchlib.write_results("cluster", result, md, d, args.smoke)
    with open(os.path.join(outdir, "cluster.txt"), "w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            for run in ("warmup", "load"):
                p = os.path.join(d, f"{run}-{i}.txt")
                if os.path.exists(p):
                    f.write(f"==== wrk {run}, instance {i}\n" + open(p, encoding="utf-8").read() + "\n")
        for i in range(1, n + 1):
            p = os.path.join(d, f"samples-{i}.txt")
            if os.path.exists(p):
                f.write(f"==== sampler, instance {i} (send epoch ms, receive epoch ms, HTTP status, modelVersion)\n"
                        + open(p, encoding="utf-8").read())
        p = os.path.join(d, "flagged.txt")
        if os.path.exists(p):
            f.write("==== flagged comments (sequence number, instance, send epoch ms, receive epoch ms, HTTP status, "
                    "externalId, decision, queue id, modelVersion)\n" + open(p, encoding="utf-8").read())
    return benchlib.publish("cluster", md, failures, args.smoke)


def default_versions(d):
    """How many versions were stored as a default model at first start."""
    try:
        return sum(1 for m in json.load(open(os.path.join(d, "models-1.json"), encoding="utf-8"))
                   if "first start" in (m.get("note") or ""))
    except (OSError, ValueError, TypeError):
        return None


def version_counts(sent):
    out = {}
    for s in sent:
        out[s["modelVersion"]] = out.get(s["modelVersion"], 0) + 1
    return out


def report(result):
    m = result["meta"]
    job = result["job"]
    inst = result["instances"]
    t = lambda k: int(m.get(k, 0)) / 1000  # noqa: E731
    lines = [f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
             f"Machine: {benchlib.machine_line(m['machine'], with_load=False)}; load average {m.get('loadavg_start')} "
             f"at start, {m.get('loadavg_end')} at the end  ",
             f"Setup: {m.get('instances')} instances of `target/postgresql-app` (`java "
             + (m.get("java_opts") + " " if m.get("java_opts") else "")
             + f"-jar`, started together) on one PostgreSQL {m.get('postgresql')} (fresh schema `{m.get('schema')}`), "
             f"`COMMENTSHIELD_SYNC_EVERY` {m.get('sync_every')}, per-key rate limit off. Load: one {m.get('wrk')} "
             f"per instance, 1 thread, {m.get('connections')} connections, `POST /classify` with the 16 comments of "
             f"`bench/lib/comments.tsv` (6 spam, queued); warm-up {m.get('warmup')} s, then {m.get('duration')} s "
             f"or more. {m.get('flagged')} flagged comments (the spam of comments.tsv, unique externalIds, site "
             f"`{m.get('site')}`) sent round-robin over 70% of the duration (4 clients per instance, "
             "`bench/lib/cluster_clients.py`); a sampler per instance (one classify every 200 ms).", "",
             "| instance | ready after | requests/s | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors (socket / HTTP >= 400) | sampler (failed) | peak RSS |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    total_rps = 0.0
    for x in inst:
        r = x["load"] or {}
        total_rps += r.get("requests_per_second", 0)
        lines.append(f"| {x['instance']} | {x['ready_ms'] / 1000:.1f} s | {r.get('requests_per_second', 0):,.0f} | "
                     f"{r.get('requests', 0):,} | {r.get('p50_ms', 0):.2f} | {r.get('p99_ms', 0):.2f} | "
                     f"{r.get('p99_9_ms', 0):.2f} | {r.get('max_ms', 0):.1f} | "
                     f"{r.get('socket_errors', '?')} / {r.get('http_errors', '?')} | "
                     f"{x['sampler']['requests']} ({x['sampler']['failed']}) | {x['vmhwm_mib']:,.0f} MiB |")
    lines += ["", f"All three together: **{total_rps:,.0f} requests/s** of `POST /classify`.  "]
    lines.append("Warm-up per instance: " + ", ".join(
        f"{x['instance']}: {x['warmup']['requests_per_second']:,.0f}/s ({x['warmup']['socket_errors']} / "
        f"{x['warmup']['http_errors']} errors)" for x in inst if x["warmup"]) + "  ")
    lines.append("Answers counted by each instance, warm-up included (`http_server_requests_seconds_count`): "
                 + "; ".join(f"{x['instance']}: " + (", ".join(f"{k} {v:,}" for k, v in x["server_requests"].items())
                                                     or "none") for x in inst) + "  ")
    lines.append("Service logs: " + ", ".join(
        f"{x['instance']}: {x['log']['other']} ERROR lines ({x['log']['client_hung_up']} more from clients "
        "hanging up)" for x in inst) + "  ")
    ready = result["versions_at_ready"]
    if len(set(ready)) > 1:
        lines.append(f"At start-up the instances served different model versions ({', '.join(f'{i + 1}: `{v}`' for i, v in enumerate(ready))}): "
                     f"each instance that found no model trained and stored a default model of its own "
                     f"({result['default_versions']} versions noted 'at first start'); they agreed on "
                     f"`{result['old_version']}` {result['agreed_ms'] / 1000:.1f} s after the start, at a sync. "
                     "The measurement started after that.  ")
    else:
        lines.append(f"At start-up all instances served version `{result['old_version']}`"
                     + (f", though {result['default_versions']} versions were stored as the default model 'at first "
                        "start' (instances starting together on an empty schema each train one; one that finishes "
                        "after another has stored its own stores a second)" if (result["default_versions"] or 0) > 1
                        else "") + ".  ")
    act = result["activation_epoch_ms"]
    at = lambda ms: "?" if ms is None else f"{(ms - int(m['load_started_epoch_ms'])) / 1000:.1f} s"  # noqa: E731
    sync_s = seconds(m.get("sync_every"))
    lines += ["", "### Retrain on instance 1, served by all three", "",
              f"`POST /admin/retrain` on instance 1 at {t('retrain_requested_ms'):.1f} s into the load; job "
              f"{job.get('id')} {job.get('state')} ({job.get('processed')}/{job.get('total')} processed, version "
              f"{job.get('modelVersion')}, activated by the quality gate: {job.get('activated')}"
              + (f", activated by the benchmark: HTTP {m.get('activated_by_bench')}" if m.get("activated_by_bench") else "")
              + f"); activation at {at(act)} (the service's own time: the job's `finishedAt`, or `activatedAt` of the "
              f"activate call); load stopped at {t('load_stopped_ms'):.1f} s.  ",
              f"Job message: {job.get('message')}", "",
              f"| instance | last answer from an older version asked | first answer from version {result['new_version']} "
              "received | switch logged by the instance's sync | sampler: modelVersion in order (answers) | "
              "active version at the end (`/admin/models`) |",
              "|---|---|---|---|---|---|"]
    rel = lambda v: "-" if v is None else f"{v / 1000:+.2f} s"  # noqa: E731
    for x in inst:
        c = x["converged_ms"]
        lines.append(f"| {x['instance']} | {rel(x['last_old_asked_ms'])} | {'never' if c is None else rel(c)} | "
                     f"{rel(x['switch_logged_ms'])} | "
                     + " → ".join(f"`{v['modelVersion']}` ({v['answers']})" for v in x["sampler"]["versions"])
                     + f" | {x['active_at_end']} |")
    conv = [x["served_ms"] for x in inst if x["served_ms"] is not None]
    gaps = [x["sampler"]["mean_gap_ms"] for x in inst if x["sampler"]["mean_gap_ms"]]
    lines += ["", "Times are relative to the activation. The samplers ask every 200 ms plus the answer time "
              + (f"(a request every {min(gaps) / 1000:.2f}-{max(gaps) / 1000:.2f} s on average here)" if gaps else "")
              + ", so an instance switched between its last old and its first new answer; the instance that trained "
              "swaps as the job ends, the others at their next sync, which logs the switch once the model is loaded "
              "from the database (the log's time, on the same clock). "
              "An instance counts as serving the new version from its log line where it has one, else from its first "
              f"answer. Check: every instance within {result['converge_limit_s']:.0f} s (the sync period + "
              f"{CONVERGE_SLACK_S:.0f} s for loading the model on a busy machine)."]
    if conv and len(conv) == len(inst):
        slow = [x for x in inst if x["served_ms"] > sync_s * 1000]
        lines.append("The README's promise, served everywhere within `COMMENTSHIELD_SYNC_EVERY` "
                     f"({sync_s:g} s): " + ("kept." if not slow else "not kept by " + ", ".join(
                         f"instance {x['instance']} ({x['served_ms'] / 1000:.2f} s)" for x in slow) + "."))
    f = result["flagged"]
    lines += ["", "### Flagged comments in the one queue", "",
              f"{f['sent']} of {f['expected']} sent (" + ", ".join(f"{k} through instance {i}" for i, k in f["per_instance"].items())
              + "), answered " + ", ".join(f"{k or 'no decision'} {v}" for k, v in sorted(f["decisions"].items()))
              + "; by model version " + ", ".join(f"`{k}` {v}" for k, v in sorted(f["answered_by_version"].items()))
              + f"; {f['bad_answers']} not answered 200 with review/block and a queue id.", "",
              "| listed through | pages | items listed | distinct externalIds | page total | missing | listed twice | "
              "not sent by the benchmark | queue id differs | of them sent through another instance |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for i, q in result["queue"].items():
        lines.append(f"| instance {i} | {q['pages']} | {q['listed']} | {q['distinct']} | {q['totals']} | {q['missing']} | "
                     f"{q['listed_twice']} | {q['not_sent']} | {q['id_differs']} | {q['sent_through_another_instance']} |")
    lines += ["", "### Checks (cluster)", ""]
    fc = result["failed_checks"]
    checks = [
        ("all three instances serve the new version, none goes back", fc["version"],
         f"all within {max(conv) / 1000:.2f} s of the activation" if conv and len(conv) == len(inst) else ""),
        ("every flagged comment is in the one queue exactly once, listed through every instance", fc["queue"], ""),
        ("no failed request on any instance (wrk, samplers, flagged comments) and no ERROR in the logs",
         fc["requests"], ""),
    ]
    for name, problems, detail in checks:
        lines.append(f"- {'FAILED' if problems else 'PASSED'}: {name}"
                     + (f": {'; '.join(problems)}" if problems else f" ({detail})" if detail else ""))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
