#!/usr/bin/env bash
# A bounded soak: `lectern serve` on a copy of the sample archive, 64 connections for 60 s of
# mixed pages, searches, items and API calls (wrk), while the archive is edited every 2 s
# (the server's watcher syncs each change) and a `lectern reindex` runs halfway. Prints the
# requests, errors (any non-2xx/3xx answer, timeout or socket error), p50/p99/max latency and
# the server's RSS before, after and at its peak; ROUNDS=N repeats the soak on the same
# server. Results: docs/security.md, "Soak".
#
#   scripts/soak.sh [SECONDS (default 60)] [CONNECTIONS (default 64)] [LECTERN BINARY]
#
# The binary defaults to target/release/lectern when it exists, else target/debug/lectern.
# Needs wrk (Debian `wrk`) and python3.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
connections=${2:-64}
bin=${3:-}
if [ -z "$bin" ]; then
  bin=$repo/target/release/lectern
  [ -x "$bin" ] || bin=$repo/target/debug/lectern
fi
bin=$(realpath "$bin")
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d /tmp/lectern-soak-XXXXXX)
cd "$work"
cp -r "$repo/archive" archive
lectern=("$bin" --archive archive --index index --log warn)
"${lectern[@]}" index >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${lectern[@]}" serve --addr "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
editor=
trap 'kill $server ${editor:-} 2>/dev/null; wait 2>/dev/null; cd /; rm -rf "$work"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done

rss() { awk -v key="$1:" '$1 == key { print int($2 / 1024) }' "/proc/$server/status"; }

# The URL mix: every item page and its JSON, searches (plain, phrases, prefixes, filters,
# typos, nothing found), browse pages, feeds, OAI-PMH, suggestions, health.
curl -fs "$base/api/search?q=&limit=100" | python3 -c '
import json, sys
ids = [hit["id"] for hit in json.load(sys.stdin)["hits"]]
paths = [f"/items/{i}" for i in ids] + [f"/api/items/{i}" for i in ids]
queries = ["sociaal+werk", "jeugdzorg", "%22sociaal+werk%22", "spreker:M%C3%B6nnink", "continuitiet",
           "armoede+-zorg", "jaar:2018..2022+wijk", "thema:%22sociaal+werk%22", "zzzzqqq", "de", "social+work"]
for q in queries:
    paths += [f"/search?q={q}", f"/api/search?q={q}", f"/search?q={q}&sort=newest&page=2"]
paths += ["/search?q=zorg&theme=sociaal+werk&year=2018..2023&kind=lecture", "/search?q=&speaker=Herman+de+M%C3%B6nnink",
          "/", "/speakers", "/themes", "/series", "/years", "/feed.atom", "/search.atom?q=zorg", "/sitemap.xml",
          "/api/suggest?q=mon", "/opensearch/suggest?q=soc", "/oai?verb=ListRecords&metadataPrefix=oai_dc",
          "/oai?verb=Identify", "/healthz", "/readyz", "/?ui=en"]
print("\n".join(paths))' >paths.txt
echo "$(wc -l <paths.txt) URLs; $connections connections for $seconds s; $bin"

rss_idle=$(rss VmRSS)
BENCH_PATHS=$work/paths.txt wrk -t 2 -c "$connections" -d 10s -s "$repo/scripts/bench/wrk-mix.lua" "$base" >warmup.json
rss_warm=$(rss VmRSS)

# Edits: every 2 s one item file gets a new paragraph (the watcher syncs it); halfway through
# each round a reindex. ROUNDS=3 repeats the soak on the same server, to see whether RSS levels.
target=$(find archive -name '*.md' ! -name README.md | head -1)
( n=0
  while true; do
    sleep 2; n=$((n + 1))
    printf '\nEen alinea van de soak, nummer %s.\n' "$n" >>"$target"
  done ) &
editor=$!
for round in $(seq 1 "${ROUNDS:-1}"); do
  ( sleep $((seconds / 2)); "${lectern[@]}" reindex >reindex.log 2>&1; echo "reindex exit $?" >>reindex.log ) &
  reindex=$!
  BENCH_PATHS=$work/paths.txt wrk -t 2 -c "$connections" -d "${seconds}s" --timeout 10s \
    -s "$repo/scripts/bench/wrk-mix.lua" "$base" >soak.json
  wait "$reindex" || true
  python3 - "$round" "$rss_idle" "$rss_warm" "$(rss VmRSS)" "$(rss VmHWM)" <<'EOF'
import json, sys
round, idle, warm, after, peak = sys.argv[1:]
s = json.loads([line for line in open("soak.json") if line.startswith("{")][-1])
errors = s["connect"] + s["read"] + s["write"] + s["status"] + s["timeout"]
print(f"round {round}: requests {s['requests']} in {s['duration_us'] / 1e6:.0f} s ({s['requests'] / (s['duration_us'] / 1e6):.0f}/s), "
      f"errors {errors} (connect {s['connect']}, read {s['read']}, write {s['write']}, status {s['status']}, timeout {s['timeout']})")
print(f"  latency p50 {s['p50_us'] / 1000:.1f} ms, p99 {s['p99_us'] / 1000:.1f} ms, max {s['max_us'] / 1000:.1f} ms")
print(f"  RSS MB: idle {idle}, after a 10 s warm-up {warm}, after this round {after}; peak so far {peak}")
EOF
  echo "  reindex: $(tail -n 1 reindex.log)"
done
kill "$editor"; wait "$editor" 2>/dev/null || true; editor=
sleep 5
echo "RSS 5 s after the last round: $(rss VmRSS) MB"
echo "server errors logged: $(grep -c -E 'ERROR|panicked' serve.log || true)"
