#!/usr/bin/env bash
# More harts than the hypervisor's table (MAX_HARTS in hv/include/hart.h, T = 64) and a boot
# hart past it: the boot hart is always kept, the banner counts every hart, each hart without a
# slot is named and left stopped in OpenSBI, and the VMs run on the T harts kept.
#  1. eight.conf, -smp T+4, boot hart T+1: harts T-1, T, T+2, T+3 reported; eight VMs, each
#     homed on its own hart, finish their job; power-off, no panic.
#  2. -smp T, boot hart T-1: exactly the table, nothing reported.
#  3. monitor.conf (VMs that never stop), -smp T+4, boot hart T+3: QEMU's monitor shows harts
#     T-1 to T+2 still in the firmware (pc below the hypervisor's 0x80200000) while the VMs run.
# OpenSBI 1.1 takes at most 128 harts, so T+4 must stay within that.
set -u
abi=$(tests/abi/version.sh)
cd "$RVPV_ROOT"
T=$(awk '$1 == "#define" && $2 == "MAX_HARTS" { print $3 }' hv/include/hart.h)
[ -n "$T" ] && [ $((T + 4)) -le 128 ] || { echo "FAIL: MAX_HARTS '$T' not found or above 124"; exit 1; }
out=$B/tests/beyond
mkdir -p "$out"
rc=0
notused() { for h in "$@"; do echo "-e"; echo "hv: hart $h not used: the table holds $T"; done; }
jobs=()
for i in 1 2 3 4 5 6 7 8; do jobs+=(-e "job$i| job: done, checksum 696e3e7545073da0"); done
mapfile -t nu < <(notused $((T - 1)) $T $((T + 2)) $((T + 3)))
tests/qemu/expect.sh -i "$B/hv/eight/hv.elf" -l "$out/smp$((T + 4)).log" -t 300 -s $((T + 4)) -m 512M \
  -q "-H $((T + 1))" \
  -o "rvpv hypervisor, ABI $abi, on hart $((T + 1)) of $((T + 4))," "${nu[@]}" -e "hv: 8 of 8 VMs created" "${jobs[@]}" \
  -o "hv: all VMs have stopped, powering off" -x "did not start" -x fault >"$out/beyond.out" || rc=1
n=$(grep -ac "not used" "$out/smp$((T + 4)).log")
[ "$n" -eq 4 ] || { echo "FAIL: $n 'not used' lines, expected the 4 above"; rc=1; }
if [ $rc -eq 0 ]; then echo "PASS: -smp $((T + 4)), boot hart $((T + 1)): harts $((T - 1)), $T, $((T + 2)), $((T + 3)) reported, eight VMs finished"
else cat "$out/beyond.out"; fi

tests/qemu/expect.sh -i "$B/hv/hello/hv.elf" -l "$out/smp$T.log" -t 300 -s $T -m 256M \
  -q "-H $((T - 1))" -e "rvpv hypervisor, ABI $abi, on hart $((T - 1)) of $T," \
  -e "hv: 2 of 2 VMs created" -o "hv: all VMs have stopped, powering off" -x "not used" >/dev/null \
  && echo "PASS: -smp $T with boot hart $((T - 1)): the table is full, nothing reported" \
  || { echo "FAIL: -smp $T, boot hart $((T - 1)) (log $out/smp$T.log)"; tail -n 20 "$out/smp$T.log"; rc=1; }

sock=$out/monitor.sock log=$out/stopped.log
rm -f "$sock"
scripts/qemu.sh -t 300 -s $((T + 4)) -m 256M -k "$B/hv/monitor/hv.elf" -H $((T + 3)) -M "$sock" </dev/null >"$log" 2>&1 &
qpid=$!
for _ in $(seq 1 3000); do
  grep -aqE "hv: ([0-9]+) of \1 VMs created" "$log" && break
  kill -0 $qpid 2>/dev/null || break
  sleep 0.1
done
sleep 3 # every hart that was started is up by now
pcs=$(tests/qemu/hartpcs.py "$sock" 2>&1)
stopped=0
for h in $((T - 1)) $T $((T + 1)) $((T + 2)); do
  pc=$(echo "$pcs" | awk -v h=$h '$1 == h { print $2 }')
  if [ -n "$pc" ] && [ $((pc)) -lt $((0x80200000)) ]; then stopped=$((stopped + 1)); fi
done
if grep -aq "^rvpv hypervisor, ABI $abi, on hart $((T + 3)) of $((T + 4))," "$log" && [ $stopped -eq 4 ]; then
  echo "PASS: -smp $((T + 4)), boot hart $((T + 3)): harts $((T - 1))-$((T + 2)) left stopped in OpenSBI while the VMs run"
else
  echo "FAIL: -smp $((T + 4)), boot hart $((T + 3)): harts $((T - 1))-$((T + 2)) should still be in OpenSBI (log $log); hart pcs:" $pcs
  rc=1
fi
kill $qpid 2>/dev/null # the timeout wrapper passes it on, should QEMU have ignored quit
wait $qpid 2>/dev/null
grep -aq "HV PANIC" "$log" && { echo "FAIL: $(grep -a -m1 'HV PANIC' "$log")"; rc=1; }
exit $rc
