#!/usr/bin/env bash
# PV Linux on its rvpv disk: Linux's own virtio_blk over rvpv's virtio transport
# (pv-guest/linux virtio_rvpv.c: BLOCK_GET_INFO/SET_FEATURES/QUEUE_SETUP/NOTIFY/RESET, the
# completions on an rvpv event port).
#  1. an ext2 image made on the host (mke2fs -d, with /host.txt); under rvpv
#     (tests/linux/disk.conf, 2 vCPUs, Sv39) /init mounts it, checks /host.txt, writes 4 MiB of a
#     seeded pattern (/guest.bin) and /guest.txt, fsyncs them and the directory, remounts and
#     reads both back, and the disk port's interrupts show in /proc/interrupts; QEMU runs under
#     strace and is SIGKILLed at the marker line: QEMU's fdatasync must follow its last write;
#  2. the host reads both files out of the image with debugfs and checks them byte for byte;
#  3. a second boot (tests/linux/disk-verify.conf) mounts the image and reads them back, and
#     the hypervisor's disk counters for the VM show the NOTIFY calls and events;
#  4. the same Image reads them back natively on plain QEMU through virtio-mmio.
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
for t in mke2fs debugfs strace; do
  command -v $t >/dev/null || PATH=$PATH:/usr/sbin:/sbin
  command -v $t >/dev/null || fail "$t not installed (scripts/deps.sh test installs it)"
done
d=$B/tests/linux-disk; mkdir -p "$d"
img=$d/disk.img; log1=$d/boot1.log; log2=$d/boot2.log; log3=$d/plain.log; st=$d/qemu.strace
seed=46 mib=4
rm -rf "$d/root" "$img" "$st"; mkdir -p "$d/root"
printf 'made on the host\n' >"$d/root/host.txt"
mke2fs -q -F -t ext2 -d "$d/root" "$img" 32M || fail "mke2fs"
# the disk on the modern virtio-mmio transport; only a guest FLUSH makes QEMU fdatasync it
drive="-d $img,cache=writeback"

# 1. write, fsync, SIGKILL
t0=$(date +%s)
# shellcheck disable=SC2086
timeout -k 5 200 python3 tests/qemu/killat.py --log "$log1" --marker $'waiting to be killed\n' -- \
  strace -f -qq -e trace=pwritev,pwrite64,pwritev2,fdatasync,fsync -o "$st" \
  scripts/qemu.sh -s 2 -m 256M -k "$(linux_set disk)" $drive
rc=$?
grep -E "^ldisk\| (.*(virtio_rvpv|rvpv-event|vda)|check|disk|init)" "$log1"
[ $rc -eq 0 ] || fail "the first boot did not reach its marker (log: $log1)"
# Sv39 under rvpv (no4lvl in disk.conf): the paging mode make bench measures PV Linux in
grep -q "Disabled 4-level and 5-level paging" "$log1" || fail "Linux did not run in Sv39 (log: $log1)"
echo "linux: first boot to the SIGKILL took $(( $(date +%s) - t0 ))s"
grep -qE "[: ]FAIL|Kernel panic|Oops|BUG:|id [0-9]+\): fault: " "$log1" && fail "a failure in $log1"
grep -q "^ldisk| disk: fsynced, 0 checks failed" "$log1" || fail "checks failed in the first boot"
for c in disk-mount disk-host-file disk-write disk-umount disk-readback disk-readback-text disk-irq; do
  grep -q "^ldisk| check $c: ok" "$log1" || fail "no 'check $c: ok' in the first boot"
