#!/usr/bin/env bash
# Host unit test (ASan/UBSan): the device-tree reader and writer, including QEMU virt's own tree,
# and platform_probe's PLIC contexts and SSWI registers in it (with the ACLINT and with -C).
set -u
dtb=$B/tests/virt.dtb
mkdir -p "$B/tests"
scripts/qemu.sh -T "$dtb" -s 2 -m 256M >/dev/null 2>&1 || { echo "cannot dump QEMU's device tree"; exit 1; }
scripts/qemu.sh -T "$dtb.clint" -C -s 2 -m 256M >/dev/null 2>&1 || { echo "cannot dump QEMU's device tree (-C)"; exit 1; }
exec "$B/unit/fdt_test" "$dtb" "$dtb.clint"
