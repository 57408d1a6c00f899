#!/usr/bin/env bash
# kill -9 at random moments of archive and index writes, then check that nothing was lost or
# half written and that the index opens (or is brought up to date) cleanly. docs/security.md,
# "Fault injection", has the results.
#
#   scripts/fault-injection.sh [ITERATIONS (default 50)] [LECTERN BINARY (default target/debug/lectern)]
#
# Works in a temporary copy of the sample archive (plus 300 generated items, so that writes
# and rebuilds take long enough to be interrupted). Each iteration picks one of:
#   add      `lectern add` of a new item
#   import   `lectern import` of 40 new items
#   reindex  `lectern reindex` (a whole new generation)
#   index    `lectern index` after 30 items were changed
#   serve    `lectern serve`, whose watcher syncs items written into the archive meanwhile
# and kills it with SIGKILL after a random 0-1.5 s (serve: 0.3-3 s). Then it checks:
#   1. `lectern check`: every file in the archive parses (no half-written item);
#   2. `lectern export`: every item that existed before is still there, and every generated
#      item's body ends with its own closing sentence (a write is all or nothing);
#   3. `lectern status --json` lists exactly the temporary files that are in the archive;
#   4. `lectern index` then succeeds and `status` says the index is current, with as many
#      items as the archive has; a search answers;
#   5. temporary files made older than 10 minutes are removed by the next `lectern index`.
# Exits 1 at the first failed check, leaving the folder for a look.
set -euo pipefail

iterations=${1:-50}
bin=$(realpath "${2:-target/debug/lectern}")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/lectern-fault-XXXXXX)
cd "$work"
cp -r "$repo/archive" archive
# An array, not a function: `"${lectern[@]}" ... &` must put the binary itself in the
# background (a function would run in a subshell, and the kill would hit the subshell).
lectern=("$bin" --archive archive --index index --log warn)
lectern() { "${lectern[@]}" "$@"; }

fail() {
  echo "FAILED (iteration $i, $op): $*" >&2
  echo "the folder is kept: $work" >&2
  exit 1
}

# A generated item's body ends with this sentence; a cut-off file would not.
closing() { echo "Einde van $1."; }

records() { # prefix count -> that many JSON Lines records, ids prefix-1 .. prefix-count
  python3 -c '
import json, sys
for n in range(1, int(sys.argv[2]) + 1):
    id = f"{sys.argv[1]}-{n}"
    body = "\n\n".join(f"Alinea {k} van {id}: " + "sociaal werk in de wijk " * 20 for k in range(10))
    print(json.dumps({"id": id, "title": f"Proef {id}", "date": "2021-03-04", "kind": "report",
                      "themes": ["proef"], "body": f"{body}\n\nEinde van {id}."}))' "$1" "$2"
}

item_file() { # id version -> a Markdown file with front matter
  printf '+++\ntitle = "Proef %s"\ndate = "2021-03-04"\nkind = "report"\n+++\n\n' "$1"
  for k in $(seq 1 10); do printf 'Alinea %s (versie %s) van %s: %s\n\n' "$k" "$2" "$1" "$(printf 'zorg en welzijn %.0s' $(seq 1 30))"; done
  closing "$1"
}

echo "setting up in $work"
records fi-base 300 >base.jsonl
lectern import base.jsonl >/dev/null
lectern index >/dev/null

ids_now() { lectern export 2>/dev/null | python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in sys.stdin]' | sort; }

verify() {
  lectern check >check.out 2>&1 || fail "lectern check: $(tail -n 5 check.out)"
  lectern export >export.jsonl 2>/dev/null || fail "lectern export"
  python3 - "$work/known.txt" <<'EOF' || fail "export check"
import json, sys
known = set(open(sys.argv[1]).read().split())
items = {}
for line in open("export.jsonl"):
    record = json.loads(line)
    items[record["id"]] = record
lost = known - set(items)
if lost:
    sys.exit(f"lost items: {sorted(lost)[:5]}")
for id, record in items.items():
    if id.startswith("fi-") and not record["body"].rstrip().endswith(f"Einde van {id}."):
        sys.exit(f"{id} is cut off: ...{record['body'][-60:]!r}")
EOF
  local on_disk listed
  on_disk=$(find archive -name '.*.md.new-*' | wc -l)
  listed=$( (lectern status --json 2>/dev/null || true) | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["temp_files"]))')
  [ "$on_disk" = "$listed" ] || fail "status lists $listed temporary files, the archive holds $on_disk"
  temp_total=$((temp_total + on_disk))
  lectern index >index.out 2>&1 || fail "lectern index after the kill: $(tail -n 5 index.out)"
  lectern status --json >status.json 2>/dev/null || fail "status is not current after index: $(cat status.json)"
  python3 - <<'EOF' || fail "status after index"
