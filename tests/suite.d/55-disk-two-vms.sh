#!/usr/bin/env bash
# Two VMs write their own disks at the same time (configs/disk-two.conf): each 2048 sectors of
# its own seeded pattern in batches of 16 requests (one NOTIFY each), FLUSH, read back. The host
# then finds each image holding exactly its VM's pattern (so neither wrote the other's) and the
# hashes the guests printed. From the per-disk counters rvpv prints when a VM goes: the physical
# device negotiated EVENT_IDX and got at most one notify per guest NOTIFY (a batch costs one);
# vb, which uses EVENT_IDX towards rvpv, got at most one completion event per batch.
set -u
cd "$RVPV_ROOT"
out=$B/tests/disk
mkdir -p "$out"
log=$out/two.log
pat=tests/disk/pattern.py
q=
for i in 0 1; do
  rm -f "$out/two-$i.img" && truncate -s 4M "$out/two-$i.img"
  q="$q -d $out/two-$i.img,cache=writeback"
done
rc=0
tests/qemu/expect.sh -i "$B/hv/disk-two/hv.elf" -l "$log" -t 60 -s 2 -m 1G -q "$q" \
  -e "va| flushed: seed 101 sectors 0+2048 in 16 batches" \
  -e "vb| flushed: seed 202 sectors 0+2048 in 16 batches" \
  -e "va| batches 32, done at " -e "vb| batches 32, done at " \
  -o "hv: all VMs have stopped, powering off" -x "FAIL" || rc=1

for v in "a 0 101" "b 1 202"; do
  set -- $v
  h=$(python3 $pat check "$out/two-$2.img" "$3" 0 2048) || { echo "FAIL: v$1's image: $h"; rc=1; continue; }
  python3 $pat zero "$out/two-$2.img" 2048 $((8192 - 2048)) || { echo "FAIL: v$1's image beyond its range"; rc=1; }
  if grep -qF "v$1| verified: seed $3 sectors 0+2048 hash $h mismatched words 0" "$log"; then
    echo "PASS: v$1: image $2 holds seed $3 only; the guest read back hash $h"
  else
    echo "FAIL: v$1: image hash $h not what the guest printed"; rc=1
  fi
  line=$(grep "^hv: vm v$1 disk: " "$log" | tr -d '\r')
  read -r req calls ev dreq kicks nots irqs < <(echo "$line" |
    sed -E 's/.*disk: ([0-9]+) requests, ([0-9]+) NOTIFY calls, ([0-9]+) events; device: ([0-9]+) requests, ([0-9]+) kicks, ([0-9]+) notifies, ([0-9]+) interrupts.*/\1 \2 \3 \4 \5 \6 \7/')
  if [ -z "$line" ] || [ -z "$irqs" ]; then echo "FAIL: no counters for v$1"; rc=1; continue; fi
  echo "v$1: $req requests in $calls NOTIFY calls -> $nots device notifies, $irqs device interrupts, $ev guest events"
  case $line in *"(event idx)") ;; *) echo "FAIL: v$1: EVENT_IDX not negotiated with the device"; rc=1;; esac
  [ "$req" -eq 513 ] || { echo "FAIL: v$1: $req requests, expected 513"; rc=1; }
  [ "$nots" -le "$calls" ] || { echo "FAIL: v$1: more device notifies ($nots) than NOTIFY calls"; rc=1; }
  # interrupts are reported, not asserted: how completions bunch up depends on host timing
  if [ "$1" = b ]; then # vb negotiated EVENT_IDX with rvpv and sets used_event per batch
    [ "$ev" -le "$calls" ] || { echo "FAIL: vb: more completion events ($ev) than batches"; rc=1; }
  fi
done
# informational: whether the two runs overlapped in time (not asserted: it depends on speed)
grep -E "^v[ab]\| (started|batches)" "$log" | tr -d '\r'
exit $rc
