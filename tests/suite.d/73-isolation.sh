#!/usr/bin/env bash
# Isolation (issue #7): a hostile VM (tests/isolation/hostile.c, racer.c) makes 50,000 seeded
# random calls with hostile addresses, rings, descriptor loops and giant lengths while its
# second vCPU races the ring indices and floods NOTIFY and IPIs; six probers each touch one
# address outside their RAM. Meanwhile the victim keeps checksumming its RAM, its code and its
# disk. Passes when every prober is stopped with a fault report, the hostile VM finishes with
# only SBI error codes as answers, the monitor still answers (list, destroy), and the victim
# then ends with every checksum intact. ISO_CONFIG=isolation-long runs the 10,000,000-call set.
# A stall fails at once, told from slowness: the hostile VM's racer prints `hostile: stalled`
# when a call has not returned in 30 s of its own running time, and each progress line must
# follow the one before within ISO_STALL_SECS (ISO_TIMEOUT bounds the whole run).
set -u
cfg=${ISO_CONFIG:-isolation}
secs=${ISO_TIMEOUT:-120}
stall=${ISO_STALL_SECS:-$secs}
img=$B/hv/$cfg/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
log=$B/tests/$cfg.log
mkdir -p "$B/tests"
# the progress lines the hostile VM prints: every progress= calls (default a tenth of calls=)
args=$(grep -o 'name=hostile .*bootargs="[^"]*"' "configs/$cfg.conf")
ncalls=$(echo "$args" | sed -n 's/.*[" ]calls=\([0-9]*\).*/\1/p')
every=$(echo "$args" | sed -n 's/.*[" ]progress=\([0-9]*\).*/\1/p')
every=${every:-$((ncalls / 10))}
progress() {
  [ "$every" -gt 0 ] || return 0
  for ((n = every; n <= ncalls; n += every)); do echo "within $stall hostile: $n calls,"; done
}
{ cat <<'STEPS'
seen victim| victim: ready
seen hv: vm p_host (id 2): fault: access outside guest RAM
seen hv: vm p_above (id 3): fault: access outside guest RAM
seen hv: vm p_uart (id 4): fault: access outside guest RAM
seen hv: vm p_disk (id 5): fault: access outside guest RAM
seen hv: vm p_zero (id 6): fault: access outside guest RAM
seen hv: vm p_high (id 7): fault: access outside guest RAM
STEPS
progress
cat <<'STEPS'
within STALL hostile: done:
expect hostile: now spinning
expect victim| victim: round
expect victim| victim: round
send \x1d
expect console input now goes to vm hostile
send \x1d
expect console input now goes to the monitor
send list\r
expect KiB of
send destroy 1\r
expect hv: vm hostile (id 1): destroyed by the monitor
expect hv: vm hostile (id 1): memory returned
send \x1d
expect console input now goes to vm victim
send q
expect victim| victim: final:
expect hv: all VMs have stopped, powering off
STEPS
} | sed "s/^within STALL /within $stall /" |
python3 tests/qemu/converse.py --log "$log" --timeout "$secs" --fail-on "hostile: stalled" -- \
  scripts/qemu.sh -s 2 -m 512M -k "$img" -c "configs/$cfg.conf"
rc=$?
fail() { echo "FAIL: $*"; exit 1; }
grep -a -E "hostile: (seed|done|answers|stalled)|victim: (ready|final)|^ *[0-9]+ (victim|hostile) |calls:|^free:" "$log"
grep -a "^hv: vm p_" "$log" | grep -a fault
if [ $rc -ne 0 ]; then
  tail -n 30 "$log" | cut -c1-160
  echo "last progress: $(grep -a -o -E 'hostile: ([0-9]+ calls|seed=[^ ]*|[0-9]+ regression calls answered)' "$log" | tail -n 1)"
  fail "the conversation did not complete (a hang: rerun with trace=N in the hostile VM's bootargs, tests/isolation/README.md)"
fi
for p in "p_host.*stval=0x88000000" "p_above.*scause=0x17.*stval=0x80400000" \
         "p_uart.*scause=0x17.*stval=0x10000000" "p_disk.*stval=0x10008000" \
         "p_zero.*scause=0x17.*stval=0x0," "p_high.*stval=0x10000000000"; do
  grep -aqE "^hv: vm $p" "$log" || fail "no fault report matching $p"
done
grep -aq "isolation is broken" "$log" && fail "a probe survived its access"
grep -aq "MISMATCH" "$log" && fail "the victim saw a changed checksum"
grep -aqE "HV PANIC|hv: trap in HS" "$log" && fail "the hypervisor failed"
grep -aqE "^hv: vm (victim|hostile) .*fault" "$log" && fail "the victim or the hostile VM was stopped"
done=$(grep -a -o "hostile: done: .*" "$log")
calls=$(echo "$done" | sed -n 's/.* calls=\([0-9]*\).*/\1/p')
[ -n "$calls" ] && [ "$calls" -ge 10000 ] || fail "fewer than 10,000 calls ($calls)"
echo "$done" | grep -q "bad answers=0 " || fail "an answer was not an SBI error code"
grep -aqE "^ *1 hostile +running +2 " "$log" || fail "monitor list has no running hostile row"
grep -aqE "victim: final: [1-9][0-9]* disk rounds, [1-9][0-9]* memory rounds: every checksum intact" "$log" \
  || fail "no final victim report"
echo "isolation: $calls calls, victim intact, monitor answered"
