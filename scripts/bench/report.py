"""Turns a results dict of run.py into the Markdown tables that docs/benchmarks.md quotes."""

import json
import os


def f(value, digits=1):
    return "-" if value is None else ("%.*f" % (digits, value))


def ratio(a, b):
    return "-" if not a or not b else "%.2fx" % (a / b)


def build_row(name, b):
    if not b:
        return None
    mb = b["text_bytes"] / 1e6
    return [name, f(b["total_s"], 2), f(mb / b["total_s"]), f(b["items"] / b["total_s"], 0),
            f(b["peak_rss_mb"], 0), f(b["index_mb"], 0), b["load"]]


def page_row(name, p):
    if not p:
        return None
    fx, d = p["fixed"], p["distinct"]
    return [name, f(fx["p50_ms"], 2), f(fx["p95_ms"], 2), f(fx["p99_ms"], 2), f(p["pages_per_s"], 0),
            f(d.get("p50_ms"), 2), f(d.get("p99_ms"), 2), p["load"]]


def table(header, rows):
    rows = [r for r in rows if r]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def per_query(r, lp, work):
    """Lectern's median per query of the fixed mix; a scale run also shows the last full run's
    medians and the growth (the issue's 10x target is about how cost grows)."""
    mix = [json.loads(line) for line in open(os.path.join(work, "mix-fixed.jsonl"))]
    medians = lp.get("per_query_p50_ms", [])
    full = None
    if r["mode"] == "scale":
        try:
            with open(os.path.join(work, "results-full.json")) as fh:
                full = json.load(fh)["lectern_pages"].get("per_query_p50_ms")
        except (OSError, KeyError, ValueError):
            full = None
    if full and len(full) == len(medians):
        rows = [[describe(q), f(a, 2), f(b, 2), ratio(b, a)] for q, a, b in zip(mix, full, medians)]
        rows.append(["p99 of the mix", f(full_p99(work), 2), f(lp["fixed"]["p99_ms"], 2),
                     ratio(lp["fixed"]["p99_ms"], full_p99(work))])
        return ("### Per query: median ms, one thread (1x from the last full run, results-full.json)\n\n"
                + table(["query", "1x", "10x", "growth"], rows))
    rows = [[describe(q), f(m, 2), t] for q, m, t in zip(mix, medians, lp["totals"])]
    return "### Per query: median ms, one thread\n\n" + table(["query", "ms", "total"], rows)


def engine_growth(lp, tp, work):
    """A scale run: how Lectern's p99 grew against bare tantivy's own growth on the same corpus."""
    try:
        with open(os.path.join(work, "results-full.json")) as fh:
            full = json.load(fh)
        lectern_1x = full["lectern_pages"]["fixed"]["p99_ms"]
        tantivy_1x = full["tantivy_pages"]["fixed"]["p99_ms"]
    except (OSError, KeyError, ValueError):
        return "Bare tantivy p99 %s ms (no full run to compare growth with).\n" % f(tp["fixed"]["p99_ms"], 2)
    return ("Growth of the fixed mix's p99 from the last full run: Lectern %s -> %s ms (%s), "
            "bare tantivy %s -> %s ms (%s).\n"
            % (f(lectern_1x, 2), f(lp["fixed"]["p99_ms"], 2), ratio(lp["fixed"]["p99_ms"], lectern_1x),
               f(tantivy_1x, 2), f(tp["fixed"]["p99_ms"], 2), ratio(tp["fixed"]["p99_ms"], tantivy_1x)))


def full_p99(work):
    with open(os.path.join(work, "results-full.json")) as fh:
        return json.load(fh)["lectern_pages"]["fixed"]["p99_ms"]


def describe(q):
    parts = [q.get("q", "")]
    if q.get("speaker"):
        parts.append("speaker " + q["speaker"])
    if q.get("theme"):
        parts.append("theme " + q["theme"])
    if q.get("years"):
        parts.append("%d-%d" % tuple(q["years"]))
    return "`" + ", ".join(p for p in parts if p).replace("|", "\\|") + "`"


