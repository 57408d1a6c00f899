"""The SQLite FTS5 reference: build a database of the speeches and time the same result page.

  fts5.py build CORPUS.jsonl DB [--copies K]
  fts5.py pages DB MIX.jsonl [--distinct FILE] [--rounds R] [--procs P]

A page is what Lectern's result page shows: the top 10 with snippets, the total, and the year
and speaker counts. Prints one JSON object."""

import argparse
import json
import math
import multiprocessing
import os
import resource
import sqlite3
import time

SCHEMA = """
CREATE TABLE speeches(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, speaker TEXT,
                      country TEXT, year INTEGER, body TEXT);
CREATE VIRTUAL TABLE speeches_fts USING fts5(title, body, content='speeches',
    content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
"""


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def build(corpus, db, copies):
    speeches = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    text_bytes = sum(len(s["text"].encode()) for s in speeches) * copies
    if os.path.exists(db):
        os.remove(db)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    rows = (
        (s["id"], "General Debate %s: %s" % (s["year"], s["country"] or "unknown country"),
         (s["speaker"] or "").strip() or None, s["country"], s["year"], s["text"])
        for _ in range(copies) for s in speeches
    )
    con.executemany(
        "INSERT INTO speeches(id, title, speaker, country, year, body) VALUES (?,?,?,?,?,?)", rows)
    con.execute("INSERT INTO speeches_fts(rowid, title, body) SELECT rowid, title, body FROM speeches")
    con.commit()
    con.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"items": len(speeches) * copies, "text_bytes": text_bytes,
                      "index_s": seconds, "total_s": seconds, "peak_rss_mb": peak_rss_mb(),
                      "index_mb": os.path.getsize(db) / 1e6}))


def where(query):
    sql, args = ["speeches_fts MATCH ?"], [query["q"]]
    if query.get("speaker"):
        sql.append("s.speaker = ?")
        args.append(query["speaker"])
    if query.get("theme"):
        sql.append("s.country = ?")
        args.append(query["theme"])
    if query.get("years"):
        sql.append("s.year BETWEEN ? AND ?")
        args.extend(query["years"])
    return " AND ".join(sql), args


FROM = "FROM speeches_fts JOIN speeches s ON s.rowid = speeches_fts.rowid WHERE "


def page(con, query):
    cond, args = where(query)
    total = con.execute("SELECT count(*) " + FROM + cond, args).fetchone()[0]
    con.execute("SELECT s.id, s.title, snippet(speeches_fts, 1, '<mark>', '</mark>', '…', 40) "
                + FROM + cond + " ORDER BY rank LIMIT 10", args).fetchall()
    con.execute("SELECT s.year, count(*) " + FROM + cond + " GROUP BY s.year", args).fetchall()
    con.execute("SELECT s.speaker, count(*) AS n " + FROM + cond
                + " GROUP BY s.speaker ORDER BY n DESC", args).fetchall()
    return total


def summary(ms):
    ms = sorted(ms)
    if not ms:
        return {"n": 0}
    q = lambda p: ms[min(len(ms), max(1, math.ceil(p * len(ms)))) - 1]
    return {"n": len(ms), "p50_ms": q(0.5), "p95_ms": q(0.95), "p99_ms": q(0.99),
            "max_ms": ms[-1], "mean_ms": sum(ms) / len(ms)}


def read_mix(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def _worker(args):
    db, mix, rounds = args
    con = sqlite3.connect(db)
    for _ in range(rounds):
        for query in mix:
            page(con, query)
    return rounds * len(mix)


def pages(db, mix_path, distinct_path, rounds, procs):
    con = sqlite3.connect(db)
    mix = read_mix(mix_path)
    totals = [page(con, q) for q in mix]
    latencies = []
    for _ in range(rounds):
        for query in mix:
            started = time.perf_counter()
            page(con, query)
            latencies.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    with multiprocessing.Pool(procs) as pool:
        done = sum(pool.map(_worker, [(db, mix, rounds)] * procs))
    pages_per_s = done / (time.perf_counter() - started)
    distinct = []
    for query in read_mix(distinct_path) if distinct_path else []:
        started = time.perf_counter()
        page(con, query)
        distinct.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"fixed": summary(latencies), "totals": totals, "threads": procs,
                      "pages_per_s": pages_per_s, "distinct": summary(distinct),
                      "peak_rss_mb": peak_rss_mb()}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("corpus")
    b.add_argument("db")
    b.add_argument("--copies", type=int, default=1)
    p = sub.add_parser("pages")
    p.add_argument("db")
    p.add_argument("mix")
    p.add_argument("--distinct")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--procs", type=int, default=2)
    args = parser.parse_args()
    if args.command == "build":
        build(args.corpus, args.db, args.copies)
    else:
        pages(args.db, args.mix, args.distinct, args.rounds, args.procs)


if __name__ == "__main__":
    main()
