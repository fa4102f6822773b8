#!/usr/bin/env bash
# make bench BENCH_QUICK=1 produces the results table and $B/bench.json with a number for every
# measurement (no assertion on speed: only that each benchmark ran and reported).
set -u
B=${B:-build}
# make test installs cloc (scripts/deps.sh test): without it the size line is missing, a failure
command -v cloc >/dev/null || { echo "FAIL: cloc is not installed (scripts/deps.sh test installs it)"; exit 1; }
rm -f "$B/bench.json"
out=$(make --no-print-directory bench BENCH_QUICK=1 B="$B" 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "FAIL: make bench exited $rc"; exit 1; }

num='[0-9]+(\.[0-9]+)?'
for row in "CORE_NULL_CALL round trip" "CPU_SET_TIMER" "SBI BASE get_spec_version" "SBI BASE ratio" \
           "CONSOLE_WRITE 64 bytes" "EVENT_SEND self" "SBI set_timer" "stimecmp"; do
  grep -Eq "^\| $row[^|]*\| $num \|" <<<"$out" || { echo "FAIL: no numeric table row '$row'"; exit 1; }
done
for n in 1 2 4 8; do
  grep -Eq "^\| $n \| $num \| $num \| $num \| $num \|$" <<<"$out" ||
    { echo "FAIL: no consolidation row for $n VMs"; exit 1; }
done
for smp in 4 8; do
  for n in 1 16 32 64; do
    grep -Eq "^\| $smp \| $n \| $num \| $num \| $num \| $num \| ($num|-) \|$" <<<"$out" ||
      { echo "FAIL: no consolidation-at-scale row for $n VMs on -smp $smp"; exit 1; }
  done
done
grep -Eq "^hv/ C\+asm lines \(cloc code\): [0-9]+" <<<"$out" || { echo "FAIL: no size line"; exit 1; }
[ "$(grep -c '^target .*: \(met\|NOT met\)' <<<"$out")" -eq 3 ] || { echo "FAIL: target lines"; exit 1; }
# the Linux side by side (bench/linux.sh) once make linux has built the kernel (tests 40-47 do):
# -icount figures natively, PV and unmodified on rvpv; the disk natively and PV only
if [ -f "$B/linux/Image" ]; then
  for row in "boot: QEMU start to /init" "system call \\(getppid\\)" "fork \\+ exit \\+ wait"; do
    grep -Eq "^\| $row \| $num \| $num \| $num \| $num \| $num \|$" <<<"$out" ||
      { echo "FAIL: no Linux row '${row//\\/}' with native, PV and unmodified figures"; exit 1; }
  done
  for w in seqwrite seqread randwrite randread; do
    grep -Eq "^\| disk $w, per request of [0-9]+ B \| $num \| $num \| n/a \| $num \| n/a \|$" <<<"$out" ||
      { echo "FAIL: no Linux disk row '$w' with native and PV figures"; exit 1; }
  done
  grep -Eq "^Linux PV exits per disk request \(-icount, soaker beside\): seqwrite $num .*randread $num" <<<"$out" ||
    { echo "FAIL: no Linux exits per disk request"; exit 1; }
  grep -q "^goal Linux PV boot to /init <= 1.15x native instructions: \(met\|NOT met\)" <<<"$out" ||
    { echo "FAIL: no Linux boot goal line"; exit 1; }
fi

python3 - "$B/bench.json" <<'PY' || exit 1
import json, numbers, sys
d = json.load(open(sys.argv[1]))
def pos(v, what):
    if not isinstance(v, numbers.Number) or isinstance(v, bool) or v <= 0:
        sys.exit(f"FAIL: {what} = {v!r} is not a positive number")
need = ["null_call", "cpu_set_timer", "sbi_base_rvpv", "sbi_base_opensbi", "console_write_64",
        "event_send_self_irq_eoi", "timer_sbi_rvpv", "timer_sbi_opensbi", "timer_sstc_rvpv"]
for k in need:
    pos(d["micro"].get(k), k)
pos(d["sbi_base_ratio_rvpv_over_opensbi"], "ratio")
if [c["vms"] for c in d["consolidation"]] != [1, 2, 4, 8]:
    sys.exit("FAIL: consolidation runs are not 1, 2, 4, 8 VMs")
for c in d["consolidation"]:
    for k in ("makespan_ticks", "relative_throughput", "jain_fairness"):
        pos(c[k], f"{c['vms']} VMs {k}")
    if len(c["finish_ticks"]) != c["vms"] or not 0 < c["jain_fairness"] <= 1:
        sys.exit(f"FAIL: {c['vms']} VMs: finish times or Jain index out of range")
if [(c["smp"], c["vms"]) for c in d["consolidation_scale"]] != [(s, n) for s in (4, 8) for n in (1, 16, 32, 64)]:
    sys.exit("FAIL: consolidation at scale is not 1, 16, 32, 64 VMs on -smp 4 and 8")
for c in d["consolidation_scale"]:
    for k in ("makespan_ticks", "relative_throughput", "jain_fairness") + (("hv_kib_per_vm",) if c["vms"] > 1 else ()):
        pos(c[k], f"-smp {c['smp']}, {c['vms']} VMs {k}")
    if len(c["finish_ticks"]) != c["vms"] or not 0 < c["jain_fairness"] <= 1:
        sys.exit(f"FAIL: -smp {c['smp']}, {c['vms']} VMs: finish times or Jain index out of range")
pos(d["hv_kib_per_hart"], "hv KiB per hart")
for k in ("hv_lines_c_asm", "text"):
    pos(d["size"][k], k)
if len(d["targets"]) != 3 or any(not isinstance(t["met"], bool) for t in d["targets"]):
    sys.exit("FAIL: targets")
print("bench.json ok")
PY
