#!/usr/bin/env bash
# Issue 12, part 6: OpenSBI 1.1 can release a hart being started before it stored the start
# address, and the hart then enters the hypervisor at _start (its default next address) with
# the boot device tree. tests/qemu/hsm_race.py forces that under gdb on the hello set (-smp 2):
# the test passes when the hart did arrive at _start and the hypervisor still boots exactly once,
# both VMs run (one per hart, so the late hart is in service) and the machine powers off.
set -u
cd "$RVPV_ROOT"
fw=$(scripts/qemu.sh -n -k - | sed -E 's/.* -bios ([^ ]+).*/\1/') # the firmware QEMU runs
img=$B/hv/hello/hv.elf
out=$B/tests/hsmrace
mkdir -p "$out"
log=$out/console.log
command -v gdb-multiarch >/dev/null || { echo "skip: gdb-multiarch is not installed"; exit 77; }
# the two instructions the script relies on: jal to the cmpxchg, then sd s5,16(s2) (next_arg1)
code=$(od -An -tx4 -j $((0x9bde)) -N 4 "$fw" | tr -d ' ')$(od -An -tx4 -j $((0x9bf8)) -N 4 "$fw" | tr -d ' ')
[ "$code" = "ce7fa0ef01593823" ] || { echo "skip: $fw is not the OpenSBI 1.1-2 build the script knows ($code)"; exit 77; }
sym() { printf "0x%x" "0x$(riscv64-unknown-elf-nm "$img" | awk -v s="$1" '$3 == s { print $1 }')"; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
scripts/qemu.sh -t 120 -s 2 -m 64M -k "$img" -g "$port" </dev/null >"$log" 2>&1 &
qpid=$!
sleep 0.5
PORT=$port ENTRY=$(sym _start) SECONDARY=$(sym hart_secondary_entry) timeout -k 5 90 \
  gdb-multiarch -nx -batch -x tests/qemu/hsm_race.py >"$out/gdb.log" 2>&1
grc=$?
wait $qpid
qrc=$?
grep "^race:" "$out/gdb.log"
if [ $grc -eq 3 ]; then echo "skip: the hart to start slept or was elsewhere: no race to force"; exit 77; fi
rc=0
# the boot device tree, as OpenSBI's banner names it
fdt=$(printf "0x%x" "$(sed -n 's/^Domain0 Next Arg1 *: *//p' "$log" | tr -d '\r')")
grep -Eq "^race: (entered the hypervisor at $(sym _start) with a0=0x[01] a1=$fdt\$|thread . entered the hypervisor before)" "$out/gdb.log" \
  || { echo "FAIL: the race was not forced (the hart did not come to _start)"; tail -n 20 "$out/gdb.log"; rc=1; }
for e in "hv: 2 of 2 VMs created" "hello| goodbye" "hello2| goodbye" "hv: all VMs have stopped, powering off"; do
  grep -aqF "$e" "$log" || { echo "FAIL: missing line: $e"; rc=1; }
done
n=$(grep -ac "rvpv hy" "$log")
[ "$n" -eq 1 ] || { echo "FAIL: the banner was printed $n times"; rc=1; }
grep -aq "HV PANIC" "$log" && { echo "FAIL: $(grep -a -m1 'HV PANIC' "$log")"; rc=1; }
[ $qrc -eq 0 ] || { echo "FAIL: QEMU exit status $qrc"; rc=1; }
echo "--- console ($log) ---"
grep -aE "^(rvpv|hv:|hello|HV)" "$log"
[ $rc -eq 0 ] && echo "PASS: the hart OpenSBI released at _start was taken in as the secondary"
exit $rc
