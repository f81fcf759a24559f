"""Top methods of a JFR recording's execution samples: self time and inclusive time, in percent of
the samples whose stack contains --filter (default: any). Used by `bench/load --jfr`.

usage: jfr_top.py RECORDING.jfr [--filter TEXT] [--top N] [--jfr PATH-TO-jfr-TOOL]
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--filter", default="")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--jfr", default=os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr"))
    args = ap.parse_args()
    out = subprocess.run([args.jfr, "print", "--json", "--events", "jdk.ExecutionSample", args.recording],
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
