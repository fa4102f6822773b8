#!/usr/bin/env bash
# Teardown with disk requests in flight (issue #12, item 5): guest buffers go to the device
# without copies, so before a VM's pages are scrubbed and freed (and handed to the next owner)
# every request into them must be finished. configs/teardown.conf: `stream`
# (tests/isolation/stream.c) keeps 32 requests of 64 KiB in flight on a disk QEMU throttles to
# 150 requests/s, so the queue is always full: 32 requests take over 200 ms to drain, longer than
# a heavily loaded host was seen to starve the guest's hart (at 400/s one teardown in three or
# four found nothing in flight at load 15-20). Half writes, half reads that it checks; `twin`
# is the same guest idling; the victim checksums its RAM and disk. stream reboots itself
# (LIFECYCLE_REBOOT) once, then the monitor restarts it four times and destroys it, each time
# in the middle of its stream. Every new instance must find its RAM zeroed (a device still
# writing for the old one would land there), the victim must end intact, the hypervisor must
# not fail, and free memory must come back exactly: every "restarted (N), K KiB free" the same,
# `list` the same before and after, and destroying the streaming VM must give back exactly what
# destroying its idle twin did. That each teardown had requests in flight shows in the disk
# report: the device finished more requests than the guest was answered.
set -u
cd "$RVPV_ROOT"
img=$B/hv/teardown/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
out=$B/tests/teardown
mkdir -p "$out"
log=$out/teardown.log
q=
for i in 0 1 2; do
  rm -f "$out/d$i.img"; truncate -s 4M "$out/d$i.img"
  t=; [ $i = 1 ] && t=",throttling.iops-total=150"
  q="$q -d $out/d$i.img$t"
done
steps() {
  cat <<'S'
seen victim| victim: ready
seen twin| stream: idle
expect stream| stream: streaming
expect stream| stream: round 2
send \x1d
expect console input now goes to vm stream
send r
expect hv: vm stream (id 1) restarted (1),
expect stream| stream: streaming
expect stream| stream: round 2
send \x1d
expect console input now goes to vm twin
send \x1d
expect console input now goes to the monitor
send list\r
expect KiB of
S
  for n in 2 3 4 5; do
    printf 'send restart 1\\r\nexpect hv: vm stream (id 1) restarted (%s),\n' $n
    printf 'expect stream| stream: streaming\nexpect stream| stream: round 2\n'
  done
  cat <<'S'
send list\r
expect KiB of
send destroy 2\r
expect hv: vm twin (id 2): memory returned
expect stream| stream: round
send destroy 1\r
expect hv: vm stream (id 1): memory returned
send list\r
expect KiB of
send \x1d
expect console input now goes to vm victim
send q
expect victim| victim: final:
expect hv: all VMs have stopped, powering off
S
}
# shellcheck disable=SC2086
steps | timeout -k 5 250 python3 tests/qemu/converse.py --log "$log" --timeout 240 -- scripts/qemu.sh \
  -s 2 -m 256M -k "$img" $q
rc=$?
grep -a -E "stream: (fresh|rebooting|MISMATCH)|vm (stream|twin)|restarted|memory returned|^free:|victim: (final|MISMATCH)|HV PANIC|palloc|fault" "$log"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
[ $rc -eq 0 ] || bad "the conversation did not complete: $(tail -n 3 "$log" | tr '\n' ' ' | cut -c1-300)"
grep -aqE "HV PANIC|hv: trap in HS|palloc: " "$log" && bad "the hypervisor failed: $(grep -a -m1 -E 'HV PANIC|trap in HS|palloc: ' "$log")"
grep -aq "MISMATCH" "$log" && bad "a checksum or a fresh instance's RAM was wrong: $(grep -a -m1 MISMATCH "$log")"
grep -aqE "^hv: vm [a-z]+ .*(fault|crashed)" "$log" && bad "a VM was stopped: $(grep -a -m1 -E '^hv: vm .*(fault|crashed)' "$log")"
grep -aqE "^victim\| victim: final: [1-9][0-9]* disk rounds, [1-9][0-9]* memory rounds: every checksum intact" "$log" \
  || bad "no final victim report"
n=$(grep -a -c "^stream| stream: fresh RAM zero" "$log")
[ "$n" -eq 6 ] || bad "$n of 6 stream instances checked their fresh RAM"
grep -aq "^twin| stream: fresh RAM zero" "$log" || bad "the twin did not check its RAM"
# free memory: every restart the same; list before = list after the restarts; stream = twin
r=$(grep -a -o 'vm stream (id 1) restarted ([0-9]*), [0-9]* KiB free' "$log" | grep -o '[0-9]* KiB' | sort -u)
[ "$(grep -a -c 'vm stream (id 1) restarted' "$log")" -eq 5 ] && [ "$(echo "$r" | wc -l)" -eq 1 ] \
  || bad "free memory after the restarts: $(echo $r)"
l=($(grep -a -o '^free: [0-9]*' "$log" | grep -o '[0-9]*'))
t=$(grep -a -o 'vm twin (id 2): memory returned, [0-9]*' "$log" | grep -o '[0-9]*$')
s=$(grep -a -o 'vm stream (id 1): memory returned, [0-9]*' "$log" | grep -o '[0-9]*$')
if [ ${#l[@]} -eq 3 ] && [ -n "$t" ] && [ -n "$s" ]; then
  [ "${l[0]}" = "${l[1]}" ] || bad "free memory ${l[0]} KiB before the restarts, ${l[1]} KiB after"
  [ $((s - t)) -eq $((t - l[1])) ] || bad "destroying the streaming VM gave back $((s - t)) KiB, its idle twin $((t - l[1])) KiB"
  [ "${l[2]}" = "$s" ] || bad "list shows ${l[2]} KiB free after the destroy, the destroy said $s"
  echo "free memory: $r after each restart; ${l[1]} KiB with both running, twin gave back $((t - l[1])) KiB, stream $((s - t)) KiB"
else
  bad "missing free-memory lines (list: ${l[*]}, twin: $t, stream: $s)"
fi
# requests in flight at each of the 6 teardowns: device requests minus answered requests grows
prev=0; k=0; inflight=
while read -r g d; do
  k=$((k+1)); gap=$((d - g)); inflight="$inflight $((gap - prev))"
  [ $gap -gt $prev ] || bad "teardown $k of stream had no request in flight (device $d, answered $g)"
  prev=$gap
done < <(grep -a -o 'vm stream disk: [0-9]* requests, .*device: [0-9]* requests' "$log" | sed -E 's/.*disk: ([0-9]+) requests.*device: ([0-9]+) requests/\1 \2/')
[ $k -eq 6 ] || bad "$k stream disk reports, expected 6 (a reboot, 4 restarts, a destroy)"
echo "requests in flight at the teardowns:$inflight"
exit $fail
