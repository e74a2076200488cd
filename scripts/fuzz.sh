#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each, one after the other, and fails if any of
# them finds a crash. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (make fuzz FUZZ_SECONDS=600)
#
# Each target starts from a copy of its seeds (fuzz/seeds/<target>/) in its working corpus
# (fuzz/corpus/<target>/, git-ignored, kept between runs so later runs go on from where earlier
# ones got). A crash leaves its input in fuzz/artifacts/<target>/ and the run's log beside it;
# replay it with `cargo +nightly fuzz run <target> <file>`, then add it to
# fuzz/regressions/<target>/ so that `cargo test` (tests/fuzz_regressions.rs) keeps it covered.
#
# Environment:
#   FUZZ_SANITIZER  address | none (default none: the crate has no `unsafe`, and without ASan a
#                   target runs about twice as many inputs; overflow checks and debug assertions
#                   stay on either way)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(json_parse batch_validate record_fields response_envelope presentation retry_headers)
fi
sanitizer="${FUZZ_SANITIZER:-none}"
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

# cargo-fuzz, once. No --locked: the newest releases of some of its dependencies may be missing
# from the registry mirror, and --locked then fails to resolve.
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (a few minutes, once)"
  cargo install cargo-fuzz
fi

# libFuzzer instrumentation needs nightly rustc flags. Use an installed nightly toolchain; a
# machine with only stable gets the same flags through RUSTC_BOOTSTRAP=1 (no toolchain download).
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  echo "no nightly toolchain installed: using $(rustc --version) with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi
fuzz=(cargo "${toolchain[@]}" fuzz)

echo "building ${targets[*]} (sanitizer: $sanitizer)"
for target in "${targets[@]}"; do
  "${fuzz[@]}" build --sanitizer "$sanitizer" "$target"
done

failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  cp -n fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  # Every batch is JSON too: the parser starts from the batch seeds as well (not kept twice).
  if [ "$target" = json_parse ]; then
    cp -n fuzz/seeds/batch_validate/* "$corpus"/ 2>/dev/null || true
  fi
  log="fuzz/artifacts/$target.log"
  echo "== $target: ${seconds}s, corpus $corpus ($(ls "$corpus" | wc -l) inputs)"
  status=0
  "${fuzz[@]}" run --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  if [ -z "$execs" ]; then
    execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)
  fi
  rate=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  units=$(ls "$corpus" | wc -l)
  line="$target: ${execs:-0} executions in ${seconds}s (${rate:-?}/s), coverage ${cov:-?}, corpus $units"
  if [ "$status" -ne 0 ]; then
    line="$line, FAILED (exit $status): see $log and fuzz/artifacts/$target/"
    failed+=("$target")
    grep -m1 -E "panicked at|ERROR: libFuzzer|==ERROR" "$log" || true
    grep -E "Test unit written to" "$log" || true
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "fuzz summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashes in: ${failed[*]}" >&2
  exit 1
fi
