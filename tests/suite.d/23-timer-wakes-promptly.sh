#!/usr/bin/env bash
# A vCPU whose timer is due runs at once: on one hart, vCPU 0 of a VM sleeps until 20 SBI TIME
# deadlines while vCPU 1 spins with interrupts off, then 20 more while vCPU 1 alternates 2 ms of
# work with wfi (the deadline comes while the hart waits with vCPU 1 halted on it). Under -icount
# (time counts instructions, so the figures do not depend on the host's speed) the worst
# lateness must stay below 1000 ticks (100 us) in both. When a due timer waited for the
# spinner's 5 ms slice it was ~20000 ticks, and ~20000 when the halted vCPU 1 was resumed first.
set -u
log=$B/tests/timerlate.log
img=$B/hv/timerlate/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
tests/qemu/expect.sh -i "$img" -l "$log" -t 120 -s 1 -m 128M -q "-i off" \
  -e "late| timerlate: 20 deadlines each" -e "hv: all VMs have stopped, powering off" || exit 1
line=$(grep -a -o "timerlate: 20 deadlines each.*" "$log")
spin=$(echo "$line" | sed -n 's/.*spinner \([0-9]*\) ticks.*/\1/p')
halt=$(echo "$line" | sed -n 's/.*sleeper \([0-9]*\) ticks.*/\1/p')
[ -n "$spin" ] && [ "$spin" -lt 1000 ] || { echo "FAIL: beside a spinner, worst lateness $spin ticks (limit 1000)"; exit 1; }
[ -n "$halt" ] && [ "$halt" -lt 1000 ] || { echo "FAIL: beside a sleeper, worst lateness $halt ticks (limit 1000)"; exit 1; }
echo "timer: worst lateness $spin ticks beside a spinner, $halt beside a sleeper"
