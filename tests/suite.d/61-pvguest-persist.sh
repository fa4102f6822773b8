#!/usr/bin/env bash
# pv-guest native: a file and a directory written and synced in one boot are there after a
# reboot of the same disk image; the pristine fs.img is left unchanged.
set -u
. pv-guest/tools/testlib.sh
pvg_need_native
img=$PVG_OUT/persist.img
cp "$PVG_B/fs.img" "$img"
sum=$(cksum < "$PVG_B/fs.img")
rc=0
pvg_native_session "$img" "$PVG_OUT/persist-1.log" <<'EOS' || rc=1
cat /keep.txt
mkdir /saved
echo persistent data 42 > /saved/keep.txt
sync
halt
EOS
pvg_expect "$PVG_OUT/persist-1.log" "cat: cannot read /keep.txt" "pv-guest: halt" || rc=1
pvg_native_session "$img" "$PVG_OUT/persist-2.log" <<'EOS' || rc=1
cat /saved/keep.txt
wc /saved/keep.txt
halt
EOS
pvg_expect "$PVG_OUT/persist-2.log" "persistent data 42" "1 3 19 /saved/keep.txt" || rc=1
pvg_forbid "$PVG_OUT/persist-2.log" "panic" || rc=1
[ "$(cksum < "$PVG_B/fs.img")" = "$sum" ] || { echo "FAIL: fs.img changed"; rc=1; }
echo "--- second boot ---"
sed -n '/^init:/,$p' "$PVG_OUT/persist-2.log"
exit $rc
