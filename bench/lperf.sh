#!/usr/bin/env bash
# Where the host's time goes in the Linux disk benchmark (docs/benchmarks.md, "Linux side by
# side"): perf on the host's QEMU for SECS seconds inside the random-read phase of lbench
# (bench/lbench.c, 12000 requests), natively and PV on rvpv, in host time; prints the top
# symbols and the share of QEMU's software-TLB work (flushes, refills with their page walks and
# PMP checks, translated-block lookups after a flush). Not part of make bench: it needs perf,
# and the PV set is a scratch configuration built here ($B/lperf/).
# Usage: bench/lperf.sh [BUILD_DIR] [SECS]   (after make linux)
set -eu
B=${1:-build} secs=${2:-1} d=${1:-build}/lperf
args="no4lvl lbseqmib=1 lbrand=12000 lbsyscalls=1 lbforks=1"
mkdir -p "$d"
echo "vm name=lpv image=linux/Image initrd=linux/bench.cpio ram=128M vcpus=1 linux disk=0 bootargs=\"console=hvc0 $args\"" \
  >"$d/lperf.conf"
hv=$(make --no-print-directory -s B="$B" image CONFIG="$d/lperf.conf" | sed -n 's/^image: //p')
tlb='address_space_ldq|tlb_set_page|riscv_cpu_tlb_fill|pmp_|get_physical_address|tcg_flush_jmp_cache|qht_lookup|tlb_flush|helper_le_ldq_mmu|get_page_addr_code|cpu_get_tb_cpu_state'
for kind in native pv; do
  rm -f "$d/disk.img" && truncate -s 64M "$d/disk.img"
  if [ $kind = native ]; then
    set -- -m 128M -k "$B/linux/Image" -r "$B/linux/bench.cpio" -a "console=ttyS0 $args"
  else
    set -- -m 256M -k "$hv"
  fi
  scripts/qemu.sh -s 1 -d "$d/disk.img,cache=writeback" "$@" </dev/null >"$d/$kind.log" 2>&1 &
  q=$!
  for _ in $(seq 1200); do grep -q "disk randwrite bytes" "$d/$kind.log" && break; sleep 0.1; done
  perf record -q -o "$d/$kind.perf" -p $q -- sleep "$secs" 2>/dev/null || true
  wait $q || true
  echo "== $kind: $(grep -a -o 'disk randread bytes=[0-9]* .*ticks=[0-9]*' "$d/$kind.log")"
  perf report -i "$d/$kind.perf" --sort dso --stdio 2>/dev/null | grep -v '^#' | grep . | head -3
  perf report -i "$d/$kind.perf" --sort symbol --stdio 2>/dev/null | grep -v '^#' | grep . | head -8
  perf report -i "$d/$kind.perf" --sort symbol --stdio 2>/dev/null | grep -E "$tlb" |
    awk '{ gsub("%", "", $1); s += $1 } END { printf "QEMU software-TLB work: %.1f%% of the samples\n", s }'
done
