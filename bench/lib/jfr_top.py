"""Top methods of a JFR recording's execution samples (self and inclusive, in percent of the
samples whose stack contains --filter, default any), then where threads waited: jdk.ThreadPark
and jdk.JavaMonitorEnter by the code that asked for the lock, summed over duration. Used by
`bench/load --jfr`.

usage: jfr_top.py RECORDING.jfr [--filter TEXT] [--top N] [--jfr PATH-TO-jfr-TOOL]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--filter", default="")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--jfr", default=os.path.join(benchlib.java_home(), "bin", "jfr"))
    args = ap.parse_args()
    out = subprocess.run([args.jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", args.recording],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_time, inclusive, n = collections.Counter(), collections.Counter(), 0
    for e in events:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        names = [f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in frames]
        if not names or (args.filter and not any(args.filter in x for x in names)):
            continue
        n += 1
        self_time[names[0]] += 1
        for x in set(names):
            inclusive[x] += 1
    print(f"{n} execution samples" + (f" with '{args.filter}' on the stack" if args.filter else ""))
    if not n:
        return 0
    print("-- self")
    for k, v in self_time.most_common(args.top):
        print(f"{v / n:6.1%}  {k}")
    print("-- inclusive (com.commentshield and a few framework entry points)")
    shown = 0
    for k, v in inclusive.most_common():
        if k.startswith("com.commentshield") or any(s in k for s in ("hibernate", "jdbc", "h2", "jackson", "Flush", "commit")):
            print(f"{v / n:6.1%}  {k}")
            shown += 1
            if shown >= args.top:
                break
    waits(args)
    return 0


LOCK_FRAMES = ("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.", "java.lang.Object.wait")
IDLE = ("EnhancedQueueExecutor", "LinkedTransferQueue", "DelayedWorkQueue", "ForkJoinPool", "TimerThread",
        "ReaperThread", "ReferenceQueue", "VertxBlockingInput")


def seconds(value):
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?([\d.]+)S", value) if isinstance(value, str) else None
    return (int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3))) if m else 0.0


def waits(args):
    out = subprocess.run([args.jfr, "print", "--json", "--stack-depth", "64", "--events",
                          "jdk.ThreadPark,jdk.JavaMonitorEnter", args.recording],
                         capture_output=True, text=True, check=True).stdout
    total = collections.defaultdict(lambda: [0, 0.0])
    for e in json.loads(out)["recording"]["events"]:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        names = [f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in frames]
        caller = [n for n in names if not n.startswith(LOCK_FRAMES)]
        if not caller or any(i in caller[0] for i in IDLE):
            continue
        k = " < ".join(c.rsplit(".", 2)[-2] + "." + c.rsplit(".", 1)[-1] for c in caller[:4])
        total[k][0] += 1
        total[k][1] += seconds(e["values"].get("duration"))
    print("-- waiting for locks (thread-seconds, events; JFR records waits over its threshold, 10-20 ms)")
    for k, (n, s) in sorted(total.items(), key=lambda x: -x[1][1])[:12]:
        print(f"{s:9.1f} s {n:6d}  {k}")


if __name__ == "__main__":
    sys.exit(main())
