#!/usr/bin/env bash
# The container image's steps, kept here so that CI runs them too (there is no Docker engine on
# the build machines). The Dockerfile calls this script; .ci/run calls `ci` with a debug binary.
#
#   container-steps.sh add-user NAME                      create the unprivileged runtime user
#   container-steps.sh prepare BIN SAMPLE DATA [OWNER]    install the sample archive in DATA/archive,
#                                                         index it into DATA/index, check the status,
#                                                         hand DATA to OWNER
#   container-steps.sh healthcheck [PORT]                 exit 0 when /readyz answers 200
#   container-steps.sh ci BIN                             all of the above in a temp dir, the server
#                                                         running as `nobody` when we are root
set -euo pipefail

step="${1:-}"
shift || true

add_user() {
    local name="$1"
    id -u "$name" >/dev/null 2>&1 || useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin "$name"
}

prepare() {
    local bin="$1" sample="$2" data="$3" owner="${4:-}"
    mkdir -p "$data/archive" "$data/index"
    cp -R "$sample/." "$data/archive/"
    "$bin" --archive "$data/archive" --index "$data/index" index
    "$bin" --archive "$data/archive" --index "$data/index" status
    if [ -n "$owner" ] && [ "$(id -u)" = 0 ]; then
        chown -R "$owner" "$data"
    fi
}

# GET /readyz with bash's /dev/tcp: the runtime image needs no curl.
healthcheck() {
    local port="${1:-3000}" answer
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    answer="$(head -n 1 <&3)"
    exec 3<&-
    case "$answer" in
        "HTTP/1."?" 200"*) return 0 ;;
        *) echo "not ready: $answer" >&2; return 1 ;;
    esac
}

# /metrics must parse with the Prometheus client library's own parser.
check_metrics() {
    python3 - "$1" <<'PY'
import sys, urllib.request
from prometheus_client.parser import text_string_to_metric_families
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics").read().decode()
names = {family.name for family in text_string_to_metric_families(text)}
for needed in ["lectern_http_requests", "lectern_search_duration_seconds", "lectern_index_documents"]:
    assert needed in names, f"{needed} missing from /metrics: {sorted(names)}"
print(f"/metrics parses: {len(names)} families")
PY
}

tmp=""
pid=""
ci() {
    local bin="$1" here port as=() tries who
    here="$(cd "$(dirname "$0")/.." && pwd)"
    tmp="$(mktemp -d)"
    trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
    install -m 0755 "$bin" "$tmp/lectern"
    if [ "$(id -u)" = 0 ] && id -u nobody >/dev/null 2>&1; then
        chmod 0755 "$tmp"
        prepare "$tmp/lectern" "$here/archive" "$tmp/data" nobody
        as=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups --)
    else
        prepare "$tmp/lectern" "$here/archive" "$tmp/data"
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    LECTERN_ARCHIVE="$tmp/data/archive" LECTERN_INDEX="$tmp/data/index" LECTERN_ADDR="127.0.0.1:$port" \
        LECTERN_LOG_FORMAT=json "${as[@]}" "$tmp/lectern" serve >"$tmp/serve.log" 2>&1 &
    pid=$!
    for tries in $(seq 1 100); do
        healthcheck "$port" 2>/dev/null && break
        sleep 0.1
    done
    healthcheck "$port"
    check_metrics "$port"
    grep -q '"level":"INFO"' "$tmp/serve.log" || { echo "expected JSON logs:"; cat "$tmp/serve.log"; exit 1; }
    kill -TERM "$pid"
    wait "$pid"
    pid=""
    who="$(id -un)"
    [ "${#as[@]}" -gt 0 ] && who=nobody
    echo "container steps: prepared, served as $who, healthy, stopped cleanly"
}

case "$step" in
    add-user) add_user "$@" ;;
    prepare) prepare "$@" ;;
    healthcheck) healthcheck "$@" ;;
    ci) ci "$@" ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
esac
