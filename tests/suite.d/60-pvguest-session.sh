#!/usr/bin/env bash
# pv-guest native: boots native.elf on OpenSBI with a copy of fs.img, types a shell session
# (pipes, redirections, cd, mkdir/rm, a missing program, hcinfo, timer preemption of a
# CPU-bound process) and checks every answer.
set -u
. pv-guest/tools/testlib.sh
pvg_need_native
img=$PVG_OUT/session.img log=$PVG_OUT/session.log
cp "$PVG_B/fs.img" "$img"
rc=0
pvg_native_session "$img" "$log" <<'EOS' || rc=1
echo hello pv-guest
cat /README
echo one two three > /tmp/a.txt
cat /tmp/a.txt
wc /tmp/a.txt
cat < /tmp/a.txt | wc
cat /README | wc | cat
echo xy|wc>/tmp/n
cat</tmp/n
mkdir /tmp/d
cd /tmp/d
echo inside > f
ls
cd /
cat /tmp/d/f
rm /tmp/d
rm /tmp/d/f
rm /tmp/d
ls /tmp/d
nosuchprog
hcinfo
preempt
halt
EOS
pvg_expect "$log" \
  "hello pv-guest" \
  "pv-guest: a small Unix-like system running on rvpv or directly on OpenSBI." \
  "one two three" \
  "1 3 14 /tmp/a.txt" \
  "1 3 14 " \
  "2 24 136 " \
  "1 1 3 " \
  "inside" \
  "rm: cannot remove /tmp/d" \
  "ls: cannot open /tmp/d" \
  "sh: nosuchprog: not found" \
  "backend: native" \
  "hypervisor: native" \
  "preempt: ok" \
  "pv-guest: halt" || rc=1
grep -qE '^f +file +[0-9]+ +7$' "$log" || { echo "FAIL: ls did not show f (7 bytes)"; rc=1; }
pvg_forbid "$log" "panic" "fault scause" "kernel trap" || rc=1
echo "--- console ($log) ---"
sed -n '/^pv-guest:/,$p' "$log"
exit $rc
