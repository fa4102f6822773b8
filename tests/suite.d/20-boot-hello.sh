#!/usr/bin/env bash
# The default VM set: the hypervisor boots from OpenSBI, both guests greet through the console
# hypercall from VS-mode, shut down through SBI SRST, and the machine powers off (QEMU exit 0).
abi=$(tests/abi/version.sh)
exec tests/qemu/expect.sh -i "$B/hv/hello/hv.elf" -l "$B/tests/boot-hello.log" -t 60 -s 2 \
  -e "rvpv hypervisor, ABI $abi" -e "hv: 2 of 2 VMs created" \
  -e "hello| hello from a paravirtual guest: vcpu 0" -e "hello2| hello from a paravirtual guest: vcpu 0" \
  -e "hello| rvpv ABI $abi detected" -e "hello2| rvpv ABI $abi detected" \
  -e "hv: vm hello (id 0): shut down" -e "hv: vm hello2 (id 1): shut down" \
  -o "hello| goodbye" -o "hv: all VMs have stopped, powering off" \
  -x "fault" -x "not on rvpv"
