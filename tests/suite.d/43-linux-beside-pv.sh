#!/usr/bin/env bash
# Linux beside two pv-guests (each on its own disk, as make run's default set): while Linux
# (2 vCPUs) runs its checks and powers its VM off, the pv-guests boot to their shells; pv1 (first
# VM: console input) then answers commands after Linux is gone. Fails if a VM faults, Linux fails a check, or a pv-guest
# does not answer.
set -u
. tests/linux/lib.sh
linux_prepare
log=$B/tests/linux-beside.log
rm -rf "$B/tests/disks-beside" && mkdir -p "$B/tests/disks-beside"
t0=$(date +%s)
timeout -k 5 200 python3 tests/qemu/converse.py --log "$log" --timeout 180 -- \
  scripts/qemu.sh -s 2 -m 512M -k "$(linux_set beside)" -c tests/linux/beside.conf -D "$B/tests/disks-beside" <<'EOS'
seen hv: 3 of 3 VMs created
seen pv1| init: starting sh
seen pv2| init: starting sh
seen linux| check threads: ok
seen linux| init: all checks passed, powering off
seen hv: vm linux (id 1): shut down
send echo pv1 still here > /tmp/f\n
send cat /tmp/f\n
expect pv1| cat /tmp/f
expect pv1 still here
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
