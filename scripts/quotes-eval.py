#!/usr/bin/env python3
"""Measure `lectern quotes` on labelled texts (OpenBoek's JSON Lines format).

Usage (from the project root):
  python3 scripts/quotes-eval.py LABELS.jsonl [LABELS2.jsonl ...]
      [--bin target/release/lectern] [--lang nl] [--speaker]
      [--group NAME=SUBSTRING,SUBSTRING ...] [--per-doc] [--json]

Each line of a labels file is one text: {"id", "text" | "path" | "source", "quotes": [...],
"people": [...]}. The text is given inline ("text", as in ../shared/data/quotes/openboek-nl),
as a file path ("path", relative to the working folder), or as one record of a JSON Lines file
("source": {"jsonl": PATH, "id": ID, "field": "text"}). Quotes are {"start", "end", "speaker",
"speaker_mentions": [[s, e]], "speaker_mention_kind": name|pronoun|nominal|none}; people are
{"name", "mentions": [[s, e]]}. Offsets are characters, end exclusive.

Prints precision, recall and F1 of quotation spans (exact, and overlapping one to one), of
attribution per kind of the gold mention (a predicted attribution is right when its mention
overlaps one of the gold quotation's mentions; with --speaker, when the speaker's name equals
the gold speaker's, accents and case aside), and of people mentioned (names, where the labels
have them). Attribution is scored on the gold quotations a predicted quotation overlaps;
precision per kind counts the predicted attributions of that kind there. Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

KINDS = ("name", "pronoun", "nominal", "none")


def fold(name):
    if name is None:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def load_text(record, labels_path, cache):
    if "text" in record:
        return record["text"]
    if "path" in record:
        return open(record["path"], encoding="utf-8").read()
    source = record["source"]
    path = source["jsonl"]
    if path not in cache:
        rows = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                rows[str(row["id"])] = row
        cache[path] = rows
    return cache[path][str(source["id"])][source.get("field", "text")]


def run_lectern(binary, text, lang):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
        name = f.name
    try:
        cmd = [binary, "quotes", "--json", name]
        if lang:
            cmd += ["--lang", lang]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        return json.loads(out)
    finally:
        os.unlink(name)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def match_overlapping(gold, pred):
    """One-to-one: each gold quotation takes the first free predicted one it overlaps."""
    pairs = {}
    used = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and overlaps((g["start"], g["end"]), (p["span"]["start"], p["span"]["end"])):
                pairs[gi] = pi
                used.add(pi)
                break
    return pairs


class Counts:
    def __init__(self):
        self.c = {}

    def add(self, key, value=1):
        self.c[key] = self.c.get(key, 0) + value

    def get(self, key):
        return self.c.get(key, 0)

    def merge(self, other):
        for k, v in other.c.items():
            self.add(k, v)


def score(record, text, found, by_speaker):
    counts = Counts()
    gold = record.get("quotes", [])
    pred = found["quotes"]
    gold_spans = {(g["start"], g["end"]) for g in gold}
    pred_spans = {(p["span"]["start"], p["span"]["end"]) for p in pred}
    counts.add("gold", len(gold))
    counts.add("pred", len(pred))
    counts.add("exact", len(gold_spans & pred_spans))
    pairs = match_overlapping(gold, pred)
    counts.add("overlap", len(pairs))
    for gi, g in enumerate(gold):
        kind = g.get("speaker_mention_kind") or "none"
        counts.add("gold_" + kind)
        if gi not in pairs:
            continue
        p = pred[pairs[gi]]
        if p.get("kind") is None:
            continue
        pkind = p["kind"]
        counts.add("pred_" + pkind)
        if by_speaker:
            right = g.get("speaker") is not None and fold(p.get("speaker")) == fold(g.get("speaker"))
        else:
            m = p.get("mention")
            right = m is not None and any(
                overlaps((m["start"], m["end"]), tuple(gm)) for gm in g.get("speaker_mentions", [])
            )
        if right:
            counts.add("right_" + kind)
            counts.add("rightpred_" + pkind)
    if "people" in record:
        counts.add("has_people", 1)
        gold_people = {fold(p["name"]) for p in record["people"]}
        pred_people = {fold(p["name"]) for p in found["people"]}
        counts.add("people_gold", len(gold_people))
        counts.add("people_pred", len(pred_people))
        counts.add("people_right", len(gold_people & pred_people))
    return counts


def prf(right_p, pred, right_r, gold):
    p = right_p / pred if pred else float("nan")
    r = right_r / gold if gold else float("nan")
    f = 2 * p * r / (p + r) if pred and gold and p + r > 0 else float("nan")
    return p, r, f


def rows(counts):
    out = []
    g, pr = counts.get("gold"), counts.get("pred")
    out.append(("quotation spans, exact", *prf(counts.get("exact"), pr, counts.get("exact"), g), g))
    out.append(("quotation spans, overlapping", *prf(counts.get("overlap"), pr, counts.get("overlap"), g), g))
    for kind in KINDS:
        gk = counts.get("gold_" + kind)
        if not gk and kind == "none":
            continue
        pk = counts.get("pred_" + kind) if kind != "none" else 0
        out.append(
            (
                f"attribution, {kind}",
                *prf(counts.get("rightpred_" + kind), pk, counts.get("right_" + kind), gk),
                gk,
            )
        )
    explicit_gold = sum(counts.get("gold_" + k) for k in KINDS[:3])
    explicit_right = sum(counts.get("right_" + k) for k in KINDS[:3])
    all_pred = sum(counts.get("pred_" + k) for k in KINDS[:3])
    all_right_pred = sum(counts.get("rightpred_" + k) for k in KINDS[:3])
    out.append(("attribution, name+pronoun+nominal", *prf(all_right_pred, all_pred, explicit_right, explicit_gold), explicit_gold))
    all_gold = explicit_gold + counts.get("gold_none")
    all_right = explicit_right + counts.get("right_none")
    out.append(("attribution, all (implicit too)", *prf(all_right_pred, all_pred, all_right, all_gold), all_gold))
    if counts.get("has_people"):
        out.append(
            (
                "people mentioned",
                *prf(counts.get("people_right"), counts.get("people_pred"), counts.get("people_right"), counts.get("people_gold")),
                counts.get("people_gold"),
            )
        )
    return out


def show(title, counts, as_json):
    table = rows(counts)
    if as_json:
        return {title: {r[0]: {"p": r[1], "r": r[2], "f1": r[3], "gold": r[4]} for r in table}}
    print(f"\n## {title}\n")
    print("| measure | precision | recall | F1 | gold |")
    print("|---|---|---|---|---|")
    for name, p, r, f, g in table:
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {g} |")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("labels", nargs="+")
    ap.add_argument("--bin", default="target/release/lectern")
    ap.add_argument("--lang", default=None)
    ap.add_argument("--speaker", action="store_true", help="score attribution by speaker name")
    ap.add_argument("--group", action="append", default=[], help="NAME=SUBSTRING,SUBSTRING: a subtotal")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    cache = {}
    total = Counts()
    groups = []
    for g in args.group:
        name, _, subs = g.partition("=")
        groups.append((name, [s for s in subs.split(",") if s], Counts()))
    results = {}
    for path in args.labels:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                record = json.loads(line)
                text = load_text(record, path, cache)
                found = run_lectern(args.bin, text, args.lang)
                counts = score(record, text, found, args.speaker)
                total.merge(counts)
                for name, subs, c in groups:
                    if any(s in record["id"] for s in subs):
                        c.merge(counts)
                if args.per_doc:
                    r = show(record["id"], counts, args.json)
                    if r:
                        results.update(r)
    for name, _, c in groups:
        r = show(name, c, args.json)
        if r:
            results.update(r)
    r = show("all", total, args.json)
    if r:
        results.update(r)
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
