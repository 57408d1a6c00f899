#!/usr/bin/env bash
# Times `lectern add` of a new .txt transcript on an archive that has an index, and checks that
# `lectern search` finds it right after (add commits before it returns). Each added file is
# removed and the index resynced (untimed) before the next run. Make the archive with
#   zcat ../shared/data/corpora/ungdc/speeches.jsonl.gz | head -3000 > /tmp/s.jsonl
#   target/debug/examples/bench import --corpus /tmp/s.jsonl --out DIR/archive
#   lectern --archive DIR/archive --index DIR/index index
# then: scripts/bench-add.sh path/to/lectern DIR [RUNS]
set -euo pipefail
bin="$(realpath "$1")"
cd "$2"
runs="${3:-3}"
for i in $(seq 1 "$runs"); do
    word="benchword$(printf '%s' "$i$RANDOM" | tr '0-9' 'abcdefghij')"
    printf 'Statement\n\nThe %s proposal was discussed at length.\n' "$word" >new.txt
    start=$(date +%s.%N)
    "$bin" --archive archive --index index add new.txt --date 2025-09-20 --id "bench-add-$i" >/dev/null 2>&1
    added=$(date +%s.%N)
    found=$("$bin" --archive archive --index index search "$word" 2>/dev/null | grep -c "bench-add-$i" || true)
    done_=$(date +%s.%N)
    printf 'run %d: add %.2f s, add + search %.2f s, found %s\n' "$i" \
        "$(echo "$added - $start" | bc)" "$(echo "$done_ - $start" | bc)" "$found"
    rm -f "archive/bench-add-$i.md" new.txt
    "$bin" --archive archive --index index index >/dev/null 2>&1 || true
done
