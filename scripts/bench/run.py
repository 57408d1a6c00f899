"""Runs the whole benchmark in one go and writes bench-data/results-<mode>.{json,md}.

Called by scripts/bench.sh after the release build; see docs/benchmarks.md for what each number
means. Every engine gets the same speeches and the same queries."""

import gzip
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time

import load
import report

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "..", "shared", "data", "corpora", "ungdc", "speeches.jsonl.gz")
WORK = os.path.join(ROOT, "bench-data")
BENCH = os.path.join(ROOT, "target", "release", "examples", "bench")
LECTERN = os.path.join(ROOT, "target", "release", "lectern")

# The fixed mix: single words, two-word AND, phrases, speaker filter, year range, theme facet, a typo.
FIXED = [
    {"q": "peace"}, {"q": "nuclear"}, {"q": "refugees"}, {"q": "terrorism"}, {"q": "apartheid"},
    {"q": "climate change"}, {"q": "nuclear disarmament"}, {"q": "human rights"},
    {"q": "economic development"}, {"q": "south africa"},
    {"q": '"united nations"'}, {"q": '"cold war"'}, {"q": '"security council reform"'},
    {"q": '"sustainable development goals"'},
    {"q": "development", "speaker": "Sheikh Hasina"},
    {"q": "peace", "speaker": "Paul Kagame"},
    {"q": '"climate change"', "years": [2000, 2020]},
    {"q": "decolonization", "years": [1960, 1975]},
    {"q": "independence", "theme": "India"},
    {"q": "disarmamnet"},
]
STOP = set("""about above after again against also among because been before being between
both could does doing down during each every from further have having here into itself just
more most other over same should some such than that their theirs them then there these they
this those through under until very were what when where which while with would your shall
will must upon whose united nations general assembly""".split())

MODES = {
    "quick": {"limit": 1000, "copies": 1, "rounds": 5, "fts_rounds": 2, "wrk_s": 2, "distinct": 200},
    "full": {"limit": None, "copies": 1, "rounds": 20, "fts_rounds": 3, "wrk_s": 10, "distinct": 200},
    "scale": {"limit": None, "copies": 10, "rounds": 5, "distinct": 200},
}


def log(message):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), flush=True)


def load_now():
    return "%.2f %.2f %.2f" % os.getloadavg()


def run_json(argv):
    started = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(argv), out.stderr[-3000:]))
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    result["load"] = load_now()
    return result


def write_corpus(limit):
    path = os.path.join(WORK, "speeches.jsonl")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if limit is not None and n >= limit:
                break
            dst.write(line)
    return path


def distinct_mix(corpus, count):
    """`count` distinct queries drawn from the speeches: words, word pairs and two-word phrases."""
    rng = random.Random(8)
    speeches = [json.loads(l) for l in open(corpus, encoding="utf-8")]
    seen, out = set(), []
    while len(out) < count:
        words = re.findall(r"[A-Za-z]+", rng.choice(speeches)["text"])
        words = [w.lower() for w in words]
        if len(words) < 50:
            continue
        i = rng.randrange(len(words) - 1)
        good = lambda w: len(w) >= 5 and w not in STOP
        kind = rng.random()
        if kind < 0.4 and good(words[i]):
            q = words[i]
        elif kind < 0.8:
            pair = [w for w in rng.sample(words, 2) if good(w)]
            q = " ".join(pair) if len(pair) == 2 else None
        elif good(words[i]) and good(words[i + 1]):
            q = '"%s %s"' % (words[i], words[i + 1])
        else:
            q = None
        if q and q not in seen:
            seen.add(q)
            out.append({"q": q})
    return out


def write_mix(name, queries):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write("".join(json.dumps(q) + "\n" for q in queries))
    return path


def machine():
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
    mem = [l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")][0]
    version = lambda argv: subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
    lock = open(os.path.join(ROOT, "Cargo.lock")).read()
    tantivy = re.search(r'name = "tantivy"\nversion = "([^"]+)"', lock).group(1)
    import sqlite3
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpu": cpu[0],
            "cores": os.cpu_count(), "mem_gb": round(int(mem) / 1e6, 1), "kernel": platform.release(),
            "rustc": version(["rustc", "--version"]), "tantivy": tantivy,
            "sqlite": sqlite3.sqlite_version, "python": platform.python_version(),
            "datasette": version(["datasette", "--version"]),
            "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0],
            "commit": version(["git", "-C", ROOT, "log", "-1", "--format=%h %s"])}


def pages(sub, index, mix, distinct, rounds):
    return run_json([BENCH, sub, "--index", index, "--mix", mix, "--distinct", distinct,
                     "--rounds", str(rounds), "--threads", "2"])


