#!/usr/bin/env bash
# Runs the rvpv benchmarks under QEMU -icount (instruction counts are deterministic), prints a
# table and writes $B/bench.json (bench/report.py does the arithmetic).
# Usage: bench/run.sh BUILD_DIR
# BENCH_QUICK=1 skips what is not deterministic or not needed for the table: the consolidation
# runs in host time (no -icount, so both harts really run in parallel) and the plot.
set -eu
B=${1:?usage: bench/run.sh BUILD_DIR}
out=$B/bench/logs
mkdir -p "$out"
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
icount="-icount shift=0,sleep=off"
qemu() {  # qemu LOG KERNEL [extra args]
  local log=$1 kernel=$2; shift 2
  # shellcheck disable=SC2086
  timeout 120 qemu-system-riscv64 -M virt -cpu rv64 -nographic -smp 2 $icount \
    -bios "$fw" -kernel "$kernel" "$@" </dev/null >"$log" 2>&1 || {
    echo "bench: QEMU failed or timed out for $kernel (log: $log)" >&2; tail -5 "$log" >&2; exit 1; }
}

echo "bench: microbenchmarks on rvpv (VS-mode)"
qemu "$out/micro-rvpv.log" "$B/hv/bench/hv.elf" -m 1G
echo "bench: the same guest as an S-mode payload of OpenSBI, no hypervisor"
qemu "$out/micro-native.log" "$B/bench/micro.elf" -m 128M
for n in 1 2 4 8; do
  echo "bench: consolidation, $n VM(s) on -smp 2"
  qemu "$out/consol-$n.log" "$B/hv/bench-c$n/hv.elf" -m 1G
done
rm -f "$out"/consol-host-*.log
if [ "${BENCH_QUICK:-0}" != 1 ]; then
  icount=
  for n in 1 2 4 8; do
    echo "bench: consolidation, $n VM(s) on -smp 2, host time (MTTCG, no -icount)"
    qemu "$out/consol-host-$n.log" "$B/hv/bench-c$n/hv.elf" -m 1G
  done
fi

cloc --quiet --csv --include-lang=C,"C/C++ Header",Assembly hv/ >"$out/cloc-hv.csv" 2>/dev/null
cloc --quiet --csv --include-lang=C,"C/C++ Header",Assembly hv/ sbi/hv/ >"$out/cloc-hv-sbi.csv" 2>/dev/null
riscv64-unknown-elf-size "$B/hv/default/hv.elf" >"$out/size.txt"

python3 bench/report.py "$out" "$B/bench.json"

if [ "${BENCH_QUICK:-0}" != 1 ] && command -v gnuplot >/dev/null; then
  python3 bench/report.py --plot-data "$B/bench.json" >"$out/consol.dat"
  gnuplot -e "dat='$out/consol.dat'; png='$B/bench-consolidation.png'" bench/consolidation.gp
  echo "bench: plot in $B/bench-consolidation.png"
fi
echo "bench: results in $B/bench.json"