def markdown(r, work):
    m = r["machine"]
    out = ["## %s run, %s\n" % (r["mode"], m["date"]),
           "Machine: %s, %d cores, %.0f GB, Linux %s; %s; tantivy %s; SQLite %s (Python %s); %s; %s. "
           "Commit %s. Load average at start %s, at end %s.\n"
           % (m["cpu"], m["cores"], m["mem_gb"], m["kernel"], m["rustc"], m["tantivy"], m["sqlite"],
              m["python"], m["datasette"], m["wrk"], m["commit"], r["load_at_start"], r["load_at_end"])]
    lb, tb, fb = r.get("lectern_build"), r.get("tantivy_build"), r.get("fts5_build")
    out.append("### Build (%d items, %.0f MB of text)\n" % (lb["items"], lb["text_bytes"] / 1e6))
    out.append(table(["engine", "seconds", "MB/s", "items/s", "peak RSS MB", "index MB", "load avg"],
                     [build_row("Lectern (reindex, streamed)", lb), build_row("bare tantivy", tb),
                      build_row("SQLite FTS5", fb)]))
    out.append("Lectern: `lectern reindex`, reading, parsing and indexing each file as it goes "
               "(text MB counts the item files). Ratios: Lectern/tantivy %s, Lectern/FTS5 %s.\n"
               % (ratio(lb["total_s"], tb and tb["total_s"]),
                  ratio(lb["total_s"], fb and fb["total_s"])))
    lp, tp, fp = r.get("lectern_pages"), r.get("tantivy_pages"), r.get("fts5_pages")
    out.append("### Result pages in process (fixed mix of 20; distinct mix of %d, each once)\n"
               % lp["distinct"]["n"])
    out.append(table(["engine", "p50 ms", "p95 ms", "p99 ms", "pages/s (2 threads)",
                      "distinct p50 ms", "distinct p99 ms", "load avg"],
                     [page_row("Lectern", lp), page_row("bare tantivy", tp), page_row("SQLite FTS5", fp)]))
    if tp and not fp:
        out.append(engine_growth(lp, tp, work))
    if tp and fp:
        out.append("Ratios (Lectern/reference): p99 vs tantivy %s, vs FTS5 %s; pages/s vs tantivy %s, "
                   "vs FTS5 %s. Totals per query (Lectern / tantivy / FTS5): %s\n"
                   % (ratio(lp["fixed"]["p99_ms"], tp["fixed"]["p99_ms"]),
                      ratio(lp["fixed"]["p99_ms"], fp["fixed"]["p99_ms"]),
                      ratio(lp["pages_per_s"], tp["pages_per_s"]),
                      ratio(lp["pages_per_s"], fp["pages_per_s"]),
                      ", ".join("%s/%s/%s" % t for t in zip(lp["totals"], tp["totals"], fp["totals"]))))
    out.append(per_query(r, lp, work))
    http = r["http"]
    if http:
        rows = []
        for name in ["api", "html", "api_distinct", "html_distinct", "datasette"]:
            for run in http.get(name, []):
                if run["requests"] == 0:
                    rows.append([name, run["connections"], "0 (none finished)", "-", "-",
                                 run["errors"], run["load"]])
                    continue
                rows.append([name, run["connections"], f(run["rps"], 0), f(run["p50_ms"], 1),
                             f(run["p99_ms"], 1), run["errors"], run["load"]])
        out.append("### HTTP (wrk, same 2 cores)\n")
        out.append(table(["route", "connections", "req/s", "p50 ms", "p99 ms", "errors", "load avg"], rows))
        c64 = lambda name: next((x["rps"] for x in http.get(name, []) if x["connections"] == 64), None)
        out.append("`/api/search` at 64 connections / in-process pages/s: %s (target >= 0.6); "
                   "`/search`: %s (target >= 0.5); distinct mix: %s and %s. Lectern API / datasette "
                   "at 64: %s. Server RSS at the end %.0f MB (peak %.0f MB; %.0f MB heap, %.0f MB mapped "
                   "index files); datasette %.0f MB.\n"
                   % (ratio(c64("api"), lp["pages_per_s"]), ratio(c64("html"), lp["pages_per_s"]),
                      ratio(c64("api_distinct"), lp["pages_per_s"]),
                      ratio(c64("html_distinct"), lp["pages_per_s"]),
                      ratio(c64("api"), c64("datasette")), http["server"]["rss_mb"],
                      http["server"]["peak_rss_mb"], http["server"].get("anon_mb", 0),
                      http["server"].get("file_mb", 0), http["datasette_server"]["rss_mb"]))
    if r.get("add_to_found"):
        a = r["add_to_found"]
        out.append("Add to found: %.2f s (the command took %.2f s of it); measured as %s.\n"
                   % (a["found_s"], a["index_command_s"], a["how"]))
    return "\n".join(out)
