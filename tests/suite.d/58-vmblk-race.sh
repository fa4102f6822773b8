#!/usr/bin/env bash
# Host test (ASan/UBSan, two threads) of the lost disk completion that hung pv-guest sessions
# (docs/benchmarks.md, "A lost completion"): the physical virtio-blk driver built as QEMU 7.2
# runs it on one hart (fence instructions dropped, MMIO accesses under QEMU's lock) races a
# device thread for 4 s; every completion must be seen by the poll or signalled after it.
set -u
cd "$RVPV_ROOT"
bin=$B/tests/unit/vmblk_race_test
[ -x "$bin" ] || make --no-print-directory B="$B" "$bin" || exit 1
out=$("$bin"); rc=$?
echo "$out"
[ $rc -eq 0 ] && echo "$out" | grep -q "^PASS: [1-9][0-9]* racing completions, .* 0 neither seen nor signalled$"
