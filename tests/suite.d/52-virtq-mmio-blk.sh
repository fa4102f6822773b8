#!/usr/bin/env bash
# hv/blk/virtio_mmio_blk.c on QEMU's virtio-blk-device (modern virtio-mmio): a standalone
# S-mode payload reads the host's pattern, writes + flushes + reads back, keeps 8 requests in
# flight, checks IOERR and EBUSY; then a pretend guest drives hv/blk/vblk.c (BLOCK calls) over
# the same device with PLIC interrupts. Afterwards the image on the host must hold both writes.
set -u
cd "$RVPV_ROOT"
elf=$B/tests/virtq_hw/vmblk_test.elf
[ -f "$elf" ] || make --no-print-directory B="$B" "$elf" || exit 1
disk=$B/tests/virtq_hw/disk-52.img
python3 tests/unit/virtq_hw/mkdisk.py "$disk" || exit 1
tests/qemu/expect.sh -i "$elf" -l "$B/tests/logs/52-virtq-mmio-blk.console" -t 60 -s 1 -m 128M \
  -q "-d $disk,cache=writethrough" \
  -o "vmblk test: virtio-blk at 0x10008000" \
  -o "PASS: vmblk read sector 0 holds the host's pattern" \
  -o "PASS: vmblk write sector 1 (2 segments)" \
  -o "PASS: vmblk flush" \
  -o "PASS: vmblk read back sector 1 matches what was written" \
  -o "PASS: vmblk 8 reads of 4 KiB in flight together, each with the right data" \
  -o "PASS: vmblk device raised its PLIC interrupt line" \
  -o "PASS: vmblk read at sector = capacity completes IOERR" \
  -o "PASS: vmblk queue full gives EBUSY, all descriptors come back" \
  -o "PASS: vmblk e2e: BLOCK_GET_INFO" \
  -o "PASS: vmblk e2e: BLOCK_SET_FEATURES + QUEUE_SETUP (event idx)" \
  -o "PASS: vmblk e2e: write 8 KiB + flush completed (in BLOCK_NOTIFY or on the PLIC interrupt)" \
  -o "PASS: vmblk e2e: 4 reads in one notify return the written data" \
  -o "PASS: vmblk e2e: guest notified per used_event (event idx)" \
  -o "PASS: vmblk e2e: read past the VM's window answered IOERR at once" \
  -o "PASS: vmblk e2e: BLOCK_RESET" \
  -o "vmblk test: 18 passed, 0 failed" \
  -x "FAIL: vmblk" || exit 1
python3 tests/unit/virtq_hw/mkdisk.py "$disk" check
