#!/usr/bin/env bash
# libFuzzer on the virtqueue walker (guest RAM = fuzz input) and on the virtual-disk glue
# (guest RAM + a script of BLOCK calls and device interrupts), each from its seed corpus for a
# bounded run (a fixed number of inputs and seed, the same on every machine; about 15 s each here). Passes when no input crashes or
# trips a check.
set -u
cd "$RVPV_ROOT"
rc=0
bash tests/fuzz/bounded.sh virtq 45000; c=$?; [ $c -eq 77 ] && exit 77; [ $c -eq 0 ] || rc=1
bash tests/fuzz/bounded.sh vblk 50000; c=$?; [ $c -eq 77 ] && exit 77; [ $c -eq 0 ] || rc=1
exit $rc
