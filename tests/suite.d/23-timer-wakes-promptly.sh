#!/usr/bin/env bash
# A vCPU whose timer is due runs at once: on one hart, vCPU 1 of a VM spins with interrupts off
# while vCPU 0 sleeps until 20 SBI TIME deadlines; under -icount (time counts instructions, so
# the figure does not depend on the host's speed) the worst lateness must stay below 1000 ticks
# (100 us). When a due timer waited for the spinner's 5 ms slice to end, it was ~20000 ticks.
set -u
log=$B/tests/timerlate.log
img=$B/hv/timerlate/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
tests/qemu/expect.sh -i "$img" -l "$log" -t 120 -s 1 -m 128M -q "-icount shift=0,sleep=off" \
  -e "late| timerlate: 20 deadlines" -e "hv: all VMs have stopped, powering off" || exit 1
worst=$(sed -n 's/.*worst lateness \([0-9]*\) ticks.*/\1/p' "$log")
[ -n "$worst" ] && [ "$worst" -lt 1000 ] || { echo "FAIL: worst lateness $worst ticks (limit 1000)"; exit 1; }
echo "timer: worst lateness $worst ticks"
