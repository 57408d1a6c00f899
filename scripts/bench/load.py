"""HTTP measurements: servers started and stopped here, wrk runs, RSS, and add-to-found time."""

import json
import os
import socket
import subprocess
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=600):
    started = time.time()
    while time.time() - started < timeout:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not answer " + url)


class Server:
    """A server process on a free port; stopped (by its own pid) when the block ends."""

    def __init__(self, argv_for_port, probe, log):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.log = open(log, "w")
        self.proc = subprocess.Popen(argv_for_port(self.port), stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(self.base + probe)

    def rss_mb(self):
        status = open("/proc/%d/status" % self.proc.pid).read()
        field = lambda name: int(status.split(name + ":")[1].split()[0]) / 1024.0
        return {"rss_mb": field("VmRSS"), "peak_rss_mb": field("VmHWM"),
                "anon_mb": field("RssAnon"), "file_mb": field("RssFile")}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def query_string(query, extra=()):
    params = [("q", query["q"])]
    if query.get("speaker"):
        params.append(("speaker", query["speaker"]))
    if query.get("theme"):
        params.append(("theme", query["theme"]))
    if query.get("years"):
        params.append(("year", "%d..%d" % tuple(query["years"])))
    return urllib.parse.urlencode(params + list(extra))


def datasette_query_string(query):
    params = [("_search", query["q"]), ("_size", "10"), ("_facet", "year"), ("_facet", "speaker")]
    if query.get("speaker"):
        params.append(("speaker__exact", query["speaker"]))
    if query.get("theme"):
        params.append(("country__exact", query["theme"]))
    if query.get("years"):
        params += [("year__gte", query["years"][0]), ("year__lte", query["years"][1])]
    return urllib.parse.urlencode(params)


def wrk(base, paths, connections, seconds, work):
    """Runs wrk over `paths` (each a path with query string) and returns its summary."""
    path_file = os.path.join(work, "wrk-paths.txt")
    with open(path_file, "w") as f:
        f.write("\n".join(paths) + "\n")
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s",
         "-s", os.path.join(HERE, "wrk-mix.lua"), base],
        env=dict(os.environ, BENCH_PATHS=path_file), capture_output=True, text=True, check=True)
    line = [l for l in out.stdout.splitlines() if l.startswith("{")][-1]
    raw = json.loads(line)
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {"connections": connections, "rps": raw["requests"] / (raw["duration_us"] / 1e6),
            "p50_ms": raw["p50_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000, "requests": raw["requests"], "errors": errors,
            "non_2xx": raw["status"], "timeouts": raw["timeout"]}


def api_total(base, q):
    url = base + "/api/search?" + urllib.parse.urlencode([("q", q), ("limit", "1")])
    return json.loads(urllib.request.urlopen(url, timeout=10).read())["total"]


def add_to_found(base, lectern, archive, index):
    """`lectern add` of a new transcript while the server runs, then polls until it is found."""
    token = "zqxbenchmark%d" % int(time.time())
    source = os.path.join(os.path.dirname(archive), token + ".txt")
    with open(source, "w") as f:
        f.write("A new speech on %s and on peace.\n" % token)
    started = time.perf_counter()
    subprocess.run([lectern, "--archive", archive, "--index", index, "add", source,
                    "--title", "Added " + token, "--date", "2025", "--lang", "en", "--id", token],
                   check=True, capture_output=True)
    added = time.perf_counter() - started
    while api_total(base, token) < 1:
        if time.perf_counter() - started > 30:
            raise RuntimeError("added item not found after 30 s")
        time.sleep(0.02)
    found = time.perf_counter() - started
    os.remove(source)
    for root, _dirs, files in os.walk(archive):
        if token + ".md" in files:
            os.remove(os.path.join(root, token + ".md"))
    subprocess.run([lectern, "--archive", archive, "--index", index, "index"],
                   check=True, capture_output=True)
    return {"index_command_s": added, "found_s": found,
            "how": "`lectern add` of a .txt file + poll /api/search"}
