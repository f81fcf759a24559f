"""Reads the output directory of bench/load and writes bench/results/load[-retrain].{json,md,txt}
and the matching section of bench/RESULTS.md (with --smoke: the smoke directory only).
Exits non-zero when requests failed or a retrain run did not swap the model."""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = benchlib.ROOT
TARGET_RATIO, TARGET_P99_MS, TARGET_READY_MS = 0.6, 5.0, 3000


RUNS = ("warmup-health", "warmup-classify", "health", "classify", "classify-ham", "classify-paced",
        "health-paced", "classify-retrain")


def server_statuses(path):
    """http_server_requests_seconds_count by (uri, status) from the Prometheus text."""
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        if not line.startswith("http_server_requests_seconds_count{"):
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', line[line.index("{"):line.rindex("}")]))
        value = float(line.rsplit(" ", 1)[1])
        key = (labels.get("uri", "?"), labels.get("method", "?"), labels.get("status", "?"))
        out[key] = out.get(key, 0) + value
    return out


DISCONNECT = re.compile(r"ClosedChannelException|HttpClosedException|Connection was closed|Connection reset")


def service_errors(path):
    """ERROR lines of the service log: those caused by a client that hung up (wrk closes its
    connections at the end of a run with requests in flight) and all others."""
    out = {"client_hung_up": 0, "other": 0, "first_other": None}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8", errors="replace"):
        if " ERROR " not in line:
            continue
        if DISCONNECT.search(line):
            out["client_hung_up"] += 1
        else:
            out["other"] += 1
            out["first_other"] = out["first_other"] or line.strip()[:300]
    return out


def summarize(run):
    secs = run["duration_us"] / 1e6
    e = run["errors"]
    lat = run["latency_us"]
    return {"requests": run["requests"], "seconds": round(secs, 2),
            "requests_per_second": run["requests"] / secs,
            "p50_ms": lat["p50"] / 1000, "p90_ms": lat["p90"] / 1000, "p99_ms": lat["p99"] / 1000,
            "p99_9_ms": lat["p99_9"] / 1000, "max_ms": lat["max"] / 1000, "mean_ms": lat["mean"] / 1000,
            "socket_errors": e["connect"] + e["read"] + e["write"] + e["timeout"],
            "http_errors": e["status"], "errors_detail": e}


def main():
    args, meta = benchlib.report_args()
    d = args.dir
    retrain = meta.get("mode") == "retrain"
    runs = {}
    for name in RUNS:
        p = os.path.join(d, name + ".json")
        if os.path.exists(p):
            runs[name] = summarize(json.loads(open(p, encoding="utf-8").read().strip().splitlines()[-1]))
            cpu = os.path.join(d, name + ".cpu")
            if os.path.exists(cpu) and runs[name]["requests"]:
                before, after, hz = (int(x) for x in open(cpu, encoding="utf-8").read().split())
                runs[name]["service_cpu_s"] = (after - before) / hz
                runs[name]["service_cpu_us_per_request"] = (after - before) / hz * 1e6 / runs[name]["requests"]
    statuses = server_statuses(os.path.join(d, "metrics.txt"))
    server = {f"{m} {u} {s}": int(c) for (u, m, s), c in sorted(statuses.items())}
    non2xx = {k: v for k, v in server.items() if not k.rsplit(" ", 1)[1].startswith("2")
              and ("/classify" in k or "/q/health" in k)}
    result = {"meta": benchlib.run_meta("bench/load" + (" --retrain" if retrain else "")
                                        + (" --smoke" if args.smoke else ""), **meta),
              "runs": runs, "server_requests": server, "server_non_2xx": non2xx}
    failures = []
    for name, r in runs.items():
        if r["socket_errors"] or r["http_errors"]:
            failures.append(f"{name}: {r['socket_errors']} socket errors, {r['http_errors']} HTTP errors")
    errors = service_errors(os.path.join(d, "service.log"))
    result["service_log_errors"] = errors
    if errors["other"]:
        failures.append(f"{errors['other']} ERROR lines in the service log other than clients hanging up "
                        f"(first: {errors['first_other']})")
    if retrain:
        result["retrain"] = retrain_summary(d, meta)
        failures += result["retrain"]["problems"]
    if "health" in runs and "classify" in runs:
        result["ratio_classify_to_health"] = runs["classify"]["requests_per_second"] / runs["health"]["requests_per_second"]
    result["failures"] = failures

    md = report(result, retrain)
    name = "load-retrain" if retrain else "load"
    outdir = benchlib.write_results(name, result, md, d, args.smoke)
    if not args.smoke:
        with open(os.path.join(outdir, name + ".txt"), "w", encoding="utf-8") as f:
            for run in RUNS:
                p = os.path.join(d, run + ".txt")
                if os.path.exists(p):
                    f.write(f"==== wrk {run}\n" + open(p, encoding="utf-8").read() + "\n")
            if os.path.exists(os.path.join(d, "samples.txt")):
                f.write("==== curl sampler (epoch ms, HTTP status, modelVersion)\n"
                        + open(os.path.join(d, "samples.txt"), encoding="utf-8").read())
    return benchlib.publish(name, md, failures, args.smoke, "load")


