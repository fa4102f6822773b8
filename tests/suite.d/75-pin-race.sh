#!/usr/bin/env bash
# Pins against balloon releases (issue #12, items 1 and 2): pages the hypervisor keeps (the event
# page, a vCPU info area, each ring part of the disk queue) are pinned; releasing a range that
# touches one is DENIED and changes nothing, pinning a released page is INVALID_ADDRESS, and
# after the unpin (unregister, BLOCK_RESET, reboot for the event page) the release succeeds.
# tests/isolation/pinrace.c checks both orders for each pin, then races vCPU 0's pin against
# vCPU 1's release, 1000 rounds per info/ring pin; the event page is raced once per boot until
# the pin wins, over 20 boots (LIFECYCLE_REBOOT). Exactly one side may win each round, each
# side must win some rounds, and after a pin win the hypervisor must really use the page. A
# release whose remote-flush wait lost its wakeup (ended only by the guest's rescue timer)
# fails the test too. Meanwhile the victim
# (tests/isolation/victim.c) checksums its RAM and its disk and must find them intact; the
# hypervisor must never panic (a page freed while still in use ends as a double free).
set -u
cd "$RVPV_ROOT"
img=$B/hv/pinrace/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
out=$B/tests/pinrace
mkdir -p "$out"
log=$out/pinrace.log
rm -f "$out"/d0.img "$out"/d1.img
truncate -s 4M "$out/d0.img"; truncate -s 1M "$out/d1.img" # pinrace keeps its counters in sector 0
timeout -k 5 330 python3 tests/qemu/converse.py --log "$log" --timeout 320 -- scripts/qemu.sh \
  -s 2 -m 256M -k "$img" -d "$out/d0.img" -d "$out/d1.img" <<'STEPS'
seen victim| victim: ready
expect pinrace: done:
send q
expect victim| victim: final:
expect hv: all VMs have stopped, powering off
STEPS
rc=$?
grep -a -E "^pinrace\| pinrace: (boot [0-9]+ of|race|event page|done|not ok)|victim: (ready|final|MISMATCH)|restarted|HV PANIC|palloc|fault" "$log" | head -n 80
fail=0
bad() { echo "FAIL: $*"; fail=1; }
[ $rc -eq 0 ] || bad "the conversation did not complete: $(tail -n 3 "$log" | tr '\n' ' ' | cut -c1-300)"
grep -aqE "HV PANIC|hv: trap in HS|palloc: " "$log" && bad "the hypervisor failed: $(grep -a -m1 -E 'HV PANIC|trap in HS|palloc: ' "$log")"
grep -aq "MISMATCH" "$log" && bad "the victim saw a changed checksum"
grep -aqE "^hv: vm (victim|pinrace) .*fault" "$log" && bad "a VM was stopped: $(grep -a -m1 -E '^hv: vm .*fault' "$log")"
grep -aqE "^victim\| victim: final: [1-9][0-9]* disk rounds, [1-9][0-9]* memory rounds: every checksum intact" "$log" \
  || bad "no final victim report"
grep -aq "^pinrace| pinrace: not ok" "$log" && bad "$(grep -a -c '^pinrace| pinrace: not ok' "$log") pinrace cases failed: $(grep -a -m3 '^pinrace| pinrace: not ok' "$log" | cut -c1-200)"
for k in vcpu-info ring-desc ring-avail ring-used; do
  for c in release-first-succeeds pin-on-released-page-invalid-address pin-succeeds release-touching-pin-denied \
      release-ending-at-pin-denied denied-release-changed-nothing release-next-to-pin-succeeds pinned-page-used \
      unpin-then-release-succeeds race-exactly-one-wins; do
    grep -aqx "pinrace| pinrace: ok - $k-$c" "$log" || bad "missing: $k-$c"
  done
  grep -aqE "^pinrace\| pinrace: race $k: 1000 rounds: pin won [1-9][0-9]*, release won [1-9][0-9]*, both 0, neither 0, unused 0$" "$log" \
    || bad "race $k: $(grep -a -m1 "pinrace: race $k: [0-9]* rounds" "$log" || echo 'no tally')"
done
for c in vcpu-info-moved-old-page-free-new-page-pinned vcpu-info-unregistered-page-free; do
  grep -aqx "pinrace| pinrace: ok - $c" "$log" || bad "missing: $c"
done
for c in release-first-succeeds pin-on-released-page-invalid-address release-touching-pin-denied \
    release-ending-at-pin-denied denied-release-changed-nothing release-next-to-pin-succeeds pinned-page-used; do
  n=$(grep -a -c -x "pinrace| pinrace: ok - event-page-$c" "$log")
  [ "$n" -eq 20 ] || bad "event-page-$c passed in $n of 20 boots"
done
n=$(grep -a -c -x "pinrace| pinrace: ok - event-page-unpinned-by-reboot" "$log")
[ "$n" -eq 19 ] || bad "event-page-unpinned-by-reboot passed after $n of 19 reboots"
grep -aqE "^pinrace\| pinrace: race event-page: [0-9]+ rounds: pin won 20, release won [1-9][0-9]*, both 0, neither 0, unused 0$" "$log" \
  || bad "event page race: $(grep -a -m1 'pinrace: race event-page: [0-9]* rounds' "$log" || echo 'no tally')"
grep -aqx "pinrace| pinrace: done: 0 failures, 0 lost wakeups" "$log" || bad "$(grep -a -m1 'pinrace: done' "$log" || echo 'pinrace did not finish')"
[ $fail -eq 0 ] && echo "pin races: $(grep -a -o 'race event-page: [0-9]* rounds' "$log"), 4000 info/ring rounds, victim intact"
exit $fail
