#!/usr/bin/env bash
# An unmodified Linux 6.12 on two vCPUs: boots from its Image header with an initrd, and its /init
# checks the device tree (DTB reserved without no-map, initrd in /chosen below it), /proc
# (2 harts in cpuinfo, /proc/self/stat), FP in two processes pinned to the two vCPUs, a 1 s
# nanosleep, two threads on the two vCPUs, perf counting cycles and instructions (Linux's legacy
# PMU driver: rvpv offers no SBI PMU), and powers off (SBI SRST shutdown: QEMU exits).
# Fails on a missing or failed check, a kernel panic or oops, or an unhandled user signal.
set -u
. tests/linux/lib.sh
linux_prepare
t0=$(date +%s)
tests/qemu/expect.sh -i "$(linux_set smp)" -l "$B/tests/linux-smp.log" -t 120 -s 2 -m 256M \
  -o "hv: 1 of 1 VMs created" \
  -o "linux| init: rvpv Linux test, mode smp" \
  -e "linux| check dt-layout: ok" -e "linux| check proc-cpuinfo: ok" -e "linux| check proc-self-stat: ok" \
  -e "linux| check fp-process-0: ok" -e "linux| check fp-process-1: ok" \
  -e "linux| check sleep: ok" -e "linux| check threads: ok" -e "linux| check perf: ok" \
  -o "linux| init: all checks passed, powering off" -o "hv: vm linux (id 0): shut down" \
  -x ": FAIL" -x "Kernel panic" -x "Oops" -x "BUG:" -x "unhandled signal" -x "id [0-9]+\): fault: " || exit 1
echo "linux: smp run took $(( $(date +%s) - t0 ))s"
