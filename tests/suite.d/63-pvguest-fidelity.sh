#!/usr/bin/env bash
# pv-guest fidelity: the same scripted session (typed ahead, console echo off) on the native
# build (OpenSBI) and on the pv build under rvpv must print the same lines, apart from hcinfo,
# which must say "native" and "rvpv" respectively. Needs a hypervisor configuration that runs
# pv.bin with the disk, or pv-ramdisk.bin without one: configs/pvguest.conf (see the skip
# message).
set -u
. pv-guest/tools/testlib.sh
pvg_need_native
hv=$B/hv/pvguest/hv.elf
[ -f "$hv" ] || { echo "no $hv (needs configs/pvguest.conf: vm name=pvg image=pv-guest/pv-ramdisk.bin ram=64M vcpus=1 bootargs=\"noecho\", or pv.bin with disk=0)"; exit 77; }
script='echo hello pv-guest
echo one two three > /tmp/a.txt
cat < /tmp/a.txt | wc
mkdir /tmp/d
ls /tmp
rm /tmp/d
cat /README
nosuchprog
preempt
hcinfo
halt'
rc=0
cp "$PVG_B/fs.img" "$PVG_OUT/fid-native.img"
cp "$PVG_B/fs.img" "$PVG_OUT/fid-pv.img"
echo "$script" | python3 pv-guest/tools/session.py --typeahead-after "init: starting sh" \
  --log "$PVG_OUT/fid-native.log" --timeout 180 -- scripts/qemu.sh \
  -s 1 -m 128M -k "$PVG_B/native.elf" -a noecho -d "$PVG_OUT/fid-native.img" || rc=1
echo "$script" | python3 pv-guest/tools/session.py --typeahead-after "init: starting sh" \
  --log "$PVG_OUT/fid-pv.log" --timeout 180 -- scripts/qemu.sh \
  -s 2 -m 1G -k "$hv" -d "$PVG_OUT/fid-pv.img" || rc=1
if grep -q "virtio_blk: no disk" "$PVG_OUT/fid-pv.log"; then
  echo "rvpv gave the pv guest no BLOCK device yet"; exit 77
fi
# the session, minus hcinfo's platform-specific lines; rvpv prefixes each guest line
platform='^(\$ )*(backend:|sbi impl |hypervisor:)'
sed -n '/^init: starting sh$/,/pv-guest: halt$/p' "$PVG_OUT/fid-native.log" > "$PVG_OUT/fid-native.out"
sed -n 's/^pvg| //p' "$PVG_OUT/fid-pv.log" | sed -n '/^init: starting sh$/,/pv-guest: halt$/p' \
  > "$PVG_OUT/fid-pv.out"
pvg_expect "$PVG_OUT/fid-native.out" "hypervisor: native" || rc=1
grep -qE '^(\$ )*pv-guest: halt$' "$PVG_OUT/fid-pv.out" || { echo "FAIL: pv session did not reach halt"; rc=1; }
grep -qE '^(\$ )*1 3 14 $' "$PVG_OUT/fid-native.out" || { echo "FAIL: native session output"; rc=1; }
grep -qE '^(\$ )*hypervisor: rvpv abi 1\.' "$PVG_OUT/fid-pv.out" || { echo "FAIL: pv hcinfo did not see rvpv"; rc=1; }
grep -qE '^(\$ )*backend: pv$' "$PVG_OUT/fid-pv.out" || { echo "FAIL: pv hcinfo backend"; rc=1; }
diff -u <(grep -vE "$platform" "$PVG_OUT/fid-native.out") <(grep -vE "$platform" "$PVG_OUT/fid-pv.out") \
  || { echo "FAIL: native and pv sessions differ"; rc=1; }
echo "--- pv session ---"
cat "$PVG_OUT/fid-pv.out"
exit $rc
