#!/usr/bin/env bash
# PV Linux's CPU side on rvpv (tests/linux/cpu.conf: 2 vCPUs on a one-hart machine, so they
# take turns):
#  1. steal time: the kernel found SBI STA ("riscv-pv: Computing paravirt steal-time"), and
#     /proc/stat's steal column grew while a process spun on each vCPU;
#  2. idle: NO_HZ_IDLE Linux idles in wfi, which rvpv runs as CPU_BLOCK; the monitor's exit
#     counts for the VM at "idle: start" and "idle: end" (10 s of the guest's clock asleep)
#     give the exits per idle second per vCPU, at most IDLE_MAX (4: measured about 2, every
#     one a wake-up of Linux's own, tests/linux/README.md; a ticking idle costs ~230), and
#     the wfi exits may not outnumber the guest's interrupts (a spurious wake-up let through
#     to the guest, as halt_in_place did before it waited again).
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
IDLE_MAX=${IDLE_MAX:-4}
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
# lcpu's exits, calls and halts in each of the two lists, and what woke the guest meanwhile
python3 - "$log" "$IDLE_MAX" <<'PY' || fail "too many exits while idle"
import re, sys
text, top = open(sys.argv[1]).read(), float(sys.argv[2])
lists = []
for m in re.finditer(r"^ *0 lcpu .*\n *exits:(.*)\n *calls:(.*)\n *halts:(.*)$", text, re.M):
    lists.append([dict((k, int(v)) for k, v in re.findall(r"([\w-]+)=(\d+)", g)) for g in m.groups()])
if len(lists) != 2:
    sys.exit(f"expected 2 monitor lists with lcpu's exits, calls and halts, found {len(lists)}")
d = lambda i, k: lists[1][i].get(k, 0) - lists[0][i].get(k, 0)
exits = sum(lists[1][0].values()) - sum(lists[0][0].values())
# the guest prints nothing while asleep: its CONSOLE_WRITEs in the window are the lines
# after "idle: end" that come before the second list, not idle cost
writes = d(1, "CONSOLE_WRITE")
wfi, rewaits = d(0, "virtual-insn"), d(2, "rewaits")
irqs = sum(int(n) for n in re.findall(r"^lcpu\| idle: (\d+) interrupts:", text, re.M))
idle_s, vcpus = 10, 2
rate = (exits - writes) / idle_s / vcpus
print(f"idle: {exits} exits ({writes} CONSOLE_WRITE after the sleep) in {idle_s} s asleep on {vcpus} vCPUs: "
      f"{rate:.2f} per vCPU-second (at most {top}); {wfi} wfi exits for {irqs} guest interrupts; "
      f"{d(2, 'in-place')} halts in place, {rewaits} wake-ups with nothing due waited through")
# every wfi that rvpv ends must have an interrupt for the guest behind it: a wfi returning
# with nothing due costs the guest another wfi exit (a spurious wake-up let through). 2 spare
# for the guest's work after "idle: end", inside the monitor's window but not the guest's.
bad = []
if wfi > irqs + 2:
    bad.append(f"{wfi} wfi exits for {irqs} guest interrupts: wfi returned with nothing due")
if rate > top:
    bad.append(f"{rate:.2f} exits per vCPU-second")
sys.exit("; ".join(bad) or None)
PY
exit 0
