"""Reads the output directory of bench/mixes and writes bench/results/mixes-DB.{json,md} and the
matching section of bench/RESULTS.md (with --smoke: the smoke directory only). Exits non-zero when
requests failed or a comment meant to be flagged was not (or the reverse)."""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from load_report import server_statuses, service_errors, summarize  # noqa: E402

TARGETS = {"ham": 0.6, "third": 0.4, "most": 0.3}
LABELS = {"ham": "ham only", "third": "one third flagged", "most": "nine tenths flagged"}
TARGET_P99_MS = 5.0


def load_run(d, name):
    p = os.path.join(d, name + ".json")
    if not os.path.exists(p):
        return None
    r = summarize(json.loads(open(p, encoding="utf-8").read().strip().splitlines()[-1]))
    cpu = os.path.join(d, name + ".cpu")
    if os.path.exists(cpu) and r["requests"]:
        before, after, hz = (int(x) for x in open(cpu, encoding="utf-8").read().split())
        r["service_cpu_s"] = (after - before) / hz
        r["service_cpu_us_per_request"] = (after - before) / hz * 1e6 / r["requests"]
    return r


def queue_commits(d, name):
    """Queue transactions and items committed during one run, from the service's metrics."""
    def read(suffix):
        p = os.path.join(d, name + suffix)
        vals = {}
        if os.path.exists(p):
            for line in open(p, encoding="utf-8"):
                k, v = line.split()[0], float(line.split()[-1])
                vals["count" if k.endswith("_count") else "sum"] = v
        return vals
    before, after = read(".queue-before"), read(".queue-after")
    if "count" not in after:
        return None
    commits = after["count"] - before.get("count", 0)
    items = after["sum"] - before.get("sum", 0)
    return {"commits": int(commits), "items": int(items), "items_per_commit": items / commits if commits else 0}


def main():
    args, meta = benchlib.report_args()
    d = args.dir
    db = meta.get("db", "h2")
    mixes = [m.split(":") for m in meta.get("mixes", "").split()]
    result = {"meta": benchlib.run_meta(f"bench/mixes{' --postgresql' if db == 'postgresql' else ''}"
                                        + (" --smoke" if args.smoke else ""), **meta),
              "mixes": {}, "failures": []}
    failures = result["failures"]
    decisions = [line.split("\t") for line in open(os.path.join(d, "decisions.tsv"), encoding="utf-8")
                 .read().splitlines() if line]
    wrong = [(label, dec) for label, dec, _ in decisions if (label == "spam") != (dec != "allow")]
    result["decisions"] = decisions
    if wrong:
        failures.append(f"{len(wrong)} comments not decided as the mix assumes (spam flagged, ham allowed): {wrong}")
    for key, mix in mixes:
        health, classify = load_run(d, "health-" + key), load_run(d, "classify-" + key)
        paced = load_run(d, f"classify-{key}-paced")
        entry = {"mix": mix, "health": health, "classify": classify, "paced": paced,
                 "queue": queue_commits(d, "classify-" + key),
                 "paced_rate": int(meta.get("paced_" + key, 0))}
        if health and classify:
            entry["ratio"] = classify["requests_per_second"] / health["requests_per_second"]
        result["mixes"][key] = entry
        for name, r in (("health", health), ("classify", classify), ("paced", paced)):
            if r and (r["socket_errors"] or r["http_errors"]):
                failures.append(f"{key} {name}: {r['socket_errors']} socket errors, {r['http_errors']} HTTP errors")
    statuses = server_statuses(os.path.join(d, "metrics.txt"))
    result["server_requests"] = {f"{m} {u} {s}": int(c) for (u, m, s), c in sorted(statuses.items())}
    errors = service_errors(os.path.join(d, "service.log"))
    result["service_log_errors"] = errors
    if errors["other"]:
        failures.append(f"{errors['other']} ERROR lines in the service log (first: {errors['first_other']})")
    md = report(result, db)
    name = "mixes-" + db
    benchlib.write_results(name, result, md, d, args.smoke)
    return benchlib.publish(name, md, failures, args.smoke, "mixes")


