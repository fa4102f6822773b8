#!/usr/bin/env bash
# A FLUSH that completed is in the image file: a guest under rvpv writes 1000 seeded sectors in
# batches of 8 requests, FLUSHes, prints "flushed"; QEMU is SIGKILLed as soon as that line shows
# (no orderly exit, nothing QEMU could still write back). The host then finds every sector in
# the image (and nothing outside the range), and a second boot reads them back through the
# guest, whose hash must match the host's. The drive uses cache=writeback, QEMU's mode where a
# guest FLUSH is what makes data durable (fdatasync); QEMU runs under strace (scripts/deps.sh
# test installs it) and a sync must follow its last write: the image read-back alone cannot
# tell, since QEMU's writes survive its SIGKILL in the host's page cache. No QEMU command line
# of the project may use cache=unsafe (it drops FLUSH).
set -u
cd "$RVPV_ROOT"
out=$B/tests/disk
mkdir -p "$out"
img=$out/durable.img
log1=$out/durable-1.log
log2=$out/durable-2.log
pat=tests/disk/pattern.py
rc=0

unsafe=$(grep -rn "cache=un""safe" Makefile scripts tests/qemu tests/suite.d configs 2>/dev/null |
  grep -v "^tests/suite.d/54-disk-durable.sh:")
if [ -n "$unsafe" ]; then echo "FAIL: a QEMU command line uses cache=unsafe: $unsafe"; rc=1; fi

rm -f "$img" && truncate -s 4M "$img"
drive="-d $img,cache=writeback"
command -v strace >/dev/null || { echo "FAIL: strace not installed (scripts/deps.sh test installs it)"; exit 1; }
strace -f -qq -e trace=none -o /dev/null true 2>/dev/null ||
  { echo "FAIL: strace cannot trace here, so the FLUSH ordering cannot be checked"; exit 1; }
trace=(strace -f -qq -e trace=pwritev,pwrite64,pwritev2,fdatasync,fsync -o "$out/durable.strace")
# shellcheck disable=SC2086
timeout -s KILL 60 "${trace[@]}" scripts/qemu.sh -s 2 -m 1G \
  -k "$B/hv/disk-durable/hv.elf" $drive </dev/null >"$log1" 2>&1 &
tpid=$!
seen=0
for _ in $(seq 1 1200); do
  if grep -q "^dur| flushed: " "$log1"; then seen=1; break; fi
  if ! kill -0 "$tpid" 2>/dev/null; then break; fi
  sleep 0.05
done
# SIGKILL the emulator itself (the child of timeout / strace: scripts/qemu.sh execs it), not by name
victims=$(pgrep -P "$(pgrep -P "$tpid")")
# shellcheck disable=SC2086
[ -n "$victims" ] && kill -KILL $victims 2>/dev/null
wait "$tpid"
qrc=$?
echo "--- first boot (QEMU exit status $qrc) ---"
grep -E "^(dur|hv)[|:]" "$log1"
[ $seen -eq 1 ] || { echo "FAIL: no 'flushed' line within 60 s"; exit 1; }
[ $qrc -eq 137 ] || { echo "FAIL: QEMU was not killed by SIGKILL (status $qrc)"; rc=1; }
grep -q "^dur| batches " "$log1" || { echo "FAIL: guest did not reach its hold loop"; rc=1; }

host=$(python3 $pat check "$img" 54 16 1000) || { echo "FAIL: image: $host"; exit 1; }
echo "PASS: image holds sectors 16..1015 of seed 54 after SIGKILL (hash $host)"
python3 $pat zero "$img" 0 16 && python3 $pat zero "$img" 1016 $((8192 - 1016)) \
  && echo "PASS: nothing written outside the range" || rc=1
want=$(python3 $pat hash 54 16 1000)
[ "$host" = "$want" ] || { echo "FAIL: image hash $host, pattern hash $want"; rc=1; }
st=$out/durable.strace
syncs=$(grep -cE " (fdatasync|fsync)\(" "$st")
writes=$(grep -cE " pwrite(v|v2|64)?\(" "$st")
last_w=$(grep -nE " pwrite(v|v2|64)?\(" "$st" | tail -n 1 | cut -d: -f1)
last_s=$(grep -nE " (fdatasync|fsync)\(" "$st" | tail -n 1 | cut -d: -f1)
if [ "$syncs" -ge 1 ] && [ "${last_s:-0}" -gt "${last_w:-0}" ]; then
  echo "PASS: QEMU wrote the image in $writes write calls, then the guest FLUSH became $syncs sync call(s) after the last of them"
else
  echo "FAIL: no fdatasync/fsync by QEMU after its last write ($writes writes, $syncs syncs)"; rc=1
fi

tests/qemu/expect.sh -i "$B/hv/disk-reread/hv.elf" -l "$log2" -t 60 -s 2 -m 1G -q "$drive" \
  -e "dur| verified: seed 54 sectors 16+1000 hash $host mismatched words 0" \
  -o "dur| batches 16, done at " -o "hv: all VMs have stopped, powering off" || rc=1
exit $rc
