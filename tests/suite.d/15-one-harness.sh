#!/usr/bin/env bash
# One test harness (issue 14, item 4). One launcher owns the QEMU command line: no test,
# benchmark, script or make recipe starts qemu-system-riscv64 or writes a virtio disk's
# arguments except scripts/qemu.sh, and the launcher's command line is what rvpv needs: virt
# with the ACLINT unless -C asks for the plain CLINT, rv64, Debian's OpenSBI fw_dynamic, each
# disk on the modern virtio-mmio transport unless -l asks for legacy, disks in the order given,
# -icount only when asked, the gdb stub with the harts stopped. One recipe links the freestanding test and bench guests: no build fragment
# under tests/ or bench/ links with TARGET_LDFLAGS except tests/lib/guest.mk's macro.
set -u
cd "$RVPV_ROOT"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
# mentions that start nothing: the package map, the version query, a tool check
others=$(grep -rnE "qemu-system-riscv64|virtio-blk-device|force-legacy" Makefile scripts tests bench \
    pv-guest/tools pv-guest/build.mk --include='*.sh' --include='*.py' --include='*.mk' --include=Makefile |
  grep -vE '^scripts/qemu\.sh:|"qemu-system-riscv64:qemu-system-misc"|"qemu-system-riscv64", "--version"|command -v qemu-system-riscv64|^tests/suite\.d/15-one-harness\.sh:' |
  grep -vE '^tests/suite\.d/53-virtq-mmio-legacy\.sh:[0-9]+:  -e "legacy virtio-mmio|^[^:]+:[0-9]+:#')
[ -z "$others" ] || bad "QEMU started or disk arguments written outside scripts/qemu.sh:
$others"
links=$(grep -rn 'TARGET_LDFLAGS' tests bench --include='*.mk' | grep -v '^tests/lib/guest\.mk:')
[ -z "$links" ] || bad "a guest linked outside tests/lib/guest.mk's guest_image:
$links"
q() { B=/nonexistent scripts/qemu.sh -n "$@"; }
has() { # has WHAT -- OPTIONS: the command line for OPTIONS contains WHAT
  local want=$1; shift 2
  case " $(q "$@") " in *" $want "*) ;; *) bad "scripts/qemu.sh $* lacks '$want': $(q "$@")";; esac
}
hasnt() {
  local want=$1; shift 2
  case " $(q "$@") " in *" $want "*) bad "scripts/qemu.sh $* has '$want': $(q "$@")";; esac
}
has "-M virt,aclint=on -cpu rv64 -nographic -smp 2 -m 1G -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin -kernel k.elf" -- -k k.elf
has "-smp 12 -m 256M" -- -k k.elf -s 12 -m 256M
has "-M virt,aclint=off -cpu rv64" -- -k k.elf -C
hasnt "-global" -- -k k.elf
hasnt "-icount" -- -k k.elf
has "-global virtio-mmio.force-legacy=false -drive file=a.img,if=none,format=raw,id=disk0 -device virtio-blk-device,drive=disk0 -drive file=b.img,if=none,format=raw,id=disk1,cache=writeback -device virtio-blk-device,drive=disk1" -- -k k.elf -d a.img -d b.img,cache=writeback
hasnt "virtio-mmio.force-legacy=false" -- -k k.elf -l -d a.img
has "-icount shift=0,sleep=off" -- -k k.elf -i off
has "-S -gdb tcp:127.0.0.1:1234" -- -k k.elf -g 1234
has "-monitor unix:/tmp/m.sock,server=on,wait=off" -- -k k.elf -M /tmp/m.sock
has "timeout -k 5 30 qemu-system-riscv64" -- -k k.elf -t 30
has "-kernel k.elf -append noecho" -- -k k.elf -a noecho
has "-append noecho -initrd i.cpio" -- -k k.elf -a noecho -r i.cpio
has "-d in_asm" -- -k k.elf -- -d in_asm
scripts/qemu.sh -n -k k.elf -i fast >/dev/null 2>&1 && bad "-i fast was accepted"
scripts/qemu.sh -n -s 2 >/dev/null 2>&1 && bad "a command line without a kernel was accepted"
[ $fail -eq 0 ] && echo "PASS: scripts/qemu.sh is the only QEMU command line and the one rvpv needs; one guest recipe"
exit $fail
