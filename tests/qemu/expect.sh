#!/usr/bin/env bash
# Boots one hypervisor image in QEMU under timeout, captures the console to a log, and checks it.
#   expect.sh -i IMAGE -l LOG [-t SECONDS] [-s SMP] [-m MEM] [-q "launcher options"] [-n]
#             [-e "expected substring"]... [-x "forbidden ERE"]... [-o "expected in this order"]...
# -e lines must each appear; -o lines must appear in the given order; -x patterns must not
# appear (by default also: panic, hypervisor trap, sanitizer-style failure). QEMU must exit 0
# by itself before the timeout unless -n (no exit expected: killed at the timeout, which is fine).
# QEMU starts through scripts/qemu.sh; -q adds its options (disks: -q "-d IMAGE", ...).
set -u
img=; log=; secs=60; smp=2; mem=1G; qargs=; noexit=0
exp=(); ord=(); forb=("HV PANIC" "hv: trap in HS")
while getopts "i:l:t:s:m:q:ne:x:o:" o; do
  case $o in
    i) img=$OPTARG;; l) log=$OPTARG;; t) secs=$OPTARG;; s) smp=$OPTARG;; m) mem=$OPTARG;;
    q) qargs=$OPTARG;; n) noexit=1;; e) exp+=("$OPTARG");; x) forb+=("$OPTARG");; o) ord+=("$OPTARG");;
    *) echo "usage error"; exit 2;;
  esac
done
[ -n "$img" ] && [ -n "$log" ] || { echo "expect.sh: -i and -l are required"; exit 2; }
[ -f "$img" ] || { echo "expect.sh: no image $img"; exit 2; }
mkdir -p "$(dirname "$log")"
# shellcheck disable=SC2086
"$(dirname "$0")/../../scripts/qemu.sh" -t "$secs" -s "$smp" -m "$mem" -k "$img" $qargs </dev/null >"$log" 2>&1
rc=$?
ok=1
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  if [ $noexit -eq 0 ]; then echo "FAIL: timeout after ${secs}s"; ok=0; fi
elif [ $rc -ne 0 ]; then
  echo "FAIL: qemu exited with status $rc"; ok=0
fi
for e in "${exp[@]}"; do
  grep -qF -- "$e" "$log" || { echo "FAIL: missing line: $e"; ok=0; }
done
for x in "${forb[@]}"; do
  if grep -qE -- "$x" "$log"; then echo "FAIL: unexpected line: $(grep -m1 -E -- "$x" "$log")"; ok=0; fi
done
if [ ${#ord[@]} -gt 0 ]; then
  pos=0
  for e in "${ord[@]}"; do
    n=$(tail -n +$((pos+1)) "$log" | grep -nF -m1 -- "$e" | cut -d: -f1)
    if [ -z "$n" ]; then echo "FAIL: out of order or missing: $e"; ok=0; break; fi
    pos=$((pos+n))
  done
fi
echo "--- console ($log) ---"
tail -n 60 "$log"
[ $ok -eq 1 ]
