#!/usr/bin/env bash
# Boots the hypervisor ELF on QEMU virt under Debian's OpenSBI (fw_dynamic); extra arguments
# go to QEMU. Leave QEMU with Ctrl-A X.
set -eu
hv=$1; shift
exec qemu-system-riscv64 -M virt -cpu rv64 -nographic \
  -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \
  -kernel "$hv" "$@"
