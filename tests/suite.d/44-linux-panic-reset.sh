#!/usr/bin/env bash
# A Linux that panics with panic=-1 (its init exits: "Attempted to kill init") resets itself
# through SBI SRST; rvpv says the guest asked for a reboot, restarts the VM from its image, and
# reports every restart with its count. rvpv restarts such a VM for ever, so the test watches
# two resets (restarted (1) and (2), the kernel booting again in between) and then stops QEMU.
# Fails if the panic does not end in a reported reset, or the VM does not come back.
set -u
. tests/linux/lib.sh
linux_prepare
log=$B/tests/linux-panic.log
t0=$(date +%s)
timeout -k 5 270 python3 tests/qemu/converse.py --log "$log" --timeout 240 -- \
  scripts/qemu.sh -s 1 -m 256M -k "$(linux_set panic)" <<'EOS'
expect lpanic| init: rvpv Linux test, mode exit
expect Kernel panic - not syncing: Attempted to kill init
expect hv: vm lpanic (id 0): guest requested a cold reboot through SBI SRST
expect hv: vm lpanic (id 0): rebooting
expect hv: vm lpanic (id 0) restarted (1)
expect lpanic| init: rvpv Linux test, mode exit
expect Kernel panic - not syncing: Attempted to kill init
expect hv: vm lpanic (id 0) restarted (2)
EOS
rc=$?
echo "--- console ($log) ---"; tail -n 40 "$log"
[ $rc -eq 0 ] || { echo "FAIL: conversation"; exit 1; }
for x in "HV PANIC" "hv: trap in HS" "): fault: "; do
  if grep -qF -- "$x" "$log"; then echo "FAIL: unexpected line: $(grep -m1 -F -- "$x" "$log")"; exit 1; fi
done
echo "linux: panic/reset run took $(( $(date +%s) - t0 ))s"
