#!/usr/bin/env bash
# libFuzzer on the virtqueue walker (guest RAM = fuzz input) and on the virtual-disk glue
# (guest RAM + a script of BLOCK calls and device interrupts), each from its seed corpus for a
# bounded run (a fixed number of inputs, capped at 15 s). Passes when no input crashes or
# trips a check.
set -u
cd "$RVPV_ROOT"
rc=0
for t in virtq vblk; do
  bin=$B/tests/fuzz/fuzz_$t
  if [ ! -x "$bin" ]; then
    command -v clang >/dev/null || { echo "clang not installed"; exit 77; }
    make --no-print-directory B="$B" "$bin" || exit 1
  fi
  work=$B/tests/fuzz/work-$t-test
  rm -rf "$work"; mkdir -p "$work"
  echo "== fuzz_$t"
  "$bin" -seed=1 -runs=100000 -max_total_time=15 -rss_limit_mb=1024 -timeout=10 \
    -artifact_prefix="$B/tests/fuzz/" "$work" "tests/fuzz/corpus/$t" 2>&1 | tail -n 8
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  rm -rf "$work"
done
exit $rc
