#!/usr/bin/env bash
# Linux beside two pv-guests: while Linux (2 vCPUs) runs its checks and powers its VM off, the
# pv-guests boot to their shells; pv1 (first VM: console input) then answers a command after
# Linux is gone, and pv2 is still up. Fails if a VM faults, Linux fails a check, or a pv-guest
# does not answer.
set -u
. tests/linux/lib.sh
linux_prepare
log=$B/tests/linux-beside.log
t0=$(date +%s)
timeout -k 5 330 python3 tests/qemu/converse.py --log "$log" --timeout 300 -- \
  qemu-system-riscv64 -M virt -cpu rv64 -nographic -smp 2 -m 512M \
  -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin -kernel "$(linux_set beside)" <<'EOS'
seen hv: 3 of 3 VMs created
seen pv1| init: starting sh
seen pv2| init: starting sh
seen linux| check threads: ok
seen linux| init: all checks passed, powering off
seen hv: vm linux (id 1): shut down
send echo pv1 still here\n
expect pv1| pv1 still here
EOS
rc=$?
echo "--- console ($log) ---"; tail -n 60 "$log"
[ $rc -eq 0 ] || { echo "FAIL: conversation"; exit 1; }
for x in ": FAIL" "Kernel panic" "Oops" "unhandled signal" "): fault: " "HV PANIC" "hv: trap in HS"; do
  if grep -qF -- "$x" "$log"; then echo "FAIL: unexpected line: $(grep -m1 -F -- "$x" "$log")"; exit 1; fi
done
for c in dt-layout proc-cpuinfo proc-self-stat fp-process-0 fp-process-1 sleep threads; do
  grep -qF "linux| check $c: ok" "$log" || { echo "FAIL: missing linux| check $c: ok"; exit 1; }
done
echo "linux: beside-pv run took $(( $(date +%s) - t0 ))s"
