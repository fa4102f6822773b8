#!/usr/bin/env bash
# rvpv's paravirtual Linux drivers (pv-guest/linux) in the image the other 4x tests boot:
#  1. under rvpv (tests/linux/console.conf, two VMs): lcon's hvc0 is the PV console: the kernel's
#     own lines say so, the monitor's `list` counts CONSOLE_WRITE, CONSOLE_READ, EVENT_REGISTER_PAGE
#     and EVENT_BIND calls for it and at most 2 EVENT_EOI (ABI 1.3: it acknowledges by clearing
#     sie.SEIE), a typed line reaches its /init, and /proc/interrupts shows the
#     rvpv-event irqchip's console port with more interrupts after the input than before;
#     loff (rvpv_pv=off) runs as the unmodified kernel: no PV call at all, input through SBI DBCN;
#     then both run /bin/sh (tests/linux/sh.c) on their console: while lcon waits at the prompt
#     (from PROMPT_SETTLE seconds after it printed it, going idle is test 47's), the monitor's
#     two lists PROMPT_WAIT seconds apart (rvpv's clock) show no CONSOLE_READ and exits at most
#     PROMPT_MAX per vCPU-second (input is event-driven, nothing polls; loff, whose hvc_riscv_sbi
#     polls SBI DBCN, makes about 25 exits a second meanwhile); then typed
#     commands reach lcon's shell, each after the prompt of the one before: echo, echo > FILE,
#     cat FILE, an exec (sh -c), ls, each output checked as a whole line of its own (not the
#     terminal's echo of the command), and exit;
#  2. on plain QEMU + OpenSBI 1.1 (no rvpv): the drivers stay out of the way and the SBI v0.1
#     console carries output and input (the shell's prompt and exit).
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
PROMPT_SETTLE=${PROMPT_SETTLE:-3} PROMPT_WAIT=${PROMPT_WAIT:-8} PROMPT_MAX=${PROMPT_MAX:-1.0}
mkdir -p "$B/tests"
log=$B/tests/linux-pv-console.log
t0=$(date +%s)
# words only the shell's output can have as a whole line (the terminal's echo of the command
# line has the prompt and the command before them)
tok=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
timeout -k 5 200 python3 tests/qemu/converse.py --log "$log" --timeout 180 -- \
  scripts/qemu.sh -s 2 -m 256M -k "$(linux_set console)" <<EOS
seen hv: 2 of 2 VMs created
seen lcon| console: type a line
seen loff| console: type a line
send hello pv console\r
expect lcon| console: got 'hello pv console'
expect lcon| check console-irq: ok
expect lcon| rvpvsh# 
send \x1d
expect hv: console input now goes to vm loff (id 1)
send hello sbi console\r
expect loff| console: got 'hello sbi console'
expect loff| check console-irq: ok
expect loff| rvpvsh# 
send \x1d
expect hv: console input now goes to the monitor
wait $PROMPT_SETTLE
send list\r
expect free: 
wait $PROMPT_WAIT
send list\r
expect free: 
send \x1d
expect hv: console input now goes to vm lcon (id 0)
send echo rvpv-echo-$tok\r
expect lcon| rvpv-echo-$tok
expect lcon| rvpvsh# 
send echo rvpv-file-$tok > /tmp/typed\r
expect > /tmp/typed
expect lcon| rvpvsh# 
send cat /tmp/typed\r
expect lcon| rvpv-file-$tok
expect lcon| rvpvsh# 
send sh -c 'echo rvpv-exec-$tok'\r
expect lcon| rvpv-exec-$tok
expect lcon| rvpvsh# 
send ls /tmp\r
expect lcon| typed
expect lcon| rvpvsh# 
send exit\r
expect lcon| check shell: ok
expect lcon| init: all checks passed, powering off
expect hv: vm lcon (id 0): shut down
send \x1d
expect hv: console input now goes to vm loff (id 1)
send exit\r
expect loff| check shell: ok
expect loff| init: all checks passed, powering off
expect hv: vm loff (id 1): shut down
EOS
rc=$?
grep -E "^(lcon|loff)\| (rvpv|hvc_rvpv|console|check|init)" "$log"
sed -n '/^time: /,/^free: /p' "$log"
[ $rc -eq 0 ] || fail "the conversation under rvpv stopped (log: $log)"
grep -qE "[: ]FAIL|Kernel panic|Oops|BUG:|id [0-9]+\): fault: " "$log" && fail "a failure in $log"
# whole lines: both kernels print at once in 16-byte hvc pieces; rvpv must not let one VM's line
# into the middle of another's (every kernel line starts with its timestamp)
split=$(grep -a -E "^(lcon|loff)\| " "$log" | grep -a -v -E "^(lcon|loff)\| (\[ *[0-9]+\.[0-9]+\]|init:|console:|check|hello|rvpvsh# |rvpv-|(echo|cat|sh|exit)( |$)|typed$|$)" | head -n 3)
[ -z "$split" ] || fail "a line was split by another VM's output: $(echo $split | cut -c1-200)"
# the shell: each output a whole line of its own, apart from the terminal's echo of the command
for w in echo file exec; do
  grep -qx "lcon| rvpv-$w-$tok" "$log" || fail "lcon: the shell's output rvpv-$w-$tok is not a line of its own"
