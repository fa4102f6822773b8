#!/usr/bin/env bash
# Conformance suite under rvpv: configs/conformance.conf runs conformance.bin as its VM. Every
# case must pass; "not ok" lines are printed with the expected and actual results.
set -u
hv=$B/hv/conformance/hv.elf
[ -f configs/conformance.conf ] || { echo "skip: configs/conformance.conf does not exist yet"; exit 77; }
[ -f "$hv" ] || { echo "FAIL: no $hv although configs/conformance.conf exists"; exit 1; }
mkdir -p "$B/tests/conformance"
log=$B/tests/conformance/rvpv.log
q=
if grep -q 'disk=' configs/conformance.conf; then
  disk=$B/tests/conformance/disk.img
  head -c 1048576 /dev/zero >"$disk"
  q="-global virtio-mmio.force-legacy=false -drive file=$disk,if=none,format=raw,id=d0 -device virtio-blk-device,drive=d0"
fi
tests/qemu/expect.sh -i "$hv" -l "$log" -t 120 -s 2 -m 1G -q "$q" \
  -e "(rvpv), " -o "ok 1 - boot/entry/" -o "core/get_version/" -o "lifecycle/crash/" \
  -o " passed, " || { tests/conformance/check-log.sh "$log" 200; exit 1; }
tests/conformance/check-log.sh "$log" 200
