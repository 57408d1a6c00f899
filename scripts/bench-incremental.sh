#!/usr/bin/env bash
# Times `lectern index` on a generated archive of N items (default 10,000) in a temp dir:
# the first run builds the index, the second has nothing to do, the third follows one edit.
#   scripts/bench-incremental.sh target/release/lectern [N]
set -euo pipefail
bin="$(realpath "$1")"
n="${2:-10000}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
words=(sociaal werk gemeente wijkteam beleid jeugdzorg armoede participatie vakmanschap professional methodisch onderzoek praktijk lezing)
body=""
for i in $(seq 1 400); do body+="${words[$((i * 7 % ${#words[@]}))]} "; done
for i in $(seq 0 $((n - 1))); do
    dir="$tmp/archive/y$((2000 + i % 25))/s$((i % 40))"
    [ -d "$dir" ] || mkdir -p "$dir"
    printf '+++\ntitle = "Lezing %d"\ndate = "%d-03-01"\nkind = "lecture"\nspeakers = ["Spreker %d"]\nlanguage = "nl"\n+++\n\n%s item%d\n' \
        "$i" "$((2000 + i % 25))" "$((i % 97))" "$body" "$i" >"$dir/item-$i.md"
done
cd "$tmp"
echo "build:";        "$bin" index 2>/dev/null
echo "nothing to do:"; "$bin" index 2>/dev/null
echo "one edit:"
echo "extra" >>"archive/y2001/s1/item-1.md"
"$bin" index 2>/dev/null
