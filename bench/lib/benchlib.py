"""Helpers shared by the benchmark scripts: the JDK, machine description, a run's meta.env,
writing results and RESULTS.md splicing, the data sets.

Standard library only, so every script can use it with any python3.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def java_home():
    """JAVA_HOME, or the project's JDK as bin/jdk names it (the one place the path is written)."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    try:
        return subprocess.run([os.path.join(ROOT, "bin", "jdk")], capture_output=True, text=True,
                              timeout=30, env={k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
                              ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    """nproc, memory, CPU model, kernel, Java, as one dict."""
    info = {"nproc": os.cpu_count()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
    except OSError:
        pass
    info["kernel"] = platform.release()
    try:
        info["loadavg_end"] = " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        pass
    if os.environ.get("BENCH_LOADAVG_START"):
        info["loadavg_start"] = os.environ["BENCH_LOADAVG_START"]
    java = os.path.join(java_home(), "bin", "java")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        info["java"] = out.splitlines()[0].strip() if out else "?"
    except (OSError, subprocess.SubprocessError):
        info["java"] = "?"
    return info


def git_revision():
    """The commit the benchmark ran on, with '+dirty' when src/ or pom.xml had local changes."""
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "pom.xml"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def machine_line(m=None, with_load=True):
    m = m or machine()
    line = (f"{m.get('nproc')} CPUs ({m.get('cpu', '?')}), {m.get('memory_gib', '?')} GiB RAM, "
            f"Linux {m.get('kernel', '?')}, {m.get('java', '?')}")
    if m.get("loadavg_start") and with_load:
        line += f"; load average {m['loadavg_start']} at the start, {m.get('loadavg_end')} at the end"
    return line


def splice(section, markdown, path=None):
    """Replaces the text between <!-- BEGIN section --> and <!-- END section --> in RESULTS.md."""
    path = path or os.path.join(ROOT, "bench", "RESULTS.md")
    begin, end = f"<!-- BEGIN {section} -->", f"<!-- END {section} -->"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    block = f"{begin}\n{markdown.rstrip()}\n{end}"
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read_meta(path):
    """A run's meta.env (KEY=VALUE lines, written by common.sh's note) as a dict."""
    meta = {}
    for line in open(path, encoding="utf-8"):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            meta[k] = v
    return meta


def report_args():
    """The report scripts' arguments: --dir (the run's directory, with its meta.env) and --smoke.

    Returns (args, meta)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    return args, read_meta(os.path.join(args.dir, "meta.env"))


def run_meta(command, **extra):
    """What every result records about its run: command, date, commit, machine (and extra)."""
    return {**extra, "command": command, "date": now(), "commit": git_revision(), "machine": machine()}


def write_results(name, result, md, run_dir, smoke):
    """NAME.json and NAME.md in bench/results, or for a smoke run in RUN_DIR; returns that folder."""
    outdir = run_dir if smoke else os.path.join(ROOT, "bench", "results")
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    with open(os.path.join(outdir, name + ".md"), "w", encoding="utf-8") as f:
        f.write(md)
    return outdir


def publish(section, md, failures, smoke, what=None):
    """Splices MD into RESULTS.md as SECTION (not for a smoke run), prints it and the failures;
    returns the exit status (1 when anything failed)."""
    if not smoke:
        splice(section, md)
    print(md)
    if failures:
        print(f"{what or section}: FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def pct(x, digits=1):
    return "n/a" if x is None else f"{100 * x:.{digits}f}%"


def datasets_dir():
    """../shared/datasets next to the repository; in a git worktree, next to the main checkout.

    COMMENTSHIELD_DATASETS overrides both.
    """
    env = os.environ.get("COMMENTSHIELD_DATASETS")
    if env:
        return env
    candidates = [os.path.join(os.path.dirname(ROOT), "shared", "datasets")]
    try:
        common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], capture_output=True, text=True,
                                timeout=30).stdout.strip()
        if common:
            main_checkout = os.path.dirname(common)
            candidates.append(os.path.join(os.path.dirname(main_checkout), "shared", "datasets"))
    except (OSError, subprocess.SubprocessError):
        pass
    for c in candidates:
        if os.path.isdir(c):
            return c
    raise SystemExit("datasets not found; looked in " + ", ".join(candidates)
                     + " (set COMMENTSHIELD_DATASETS)")