def retrain_summary(d, meta):
    samples = []
    p = os.path.join(d, "samples.txt")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 2:
                samples.append((int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ""))
    versions = []
    for _, code, v in samples:
        if code == "200" and (not versions or versions[-1][0] != v):
            versions.append([v, 0])
        if code == "200":
            versions[-1][1] += 1
    failed = [s for s in samples if s[1] != "200"]
    job = {}
    if os.path.exists(os.path.join(d, "job.json")):
        job = json.load(open(os.path.join(d, "job.json"), encoding="utf-8"))
    problems = []
    if meta.get("job_state") != "succeeded":
        problems.append(f"retraining job ended as {meta.get('job_state')}: {job.get('message')}")
    if len(versions) < 2:
        problems.append("the sampler saw no change of modelVersion: " + str(versions))
    if failed:
        problems.append(f"{len(failed)} sampler requests failed")
    return {"samples": len(samples), "sampler_failures": len(failed),
            "versions_seen": [{"modelVersion": v, "answers": n} for v, n in versions],
            "job": job, "problems": problems,
            "timeline_ms": {k: int(meta[k]) for k in ("retrain_requested_ms", "job_finished_ms",
                                                      "swap_done_ms", "load_stopped_ms") if k in meta}}


def run_row(name, r):
    cpu = f"{r['service_cpu_us_per_request']:.0f}" if "service_cpu_us_per_request" in r else "-"
    return (f"| {name} | {r['requests_per_second']:,.0f} | {r['requests']:,} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['p99_9_ms']:.2f} | {r['max_ms']:.1f} | {r['socket_errors']} / {r['http_errors']} | {cpu} |")


