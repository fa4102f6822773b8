#!/usr/bin/env bash
# A guest writes past the end of its RAM, another reads a page it gave back with BALLOON_RELEASE:
# each is stopped with a one-line report (VM, cause, pc, guest-physical address), their
# neighbour still finishes, and the hypervisor powers off cleanly.
exec tests/qemu/expect.sh -i "$B/hv/hostile/hv.elf" -l "$B/tests/hostile.log" -t 60 -s 2 \
  -e "bad| fault: writing to 0x80800000" \
  -e "hv: vm bad (id 0): fault: access outside guest RAM: vcpu 0 scause=0x17" \
  -e "htval=0x20200000 stval=0x80800000, stopped" \
  -o "gone| gone: released 0x80201000: error 0, 1 page; reading it" \
  -o "hv: vm gone (id 2): fault: access to a released page: vcpu 0 scause=0x15 sepc=0x" \
  -e "htval=0x20080400 stval=0x80201000, stopped" \
  -e "good| goodbye" -e "hv: vm good (id 1): shut down" \
  -o "hv: all VMs have stopped, powering off" \
  -x "isolation is broken" -x "the page is still mapped"
