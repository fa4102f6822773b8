#!/usr/bin/env bash
# On a single hart, a VM spinning with interrupts off does not starve its neighbour: the
# hypervisor's timer preempts it, the neighbour finishes its job with the right checksum.
set -u
log=$B/tests/spin.log
python3 tests/qemu/converse.py --log "$log" --timeout 120 -- scripts/qemu.sh -s 1 -m 256M \
  -k "$B/hv/spin/hv.elf" <<'STEPS'
seen spin| spin: spinning with interrupts off
expect job| job: done, checksum 696e3e7545073da0
expect hv: vm job (id 1): shut down
STEPS
rc=$?
cat "$log"
[ $rc -eq 0 ] && ! grep -qE "HV PANIC|fault" "$log"
