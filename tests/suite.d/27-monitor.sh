#!/usr/bin/env bash
# The monitor: Ctrl-] three times reaches it; `list` shows each VM's state, vCPUs, RAM, run
# time, memory (resident, released, balloon target, G-stage tables), exits by cause and calls by ABI name;
# pause/resume/restart/destroy/balloon act on one VM (balloon's arguments checked); a
# destroyed VM's memory returns to the free pool. The counters are sums over all of a VM's
# vCPUs: `count` (tests/guests/count.c) makes a known number of calls on each of its two.
set -u
log=$B/tests/monitor.log
python3 tests/qemu/converse.py --log "$log" --timeout 120 -- scripts/qemu.sh -s 2 -m 256M \
  -k "$B/hv/monitor/hv.elf" <<'STEPS'
seen spinA| spin: spinning
seen spinB| spin: spinning
seen count| count: done
send \x1d
expect console input now goes to vm spinB
send \x1d
expect console input now goes to vm count
send \x1d
expect console input now goes to the monitor
send list\r
expect KiB of
send pause 0\r
expect hv: vm spinA (id 0): paused
send list\r
expect KiB of
send resume 0\r
expect hv: vm spinA (id 0): resumed
send restart 1\r
expect hv: vm spinB (id 1) restarted (1)
send destroy 7\r
expect monitor: no running VM 7
send balloon 0\r
expect monitor: usage: balloon ID MiB
send balloon 0 5\r
expect monitor: vm spinA has 4 MiB
send balloon 0 2x\r
expect monitor: usage: balloon ID MiB
send balloon 0 2\r
expect hv: vm spinA (id 0): balloon target 2 MiB
send list\r
expect KiB of
send destroy 0\r
expect hv: vm spinA (id 0): destroyed by the monitor
expect hv: vm spinA (id 0): memory returned
send list\r
expect KiB of
STEPS
rc=$?
sed -n '/rvpv hypervisor/,$p' "$log"
[ $rc -eq 0 ] || exit 1
fail() { echo "FAIL: $*"; exit 1; }
grep -qE "^ 0 spinA +running +1 +4 +[0-9]+ +0" "$log" || fail "no running row for spinA"
grep -qE "^ 1 spinB +running +2 +4 " "$log" || fail "no row for spinB with 2 vCPUs"
grep -qE "^ 0 spinA +paused " "$log" || fail "pause not shown"
grep -qE "exits: ecall=[0-9]+ .*timer=[0-9]+" "$log" || fail "no exit counters"
grep -q "calls: sbi=0 CONSOLE_WRITE=1" "$log" || fail "no per-call counters"
# spin has no balloon driver: the target is shown, nothing is released
grep -qE "^ +memory: resident=4096 KiB released=0 KiB target=2048 KiB g-stage=20 KiB$" "$log" ||
  fail "no memory line with spinA's 2 MiB balloon target"
# count's two vCPUs: 1000 + 700 CPU_VCPU_COUNT, 300 MEM_GET_MAP on vCPU 1, one VCPU_START and
# one CONSOLE_WRITE on vCPU 0; 2002 ecall exits in all (its row in the first listing)
block=$(awk '/^ *[0-9]+ count +running /{p=1; print; next} p && /^ +(exits|calls):/{print; next} {p=0}' "$log" | head -n 3)
echo "count: $block"
calls=$(grep "calls:" <<<"$block")
for c in CPU_VCPU_START=1 CPU_VCPU_COUNT=1700 MEM_GET_MAP=300 CONSOLE_WRITE=1; do
  grep -qE "(^| )$c( |\$)" <<<"$calls" || fail "count: listing has not $c (sum over both vCPUs): $calls"
done
grep -qE "^ +exits: ecall=2002( |\$)" <<<"$block" || fail "count: not 2002 ecall exits: $(grep exits: <<<"$block")"
grep -qE "^ *2 count +running +2 +4 " "$log" || fail "no row for count with 2 vCPUs"
frees=$(grep -o '^free: [0-9]*' "$log" | grep -o '[0-9]*')
first=$(echo "$frees" | head -n 1); last=$(echo "$frees" | tail -n 1)
[ "$last" -gt "$first" ] || fail "free memory did not grow after destroy ($first -> $last)"
! grep -qE "HV PANIC|fault" "$log"
