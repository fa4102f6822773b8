#!/usr/bin/env bash
# pv-guest layering: kernel/ reaches the platform only through kernel/pvops.h. No kernel file
# includes a backend header or names an SBI/rvpv extension, and each image links exactly one
# backend (native: UART/virtio-mmio, no hypercalls; pv: hypercalls, no MMIO transport).
set -u
. pv-guest/tools/testlib.sh
rc=0
bad=$(grep -lE '#include "(native|pv|hcall)\.h"|SBI_EXT_|RVPV_EXT_|RVPV_FN_|sbi_ecall|ecall' \
  pv-guest/kernel/*.c pv-guest/kernel/*.S pv-guest/kernel/*.h || true)
[ -z "$bad" ] || { echo "FAIL: platform details outside the backends: $bad"; rc=1; }
grep -q '^#include "pvops.h"' pv-guest/kernel/virtio_blk.c || { echo "FAIL: virtio_blk.c does not use pvops.h"; rc=1; }
for f in "$PVG_B/native.elf" "$PVG_B/pv.elf"; do
  [ -f "$f" ] || { echo "no $f: run make all first"; exit 77; }
done
syms() { riscv64-unknown-elf-nm "$1" | awk '{print $NF}'; }
syms "$PVG_B/native.elf" > "$PVG_OUT/native.syms"
syms "$PVG_B/pv.elf" > "$PVG_OUT/pv.syms"
grep -qx native_fdt "$PVG_OUT/native.syms" || { echo "FAIL: native.elf lacks the native backend"; rc=1; }
grep -qx pv_event_bind "$PVG_OUT/pv.syms" || { echo "FAIL: pv.elf lacks the pv backend"; rc=1; }
grep -qx pv_event_bind "$PVG_OUT/native.syms" && { echo "FAIL: native.elf contains pv backend code"; rc=1; }
grep -qx native_fdt "$PVG_OUT/pv.syms" && { echo "FAIL: pv.elf contains native backend code"; rc=1; }
# every pv-op declared in pvops.h is defined by both images
for op in $(grep -oE '\bpv_[a-z_]+\(' pv-guest/kernel/pvops.h | tr -d '(' | sort -u); do
  case $op in pv_timer_set|pv_time) continue;; esac  # inline, identical in both
  for img in native pv; do
    grep -qx "$op" "$PVG_OUT/$img.syms" || { echo "FAIL: $img.elf does not define $op"; rc=1; }
  done
done
[ $rc -eq 0 ] && echo "pv-ops layering holds"
exit $rc
