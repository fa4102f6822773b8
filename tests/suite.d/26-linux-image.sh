#!/usr/bin/env bash
# A kernel that knows only SBI boots from its Linux Image header: entry state (a0 = hart id,
# a1 = device tree with the bootargs, satp = 0, interrupts off) as the boot protocol says.
# An image marked "linux" without the header is refused at creation.
exec tests/qemu/expect.sh -i "$B/hv/linux/hv.elf" -l "$B/tests/linux-image.log" -t 60 -s 1 \
  -e "linux| linuximg: booted from its Image header with the expected entry state" \
  -e "hv: vm linux (id 0): shut down" -e "hv: vm nohdr: image has no Linux RISC-V header" \
  -e "hv: 1 of 2 VMs created" -x "wrong entry state" -x "^nohdr\| "
