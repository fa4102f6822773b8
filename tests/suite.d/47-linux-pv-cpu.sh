#!/usr/bin/env bash
# PV Linux's CPU side on rvpv (tests/linux/cpu.conf: 2 vCPUs on a one-hart machine, so they
# take turns):
#  1. steal time: the kernel found SBI STA ("riscv-pv: Computing paravirt steal-time"), and
#     /proc/stat's steal column grew while a process spun on each vCPU;
#  2. idle: NO_HZ_IDLE Linux idles in wfi, which rvpv runs as CPU_BLOCK; the monitor's exit
#     counts for the VM at "idle: start" and "idle: end" (10 s of the guest's clock asleep)
#     give the exits per idle second per vCPU, which must stay under IDLE_MAX: a bound that
#     catches a ticking idle (about 230 with nohz=off), not the goal of 1; measured 1.6-6.6,
#     the high end with several wfi exits per timer interrupt (tests/linux/README.md).
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
IDLE_MAX=${IDLE_MAX:-20}
mkdir -p "$B/tests"
log=$B/tests/linux-pv-cpu.log
timeout -k 5 200 python3 tests/qemu/converse.py --log "$log" --timeout 180 -- \
  scripts/qemu.sh -s 1 -m 256M -k "$(linux_set cpu)" <<'EOS'
seen hv: 1 of 1 VMs created
expect lcpu| check steal: 
expect lcpu| idle: start
send \x1d
expect hv: console input now goes to the monitor
send list\r
expect free: 
expect lcpu| idle: end
send list\r
expect free: 
send \x1d
expect hv: console input now goes to vm lcpu (id 0)
send bye\r
expect lcpu| init: all checks passed, powering off
expect hv: vm lcpu (id 0): shut down
EOS
rc=$?
grep -E "^lcpu\| (.*riscv-pv|check|cpu|idle|init)" "$log"
[ $rc -eq 0 ] || fail "the conversation stopped (log: $log)"
grep -qE "[: ]FAIL|Kernel panic|Oops|BUG:|id [0-9]+\): fault: " "$log" && fail "a failure in $log"
grep -q "^lcpu| .*riscv-pv: Computing paravirt steal-time" "$log" || fail "Linux did not take steal time from SBI STA"
# the exits line of lcpu in each of the two lists
python3 - "$log" "$IDLE_MAX" <<'PY' || fail "too many exits while idle"
import re, sys
text, top = open(sys.argv[1]).read(), float(sys.argv[2])
sums = []
for m in re.finditer(r"^ *0 lcpu .*\n *exits:(.*)$", text, re.M):
    sums.append(sum(int(v) for v in re.findall(r"=(\d+)", m.group(1))))
if len(sums) != 2:
    sys.exit(f"expected 2 monitor lists with lcpu's exits, found {len(sums)}")
idle_s, vcpus = 10, 2
rate = (sums[1] - sums[0]) / idle_s / vcpus
print(f"idle: {sums[1] - sums[0]} exits in {idle_s} s asleep on {vcpus} vCPUs: {rate:.2f} per vCPU-second (at most {top})")
sys.exit(rate > top)
PY
exit 0
