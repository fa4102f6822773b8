#!/usr/bin/env bash
# pv-guest under rvpv keeps what `sync` made durable (configs/pvguest.conf: pv.bin on a disk
# with cache=writeback, where only a guest FLUSH makes QEMU fdatasync): the first boot writes
# a file, runs sync, prints a marker, and QEMU is SIGKILLed as soon as the marker shows. QEMU
# runs under strace: an fdatasync/fsync must follow its last write of the image (a guest that
# never negotiated or sent FLUSH leaves none). A second boot must read the file back. The
# pv-guest must also have negotiated FLUSH ("disk N sectors, flush"). (The read-back alone
# cannot tell: what QEMU wrote survives its SIGKILL in the host's page cache.)
set -u
. pv-guest/tools/testlib.sh
hv=$B/hv/pvguest/hv.elf
[ -f "$hv" ] || { echo "FAIL: no $hv"; exit 1; }
command -v strace >/dev/null || { echo "FAIL: strace not installed (scripts/deps.sh test installs it)"; exit 1; }
strace -f -qq -e trace=none -o /dev/null true 2>/dev/null ||
  { echo "FAIL: strace cannot trace here, so the FLUSH ordering cannot be checked"; exit 1; }
img=$PVG_OUT/durable.img log1=$PVG_OUT/durable-1.log log2=$PVG_OUT/durable-2.log
st=$PVG_OUT/durable.strace
cp "$PVG_B/fs.img" "$img"
rm -f "$st"
drive="-d $img,cache=writeback"
rc=0
# shellcheck disable=SC2086
python3 tests/qemu/killat.py --log "$log1" --marker "synced-4242" --after "init: starting sh" \
  --type 'echo durable line 4242 > /dur.txt\nsync\necho synced-4242\n' -- \
  strace -f -qq -e trace=pwritev,pwrite64,pwritev2,fdatasync,fsync -o "$st" \
  scripts/qemu.sh -s 2 -m 1G -k "$hv" $drive || rc=1
sed -n 's/^pvg| //p' "$log1"; echo
grep -qE '^pvg\| pv-guest: disk [0-9]+ sectors, flush$' "$log1" ||
  { echo "FAIL: the pv-guest did not negotiate FLUSH (boot line lacks ', flush')"; rc=1; }
if [ -f "$st" ]; then
  writes=$(grep -cE " pwrite(v|v2|64)?\(" "$st")
  last_w=$(grep -nE " pwrite(v|v2|64)?\(" "$st" | tail -n 1 | cut -d: -f1)
  last_s=$(grep -nE " (fdatasync|fsync)\(" "$st" | tail -n 1 | cut -d: -f1)
  if [ "$writes" -ge 1 ] && [ "${last_s:-0}" -gt "${last_w:-0}" ]; then
    echo "PASS: QEMU wrote the image in $writes write calls and synced it after the last of them"
  else
    echo "FAIL: no fdatasync/fsync by QEMU after its last image write ($writes writes, last write at strace line ${last_w:-none}, last sync at ${last_s:-none})"; rc=1
  fi
else
  echo "FAIL: no strace output"; rc=1
fi
# shellcheck disable=SC2086
printf 'cat /dur.txt\nhalt\n' | python3 pv-guest/tools/session.py --typeahead-after "init: starting sh" \
  --log "$log2" --timeout 180 -- scripts/qemu.sh -s 2 -m 1G -k "$hv" $drive || rc=1
grep -qE '^pvg\| (\$ )*durable line 4242$' "$log2" && echo "PASS: the second boot read the file back" ||
  { echo "FAIL: the second boot did not read /dur.txt back"; sed -n 's/^pvg| //p' "$log2" | tail -n 15; rc=1; }
pvg_forbid "$log1" "panic" "fault scause" "HV PANIC" || rc=1
pvg_forbid "$log2" "panic" "fault scause" "HV PANIC" || rc=1
exit $rc
