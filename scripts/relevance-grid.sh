#!/usr/bin/env bash
# The ranking grid behind docs/relevance.md: every setting measured on the four collections in
# ../shared/data/relevance, with each collection's numbers for the setting chosen on the other
# three (leave one collection out) beside the numbers for the setting chosen on all four.
# Usage: scripts/relevance-grid.sh [STAGE]   (STAGE: bm25 | features | feedback | final; default all)
# Needs: cargo; a release build of the binary (built here, about 5 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/relevance
[ -d "$data" ] || { echo "no $data: the relevance collections live beside the repository" >&2; exit 1; }
nice cargo build --release --quiet --bin lectern
lectern=target/release/lectern
collections=()
for c in cacm cranfield cisi scifact-dev; do collections+=(--collection "$data/$c"); done
stage=${1:-all}
run() { echo "== $*"; nice "$lectern" eval "${collections[@]}" "$@"; echo; }
# 1. BM25F's saturation, length normalisation and title weight with the proximity boost (72 settings).
if [ "$stage" = all ] || [ "$stage" = bm25 ]; then
  run --set k1=1.2,1.5,2 --set b=0.5,0.75 --set title=1,1.5 --set proximity=0.1,0.2,0.3 --set slop=1,3 --set typo=off
fi
# 2. Per-field or combined length normalisation; typo tolerance (places below which a word may be a typo).
if [ "$stage" = all ] || [ "$stage" = features ]; then
  run --set length=field,combined --set proximity=0.15,0.2 --set slop=2,3 --set typo=off,1
  run --set typo=off,1,2,3
fi
# 3. Pseudo-relevance feedback (RM3).
if [ "$stage" = all ] || [ "$stage" = feedback ]; then
  run --set feedback=off,on --set fb-weight=0.5,0.8 --set fb-terms=10,20
fi
# 4. The default ranking, one run per collection (the numbers of docs/relevance.md's last row).
if [ "$stage" = all ] || [ "$stage" = final ]; then
  for c in cacm cranfield cisi scifact-dev; do nice "$lectern" eval --collection "$data/$c"; done
fi
