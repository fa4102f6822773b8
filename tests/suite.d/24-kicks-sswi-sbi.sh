#!/usr/bin/env bash
# Kicks between harts, both ways rvpv sends them (configs/kick.conf, tests/guests/kick.c: two
# vCPUs on two harts IPI each other 2000 times one after the other, then 2000 times each at
# once). On the launcher's default machine (virt,aclint=on) the banner must say aclint-sswi and
# no hart may take an M-mode software interrupt during the run (QEMU's -d int log): the kicks
# are SSWI stores, not SBI IPIs through OpenSBI. With -C (the plain CLINT) the banner must not
# say it and the harts must take at least one M-mode software interrupt per ping-pong IPI (the
# fallback really goes through the firmware). Counted while the guest takes its IPIs. Once more
# with OpenSBI booting on hart 1, so the table's hart 0 is hart 1 (registers by context, not index). Each way runs with MTTCG (the harts really run at
# once) and under -icount (guest time counts instructions, so the guest's 2 s watchdog per wait
# firing means a kick was lost and something else woke the vCPU: it must never fire there).
set -u
img=$B/hv/kick/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
out=$B/tests/kick
mkdir -p "$out"
fail=0
run() { # run NAME LAUNCHER-OPTIONS...: both phases must end acknowledged
  local name=$1; shift
  tests/qemu/expect.sh -i "$img" -l "$out/$name.log" -t 120 -s 2 -m 128M -q "$*" \
    -o "kick| kick: ping-pong 2000 rounds answered" -o "kick| kick: crossing 2000 pings each way acknowledged" \
    -o "hv: all VMs have stopped, powering off" -x "fault" >"$out/$name.out" || {
    cat "$out/$name.out"; echo "FAIL: $name: the IPIs did not all arrive"; fail=1; }
  grep -a "^kick| kick:" "$out/$name.log" | sed "s/^/$name: /"
}
# M-mode software interrupts from the guest's first VS software interrupt to its last (the
# power-off at the end stops the other hart with one)
msoft() { awk '/desc=vs_software/ { n += m; m = 0; seen = 1 } seen && /desc=m_software/ { m++ } END { print n + 0 }' "$1"; }
run sswi -- -d int -D "$out/sswi-int.log"
grep -aq "^rvpv hypervisor, .*, aclint-sswi" "$out/sswi.log" || { echo "FAIL: sswi: the banner does not say aclint-sswi"; fail=1; }
n=$(msoft "$out/sswi-int.log")
echo "sswi: $n M-mode software interrupts"
[ "$n" -eq 0 ] || { echo "FAIL: sswi: $n M-mode software interrupts: kicks went through OpenSBI"; fail=1; }
run sbi -C -- -d int -D "$out/sbi-int.log"
grep -aq "^rvpv hypervisor, .*aclint-sswi" "$out/sbi.log" && { echo "FAIL: sbi: the banner says aclint-sswi on the plain CLINT"; fail=1; }
n=$(msoft "$out/sbi-int.log")
echo "sbi: $n M-mode software interrupts"
[ "$n" -ge 4000 ] || { echo "FAIL: sbi: $n M-mode software interrupts for 4000 ping-pong IPIs"; fail=1; }
run sswi-hart1 -H 1 # OpenSBI (and rvpv) boot on hart 1: hart index 0 is hart 1's register
for way in sswi sbi; do
  opt=; [ $way = sbi ] && opt=-C
  run "$way-icount" $opt -i off
  grep -aEq "kick: crossing .*, watchdog 0([^0-9]|$)" "$out/$way-icount.log" ||
    { echo "FAIL: $way-icount: the watchdog fired under -icount: a kick was lost"; fail=1; }
done
[ $fail -eq 0 ] && echo "PASS: kicks through the ACLINT SSWI (no M-mode interrupt) and through SBI IPI all arrive"
exit $fail
