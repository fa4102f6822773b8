#!/usr/bin/env bash
# Reads a conformance console log: lists every "not ok" line, checks that case numbers run
# 1..N without gaps, that the summary "P passed, F failed" matches the lines, that F = 0 and
# that at least MIN cases passed. Lines may carry a prefix (the hypervisor's VM name).
#   check-log.sh LOG MIN_PASSED
set -u
log=$1; min=$2
cases=$(grep -aoE '(not )?ok [0-9]+ - .*' "$log" | tr -d '\r')
summary=$(grep -aoE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
n=0; ok=0; notok=0; skip=0; bad=0
while IFS= read -r l; do
  [ -n "$l" ] || continue
  n=$((n+1))
  num=$(sed -E 's/^(not )?ok ([0-9]+) .*/\2/' <<<"$l")
  [ "$num" = "$n" ] || { echo "FAIL: case number $num where $n was expected: $l"; bad=1; }
  case $l in
    "not ok"*) notok=$((notok+1)); echo "$l";;
    *"# SKIP"*) skip=$((skip+1));;
    *) ok=$((ok+1));;
  esac
done <<<"$cases"
echo "cases: $n lines, $ok ok, $notok not ok, $skip skipped; summary: ${summary:-none}"
if [ -z "$summary" ]; then
  echo "FAIL: no summary line in $log: the VM stopped after: $(tail -n 1 <<<"$cases")"; exit 1
fi
passed=${summary%% passed*}; failed=${summary#*, }; failed=${failed%% failed}
grep -aq 'Bail out!' "$log" && { echo "FAIL: bailed out: $(grep -a 'Bail out!' "$log")"; bad=1; }
[ "$ok" = "$passed" ] && [ "$notok" = "$failed" ] || { echo "FAIL: summary does not match the lines"; bad=1; }
[ "$failed" = 0 ] || { echo "FAIL: $failed cases failed"; bad=1; }
[ "$passed" -ge "$min" ] || { echo "FAIL: only $passed cases passed, expected at least $min"; bad=1; }
exit $bad
