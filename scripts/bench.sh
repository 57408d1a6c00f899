#!/usr/bin/env bash
# The benchmark: Lectern against bare tantivy and SQLite FTS5 (+ datasette) on the UN General
# Debate corpus. Usage: scripts/bench.sh [--quick | --scale] [--keep]
#   (default)  all 10,952 speeches, every measurement, about 10 minutes on 2 cores
#   --quick    a 1,000-speech subset with short load tests, about 1-2 minutes after the build
#   --scale    the corpus 10 times (110k items, about 2 GB): build, RSS and query latency only
# Needs: cargo, python3 (sqlite3 with FTS5), wrk (Debian `wrk`), datasette (PyPI `datasette`).
# Data goes to bench-data/ (gitignored); results to bench-data/results-<mode>.json and .md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v datasette >/dev/null || { echo "datasette is missing: pip install datasette" >&2; exit 1; }
nice cargo build --release --quiet --bin lectern --example bench
exec python3 scripts/bench/run.py "$@"
