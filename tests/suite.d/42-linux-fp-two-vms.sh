#!/usr/bin/env bash
# FP state belongs to each vCPU under Linux too: two Linux VMs on one hart (-smp 1), in each two
# processes fill f0-f31 and fcsr with their own pattern and read them back, at least 40
# preemptions each (Linux's and rvpv's), 0 corrupted reads. Fails if rvpv leaves guest FP off
# (Linux dies with an illegal instruction in __fstate_restore at its first exec) or does not
# switch the registers between vCPUs (corrupted reads).
set -u
. tests/linux/lib.sh
linux_prepare
log=$B/tests/linux-fp.log
t0=$(date +%s)
tests/qemu/expect.sh -i "$(linux_set fp)" -l "$log" -t 180 -s 1 -m 256M \
  -o "hv: 2 of 2 VMs created" \
  -e "lfp1| check fp-preempt: ok" -e "lfp2| check fp-preempt: ok" \
  -e "hv: vm lfp1 (id 0): shut down" -e "hv: vm lfp2 (id 1): shut down" \
  -x "[1-9][0-9]* corrupted" -x ": FAIL" -x "Kernel panic" -x "Oops" -x "unhandled signal" -x "id [0-9]+\): fault: " || exit 1
n=$(grep -acE "^lfp[12]\| fp: process [01] \(seed [12]\): [1-9][0-9]* register reads across ([4-9][0-9]|[1-9][0-9]{2,}) preemptions, 0 corrupted" "$log")
[ "$n" -eq 4 ] || { echo "FAIL: expected 4 processes with >= 40 preemptions and 0 corrupted reads ($n)"; exit 1; }
echo "linux: fp run took $(( $(date +%s) - t0 ))s"
