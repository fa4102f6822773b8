#!/usr/bin/env bash
# Host unit tests of the virtqueue walker (hv/blk/virtq.c) under ASan/UBSan.
set -u
cd "$RVPV_ROOT"
bin=$B/tests/unit/virtq_test
# Until the top-level Makefile includes tests/unit/virtq_build.mk, build it here.
[ -x "$bin" ] || make --no-print-directory -f hv/blk/standalone.mk B="$B" "$bin" || exit 1
out=$("$bin"); rc=$?
echo "$out"
[ $rc -eq 0 ] || exit 1
echo "$out" | grep -q '^virtq: [1-9][0-9]* passed, 0 failed$' || { echo "no summary line"; exit 1; }