def report(result, retrain):
    m = result["meta"]
    lines = [f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
             f"Machine: {benchlib.machine_line(m['machine'], with_load=False)}; load average {m.get('loadavg_start')} at start, "
             f"{m.get('loadavg_end')} at the end  ",
             f"Load: {m.get('wrk')}, {m.get('threads')} threads, {m.get('connections')} connections, loopback, "
             f"same machine as the service; warm-up {m.get('warmup')} s per endpoint "
             f"({int(m.get('warmup', 0)) * 3 // 2} s for classify), then {m.get('duration')} s"
             + (" or more" if retrain else " each") + ". Service: `java "
             + (m.get("java_opts") + " " if m.get("java_opts") else "")
             + "-jar target/quarkus-app/quarkus-run.jar`, H2 in a fresh temp dir, per-key rate limit "
             + ("off" if m.get("rate_limit") in ("0", None) else m.get("rate_limit") + "/s") + "; POST bodies from "
             "`bench/lib/comments.tsv` (16 comments of 266-314 characters, 6 spam; every third with author and context).", "",
             "| run | requests/s | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors (socket / HTTP >= 400) | service CPU µs per request |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, label in (("warmup-health", "warm-up: GET /q/health/live"),
                        ("warmup-classify", "warm-up: POST /classify"), ("health", "GET /q/health/live"), ("classify", "POST /classify"),
                        ("classify-ham", "POST /classify, ham only (nothing queued; diagnostic)"),
                        ("classify-paced", f"POST /classify, paced at {m.get('paced_rate')}/s (half its saturation)"),
                        ("health-paced", f"GET /q/health/live, paced at {m.get('paced_rate')}/s"),
                        ("classify-retrain", "POST /classify, retrain + swap in the middle")):
        if name in result["runs"]:
            lines.append(run_row(label, result["runs"][name]))
    lines.append("")
    if "ratio_classify_to_health" in result:
        lines.append(f"Ratio classify/health: **{result['ratio_classify_to_health']:.2f}**  ")
    lines.append(f"Start to ready (`/q/health/ready` UP, fresh data dir, default model): {int(m.get('ready_ms', 0)):,} ms  ")
    lines.append(f"Peak RSS of the service (VmHWM): {int(m.get('vmhwm_kb', 0)) / 1024:,.0f} MiB "
                 f"(RSS after start {int(m.get('rss_after_start_kb', 0)) / 1024:,.0f} MiB)  ")
    srv = {k: v for k, v in result["server_requests"].items() if "/classify" in k or "/q/health" in k}
    lines.append("Answers counted by the service over the whole run, warm-ups included "
                 "(`http_server_requests_seconds_count`): "
                 + (", ".join(f"{k}: {v:,}" for k, v in srv.items()) or "none recorded") + "  ")
    le = result["service_log_errors"]
    lines.append(f"Service log: {le['client_hung_up']} ERROR lines from clients that hung up mid-request "
                 f"(wrk closes its connections at the end of each run; the service counts these as status "
                 f"500 or RESET though nobody receives them), {le['other']} other ERROR lines.")
    if retrain:
        r = result["retrain"]
        t = r["timeline_ms"]
        job = r["job"]
        lines += ["", f"Retrain under load: `POST /admin/retrain` at {t.get('retrain_requested_ms', 0) / 1000:.1f} s, "
                  f"job {job.get('id')} {job.get('state')} at {t.get('job_finished_ms', 0) / 1000:.1f} s "
                  f"({job.get('processed')}/{job.get('total')} processed, model version {job.get('modelVersion')}, "
                  f"activated by the quality gate: {job.get('activated')}"
                  + (f", activated by the benchmark: HTTP {m.get('activated_by_bench')}" if m.get("activated_by_bench") else "")
                  + f"), swap done at {t.get('swap_done_ms', 0) / 1000:.1f} s, load stopped at "
                  f"{t.get('load_stopped_ms', 0) / 1000:.1f} s.  ",
                  f"curl sampler (one classify every 200 ms): {r['samples']} requests, {r['sampler_failures']} failed; "
                  "modelVersion seen in order: " + " → ".join(f"`{v['modelVersion']}` ({v['answers']}×)" for v in r["versions_seen"])]
        if job.get("message"):
            lines.append(f"  \nJob message: {job.get('message')}")
    lines += ["", "### Targets (load)" if not retrain else "### Targets (swap)", ""]
    runs = result["runs"]
    if not retrain and "ratio_classify_to_health" in result:
        ratio = result["ratio_classify_to_health"]
        lines.append(f"- {'MET' if ratio >= TARGET_RATIO else 'MISSED'}: classify/health ratio {ratio:.2f} "
                     f"(target >= {TARGET_RATIO}; {runs['classify']['requests_per_second']:,.0f} vs "
                     f"{runs['health']['requests_per_second']:,.0f} requests/s)")
        p99 = runs["classify"]["p99_ms"]
        lines.append(f"- {'MET' if p99 < TARGET_P99_MS else 'MISSED'}: classify p99 {p99:.2f} ms at saturation "
                     f"(target < {TARGET_P99_MS:.0f} ms; GET /q/health/live at its own saturation: "
                     f"{runs['health']['p99_ms']:.2f} ms)")
        if "classify-paced" in runs and "health-paced" in runs:
            paced = runs["classify-paced"]["p99_ms"]
            lines.append(f"- {'MET' if paced < TARGET_P99_MS else 'MISSED'}: classify p99 {paced:.2f} ms at "
                         f"{m.get('paced_rate')}/s, half its saturation (GET /q/health/live at the same rate: "
                         f"{runs['health-paced']['p99_ms']:.2f} ms)")
    ready = int(m.get("ready_ms", 0))
    lines.append(f"- {'MET' if ready < TARGET_READY_MS else 'MISSED'}: start to ready {ready / 1000:.2f} s (target < 3 s; "
                 "includes JVM start, Flyway on a fresh H2 and storing the shipped default model)")
    if retrain:
        failed = result["failures"]
        lines.append(f"- {'MET' if not failed else 'MISSED'}: the swap dropped no request"
                     + ("" if not failed else ": " + "; ".join(failed)))
    elif result["failures"]:
        lines.append("- FAILED requests: " + "; ".join(result["failures"]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
