#!/usr/bin/env bash
# BOOTS boots (default 200) of the hello set on -smp 2, OpenSBI's boot hart alternating 0, 1
# (tests/qemu/bootpick.S chooses it), two QEMUs at a time: each boot prints the banner exactly
# once, on the hart chosen, creates both VMs, powers off by itself, and never panics. A hart
# that ran _start a second time (issue 12) would print a second banner or panic.
set -u
abi=$(tests/abi/version.sh)
cd "$RVPV_ROOT"
boots=${BOOTS:-200}
out=$B/tests/alternate
rm -rf "$out" && mkdir -p "$out"
one() { # boot N on hart H: exit 0 when its console is right
  local n=$1 h=$2 log=$out/boot-$1.log
  scripts/qemu.sh -t 60 -s 2 -m 64M -k "$B/hv/hello/hv.elf" -H "$h" </dev/null >"$log" 2>&1
  local rc=$? why=
  [ $rc -eq 0 ] || why="QEMU exit status $rc"
  [ "$(grep -ac '^rvpv hypervisor' "$log")" -eq 1 ] || why="$why; banner printed $(grep -ac 'rvpv hy' "$log") times"
  grep -aq "^rvpv hypervisor, ABI $abi, on hart $h of 2," "$log" || why="$why; banner not on hart $h"
  grep -aq "^hv: 2 of 2 VMs created" "$log" || why="$why; no 'hv: 2 of 2 VMs created'"
  grep -aq "^hv: all VMs have stopped, powering off" "$log" || why="$why; no power-off line"
  grep -aq "HV PANIC" "$log" && why="$why; $(grep -a -m1 'HV PANIC' "$log")"
  [ -z "$why" ] && { rm -f "$log"; return 0; }
  echo "FAIL: boot $n (hart $h): ${why#; } (log $log)"; return 1
}
fail=0; start=$(date +%s)
for ((n = 0; n < boots; n += 2)); do
  one $n 0 & a=$!
  pb=
  if [ $((n + 1)) -lt "$boots" ]; then one $((n + 1)) 1 & pb=$!; fi
  wait $a || fail=$((fail + 1))
  [ -z "$pb" ] || wait "$pb" || fail=$((fail + 1))
done
echo "$boots boots, boot hart alternating 0/1, $fail failed, $(( $(date +%s) - start )) s"
[ $fail -eq 0 ] || exit 1
echo "PASS: every boot printed one banner on the hart chosen, created both VMs and powered off"
