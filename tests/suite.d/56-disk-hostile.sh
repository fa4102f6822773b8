#!/usr/bin/env bash
# Hostile block rings driven from guests under rvpv (configs/disk-hostile.conf,
# tests/disk/dhostile.c): descriptors outside guest RAM (below, past, straddling, at MMIO, at
# host addresses, address 0, ballooned-out page), giant and wrapping lengths, loops, chains longer
# than the queue, bad next / head indices, avail->idx jumps, INDIRECT, a head reused in flight:
# the queue breaks (NOTIFY FAILED until RESET) and works after RESET. Unsupported types answer
# UNSUPP, out-of-range sectors and malformed requests IOERR, writes to a read-only disk IOERR
# (and its image stays byte for byte the same), buffers across a remapped (non-contiguous) page
# boundary carry the right bytes, a page released while a read into it is in flight reads zero
# once reclaimed. A third VM writes and verifies its own disk meanwhile.
set -u
cd "$RVPV_ROOT"
out=$B/tests/disk
mkdir -p "$out"
log=$out/hostile.log
pat=tests/disk/pattern.py
for i in 0 1 2; do rm -f "$out/hostile-$i.img"; truncate -s 4M "$out/hostile-$i.img"; done
python3 -c "open('$out/hostile-1.img', 'wb').write(b'\xa5' * (4 << 20))"
q=
for i in 0 1 2; do q="$q -d $out/hostile-$i.img"; done
rc=0
tests/qemu/expect.sh -i "$B/hv/disk-hostile/hv.elf" -l "$log" -t 90 -s 2 -m 1G -q "$q" \
  -e "hostile| hostile: 48 passed, 0 failed" -e "rodisk| hostile: 51 passed, 0 failed" \
  -e "hv: vm hostile (id 0): shut down" -e "hv: vm rodisk (id 1): shut down" \
  -e "witness| verified: seed 303 sectors 0+4096 hash " -e "hv: vm witness (id 2): shut down" \
  -o "hv: all VMs have stopped, powering off" \
  -x "not ok" -x "\| FAIL:" -x "crashed" -x "fault:" -x "system failure" || rc=1
echo "--- cases ---"
grep -E "^(hostile|rodisk)\| (ok|not ok) - " "$log" | tr -d '\r'
for c in data-below-ram data-at-physical-virtio-registers giant-length-0xffffffff \
    descriptor-loop-0-1-0 chain-longer-than-queue avail-idx-jumps-beyond-ring \
    unknown-type-99-unsupp sector-equals-capacity-ioerr head-reused-while-in-flight \
    data-into-ballooned-out-page data-running-into-ballooned-out-page remapped-boundary-data-round-trips \
    in-flight-read-into-released-page; do
  grep -q "^hostile| ok - $c: " "$log" || { echo "FAIL: case $c did not pass"; rc=1; }
done
grep -q "^rodisk| ok - write-to-read-only-disk-ioerr: " "$log" || { echo "FAIL: read-only write"; rc=1; }
python3 $pat fill "$out/hostile-1.img" 0xa5 && echo "PASS: read-only image unchanged" ||
  { echo "FAIL: the read-only disk's image changed"; rc=1; }
python3 $pat check "$out/hostile-0.img" 77 500 2 >/dev/null &&
  python3 $pat zero "$out/hostile-0.img" 0 300 && python3 $pat zero "$out/hostile-0.img" 301 199 &&
  python3 $pat zero "$out/hostile-0.img" 502 498 && python3 $pat check "$out/hostile-0.img" 88 1000 16 >/dev/null &&
  python3 $pat zero "$out/hostile-0.img" 1016 $((8192 - 1016)) &&
  echo "PASS: hostile image: only the scratch sector, the remapped-boundary and in-flight writes" ||
  { echo "FAIL: hostile image holds writes it should not"; rc=1; }
h=$(python3 $pat check "$out/hostile-2.img" 303 0 4096) && grep -qF "witness| verified: seed 303 sectors 0+4096 hash $h mismatched words 0" "$log" &&
  echo "PASS: witness image and read-back hash $h" || { echo "FAIL: witness image"; rc=1; }
exit $rc
