#!/usr/bin/env bash
# Linux side by side, part of make bench (bench/run.sh; docs/benchmarks.md, "Linux side by
# side"): the one Image of make linux with bench/lbench.c as /init ($B/linux/bench.cpio), one
# hart and one vCPU (or CPU) each, 1 GiB for Linux (on rvpv one 1 GiB G-stage leaf, hv/core/vm.c;
# QEMU -m 2304M leaves a free 1 GiB-aligned run above rvpv):
#   native  plain QEMU: OpenSBI, the disk on virtio-mmio, the console on the ns16550 (ttyS0)
#   pv      on rvpv with its PV drivers (configs/bench-lpv.conf): virtio_blk on virtio_rvpv
#           (the BLOCK calls), hvc_rvpv, the event irqchip
#   unmod   on rvpv with them off (configs/bench-lunmod.conf, rvpv_pv=off): SBI only, no disk
# Linux boots with no4lvl everywhere (Sv39; docs/porting-guide.md, "Linux").
# Each disk is a fresh sparse 64 MiB raw file, cache=writeback (QEMU's own page cache: the
# same host side for both, so the transports are what differs).
#   1. -icount shift=0,sleep=off, one boot each: boot, system call and fork in instructions
#      (exact); the disk phases with lbench's soaker (instructions of the I/O path); rvpv's
#      monitor listed between phases (bench/lbench.py)
#   2. host time (not with BENCH_QUICK=1): $LINUX_ROUNDS rounds, each native, pv, unmod in a
#      fresh QEMU, so host load hits all alike; the monitor listed between disk phases, and in
#      round 1 the rvpv kinds idle $LINUX_IDLE s with the monitor listed across the sleep
# Logs: $OUT/linux-{icount,host-N}-KIND.log, the monitor readings beside them in .mon.
# Usage: bench/linux.sh BUILD_DIR OUT_DIR
set -u
B=$1 out=$2
rounds=${LINUX_ROUNDS:-15} idle=${LINUX_IDLE:-20} limit=240
[ "${BENCH_QUICK:-0}" = 1 ] && limit=120
rm -f "$out"/linux-*
for f in "$B/linux/Image" "$B/linux/bench.cpio" "$B/hv/bench-lpv/hv.elf" "$B/hv/bench-lunmod/hv.elf"; do
  [ -f "$f" ] || { echo "bench: Linux side by side not measured (no $f: make linux first)"; exit 0; }
done

run() {  # run LOG KIND ICOUNT [lbench.py options]: one boot, not fatal
  local log=$1 kind=$2 ic=$3 img=$out/linux-disk.img
  shift 3
  local q=(scripts/qemu.sh -s 1 ${ic:+-i $ic})
  rm -f "$img" && truncate -s 64M "$img"
  case $kind in
    native) q+=(-m 1G -k "$B/linux/Image" -r "$B/linux/bench.cpio" -d "$img,cache=writeback"
                -a "console=ttyS0 no4lvl ${ic:+lbsoak=1}");;
    pv) q+=(-m 2304M -k "$B/hv/bench-lpv/hv.elf" -d "$img,cache=writeback"); set -- --monitor "$@";;
    unmod) q+=(-m 2304M -k "$B/hv/bench-lunmod/hv.elf"); set -- --monitor "$@";;
  esac
  # a boot takes 3 s on an idle machine, far less than these bounds for a hang
  timeout -k 5 300 python3 bench/lbench.py --log "$log" --timeout "$limit" "$@" -- "${q[@]}" >"$log.mon" ||
    echo "bench: Linux $kind run failed (log: $log)" >&2
}

echo "bench: Linux side by side, -icount: native, PV on rvpv, unmodified on rvpv"
for kind in native pv unmod; do
  run "$out/linux-icount-$kind.log" $kind off --soak
done
[ "${BENCH_QUICK:-0}" = 1 ] && exit 0
for i in $(seq "$rounds"); do
  echo "bench: Linux side by side, host time, round $i of $rounds"
  for kind in native pv unmod; do
    # shellcheck disable=SC2046
    run "$out/linux-host-$i-$kind.log" $kind '' $([ "$i" = 1 ] && [ $kind != native ] && echo --idle "$idle")
  done
done
