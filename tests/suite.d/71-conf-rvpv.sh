#!/usr/bin/env bash
# Conformance suite under rvpv: configs/conformance.conf runs conformance.bin as its VM. Every
# case must pass; "not ok" lines are printed with the expected and actual results. The long
# console lines the suite writes (333 and 4500 bytes, CONSOLE_WRITE and DBCN) must arrive
# byte for byte.
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
  q="-d $disk"
fi
rc=0
tests/qemu/expect.sh -i "$hv" -l "$log" -t 120 -s 2 -m 1G -q "$q" \
  -e "(rvpv), " -o "ok 1 - boot/entry/" -o "core/get_version/" -o "lifecycle/crash/" \
  -o " passed, " || rc=1
tests/conformance/check-log.sh "$log" 200 || rc=1
# long lines through CONSOLE_WRITE and SBI DBCN write, compared byte for byte on the console
python3 tests/conformance/check-long.py "$log" console_write:333 console_write:4500 \
  dbcn_write:333 dbcn_write:4500 || rc=1
exit $rc