def http_runs(results, cfg, archive, index, fts_db, mix, distinct):
    fixed_qs = [load.query_string(q) for q in mix]
    distinct_qs = [load.query_string(q) for q in distinct]
    levels = [1, 8, 64]
    lectern_argv = lambda port: [LECTERN, "--archive", archive, "--index", index, "serve",
                                 "--addr", "127.0.0.1:%d" % port]
    with load.Server(lectern_argv, "/api/search?q=peace", os.path.join(WORK, "serve.log")) as server:
        for name, prefix, queries in [("api", "/api/search?limit=10&", fixed_qs),
                                      ("html", "/search?", fixed_qs),
                                      ("api_distinct", "/api/search?limit=10&", distinct_qs),
                                      ("html_distinct", "/search?", distinct_qs)]:
            paths = [prefix + q for q in queries]
            for c in (levels if "distinct" not in name else [64]):
                log("wrk %s c=%d (load %s)" % (name, c, load_now()))
                run = load.wrk(server.base, paths, c, cfg["wrk_s"], WORK)
                run["load"] = load_now()
                results["http"].setdefault(name, []).append(run)
        results["http"]["server"] = server.rss_mb()
        log("add to found")
        results["add_to_found"] = load.add_to_found(server.base, LECTERN, archive, index)
    ds_argv = lambda port: ["datasette", "serve", fts_db, "-h", "127.0.0.1", "-p", str(port),
                            "--setting", "sql_time_limit_ms", "20000",
                            "--setting", "facet_time_limit_ms", "20000"]
    with load.Server(ds_argv, "/-/versions.json", os.path.join(WORK, "datasette.log")) as server:
        paths = ["/bench/speeches.json?" + load.datasette_query_string(q) for q in mix]
        for c in levels:
            log("wrk datasette c=%d (load %s)" % (c, load_now()))
            run = load.wrk(server.base, paths, c, cfg["wrk_s"], WORK)
            run["load"] = load_now()
            results["http"].setdefault("datasette", []).append(run)
        results["http"]["datasette_server"] = server.rss_mb()


def main():
    args = sys.argv[1:]
    mode = "quick" if "--quick" in args else "scale" if "--scale" in args else "full"
    cfg = MODES[mode]
    os.makedirs(WORK, exist_ok=True)
    results = {"mode": mode, "machine": machine(), "load_at_start": load_now(), "http": {}}
    log("%s run, load %s" % (mode, results["load_at_start"]))
    corpus = write_corpus(cfg["limit"])
    mix = write_mix("mix-fixed.jsonl", FIXED)
    distinct = distinct_mix(corpus, cfg["distinct"])
    distinct_path = write_mix("mix-distinct.jsonl", distinct)
    archive = os.path.join(WORK, mode, "archive")
    index = os.path.join(WORK, mode, "index")
    shutil.rmtree(os.path.join(WORK, mode), ignore_errors=True)
    log("import")
    results["import"] = run_json([BENCH, "import", "--corpus", corpus, "--out", archive,
                                  "--copies", str(cfg["copies"])])
    log("lectern build")
    results["lectern_build"] = run_json([BENCH, "build", "--archive", archive, "--index", index])
    log("lectern pages")
    results["lectern_pages"] = pages("pages", index, mix, distinct_path, cfg["rounds"])
    # Bare tantivy at every size, so a scale run shows the engine's own growth beside ours.
    ref_index = os.path.join(WORK, mode, "tantivy")
    log("tantivy build")
    results["tantivy_build"] = run_json([BENCH, "ref-build", "--corpus", corpus, "--index", ref_index,
                                         "--copies", str(cfg["copies"])])
    log("tantivy pages")
    results["tantivy_pages"] = pages("ref-pages", ref_index, mix, distinct_path, cfg["rounds"])
    if mode != "scale":
        fts_db = os.path.join(WORK, mode, "bench.db")
        fts = [sys.executable, os.path.join(os.path.dirname(__file__), "fts5.py")]
        log("fts5 build")
        results["fts5_build"] = run_json(fts + ["build", corpus, fts_db])
        log("fts5 pages")
        results["fts5_pages"] = run_json(fts + ["pages", fts_db, mix, "--distinct", distinct_path,
                                                "--rounds", str(cfg["fts_rounds"])])
        http_runs(results, cfg, archive, index, fts_db, FIXED, distinct)
    results["load_at_end"] = load_now()
    base = os.path.join(WORK, "results-%s" % mode)
    with open(base + ".json", "w") as f:
        json.dump(results, f, indent=1)
    text = report.markdown(results, WORK)
    with open(base + ".md", "w") as f:
        f.write(text)
    print(text)
    if "--keep" not in args:
        shutil.rmtree(os.path.join(WORK, mode), ignore_errors=True)


if __name__ == "__main__":
    main()
