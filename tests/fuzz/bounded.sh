#!/usr/bin/env bash
# A bounded libFuzzer run for the test suite: bounded.sh NAME RUNS runs $B/tests/fuzz/fuzz_NAME
# (built if missing) from tests/fuzz/corpus/NAME, which holds the regression inputs of past
# crashes, for exactly RUNS inputs with a fixed seed. No time cap: a run cut short by the clock
# tried more inputs on a fast machine than on a slow one, and a finding CI made could not be
# had again here (issue note of 2026-12-03). Every machine now tries the same inputs.
# Exit 0: no input crashed or tripped a check; 77: no clang to build the fuzzer with.
set -u
name=$1 runs=$2
bin=$B/tests/fuzz/fuzz_$name
if [ ! -x "$bin" ]; then
  command -v clang >/dev/null || { echo "clang not installed"; exit 77; }
  make --no-print-directory B="$B" "$bin" || exit 1
fi
work=$B/tests/fuzz/work-$name-test
rm -rf "$work"; mkdir -p "$work"
echo "== fuzz_$name"
# libFuzzer's own default exit status for a crash is 77, which the suite reads as "skipped":
# every finding must be a failure (status 1)
"$bin" -seed=1 -runs="$runs" -rss_limit_mb=1024 -timeout=10 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$B/tests/fuzz/" "$work" "tests/fuzz/corpus/$name" >"$work.log" 2>&1
rc=$?
# a finding: the first frames of its stack (which check tripped), then libFuzzer's summary
[ "$rc" -ne 0 ] && grep -m 8 -E '^ +#[0-9]+ ' "$work.log"
tail -n 8 "$work.log"
rm -rf "$work" "$work.log"
[ "$rc" -eq 77 ] && rc=1
exit "$rc"
