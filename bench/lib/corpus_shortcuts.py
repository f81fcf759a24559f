"""Shortcuts in the written corpus: tokens, link parts and number shapes that occur in spam of
training-data/ and never (or rarely) in its ham, and rows that also occur in the public sets.

    python3 bench/lib/corpus_shortcuts.py [--min-spam 4] [--all]

A feature in many spam rows and no ham row is a shortcut the default model will learn: the first
ordinary comment that has it is pushed towards spam. Without --all, only features of ordinary talk
(link parts, web-address words, numbers) are listed; WrittenCorpusTest fails on the same ones.
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import quality  # noqa: E402

ROOT = benchlib.ROOT
LINK = re.compile(r"(?i)\b(?:https?://|www\.)?((?:[a-z0-9-]+\.)+([a-z]{2,12}))(/[^\s]*)?")
WORD = re.compile(r"\w+")
ORDINARY = {"http", "https", "www", "com", "org", "net", "channel", "subscribe", "subscribed",
            "subscribers", "video", "views", "likes", "like", "check", "link", "free", "money",
            "call", "phone", "number", "online", "email", "website", "blog", "page", "follow",
            "music", "song", "watch", "youtube", "download", "app", "price", "buy", "order", "shop"}


def features(text, everything):
    out = set()
    lower = text.lower()
    for m in LINK.finditer(lower):
        if not m.group(0).startswith(("http", "www")) and "." not in m.group(0):
            continue
        out.add("tld ." + m.group(2))
        out.add("domain " + ".".join(m.group(1).split(".")[-2:]))
        out.add("link " + ("with path" if m.group(3) else "front page"))
    for w in WORD.findall(lower):
        if w.isdigit():
            out.add(f"number of {min(len(w), 5)} digits")
        elif everything or w in ORDINARY:
            out.add("word " + w)
    return out


def key(text):
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "").lower()
    return re.sub(r"\W+", " ", text).strip()


def main():
    ap = argparse.ArgumentParser(prog="corpus_shortcuts")
    ap.add_argument("--min-spam", type=int, default=4)
    ap.add_argument("--all", action="store_true", help="every word, not only ordinary ones")
    args = ap.parse_args()
    counts = collections.defaultdict(lambda: [0, 0])
    rows = []
    folder = os.path.join(ROOT, "training-data")
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".tsv")):
        for r in quality.read_tsv(os.path.join(folder, name)):
            rows.append(r)
            for f in features(r["text"], args.all):
                counts[f][1 if r["label"] == "spam" else 0] += 1
    spam_rows = sum(1 for r in rows if r["label"] == "spam")
    print(f"{len(rows)} rows, {spam_rows} spam, {len(rows) - spam_rows} ham")
    print(f"{'feature':40s} {'spam':>5s} {'ham':>5s}")
    shortcuts = 0
    for f, (ham, spam) in sorted(counts.items(), key=lambda kv: (kv[1][0] > 0, -kv[1][1])):
        if spam >= args.min_spam and ham * 10 < spam:
            print(f"{f:40s} {spam:5d} {ham:5d}{'   <- only in spam' if ham == 0 else ''}")
            shortcuts += ham == 0
    try:
        data = benchlib.datasets_dir()
    except SystemExit:
        data = None
    if data:
        public = set()
        for path in ("youtube-spam-collection/youtube-spam-collection.tubespam-split.tsv",
                     "sms-spam-collection/sms-spam-collection.tsv",
                     "datacamp-tutorial-comments/datacamp-tutorial-comments.tsv"):
            public |= {key(r["text"]) for r in quality.read_tsv(os.path.join(data, path))}
        copied = [r["text"] for r in rows if key(r["text"]) in public and key(r["text"])]
        print(f"\nrows also in the public sets (normalised text): {len(copied)}")
        for t in copied:
            print("  " + t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
