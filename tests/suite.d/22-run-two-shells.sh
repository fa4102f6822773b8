#!/usr/bin/env bash
# What `make run` boots: two pv-guests on their own disks, each reaching its
# shell; console input goes to the first, Ctrl-] moves it to the second, and each VM answers
# only its own commands. Two harts, as `make run`: the VMs run in parallel.
set -u
cfg=configs/default.conf
log=$B/tests/run-two-shells.log
abi=$(tests/abi/version.sh)
rm -rf "$B/tests/disks-run" && mkdir -p "$B/tests/disks-run"
python3 tests/qemu/converse.py --log "$log" --timeout 120 -- \
  scripts/qemu.sh -s 2 -m 1G -k "$B/hv/default/hv.elf" -c "$cfg" -D "$B/tests/disks-run" <<STEPS
seen pv1| $ 
seen pv2| $ 
send echo first-vm\n
expect pv1| first-vm
send \x1d
expect hv: console input now goes to vm pv2 (id 1)
send echo second-vm\n
expect pv2| second-vm
send hcinfo\n
expect pv2| hypervisor: rvpv abi $abi features
send \x1d
expect console input now goes to the monitor
send list\r
expect KiB of
STEPS
rc=$?
cat "$log"
[ $rc -eq 0 ] || exit 1

! grep -q "pv2| first-vm\|pv1| second-vm" "$log" || { echo "FAIL: input reached the wrong VM"; exit 1; }
! grep -qE "HV PANIC|fault" "$log" || { echo "FAIL: panic or fault"; exit 1; }
# the monitor shows each VM's disk traffic: both booted from their disks
[ "$(grep -cE '^ +disk: [1-9][0-9]* requests' "$log")" -eq 2 ] || { echo "FAIL: monitor list lacks two disk lines"; exit 1; }
