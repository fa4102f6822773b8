#!/usr/bin/env bash
# Consolidation at scale: 64 VMs (configs/crowd.conf, tests/guests/crowd.c) on -smp 32. Every VM
# sleeps through 12 deadlines of its own (event-port timer, CPU_BLOCK_UNTIL, SBI/Sstc timer with
# wfi: many keys on each hart's timer heap) and reports that none fired early; a lost wake-up
# leaves its line missing. Then the console visits each VM in turn (Ctrl-]) and each answers the
# line typed to it, so input reaches every one of the 64; after the last VM the monitor's `list`
# must show all 64 running. Fails on a missing or early line, a missing row, a panic or fault.
set -u
log=$B/tests/crowd.log
N=64
steps=$(
  for i in $(seq 0 $((N - 1))); do echo "seen c$i| crowd $i: 12 deadlines kept, none early"; done
  for i in $(seq 0 $((N - 1))); do
    echo "send ping-$i\\r"
    echo "expect c$i| crowd $i: heard 'ping-$i'"
    echo 'send \x1d'
    if [ $i -lt $((N - 1)) ]; then echo "expect console input now goes to vm c$((i + 1)) (id $((i + 1)))"
    else echo "expect console input now goes to the monitor"; fi
  done
  echo 'send list\r'
  echo "expect free: "
)
python3 tests/qemu/converse.py --log "$log" --timeout 180 --fail-on "HV PANIC" --fail-on "FAIL" \
  --fail-on "fault" -- scripts/qemu.sh -s 32 -m 512M -k "$B/hv/crowd/hv.elf" <<<"$steps"
rc=$?
grep -a -E "rvpv hypervisor|VMs created" "$log"
[ $rc -eq 0 ] || { echo "FAIL: the conversation stopped (log $log)"; tail -n 20 "$log"; exit 1; }
grep -aq "hv: $N of $N VMs created" "$log" || { echo "FAIL: not all $N VMs created"; exit 1; }
rows=$(grep -acE "^ *[0-9]+ c[0-9]+ +running +1 +4 " "$log")
missing=$(for i in $(seq 0 $((N - 1))); do grep -aqE "^ *$i c$i +running +1 +4 " "$log" || echo -n " c$i"; done)
[ -z "$missing" ] && [ "$rows" -eq $N ] || { echo "FAIL: the monitor lists $rows running VMs; missing:$missing"; exit 1; }
echo "PASS: $N VMs on 32 harts kept their deadlines, each answered its console line, the monitor lists all $N"
