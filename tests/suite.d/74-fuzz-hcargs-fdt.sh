#!/usr/bin/env bash
# libFuzzer on the hypercall argument checks (every rvpv and SBI decoder, the dispatcher and
# its light path, on the host with hc_stubs.c) and on the device-tree reader with the platform
# probe, each from its corpus (which holds the regression inputs of past crashes) for a
# bounded run (a fixed number of inputs, capped at 10 s). Passes when no input crashes or
# trips a check.
set -u
cd "$RVPV_ROOT"
rc=0
for t in hcargs:200000 fdt:30000; do
  name=${t%%:*} runs=${t##*:}
  bin=$B/tests/fuzz/fuzz_$name
  if [ ! -x "$bin" ]; then
    command -v clang >/dev/null || { echo "clang not installed"; exit 77; }
    make --no-print-directory B="$B" "$bin" || exit 1
  fi
  work=$B/tests/fuzz/work-$name-test
  rm -rf "$work"; mkdir -p "$work"
  echo "== fuzz_$name"
  "$bin" -seed=1 -runs="$runs" -max_total_time=10 -rss_limit_mb=1024 -timeout=10 \
    -artifact_prefix="$B/tests/fuzz/" "$work" "tests/fuzz/corpus/$name" 2>&1 | tail -n 4
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  rm -rf "$work"
done
exit $rc
