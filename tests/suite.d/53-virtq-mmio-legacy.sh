#!/usr/bin/env bash
# The vmblk driver refuses QEMU's default legacy (version 1) virtio-mmio transport with a
# message that says how to get the modern one, and touches no sector.
set -u
cd "$RVPV_ROOT"
elf=$B/tests/virtq_hw/vmblk_test.elf
[ -f "$elf" ] || make --no-print-directory B="$B" "$elf" || exit 1
disk=$B/tests/virtq_hw/disk-53.img
python3 tests/unit/virtq_hw/mkdisk.py "$disk" || exit 1
cp "$disk" "$disk.orig"
tests/qemu/expect.sh -i "$elf" -l "$B/tests/logs/53-virtq-mmio-legacy.console" -t 60 -s 1 -m 128M \
  -q "-l -d $disk,cache=writethrough" \
  -e "legacy virtio-mmio (version 1) not supported; run QEMU with -global virtio-mmio.force-legacy=false" \
  -e "vmblk test: init refused the legacy device" \
  -x "PASS: vmblk" || exit 1
cmp "$disk" "$disk.orig" && echo "disk untouched"
