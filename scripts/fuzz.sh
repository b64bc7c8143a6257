#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ under libFuzzer: cargo-fuzz on the stable toolchain (no
# sanitizer; Rust's own bounds and overflow checks stay on), from the seeds the crate writes,
# for RUNS executions each. Prints one line per target and a table to paste in the README.
#
#   bash scripts/fuzz.sh                      # every target, 10 million executions each
#   RUNS=100000 TARGETS="hs256 rule" bash scripts/fuzz.sh
#
# A crash (an accepted forgery, two reads that disagree, a panic) stops the run; libFuzzer
# writes the input to fuzz/artifacts/<target>/ and prints how to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10000000}
SEED=${SEED:-1}
TARGETS=${TARGETS:-"cookie_header bearer hs256 nextauth_v4 authjs payload rule"}

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed; installing it from crates.io"
  cargo install cargo-fuzz --locked
fi

corpus=$(mktemp -d)
logs=$(mktemp -d)
trap 'rm -rf "$corpus" "$logs"' EXIT
cargo run -q -p auth-fuzz --bin write-corpus -- "$corpus"

# The largest input per target: a token or header of a few cookies' worth, a rule of a line or
# two (a rule's compile-time work grows with its length squared: each part gets its own caret
# diagram).
max_len() {
    case "$1" in
        rule) echo 512 ;;
        *) echo 20000 ;;
    esac
}

rows=()
for target in $TARGETS; do
  log="$logs/$target.log"
  start=$(date +%s)
  if cargo fuzz run --fuzz-dir fuzz --features libfuzzer --sanitizer none "$target" \
      "$corpus/$target" -- -runs="$RUNS" -seed="$SEED" -max_len="$(max_len "$target")" -timeout=10 \
      >"$log" 2>&1; then
    outcome="no crash, hang or accepted forgery"
  else
    outcome="FAILED (see below)"
  fi
  seconds=$(( $(date +%s) - start ))
  done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || true)
  executions=$(echo "$done_line" | grep -oE '[0-9]+' | head -n 1 || true)
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  echo "$target: ${executions:-?} executions in ${seconds}s, coverage ${coverage:-?}: $outcome"
  rows+=("| \`$target\` | ${executions:-?} | ${seconds} s | ${coverage:-?} | $outcome |")
  if [[ "$outcome" == FAILED* ]]; then
    tail -n 40 "$log"
    exit 1
  fi
done

echo
echo "Fuzzed on $(date -u +%Y-%m-%d), seed $SEED, $(rustc --version):"
echo
echo "| target | executions | time | coverage (edges) | outcome |"
echo "|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
