"""Reads the output directory of bench/soak and writes bench/results/soak.{json,md,txt} and the
soak section of bench/RESULTS.md (with --smoke: the smoke directory only).

Growth rule: the first SETTLE of the soak (10% of it, at least one interval) is left out, as heap
sizing and compilation still move then. Of the rest, the median of the last third of the values
(RSS samples, per-interval p50 and p99) is compared with the median of the first third; growth
beyond the allowance below counts as growth beyond noise. A least-squares slope per minute over
the same values is reported beside it. The live heap is compared before and after the soak.
Exits non-zero on failed requests, on an achieved rate below 95% of the target, and (full runs
only; 20 seconds say nothing about a trend) on growth beyond noise."""
import json
import os
import statistics
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from load_report import server_statuses, service_errors, summarize  # noqa: E402

ROOT = benchlib.ROOT
MIN_RATE_SHARE = 0.95
# How much the last third may exceed the first third: RSS moves little once the heap is sized;
# latency is noisier, the p99 most of all on a machine shared with other work.
ALLOWANCE = {"rss_mib": 0.10, "p50_ms": 0.25, "p99_ms": 0.50}
LABELS = {"rss_mib": "RSS", "p50_ms": "latency p50", "p99_ms": "latency p99"}
UNITS = {"rss_mib": "MiB", "p50_ms": "ms", "p99_ms": "ms"}
# The live heap (in use right after a full collection) before and after the soak: it may grow by
# this share, and always by LIVE_HEAP_SLACK_MIB (H2's page cache fills as the queue grows).
LIVE_HEAP_ALLOWANCE, LIVE_HEAP_SLACK_MIB = 0.25, 16


