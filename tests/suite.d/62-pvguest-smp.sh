#!/usr/bin/env bash
# pv-guest native on 2 harts: the secondary hart comes up through SBI HSM, and a session with
# concurrent processes (a pipeline, a CPU-bound child next to a sleeping parent, fork/exec
# in bench) gives the same answers as on one hart.
set -u
. pv-guest/tools/testlib.sh
pvg_need_native
img=$PVG_OUT/smp.img log=$PVG_OUT/smp.log
cp "$PVG_B/fs.img" "$img"
rc=0
PVG_SMP=2 pvg_native_session "$img" "$log" <<'EOS' || rc=1
cat /README | wc | cat
preempt
bench
echo after bench > /tmp/x
cat /tmp/x
halt
EOS
pvg_expect "$log" \
  "2 24 136 " \
  "preempt: ok" \
  "bench: done" \
  "after bench" \
  "pv-guest: halt" || rc=1
grep -qE "^pv-guest: hart [01] up as cpu 1$" "$log" || { echo "FAIL: second hart did not come up"; rc=1; }
# OpenSBI picks the boot hart by lottery, so either hart may be cpu 0
grep -q "native backend, hart [01], .* 2 cpus" "$log" || { echo "FAIL: device tree did not show 2 cpus"; rc=1; }
pvg_forbid "$log" "panic" "fault scause" "kernel trap" "bench: (read|write) failed" || rc=1
echo "--- console ($log) ---"
sed -n '/^pv-guest:/,$p' "$log"
exit $rc