done
grep -qE "^ldisk\| .*virtio_rvpv: disk 0: 65536 sectors" "$log1" || fail "virtio_rvpv did not find the disk"
grep -qE "^ldisk\| .*rvpv-event: source 4 arg 0 on port" "$log1" || fail "no event port for the disk"
grep -qE "^ldisk\| disk: interrupts: .*rvpv-event .*virtio0" "$log1" || fail "virtio0's interrupts are not on rvpv-event"
# the files' data: /guest.bin in pwritev calls of 4 KiB pieces, /guest.txt in the write that
# carries its text; the writes after them are the superblock and bitmaps of the unmount and
# the second mount, which nothing fsyncs
writes=$(grep -cE " pwrite(v|v2|64)?\(" "$st")
last_w=$(grep -nE " pwritev2?\(|written by Linux, seed" "$st" | tail -n 1 | cut -d: -f1)
last_s=$(grep -nE " (fdatasync|fsync)\(" "$st" | tail -n 1 | cut -d: -f1)
[ -n "$last_w" ] && [ "${last_s:-0}" -gt "$last_w" ] ||
  fail "no fdatasync/fsync by QEMU after its last write of the files' data ($writes writes, last data write at strace line ${last_w:-none}, last sync at ${last_s:-none})"
echo "QEMU wrote the image in $writes write calls and synced it after the last write of the files (line $last_w, sync at $last_s)"

# 2. the host's own reading of the image
debugfs -R "dump -p /guest.bin $d/guest.bin" "$img" >/dev/null 2>&1
debugfs -R "cat /guest.txt" "$img" 2>/dev/null >"$d/guest.txt"
python3 - "$d/guest.bin" $seed $mib <<'PY' || fail "the host did not find /guest.bin intact in the image"
import struct, sys
path, seed, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
M = (1 << 64) - 1
def mix(x):
    x ^= x >> 33; x = (x * 0xff51afd7ed558ccd) & M; x ^= x >> 33; x = (x * 0xc4ceb9fe1a85ec53) & M
    return x ^ (x >> 33)
data = open(path, "rb").read()
want = b"".join(struct.pack("<Q", mix((seed * 0x9e3779b97f4a7c15 + k) & M)) for k in range(mib << 17))
bad = sum(1 for a, b in zip(data, want) if a != b) if len(data) == len(want) else -1
print(f"host: /guest.bin in the image: {len(data)} bytes, {bad} differ from the pattern")
sys.exit(bad != 0)
PY
[ "$(cat "$d/guest.txt")" = "written by Linux, seed $seed" ] || fail "the host read '$(cat "$d/guest.txt")' from /guest.txt"
echo "host: /guest.txt in the image: $(cat "$d/guest.txt")"

# 3. a second boot under rvpv reads them back
timeout -k 5 140 python3 tests/qemu/converse.py --log "$log2" --timeout 120 -- \
  scripts/qemu.sh -s 2 -m 256M -k "$(linux_set disk-verify)" $drive <<'EOS'
expect lverify| init: all checks passed, powering off
seen hv: vm lverify (id 0): shut down
seen hv: vm lverify disk: 
expect  interrupts
EOS
rc=$?
grep -E "^lverify\| (check|init)|^hv: vm lverify .*disk" "$log2"
[ $rc -eq 0 ] || fail "the second boot did not read the files back (log: $log2)"
grep -qE "Kernel panic|Oops|BUG:" "$log2" && fail "a failure in $log2"
grep -qE "^hv: vm lverify disk: [1-9][0-9]* requests, [1-9][0-9]* NOTIFY calls, [1-9][0-9]* events" "$log2" ||
  fail "the hypervisor counted no requests, NOTIFY calls or events for lverify"

# 4. the same Image natively on plain QEMU, the disk on virtio-mmio
timeout -k 5 140 python3 tests/qemu/converse.py --log "$log3" --timeout 120 -- \
  scripts/qemu.sh -s 2 -m 256M -k "$B/linux/Image" $drive \
  -a "console=hvc0 rvpvinit=disk rvpvdisk=verify rvpvseed=$seed rvpvmib=$mib rvpvpv=0" \
  -- -initrd "$B/linux/initrd.cpio" <<'EOS'
expect init: all checks passed, powering off
EOS
rc=$?
grep -E "^(check|init)" "$log3"
[ $rc -eq 0 ] || fail "plain QEMU did not read the files back (log: $log3)"
grep -qE "Kernel panic|Oops|BUG:|virtio_rvpv:" "$log3" && fail "a failure or the rvpv transport in $log3"
grep -q "virtio-mmio\|virtio_blk virtio0" "$log3" || echo "note: no virtio-mmio line in $log3"
exit 0