def slope_per_minute(points):
    """Least-squares slope of (seconds, value) points, per minute; None with fewer than 2."""
    if len(points) < 2:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return 60 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def trend(points, allowance):
    """First-third and last-third medians of the points (seconds, value), the change between them
    and whether it is growth beyond the allowance."""
    values = [v for _, v in points if v is not None]
    if len(values) < 2:
        return {"points": len(values), "verdict": "too few values"}
    third = max(1, -(-len(values) // 3))
    first, last = statistics.median(values[:third]), statistics.median(values[-third:])
    change = (last - first) / first if first else 0.0
    return {"points": len(values), "first_third_median": first, "last_third_median": last,
            "change": change, "allowance": allowance, "slope_per_minute": slope_per_minute(
                [(t, v) for t, v in points if v is not None]),
            "growth_beyond_noise": change > allowance,
            "verdict": "GROWTH beyond noise" if change > allowance else "flat (within noise)"}


def main():
    args, meta = benchlib.report_args()
    d = args.dir
    rate = float(meta["rate"])
    t0 = int(meta["soak_started_epoch_ms"])
    duration = float(meta["duration"])
    interval = float(meta["interval"])
    settle = max(interval, 0.1 * duration)

    intervals = []
    times = {}
    tp = os.path.join(d, "intervals", "times.txt")
    if os.path.exists(tp):
        for line in open(tp, encoding="utf-8"):
            k, start, end = line.split()
            times[int(k)] = (int(start), int(end))
    for k in sorted(times):
        p = os.path.join(d, "intervals", f"{k:03d}.json")
        run = None
        if os.path.exists(p):
            lines = open(p, encoding="utf-8").read().strip().splitlines()
            run = summarize(json.loads(lines[-1])) if lines else None
        start, end = times[k]
        intervals.append({"interval": k, "start_s": (start - t0) / 1000, "end_s": (end - t0) / 1000,
                          **({"missing": True} if run is None else run)})

    memory = []
    mp = os.path.join(d, "memory.txt")
    if os.path.exists(mp):
        for line in open(mp, encoding="utf-8"):
            p = line.split()
            if len(p) >= 3 and p[1].isdigit():
                mib = lambda k: int(p[k]) / 2 ** 20 if len(p) > k else None  # noqa: E731
                memory.append({"t_s": (int(p[0]) - t0) / 1000, "rss_mib": int(p[1]) / 1024,
                               "data_mib": int(p[2]) / 1024, "heap_mib": mib(3), "old_mib": mib(4),
                               "committed_mib": mib(5)})
    # the heap floor of an interval: the lowest heap in use sampled during it
    for iv in intervals:
        heaps = [m["heap_mib"] for m in memory
                 if m["heap_mib"] is not None and iv["start_s"] <= m["t_s"] <= iv["end_s"]]
        iv["heap_floor_mib"] = min(heaps) if heaps else None
        inside = [m for m in memory if iv["start_s"] <= m["t_s"] <= iv["end_s"]]
        iv["rss_max_mib"] = max((m["rss_mib"] for m in inside), default=None)
        iv["committed_max_mib"] = max((m["committed_mib"] for m in inside if m["committed_mib"] is not None), default=None)
        iv["data_mib"] = inside[-1]["data_mib"] if inside else None

    failures = []
    measured = [iv for iv in intervals if not iv.get("missing")]
    if len(measured) != len(intervals) or not intervals:
        failures.append(f"{len(intervals) - len(measured)} intervals have no wrk result" if intervals
                        else "no interval was run")
    total_requests = sum(iv["requests"] for iv in measured)
    total_seconds = sum(iv["seconds"] for iv in measured)
    achieved = total_requests / total_seconds if total_seconds else 0.0
    socket_errors = sum(iv["socket_errors"] for iv in measured)
    http_errors = sum(iv["http_errors"] for iv in measured)
    if socket_errors or http_errors:
        bad = [iv["interval"] for iv in measured if iv["socket_errors"] or iv["http_errors"]]
        failures.append(f"{socket_errors} socket errors and {http_errors} HTTP errors (intervals {bad})")
    if achieved < MIN_RATE_SHARE * rate:
        failures.append(f"achieved {achieved:,.0f} requests/s, below {MIN_RATE_SHARE:.0%} of the target {rate:,.0f}")
    short = [iv["interval"] for iv in measured if iv["requests_per_second"] < 0.9 * rate]

    settled = [iv for iv in measured if iv["start_s"] >= settle - 0.5]
    mid = lambda iv: (iv["start_s"] + iv["end_s"]) / 2  # noqa: E731
    trends = {
        "rss_mib": trend([(m["t_s"], m["rss_mib"]) for m in memory if m["t_s"] >= settle], ALLOWANCE["rss_mib"]),
        "p50_ms": trend([(mid(iv), iv["p50_ms"]) for iv in settled], ALLOWANCE["p50_ms"]),
        "p99_ms": trend([(mid(iv), iv["p99_ms"]) for iv in settled], ALLOWANCE["p99_ms"]),
    }
    live = live_heap(meta)
    # how much of the RSS change the JVM's own heap sizing explains (committed heap, same values)
    settled_mem = [m for m in memory if m["t_s"] >= settle and m["committed_mib"] is not None]
    if settled_mem and "first_third_median" in trends["rss_mib"]:
        third = max(1, -(-len(settled_mem) // 3))
        c_first = statistics.median(m["committed_mib"] for m in settled_mem[:third])
        c_last = statistics.median(m["committed_mib"] for m in settled_mem[-third:])
        trends["rss_mib"]["heap_committed_change_mib"] = c_last - c_first
        trends["rss_mib"]["rss_change_mib"] = trends["rss_mib"]["last_third_median"] - trends["rss_mib"]["first_third_median"]
    grown = [LABELS[k] for k, t in trends.items() if t.get("growth_beyond_noise")]
    if live.get("growth_beyond_noise"):
        grown.append("live heap")
    if grown and not args.smoke:
        failures.append("growth beyond noise: " + ", ".join(grown))

    errors = service_errors(os.path.join(d, "service.log"))
    if errors["other"]:
        failures.append(f"{errors['other']} ERROR lines in the service log other than clients hanging up "
                        f"(first: {errors['first_other']})")
    server = {f"{m} {u} {s}": int(c) for (u, m, s), c in sorted(server_statuses(os.path.join(d, "metrics.txt")).items())
              if "/classify" in u}
    runs = {}
    for name in ("warmup", "saturation"):
        p = os.path.join(d, name + ".json")
        if os.path.exists(p):
            runs[name] = summarize(json.loads(open(p, encoding="utf-8").read().strip().splitlines()[-1]))

    result = {"meta": benchlib.run_meta("bench/soak" + (" --smoke" if args.smoke else ""), **meta),
              "target_rate": rate, "achieved_rate": achieved, "requests": total_requests,
              "socket_errors": socket_errors, "http_errors": http_errors, "intervals_below_90pct": short,
              "settle_s": settle, "runs": runs, "intervals": intervals, "memory": memory, "trends": trends, "live_heap": live,
              "server_requests": server, "service_log_errors": errors, "failures": failures}
    md = report(result, args.smoke)
    outdir = benchlib.write_results("soak", result, md, d, args.smoke)
    with open(os.path.join(outdir, "soak.txt"), "w", encoding="utf-8") as f:
        for name in ("warmup", "saturation"):
            p = os.path.join(d, name + ".txt")
            if os.path.exists(p):
                f.write(f"==== wrk {name} (closed-loop)\n" + open(p, encoding="utf-8").read() + "\n")
        for iv in intervals:
            p = os.path.join(d, "intervals", f"{iv['interval']:03d}.txt")
            if os.path.exists(p):
                f.write(f"==== wrk interval {iv['interval']} ({iv['start_s']:.0f}-{iv['end_s']:.0f} s, paced at "
                        f"{rate:,.0f}/s)\n" + open(p, encoding="utf-8").read() + "\n")
        f.write("==== memory samples (seconds into the soak, VmRSS MiB, data directory MiB, heap in use MiB, "
                "old generation MiB, heap committed MiB)\n")
        for m in memory:
            f.write(f"{m['t_s']:.1f} {m['rss_mib']:.1f} {m['data_mib']:.1f} {fmt(m['heap_mib'])} {fmt(m['old_mib'])} "
                    f"{fmt(m['committed_mib'])}\n")
    return benchlib.publish("soak", md, failures, args.smoke)


def live_heap(meta):
    """Live heap before and after the soak, in MiB, with the verdict."""
    try:
        before = int(meta["live_heap_before_bytes"]) / 2 ** 20
        after = int(meta["live_heap_after_bytes"]) / 2 ** 20
    except (KeyError, ValueError):
        return {"verdict": "not measured (jcmd or the heap metric missing)"}
    grown = after - before > max(LIVE_HEAP_ALLOWANCE * before, LIVE_HEAP_SLACK_MIB)
    return {"before_mib": before, "after_mib": after, "change": (after - before) / before if before else 0.0,
            "growth_beyond_noise": grown,
            "verdict": "GROWTH beyond noise" if grown else "flat (within noise)"}


def data_growth(result):
    """How fast the data directory grew during the soak, per minute and per request."""
    mem = result["memory"]
    if len(mem) < 2 or mem[-1]["t_s"] <= mem[0]["t_s"]:
        return ""
    grown = mem[-1]["data_mib"] - mem[0]["data_mib"]
    per_min = grown / (mem[-1]["t_s"] - mem[0]["t_s"]) * 60
    per_request = grown * 1024 / result["requests"] if result["requests"] else 0
    return (f" (during the soak: {mem[0]['data_mib']:,.0f} → {mem[-1]['data_mib']:,.0f} MiB, {per_min:,.1f} MiB/min, "
            f"{per_request:,.1f} KiB per request; 6 of the 16 comments are queued)")


def fmt(x, digits=1):
    return "-" if x is None else f"{x:.{digits}f}"


def report(result, smoke):
    m = result["meta"]
    rate = result["target_rate"]
    sat = result["runs"].get("saturation")
    lines = [f"Command: `{m['command']}` · {m['date']} · commit {m['commit']}  ",
             f"Machine: {benchlib.machine_line(m['machine'], with_load=False)}; load average {m.get('loadavg_start')} "
             f"at start, {m.get('loadavg_end')} at the end  ",
             f"Service: `java " + (m.get("java_opts") + " " if m.get("java_opts") else "")
             + "-jar target/quarkus-app/quarkus-run.jar`, H2 in a fresh temp dir, per-key rate limit off. "
             f"Load: {m.get('wrk')}, {m.get('threads')} threads, {m.get('connections')} connections, loopback; "
             "`POST /classify` with the 16 comments of `bench/lib/comments.tsv` (6 spam, queued).  ",
             (f"Saturation (closed-loop, {m.get('saturation')} s after a {m.get('warmup')} s warm-up): "
              f"**{sat['requests_per_second']:,.0f} requests/s** (p50 {sat['p50_ms']:.1f} ms, p99 {sat['p99_ms']:.1f} ms, "
              f"{sat['socket_errors']} / {sat['http_errors']} errors); the soak drives half of it.  " if sat else
              f"Rate given with `--rate` ({m.get('warmup')} s warm-up first).  "),
             f"Soak: **{rate:,.0f} requests/s** for {m.get('duration')} s, paced by `bench/lib/wrk.lua` "
             f"(`BENCH_RATE`: each wrk thread keeps a schedule of send times, each connection waits for the next "
             f"slot), as back-to-back wrk runs of {m.get('interval')} s (each opens its connections anew); "
             f"latency counts from the actual send. Memory sampled every {m.get('sample')} s "
             "(VmRSS; heap in use from `jvm_memory_used_bytes{area=\"heap\"}`).", "",
             f"Achieved: **{result['achieved_rate']:,.1f} requests/s** ({result['requests']:,} requests; "
             f"{result['achieved_rate'] / rate:.1%} of the target); errors: {result['socket_errors']} socket, "
             f"{result['http_errors']} HTTP >= 400.  ",
             "Answers counted by the service, warm-up and saturation included: "
             + (", ".join(f"{k}: {v:,}" for k, v in result["server_requests"].items()) or "none recorded") + "  ",
             f"Service log: {result['service_log_errors']['other']} ERROR lines "
             f"({result['service_log_errors']['client_hung_up']} more from clients hanging up). "
             f"Peak RSS (VmHWM) {int(m.get('vmhwm_kb', 0)) / 1024:,.0f} MiB; the H2 data directory holds "
             f"{int(m.get('data_dir_kb', 0)) / 1024:,.0f} MiB at the end" + data_growth(result) + ".", "",
             "| interval | seconds | requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors (socket / HTTP) | "
             "RSS max MiB | heap committed max MiB | heap floor MiB | data dir MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for iv in result["intervals"]:
        if iv.get("missing"):
            lines.append(f"| {iv['interval']} | {iv['start_s']:.0f}-{iv['end_s']:.0f} | no result |||||||||||")
            continue
        lines.append(f"| {iv['interval']} | {iv['start_s']:.0f}-{iv['end_s']:.0f} | {iv['requests_per_second']:,.1f} | "
                     f"{iv['p50_ms']:.2f} | {iv['p90_ms']:.2f} | {iv['p99_ms']:.2f} | {iv['p99_9_ms']:.2f} | {iv['max_ms']:.1f} | "
                     f"{iv['socket_errors']} / {iv['http_errors']} | {fmt(iv['rss_max_mib'], 0)} | "
                     f"{fmt(iv['committed_max_mib'], 0)} | {fmt(iv['heap_floor_mib'], 0)} | {fmt(iv['data_mib'], 0)} |")
    lines += ["", f"Trend rule: the first {result['settle_s']:.0f} s are left out (heap sizing, compilation); the "
              "median of the last third of the remaining values is compared with the median of the first third; "
              "more than " + ", ".join(f"{ALLOWANCE[k]:.0%} ({LABELS[k]})" for k in ALLOWANCE)
              + " is growth beyond noise. Slope: least squares over the same values. *Heap floor* is the lowest "
              "heap in use sampled in the interval (shown, not judged: it is the level after a collection only "
              "when one happened in the interval).", "",
              "### Verdict (soak)", ""]
    ok_rate = result["achieved_rate"] >= MIN_RATE_SHARE * rate
    lines.append(f"- {'PASSED' if not (result['socket_errors'] or result['http_errors']) else 'FAILED'}: no failed "
                 f"request ({result['socket_errors']} socket errors, {result['http_errors']} HTTP errors)")
    lines.append(f"- {'PASSED' if ok_rate else 'FAILED'}: constant rate held ({result['achieved_rate']:,.1f} of "
                 f"{rate:,.0f} requests/s"
                 + (f"; intervals below 90%: {result['intervals_below_90pct']}" if result["intervals_below_90pct"] else "")
                 + ")")
    for k, t in result["trends"].items():
        if "first_third_median" not in t:
            lines.append(f"- {LABELS[k]}: {t['verdict']}")
            continue
        slope = t["slope_per_minute"]
        verdict = t["verdict"] + (" (smoke: not judged)" if smoke and t["growth_beyond_noise"] else "")
        lines.append(f"- {LABELS[k]}: {verdict}: {t['first_third_median']:,.1f} → {t['last_third_median']:,.1f} "
                     f"{UNITS[k]} ({t['change']:+.1%}, allowed +{t['allowance']:.0%}; slope "
                     f"{'n/a' if slope is None else f'{slope:+,.2f} {UNITS[k]}/min'}; {t['points']} values)"
                     + (f"; the committed heap changed by {t['heap_committed_change_mib']:+,.0f} MiB of the "
                        f"{t['rss_change_mib']:+,.0f} MiB (the JVM sizing its heap, not necessarily memory kept)"
                        if "heap_committed_change_mib" in t else ""))
    lv = result["live_heap"]
    if "before_mib" in lv:
        lines.append(f"- live heap (in use after a full GC, `jcmd GC.run`, before and after the soak): {lv['verdict']}"
                     + (" (smoke: not judged)" if smoke and lv["growth_beyond_noise"] else "")
                     + f": {lv['before_mib']:,.1f} → {lv['after_mib']:,.1f} MiB ({lv['change']:+.1%}, allowed "
                     f"+{LIVE_HEAP_ALLOWANCE:.0%} or +{LIVE_HEAP_SLACK_MIB} MiB, whichever is more)")
    else:
        lines.append(f"- live heap: {lv['verdict']}")
    other = [f for f in result["failures"] if "ERROR lines" in f or "no wrk result" in f or "no interval" in f]
    if other:
        lines.append("- FAILED: " + "; ".join(other))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
