#!/usr/bin/env bash
# More harts than the hypervisor's table (MAX_HARTS = 8) and a boot hart past it: the boot hart
# is always kept, the banner counts every hart, each hart without a slot is named and left
# stopped in OpenSBI, and the VMs run on the eight harts kept.
#  1. eight.conf, -smp 12, boot hart 9: harts 7, 8, 10, 11 reported; eight VMs, each homed on
#     its own hart, finish their job; power-off, no panic.
#  2. -smp 8, boot hart 7: exactly the table, nothing reported.
#  3. monitor.conf (VMs that never stop), -smp 12, boot hart 11: QEMU's monitor shows harts
#     7-10 still in the firmware (pc below the hypervisor's 0x80200000) while the VMs run.
set -u
abi=$(tests/abi/version.sh)
cd "$RVPV_ROOT"
out=$B/tests/beyond
mkdir -p "$out"
rc=0
notused() { for h in "$@"; do echo "-e"; echo "hv: hart $h not used: the table holds 8"; done; }
jobs=()
for i in 1 2 3 4 5 6 7 8; do jobs+=(-e "job$i| job: done, checksum 696e3e7545073da0"); done
mapfile -t nu < <(notused 7 8 10 11)
tests/qemu/expect.sh -i "$B/hv/eight/hv.elf" -l "$out/smp12.log" -t 180 -s 12 -m 512M \
  -q "-H 9" \
  -o "rvpv hypervisor, ABI $abi, on hart 9 of 12," "${nu[@]}" -e "hv: 8 of 8 VMs created" "${jobs[@]}" \
  -o "hv: all VMs have stopped, powering off" -x "hart (0|1|2|3|4|5|6|9) not used" -x "did not start" -x fault >"$out/smp12.out" || rc=1
n=$(grep -ac "not used" "$out/smp12.log")
[ "$n" -eq 4 ] || { echo "FAIL: $n 'not used' lines, expected 4"; rc=1; }
if [ $rc -eq 0 ]; then echo "PASS: -smp 12, boot hart 9: harts 7, 8, 10, 11 reported, eight VMs finished"
else cat "$out/smp12.out"; fi

tests/qemu/expect.sh -i "$B/hv/hello/hv.elf" -l "$out/smp8.log" -t 60 -s 8 -m 256M \
  -q "-H 7" -e "rvpv hypervisor, ABI $abi, on hart 7 of 8," \
  -e "hv: 2 of 2 VMs created" -o "hv: all VMs have stopped, powering off" -x "not used" >/dev/null \
  && echo "PASS: -smp 8 with boot hart 7: the table is full, nothing reported" \
  || { echo "FAIL: -smp 8, boot hart 7 (log $out/smp8.log)"; tail -n 20 "$out/smp8.log"; rc=1; }

sock=$out/monitor.sock log=$out/stopped.log
rm -f "$sock"
scripts/qemu.sh -t 120 -s 12 -m 256M -k "$B/hv/monitor/hv.elf" -H 11 -M "$sock" </dev/null >"$log" 2>&1 &
qpid=$!
for _ in $(seq 1 1000); do
  grep -aqE "hv: ([0-9]+) of \1 VMs created" "$log" && break
  kill -0 $qpid 2>/dev/null || break
  sleep 0.1
done
sleep 1 # every hart that was started is up by now
pcs=$(tests/qemu/hartpcs.py "$sock" 2>&1)
stopped=0
for h in 7 8 9 10; do
  pc=$(echo "$pcs" | awk -v h=$h '$1 == h { print $2 }')
  if [ -n "$pc" ] && [ $((pc)) -lt $((0x80200000)) ]; then stopped=$((stopped + 1)); fi
done
if grep -aq "^rvpv hypervisor, ABI $abi, on hart 11 of 12," "$log" && [ $stopped -eq 4 ]; then
  echo "PASS: -smp 12, boot hart 11: harts 7-10 left stopped in OpenSBI while the VMs run:" $pcs
else
  echo "FAIL: -smp 12, boot hart 11: harts 7-10 should still be in OpenSBI (log $log); hart pcs:" $pcs
  rc=1
fi
kill $qpid 2>/dev/null # the timeout wrapper passes it on, should QEMU have ignored quit
wait $qpid 2>/dev/null
grep -aq "HV PANIC" "$log" && { echo "FAIL: $(grep -a -m1 'HV PANIC' "$log")"; rc=1; }
exit $rc