import json
status = json.load(open("status.json"))
assert status["state"] == "current", status["state"]
assert status["indexed_items"] == status["archive_items"], (status["indexed_items"], status["archive_items"])
EOF
  lectern search "sociaal werk" --json --limit 1 >/dev/null || fail "search after index"
  if [ "$on_disk" -gt 0 ]; then
    find archive -name '.*.md.new-*' -exec touch -d '-11 minutes' {} +
    lectern index >/dev/null 2>&1 || fail "index removing stale temporary files"
    [ "$(find archive -name '.*.md.new-*' | wc -l)" = 0 ] || fail "stale temporary files remain after index"
  fi
  ids_now >known.txt
}

kill_after() { # milliseconds, pid
  sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"
  # A process that already exited but was not waited for yet is a zombie: it finished.
  if [ -e "/proc/$2" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$2/stat" 2>/dev/null && kill -9 "$2" 2>/dev/null; then
    echo killed
  else
    echo finished
  fi
}

ids_now >known.txt
i=0 op=setup pid=
trap 'if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi' EXIT
temp_total=0
declare -A killed=() finished=()
started=$(date +%s)
for i in $(seq 1 "$iterations"); do
  ops=(add import reindex index serve)
  op=${ops[$((RANDOM % ${#ops[@]}))]}
  delay=$((RANDOM % 1500))
  case $op in
    add)
      item_file "fi-add-$i" 1 >"fi-add-$i.md"
      "${lectern[@]}" add "fi-add-$i.md" >/dev/null 2>&1 & ;;
    import)
      records "fi-import-$i" 40 >"import-$i.jsonl"
      "${lectern[@]}" import "import-$i.jsonl" >/dev/null 2>&1 & ;;
    reindex)
      "${lectern[@]}" reindex >/dev/null 2>&1 & ;;
    index)
      for n in $(shuf -i 1-300 -n 30); do
        path=$(find archive -name "fi-base-$n.md" | head -1)
        [ -n "$path" ] || continue
        item_file "fi-base-$n" "$i" >"$path.tmp" && mv "$path.tmp" "$path"
      done
      "${lectern[@]}" index >/dev/null 2>&1 & ;;
    serve)
      delay=$((300 + RANDOM % 2700))
      port=$((20000 + RANDOM % 20000))
      "${lectern[@]}" serve --addr "127.0.0.1:$port" >serve.log 2>&1 &
      pid=$!
      ( sleep 0.2
        for n in $(seq 1 20); do
          item_file "fi-serve-$i-$n" 1 >"archive/.incoming" && mv "archive/.incoming" "archive/fi-serve-$i-$n.md"
          sleep 0.05
        done ) &
      writer=$!
      outcome=$(kill_after "$delay" "$pid")
      wait "$writer" || true
      wait "$pid" 2>/dev/null || true
      if [ "$outcome" = killed ]; then killed[$op]=$(( ${killed[$op]:-0} + 1 )); else finished[$op]=$(( ${finished[$op]:-0} + 1 )); fi
      verify
      echo "$i $op $outcome after $delay ms: intact"
      continue ;;
  esac
  pid=$!
  outcome=$(kill_after "$delay" "$pid")
  wait "$pid" 2>/dev/null || true
  if [ "$outcome" = killed ]; then killed[$op]=$(( ${killed[$op]:-0} + 1 )); else finished[$op]=$(( ${finished[$op]:-0} + 1 )); fi
  verify
  echo "$i $op $outcome after $delay ms: intact"
done

echo "$iterations iterations in $(( $(date +%s) - started )) s, every check passed"
for op in add import reindex index serve; do
  printf '  %-8s killed %3s, finished before the kill %3s\n' "$op" "${killed[$op]:-0}" "${finished[$op]:-0}"
done
echo "  temporary files left by kills (listed by status, removed by index once stale): $temp_total"
echo "  items at the end: $(wc -l <known.txt)"
cd / && rm -rf "$work"
