#!/usr/bin/env bash
# Host unit test (ASan/UBSan) of the test and bench guests' support library (tests/lib): the
# printf core, bootargs words and the device-tree reader, also on QEMU virt's own tree.
set -u
cd "$RVPV_ROOT"
dtb=$B/tests/virt-256m.dtb
mkdir -p "$B/tests"
scripts/qemu.sh -T "$dtb" -s 2 -m 256M >/dev/null 2>&1 || { echo "cannot dump QEMU's device tree"; exit 1; }
out=$("$B/unit/tlib_test" "$dtb" 2>&1); rc=$?
echo "$out"
[ $rc -eq 0 ] && echo "$out" | grep -q "^tlib: [1-9][0-9]* passed, 0 failed$"
