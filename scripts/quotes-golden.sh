#!/usr/bin/env bash
# Records what `analysis::quotes::extract` returns for every text of a set of corpora, so that a
# change meant to leave the output alone (a speed-up) can be checked: run it before the change
# with `record DIR`, after it with `check DIR` (exit 1 and the first difference when any output
# changed). Uses the release example `quotes_throughput --dump`; needs ../shared for all but the
# fixtures. Usage: scripts/quotes-golden.sh record|check DIR
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?record or check}
dir=${2:?a directory for the dumps}
mkdir -p "$dir"
nice cargo build --release --quiet --example quotes_throughput
run=target/release/examples/quotes_throughput
shared=../shared/data
# name, corpus, language, options
sets=(
  "fixtures-relevance tests/fixtures/relevance-nl/docs.jsonl nl"
  "openboek $shared/quotes/openboek-nl/quotes.jsonl nl"
  "openboek-en $shared/quotes/openboek-nl/quotes.jsonl en"
  "tweede-kamer $shared/corpora/tweede-kamer-2018-04-05/speeches.jsonl nl --known"
  "ungdc $shared/corpora/ungdc/speeches.jsonl.gz en"
  "ungdc-known $shared/corpora/ungdc/speeches.jsonl.gz en --known"
)
status=0
for set in "${sets[@]}"; do
  read -r name corpus lang opts <<<"$set"
  if [ ! -e "$corpus" ]; then
    echo "$name: $corpus missing, skipped"
    continue
  fi
  out="$dir/$name.jsonl"
  [ "$mode" = check ] && out="$dir/$name.new.jsonl"
  echo -n "$name: "
  # shellcheck disable=SC2086
  "$run" "$corpus" "$lang" $opts --dump "$out"
  if [ "$mode" = check ]; then
    if cmp -s "$dir/$name.jsonl" "$out"; then
      echo "  $name: same output ($(wc -l <"$out") texts)"
      rm "$out"
    else
      echo "  $name: DIFFERENT output; first differing text:"
      diff <(cat "$dir/$name.jsonl") "$out" | head -c 3000
      echo
      status=1
    fi
  fi
done
# The CLI (offsets as `lectern quotes --json` prints them) on the fixture report and the seed.
nice cargo build --release --quiet --bin lectern
for file in tests/fixtures/report-nl.txt ../shared/seeds/000_1e4a11040d0c92e8.txt; do
  [ -e "$file" ] || continue
  name="cli-$(basename "$file" .txt)"
  out="$dir/$name.json"
  [ "$mode" = check ] && out="$dir/$name.new.json"
  target/release/lectern quotes "$file" --lang nl --json >"$out"
  if [ "$mode" = check ]; then
    if cmp -s "$dir/$name.json" "$out"; then
      echo "$name: same output"
      rm "$out"
    else
      echo "$name: DIFFERENT output"
      status=1
    fi
  fi
done
exit $status
