#!/usr/bin/env bash
# Eight VMs on two harts each finish the same fixed job with the right result; the machine
# powers off after the last one.
args=()
for i in 1 2 3 4 5 6 7 8; do args+=(-e "job$i| job: done, checksum 696e3e7545073da0" -e "hv: vm job$i (id $((i-1))): shut down"); done
exec tests/qemu/expect.sh -i "$B/hv/eight/hv.elf" -l "$B/tests/eight.log" -t 120 -s 2 -m 512M \
  -e "hv: 8 of 8 VMs created" "${args[@]}" -o "hv: all VMs have stopped, powering off" -x fault