done
grep -qE "^lcon\| (rvpvsh# )?echo rvpv-echo-$tok\$" "$log" || fail "lcon: no terminal echo of the typed command"
grep -qx "lcon| typed" "$log" || fail "lcon: 'ls /tmp' did not list the file 'echo >' wrote"
# nothing polls while lcon waits at its prompt: between the two lists (rvpv's clock, PROMPT_WAIT
# s apart) lcon made no CONSOLE_READ and exits at the idle rate of test 47
python3 - "$log" "$PROMPT_MAX" <<'PY' || fail "lcon is not idle while it waits for input"
import re, sys
text, top = open(sys.argv[1]).read(), float(sys.argv[2])
lists = re.findall(r"^time: (\d+) ms\n(?:.*\n)*? *0 lcon .*\n *exits:(.*)\n *calls:(.*)\n", text, re.M)
if len(lists) != 2:
    sys.exit(f"expected 2 monitor lists with lcon's exits, found {len(lists)}")
(t0, e0, c0), (t1, e1, c1) = lists
num = lambda g: dict((k, int(v)) for k, v in re.findall(r"([\w-]+)=(\d+)", g))
exits = sum(num(e1).values()) - sum(num(e0).values())
reads = num(c1).get("CONSOLE_READ", 0) - num(c0).get("CONSOLE_READ", 0)
secs, vcpus = (int(t1) - int(t0)) / 1000, 2
rate = exits / secs / vcpus
# loff's for comparison: the same shell on hvc_riscv_sbi, which polls SBI DBCN for input
polls = [sum(num(e).values()) for e in re.findall(r"^ *1 loff .*\n *exits:(.*)\n", text, re.M)]
print(f"at the prompt: {exits} exits and {reads} CONSOLE_READ in {secs:.1f} s on {vcpus} vCPUs: "
      f"{rate:.2f} per vCPU-second (at most {top}); loff, polled: "
      f"{polls[1] - polls[0] if len(polls) == 2 else '?'} exits on 1 vCPU")
bad = [f"{reads} CONSOLE_READ calls with no input"] if reads else []
if rate > top:
    bad.append(f"{rate:.2f} exits per vCPU-second")
sys.exit("; ".join(bad) or None)
PY
# the kernel lines only the PV drivers print
grep -q "^lcon| .*rvpv-event: event page at" "$log" || fail "lcon: no rvpv-event irqchip"
grep -q "^lcon| .*hvc_rvpv: hvc0 on rvpv CONSOLE_WRITE/CONSOLE_READ, input irq [1-9]" "$log" || fail "lcon: hvc0 is not the PV console"
grep -qE "^lcon\| console: interrupts after input: .*rvpv-event .*hvc_console" "$log" || fail "lcon: no rvpv-event line for hvc_console in /proc/interrupts"
grep -q "^loff| .*rvpv: PV drivers disabled (rvpv_pv=off)" "$log" || fail "loff: rvpv_pv=off not seen"
grep -qE "^loff\| .*(rvpv-event|hvc_rvpv):" "$log" && fail "loff: a PV driver bound despite rvpv_pv=off"
# the monitor's per-call counters: CONSOLE_WRITE etc. for lcon, no rvpv call at all for loff
calls() { awk -v vm="$1" '$2 == vm && $1 ~ /^[0-9]+$/ { f = 1; next } f && /calls:/ { print; exit }' "$log"; }
c=$(calls lcon); echo "lcon $c"
for k in CONSOLE_WRITE CONSOLE_READ EVENT_REGISTER_PAGE EVENT_BIND; do
  echo "$c" | grep -qE " $k=[1-9]" || fail "monitor: no $k calls for lcon"
done
# ABI 1.3: lcon acknowledges its event interrupts by clearing sie.SEIE, not with EVENT_EOI (an
# exit per interrupt): only an unmask of a port already pending still calls it
grep -q "^lcon| .*rvpv-event: .*acknowledged by clearing sie.SEIE" "$log" ||
  fail "lcon: the event irqchip does not acknowledge by clearing sie.SEIE"
last=$(awk '$2 == "lcon" && $1 ~ /^[0-9]+$/ { f = 1; next } f && /calls:/ { c = $0; f = 0 } END { print c }' "$log")
eoi=$(echo "$last" | grep -oE " EVENT_EOI=[0-9]+" | cut -d= -f2)
reads=$(echo "$last" | grep -oE " CONSOLE_READ=[0-9]+" | cut -d= -f2)
echo "lcon at its last list: ${eoi:-0} EVENT_EOI, ${reads:-0} CONSOLE_READ (each read follows an interrupt)"
[ "${eoi:-0}" -le 2 ] && [ "${reads:-0}" -ge 6 ] ||
  fail "monitor: lcon made ${eoi:-0} EVENT_EOI and ${reads:-0} CONSOLE_READ calls (self-acknowledged: at most 2 EOI, and at least 6 reads)"
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
expect rvpvsh# 
send exit\r
expect check shell: ok
expect init: all checks passed, powering off
EOS
rc=$?
grep -E "^(console|check|init)" "$log2"
[ $rc -eq 0 ] || fail "the conversation on plain QEMU stopped (log: $log2)"
grep -qE "Kernel panic|Oops|BUG:" "$log2" && fail "a failure in $log2"
grep -qE "rvpv-event:|hvc_rvpv:|rvpv: " "$log2" && fail "a PV driver spoke on plain QEMU"
echo "linux: plain QEMU run took $(( $(date +%s) - t0 ))s"
exit 0
