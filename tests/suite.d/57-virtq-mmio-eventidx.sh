#!/usr/bin/env bash
# Host unit test (ASan/UBSan) of the physical virtio-blk driver's notification suppression:
# with EVENT_IDX it notifies only when the device's avail_event falls in the new batch and
# asks for interrupts with used_event; without it, it honours NO_NOTIFY.
set -u
cd "$RVPV_ROOT"
bin=$B/tests/unit/virtq_mmio_test
[ -x "$bin" ] || make --no-print-directory B="$B" "$bin" || exit 1
out=$("$bin"); rc=$?
echo "$out"
[ $rc -eq 0 ] && echo "$out" | grep -q "^vmblk: [1-9][0-9]* passed, 0 failed$"
