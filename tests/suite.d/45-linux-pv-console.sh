#!/usr/bin/env bash
# rvpv's paravirtual Linux drivers (pv-guest/linux) in the image the other 4x tests boot:
#  1. under rvpv (tests/linux/console.conf, two VMs): lcon's hvc0 is the PV console: the kernel's
#     own lines say so, the monitor's `list` counts CONSOLE_WRITE, CONSOLE_READ, EVENT_REGISTER_PAGE
#     and EVENT_BIND calls for it, a typed line reaches its /init, and /proc/interrupts shows the
#     rvpv-event irqchip's console port with more interrupts after the input than before;
#     loff (rvpv_pv=off) runs as the unmodified kernel: no PV call at all, input through SBI DBCN;
#  2. on plain QEMU + OpenSBI 1.1 (no rvpv): the drivers stay out of the way and the SBI v0.1
#     console carries output and input.
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$B/tests"
log=$B/tests/linux-pv-console.log
t0=$(date +%s)
timeout -k 5 200 python3 tests/qemu/converse.py --log "$log" --timeout 180 -- \
  scripts/qemu.sh -s 2 -m 256M -k "$(linux_set console)" <<'EOS'
seen hv: 2 of 2 VMs created
seen lcon| console: type a line
seen loff| console: type a line
send hello pv console\r
expect lcon| console: got 'hello pv console'
expect lcon| check console-irq: ok
expect lcon| console: type a line to power off
send \x1d
expect hv: console input now goes to vm loff (id 1)
send hello sbi console\r
expect loff| console: got 'hello sbi console'
expect loff| check console-irq: ok
expect loff| console: type a line to power off
send \x1d
expect hv: console input now goes to the monitor
send list\r
expect free: 
send \x1d
expect hv: console input now goes to vm lcon (id 0)
send bye\r
expect lcon| init: all checks passed, powering off
expect hv: vm lcon (id 0): shut down
send \x1d
expect hv: console input now goes to vm loff (id 1)
send bye\r
expect loff| init: all checks passed, powering off
expect hv: vm loff (id 1): shut down
EOS
rc=$?
grep -E "^(lcon|loff)\| (rvpv|hvc_rvpv|console|check|init)" "$log"
sed -n '/^id name /,/^free: /p' "$log"
[ $rc -eq 0 ] || fail "the conversation under rvpv stopped (log: $log)"
grep -qE "[: ]FAIL|Kernel panic|Oops|BUG:|id [0-9]+\): fault: " "$log" && fail "a failure in $log"
# whole lines: both kernels print at once in 16-byte hvc pieces; rvpv must not let one VM's line
# into the middle of another's (every kernel line starts with its timestamp)
split=$(grep -a -E "^(lcon|loff)\| " "$log" | grep -a -v -E "^(lcon|loff)\| (\[ *[0-9]+\.[0-9]+\]|init:|console:|check|hello|bye|$)" | head -n 3)
[ -z "$split" ] || fail "a line was split by another VM's output: $(echo $split | cut -c1-200)"
# the kernel lines only the PV drivers print
grep -q "^lcon| .*rvpv-event: event page at" "$log" || fail "lcon: no rvpv-event irqchip"
grep -q "^lcon| .*hvc_rvpv: hvc0 on rvpv CONSOLE_WRITE/CONSOLE_READ, input irq [1-9]" "$log" || fail "lcon: hvc0 is not the PV console"
grep -qE "^lcon\| console: interrupts after input: .*rvpv-event .*hvc_console" "$log" || fail "lcon: no rvpv-event line for hvc_console in /proc/interrupts"
grep -q "^loff| .*rvpv: PV drivers disabled (rvpv_pv=off)" "$log" || fail "loff: rvpv_pv=off not seen"
grep -qE "^loff\| .*(rvpv-event|hvc_rvpv):" "$log" && fail "loff: a PV driver bound despite rvpv_pv=off"
# the monitor's per-call counters: CONSOLE_WRITE etc. for lcon, no rvpv call at all for loff
calls() { awk -v vm="$1" '$2 == vm && $1 ~ /^[0-9]+$/ { f = 1; next } f && /calls:/ { print; exit }' "$log"; }
c=$(calls lcon); echo "lcon $c"
for k in CONSOLE_WRITE CONSOLE_READ EVENT_REGISTER_PAGE EVENT_BIND EVENT_EOI; do
  echo "$c" | grep -qE " $k=[1-9]" || fail "monitor: no $k calls for lcon"
done
c=$(calls loff); echo "loff $c"
[ -n "$c" ] || fail "monitor: no calls line for loff"
echo "$c" | grep -qE " (CONSOLE|EVENT)_" && fail "monitor: loff (rvpv_pv=off) made rvpv calls"
echo "linux: pv console under rvpv took $(( $(date +%s) - t0 ))s"

# 2. the same Image and initrd on plain QEMU + OpenSBI 1.1 (impl id OpenSBI, no rvpv extensions)
log2=$B/tests/linux-pv-console-plain.log
t0=$(date +%s)
timeout -k 5 140 python3 tests/qemu/converse.py --log "$log2" --timeout 120 -- \
  scripts/qemu.sh -s 2 -m 256M -k "$B/linux/Image" -a "console=hvc0 rvpvinit=console rvpvpv=0" \
  -- -initrd "$B/linux/initrd.cpio" <<'EOS'
expect console: type a line
send hello plain qemu\r
expect console: got 'hello plain qemu'
expect check console-irq: ok
expect console: type a line to power off
send bye\r
expect init: all checks passed, powering off
EOS
rc=$?
grep -E "^(console|check|init)" "$log2"
[ $rc -eq 0 ] || fail "the conversation on plain QEMU stopped (log: $log2)"
grep -qE "Kernel panic|Oops|BUG:" "$log2" && fail "a failure in $log2"
grep -qE "rvpv-event:|hvc_rvpv:|rvpv: " "$log2" && fail "a PV driver spoke on plain QEMU"
echo "linux: plain QEMU run took $(( $(date +%s) - t0 ))s"
exit 0
