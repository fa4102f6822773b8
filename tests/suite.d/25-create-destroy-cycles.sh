#!/usr/bin/env bash
# 50 create/destroy cycles (a VM that reboots itself) leave the hypervisor's free memory
# exactly where it was after the first, while a neighbour VM spins on the other hart.
set -u
log=$B/tests/cycles.log
python3 tests/qemu/converse.py --log "$log" --timeout 180 -- scripts/qemu.sh -s 2 -m 512M \
  -k "$B/hv/cycle/hv.elf" <<'STEPS'
expect hv: vm cycle (id 0) restarted (1),
expect hv: vm cycle (id 0) restarted (50),
expect KiB free
STEPS
rc=$?
grep -E "restarted \((1|50)\)" "$log"
[ $rc -eq 0 ] || exit 1
first=$(grep -o 'restarted (1), [0-9]* KiB free' "$log" | grep -o '[0-9]* KiB')
last=$(grep -o 'restarted (50), [0-9]* KiB free' "$log" | grep -o '[0-9]* KiB')
[ -n "$first" ] && [ "$first" = "$last" ] || { echo "FAIL: free memory $first after cycle 1, $last after cycle 50"; exit 1; }
! grep -qE "HV PANIC|fault|returned" "$log"
