#!/usr/bin/env bash
# Host unit tests under ASan/UBSan: the virtqueue walker (hv/blk/virtq.c) and the BLOCK
# hypercall glue (hv/blk/vblk.c) over a pretend device.
set -u
cd "$RVPV_ROOT"
ok=1
for t in virtq_test:virtq virtq_vblk_test:vblk; do
  bin=$B/tests/unit/${t%%:*}; tag=${t#*:}
  # Until the top-level Makefile includes tests/unit/virtq_build.mk, build it here.
  [ -x "$bin" ] || make --no-print-directory B="$B" "$bin" || exit 1
  out=$("$bin"); rc=$?
  echo "$out"
  [ $rc -eq 0 ] || ok=0
  echo "$out" | grep -q "^$tag: [1-9][0-9]* passed, 0 failed\$" || { echo "no $tag summary"; ok=0; }
done
[ $ok -eq 1 ]
