#!/usr/bin/env bash
# Floating point belongs to each vCPU: two VMs on one hart keep their own f0-f31 and fcsr across
# 2 x 40 preemptions each (0 corrupted reads; the second 40 change fcsr alone), and the guest's riscv,isa still offers f and d but
# never h or v. Fails if rvpv leaves FS off (the first FP instruction traps: no "pattern" line,
# or an illegal-instruction fault) or does not switch the registers (corrupted reads).
set -u
log=$B/tests/fp.log
img=$B/hv/fp/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
tests/qemu/expect.sh -i "$img" -l "$log" -t 120 -s 1 -m 256M \
  -o "hv: 2 of 2 VMs created" \
  -e "fp1| fpcheck: pattern" -e "fp2| fpcheck: pattern" \
  -x "corrupted$" -x "[1-9][0-9]* corrupted" -x "fault" \
  -e "hv: all VMs have stopped, powering off" || exit 1
n=$(grep -acE "^fp[12]\| fpcheck: [0-9]+ register reads across 80 preemptions, 0 corrupted" "$log")
[ "$n" -eq 2 ] || { echo "FAIL: expected both VMs to report 0 corrupted reads ($n did)"; exit 1; }
echo "fp: both VMs kept their FP registers"
