#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (cargo-fuzz, libFuzzer) for a bounded time each, and fails
# when one finds an input that panics, takes longer than 1 s, or makes the process use more
# than 512 MB (inputs are at most 4 KB: that is the issue's 100 MB per KB).
#
#   scripts/fuzz.sh                 # 20 s a target (CI runs FUZZ_DEV=1 scripts/fuzz.sh)
#   scripts/fuzz.sh 1800 markdown   # half an hour of one target; any number of targets
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). libFuzzer's flags need nightly
# rustc features; RUSTC_BOOTSTRAP=1 lets a stable toolchain build them too, so CI needs no
# nightly. Built without a sanitizer (our code forbids `unsafe`; what we look for is panics,
# overflows (debug assertions are on), hangs and memory) — FUZZ_SANITIZER=address for one.
#
# Committed inputs live in fuzz/seeds/<target> (crashes that were fixed go there too); what a
# run discovers grows fuzz/corpus/<target>, and what it finds lands in fuzz/artifacts/<target>
# (both ignored by git). Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${1:-20}
shift || true
export RUSTC_BOOTSTRAP=1
flags=(--sanitizer "${FUZZ_SANITIZER:-none}" --debug-assertions)
# FUZZ_DEV=1: an unoptimised build (CI's): its first build took 10 minutes here where the
# optimised one took 83 (under load), and it runs slower, which matters only for long runs.
[ -n "${FUZZ_DEV:-}" ] && flags+=(--dev)
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo fuzz list); fi

cargo fuzz build "${flags[@]}"

failed=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "seeds/$target" "artifacts/$target"
  dict=()
  [ -f "dicts/$target.dict" ] && dict=("-dict=dicts/$target.dict")
  log=$(mktemp)
  if cargo fuzz run "${flags[@]}" "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$seconds" -timeout=1 -rss_limit_mb=512 -max_len=4096 \
      -print_final_stats=1 "${dict[@]}" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    failed+=("$target")
    tail -n 40 "$log" >&2
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  corpus=$(find "corpus/$target" -type f | wc -l)
  printf '%-12s %-6s %s s, %s executions, corpus %s inputs\n' "$target" "$result" "$seconds" "$execs" "$corpus"
  rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found inputs that fail: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
