#!/usr/bin/env bash
# libFuzzer on the virtqueue walker, guest RAM = fuzz input, from the seed corpus, for a bounded
# run (a fixed number of inputs, capped at 20 s). Passes when no input crashes or trips a check.
set -u
cd "$RVPV_ROOT"
bin=$B/tests/fuzz/fuzz_virtq
if [ ! -x "$bin" ]; then
  command -v clang >/dev/null || { echo "clang not installed"; exit 77; }
  make --no-print-directory -f hv/blk/standalone.mk B="$B" "$bin" || exit 1
fi
work=$B/tests/fuzz/work-virtq-test
rm -rf "$work"; mkdir -p "$work"
"$bin" -seed=1 -runs=100000 -max_total_time=20 -rss_limit_mb=1024 -timeout=10 \
  -artifact_prefix="$B/tests/fuzz/" "$work" tests/fuzz/corpus/virtq 2>&1 | tail -n 15
rc=${PIPESTATUS[0]}
rm -rf "$work"
exit $rc
