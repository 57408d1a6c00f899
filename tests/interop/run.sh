#!/usr/bin/env bash
# Interoperability checks with real clients against a real `lectern serve`:
# an OAI-PMH harvester (sickle), the official OAI-PMH and oai_dc schemas (xmllint, offline),
# the Atom grammar (jing) and a feed parser (feedparser), JSON-LD and the sitemap.
# Needs: xmllint (libxml2-utils), jing, python3 with venv; ../shared beside the repository.
# Prints 'N passed, N failed' and exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
schemas="$repo/../shared/data/schemas/oai-pmh"
venv="${LECTERN_INTEROP_VENV:-$repo/target/interop-venv}"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sickle, feedparser" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check sickle feedparser
fi
cargo build --locked --quiet --bin lectern

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The sample archive, plus one item in the trash (a deleted record for OAI-PMH).
cp -r archive "$work/archive"
mkdir -p "$work/archive/_trash/essays"
cp archive/essays/2018-whitfield-what-makes-a-profession.md "$work/archive/_trash/essays/2016-withdrawn-essay.md"

port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
LECTERN_BASE_URL="$base" LECTERN_OAI_PAGE_SIZE=5 ./target/debug/lectern \
    --archive "$work/archive" --index "$work/index" serve --addr "127.0.0.1:$port" \
    >"$work/server.log" 2>&1 &
server=$!

"$venv/bin/python" tests/interop/check.py --base "$base" --schemas "$schemas" \
    --archive "$work/archive" --out "$work/responses" || { echo "server log:"; tail -20 "$work/server.log"; exit 1; }
