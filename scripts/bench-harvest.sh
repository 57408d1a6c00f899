#!/usr/bin/env bash
# A full OAI-PMH harvest with a real harvester (sickle) against `lectern serve`, at two archive
# sizes made from the UN General Debate corpus: the time per record must not grow with the
# archive (each page is read from the index by key). Usage: scripts/bench-harvest.sh [BINARY]
# (default target/release/lectern). Needs python3 with venv and ../shared; prints one line per size.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-target/release/lectern}"
corpus="../shared/data/corpora/ungdc/speeches.jsonl.gz"
venv="${LECTERN_INTEROP_VENV:-$PWD/target/interop-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sickle" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check sickle feedparser
fi
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
for size in 1000 10000; do
    python3 - "$corpus" "$work/archive-$size" "$size" <<'PY'
import gzip, json, os, sys
corpus, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
with gzip.open(corpus, "rt", encoding="utf-8") as src:
    for n, line in enumerate(src):
        if n >= size:
            break
        s = json.loads(line)
        title = "%s, %s" % (s.get("country") or s["id"], s["year"])
        front = "+++\ntitle = %s\ndate = \"%d\"\nkind = \"lecture\"\nspeakers = [%s]\nseries = \"UN General Debate\"\nlanguage = \"en\"\n+++\n" % (
            json.dumps(title), s["year"], json.dumps(s.get("speaker") or "Unknown"))
        with open(os.path.join(out, s["id"].lower() + ".md"), "w", encoding="utf-8") as f:
            f.write(front + s["text"])
PY
    "$binary" --archive "$work/archive-$size" --index "$work/index-$size" index >/dev/null 2>&1
    port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$binary" --archive "$work/archive-$size" --index "$work/index-$size" serve --addr "127.0.0.1:$port" \
        >"$work/server-$size.log" 2>&1 &
    server=$!
    "$venv/bin/python" - "$port" "$size" <<'PY'
import sys, time, urllib.request
from sickle import Sickle
port, size = sys.argv[1], int(sys.argv[2])
base = "http://127.0.0.1:%s" % port
for _ in range(200):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=1)
        break
    except Exception:
        time.sleep(0.1)
started = time.perf_counter()
records = sum(1 for _ in Sickle(base + "/oai").ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
seconds = time.perf_counter() - started
print("%5d items: %5d records in %.2f s, %.3f ms per record" % (size, records, seconds, 1000 * seconds / records))
PY
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