def cpu(r):
    return f"{r['service_cpu_us_per_request']:.0f}" if r and "service_cpu_us_per_request" in r else "-"


def report(result, db):
    m = result["meta"]
    where = ("the PostgreSQL build (`target/postgresql-app`) on the local PostgreSQL 15 server"
             if db == "postgresql" else "the H2 build (`target/quarkus-app`, AOT cache), H2 file in a fresh temp dir")
    lines = [f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
             f"Machine: {benchlib.machine_line(m['machine'], with_load=False)}; **load average "
             f"{m.get('loadavg_start')} at start, {m.get('loadavg_end')} at the end** (shared machine)  ",
             f"Load: {m.get('wrk')}, {m.get('threads')} threads, {m.get('connections')} connections, loopback; "
             f"{m.get('duration')} s per run after a warm-up; service: {where}, rate limit off. "
             "For each mix GET /q/health/live runs just before POST /classify, so each ratio comes from "
             "two neighbouring runs; bodies from `bench/lib/comments.tsv` (10 ham, 6 spam), "
             "`BENCH_MIX=N/M` sends N spam in every M.", "",
             "| mix | health req/s | classify req/s | ratio (target) | classify p99 ms | paced at | paced p99 ms "
             "| service CPU µs/request: classify | health | items per queue commit | errors |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for key, e in result["mixes"].items():
        h, c, p = e["health"], e["classify"], e["paced"]
        if not (h and c):
            continue
        err = sum(r["socket_errors"] + r["http_errors"] for r in (h, c, p) if r)
        q = e.get("queue")
        group = f"{q['items_per_commit']:.1f} ({q['commits']:,} commits)" if q and q["commits"] else "-"
        lines.append(f"| {LABELS.get(key, key)} ({e['mix']}) | {h['requests_per_second']:,.0f} | "
                     f"{c['requests_per_second']:,.0f} | **{e['ratio']:.2f}** (>= {TARGETS.get(key, 0)}) | "
                     f"{c['p99_ms']:.2f} | {e['paced_rate']:,}/s | {p['p99_ms']:.2f} | {cpu(c)} | {cpu(h)} | {group} | {err} |"
                     if p else
                     f"| {LABELS.get(key, key)} ({e['mix']}) | {h['requests_per_second']:,.0f} | "
                     f"{c['requests_per_second']:,.0f} | **{e['ratio']:.2f}** | {c['p99_ms']:.2f} | - | - | {cpu(c)} | {cpu(h)} | {group} | {err} |")
    flagged = sum(1 for label, dec, _ in result["decisions"] if dec != "allow")
    lines += ["", f"Decisions before the load: {flagged} of {len(result['decisions'])} comments flagged "
              "(every spam one, no ham one, as the mixes assume)." if not any("not decided" in f for f in result["failures"])
              else "Decisions before the load: " + "; ".join(f for f in result["failures"] if "not decided" in f),
              f"Start to ready: {int(m.get('ready_ms', 0)):,} ms; peak RSS {int(m.get('vmhwm_kb', 0)) / 1024:,.0f} MiB; "
              f"service log: {result['service_log_errors']['other']} ERROR lines (besides "
              f"{result['service_log_errors']['client_hung_up']} from wrk hanging up at the end of runs).", "",
              "Targets (issue 17):", ""]
    for key, e in result["mixes"].items():
        if "ratio" not in e:
            continue
        t = TARGETS.get(key)
        lines.append(f"- {'MET' if e['ratio'] >= t else 'MISSED'}: {LABELS.get(key, key)} ratio {e['ratio']:.2f} (>= {t})")
        if e["paced"]:
            p99 = e["paced"]["p99_ms"]
            lines.append(f"- {'MET' if p99 < TARGET_P99_MS else 'MISSED'}: {LABELS.get(key, key)} p99 {p99:.2f} ms "
                         f"paced at {e['paced_rate']:,}/s (< {TARGET_P99_MS:.0f} ms)")
    if result["failures"]:
        lines.append("- FAILED: " + "; ".join(result["failures"]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
