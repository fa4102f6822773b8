#!/usr/bin/env bash
# Conformance suite, standard-SBI part, on plain QEMU + Debian's OpenSBI 1.1 (no hypervisor):
# every standard case must pass (rvpv-only rules skip), the run ends with SRST shutdown.
set -u
img=$B/guests/conformance-sbi-native.elf
[ -f "$img" ] || { echo "FAIL: no $img (is tests/conformance/build.mk included by the Makefile?)"; exit 1; }
log=$B/tests/conformance/native.log
tests/qemu/expect.sh -i "$img" -l "$log" -t 60 -s 2 -m 256M \
  -e "# rvpv conformance suite: impl id 0x1 (not rvpv), 2 cpus" -o "ok 1 - boot/entry/" \
  -o "hsm/hart_start/entry-a0-is-hartid" -o " passed, 0 failed" || exit 1
tests/conformance/check-log.sh "$log" 60
