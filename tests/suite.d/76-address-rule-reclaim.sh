#!/usr/bin/env bash
# The address rule after a reclaim (issue #12, item 4): a buffer across a page boundary inside RAM
# is valid for every call that takes one, also when the two host pages are not adjacent any
# more. tests/isolation/xpage.c releases 24 pages and reclaims them one by one in reverse order,
# then puts each call's buffer across one of their boundaries: CONSOLE_WRITE (a line and a 324-byte
# write), DBCN write, CONSOLE_READ and DBCN read (text typed here), MEM_GET_MAP, BLOCK_GET_INFO,
# QUEUE_SETUP's cfg and each ring part, disk data, all together, and last LIFECYCLE_CRASH, whose
# 100-byte message must be printed whole by the hypervisor (and the VM stopped). The written
# lines and the crash message are compared here in full.
set -u
cd "$RVPV_ROOT"
img=$B/hv/xpage/hv.elf
[ -f "$img" ] || make --no-print-directory B="$B" "$img" || exit 1
out=$B/tests/xpage
mkdir -p "$out"
log=$out/xpage.log
rm -f "$out/disk.img"; truncate -s 1M "$out/disk.img"
timeout -k 5 100 python3 tests/qemu/converse.py --log "$log" --timeout 90 -- scripts/qemu.sh \
  -s 2 -m 256M -k "$img" -d "$out/disk.img" <<'STEPS'
expect xpage: 24 pages released and reclaimed in reverse order
expect dbcn-write-across
send !
expect xpage: type the console text
send console-input-0123456789-ABCDEFGHIJKLMNOP
expect console-read-across
send !
expect xpage: type the dbcn text
send dbcn-input-zyxwvutsrqponmlkjihgfedcba-987
expect dbcn-read-across
expect queue-and-data-across
maybe hv: all VMs have stopped, powering off
STEPS
rc=$?
sed -n '/rvpv hypervisor/,$p' "$log"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
[ $rc -eq 0 ] || bad "the conversation did not complete"
grep -aqE "HV PANIC|hv: trap in HS|palloc: " "$log" && bad "the hypervisor failed"
for c in console-write-across console-write-across-long dbcn-write-across console-read-across \
    dbcn-read-across mem-get-map-across block-get-info-across queue-setup-cfg-across \
    queue-setup-desc-across queue-setup-avail-across queue-setup-used-across disk-data-across \
    queue-and-data-across; do
  grep -aqx "xpage| xpage: ok - $c" "$log" || bad "case $c: $(grep -a -m1 "not ok - $c" "$log" || echo missing)"
done
# every byte of the buffers that crossed a boundary, as the console shows them
while IFS= read -r l; do
  grep -aqxF "xpage| $l" "$log" || bad "line not printed exactly: $l"
done <<'LINES'
xpage: console-write across a page boundary: 0123456789-abcdefghijklmnopqrstuvwxyz-END
xpage: long write 1/4 (more than 256 bytes, across a page boundary) ...........+
xpage: long write 2/4 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123+
xpage: long write 3/4 the quick brown fox jumps over the lazy dog, page crossed+
xpage: long write 4/4 end of the long write ..................................+
xpage: dbcn-write across a page boundary: ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-END
xpage: 13 passed, 0 failed
LINES
msg="xpage crash message across a page boundary, one hundred bytes long: 0123456789abcdefghijklmnopqrstuv"
grep -aqxF "hv: vm xpage (id 0): crashed: code 12: $msg" "$log" || bad "no full crash report: $(grep -a -m1 -E 'crash' "$log" | tail -c 200)"
grep -aq "crash-across: CRASH returned" "$log" && bad "CRASH was refused"
exit $fail
