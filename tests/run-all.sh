#!/usr/bin/env bash
# Runs every test case in tests/suite.d (sorted), one line each, logs under $B/tests/logs,
# and ends with "N passed, N failed". A case is an executable script: exit 0 = pass,
# 77 = skipped (with its reason as the log's last line), anything else = fail.
set -u
B=${1:-build}
export B
export RVPV_ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$RVPV_ROOT"
logs=$B/tests/logs
mkdir -p "$logs"
pass=0; fail=0; skip=0; failed=()
only=${TESTS:-}
for t in tests/suite.d/*.sh; do
  name=$(basename "$t" .sh)
  if [ -n "$only" ] && ! [[ $name == *$only* ]]; then continue; fi
  start=$(date +%s)
  bash "$t" >"$logs/$name.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  if [ $rc -eq 0 ]; then
    pass=$((pass+1)); echo "PASS: $name (${secs}s)"
  elif [ $rc -eq 77 ]; then
    skip=$((skip+1)); echo "SKIP: $name: $(tail -n 1 "$logs/$name.log")"
  else
    fail=$((fail+1)); failed+=("$name"); echo "FAIL: $name (exit $rc, ${secs}s, log $logs/$name.log)"
    tail -n 25 "$logs/$name.log" | sed 's/^/    | /'
  fi
done
[ ${#failed[@]} -eq 0 ] || echo "failed: ${failed[*]}"
if [ $skip -gt 0 ]; then
  echo "$pass passed, $fail failed, $skip skipped"
else
  echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
