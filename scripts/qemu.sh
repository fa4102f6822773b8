#!/usr/bin/env bash
# The one QEMU command line of rvpv: every test case, the benchmarks, make run and make
# run-native start QEMU through this script (test 15 checks that nothing else does). It
# execs QEMU, so the caller's pid, signals and exit status are QEMU's own.
#   scripts/qemu.sh -k KERNEL [-s HARTS] [-m RAM] [-d IMAGE[,DRIVE-OPTS]]... [-c SET.conf [-D DIR]]
#                   [-l] [-C] [-i on|off] [-g ADDR] [-M SOCKET] [-H HART] [-a BOOTARGS] [-r INITRD] [-T DTB]
#                   [-t SECONDS] [-n] [-- RAW QEMU ARGS]
# Always: QEMU virt, -cpu rv64, -nographic (the console and QEMU's monitor on stdio, Ctrl-A X
# leaves), Debian's OpenSBI fw_dynamic as the firmware. Defaults: 2 harts, 1G of RAM, and the
# ACLINT (virt,aclint=on): its S-mode software interrupts (SSWI) let rvpv kick a hart with one
# store instead of an SBI IPI through OpenSBI, which uses the ACLINT's M-mode part as its CLINT.
#   -k KERNEL   the S-mode payload OpenSBI jumps to (rvpv's hv.elf, or a guest run natively)
#   -d IMAGE    a virtio-blk disk, in order (the first lands at 0x10008000); DRIVE-OPTS go to
#               -drive as they are (cache=writeback, throttling.iops-total=400, ...)
#   -c SET      the disks a VM set names (disk=N), made by scripts/disks.sh in DIR (default
#               $B/disks, B defaults to build) as copies of the pv-guest file system
#   -l          the legacy (version 1) virtio-mmio transport, QEMU's default; without -l every
#               disk gets the modern one (-global virtio-mmio.force-legacy=false), which rvpv needs
#   -C          QEMU's plain CLINT instead of the ACLINT: no SSWI, rvpv kicks harts by SBI IPI
#   -i SLEEP    -icount shift=0,sleep=SLEEP: instructions are the clock (benchmarks, fair shares);
#               sleep=off races through idle time, sleep=on waits in real time (disk I/O)
#   -g ADDR     gdb stub, the harts stopped until the debugger continues: ADDR is a TCP port
#               (127.0.0.1:ADDR) or the path of a Unix socket
#   -M SOCKET   QEMU's monitor on a Unix socket (the console stays on stdio)
#   -H HART     OpenSBI boots on HART (tests/qemu/bootpick.S, built as $B/tests/bootpick.bin)
#   -a ARGS     -append ARGS (bootargs of a kernel run natively)
#   -r INITRD   -initrd INITRD (a Linux run natively: the Linux boot benchmark)
#   -T DTB      write QEMU's device tree to DTB and exit (no -k needed)
#   -t SECONDS  end QEMU after SECONDS (timeout -k 5: status 124, or 137 if it had to be killed)
#   -n          print the command line instead of running it
set -eu
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
root=$(cd "$(dirname "$0")/.." && pwd)
b=${B:-build}
kernel= smp=2 mem=1G legacy=0 aclint=on icount= gdb= mon= hart= append= initrd= dtb= secs= dry=0 set= setdir=
disks=()
usage() { sed -n '5,7p' "$0" >&2; exit 2; }
while getopts "k:s:m:d:c:D:lCi:g:M:H:a:r:T:t:n" o; do
  case $o in
    k) kernel=$OPTARG;; s) smp=$OPTARG;; m) mem=$OPTARG;; d) disks+=("$OPTARG");;
    c) set=$OPTARG;; D) setdir=$OPTARG;; l) legacy=1;; C) aclint=off;; i) icount=$OPTARG;; g) gdb=$OPTARG;;
    M) mon=$OPTARG;; H) hart=$OPTARG;; a) append=$OPTARG;; r) initrd=$OPTARG;; T) dtb=$OPTARG;;
    t) secs=$OPTARG;;
    n) dry=1;; *) usage;;
  esac
done
shift $((OPTIND - 1))
[ -n "$kernel" ] || [ -n "$dtb" ] || { echo "qemu.sh: -k KERNEL is required" >&2; usage; }
case $icount in ''|on|off) ;; *) echo "qemu.sh: -i takes on or off" >&2; exit 2;; esac

machine=virt,aclint=$aclint
[ -z "$dtb" ] || machine="$machine,dumpdtb=$dtb"
cmd=(qemu-system-riscv64 -M "$machine" -cpu rv64 -nographic -smp "$smp" -m "$mem" -bios "$fw")
[ -z "$kernel" ] || cmd+=(-kernel "$kernel")
[ -z "$append" ] || cmd+=(-append "$append")
[ -z "$initrd" ] || cmd+=(-initrd "$initrd")
[ -z "$icount" ] || cmd+=(-icount "shift=0,sleep=$icount")
if [ -n "$set" ]; then
  # writethrough: a completed write is in the image file; FLUSH reaches the device
  imgs=$("$root/scripts/disks.sh" "$set" "$b" ${setdir:+"$setdir"})
  for img in $imgs; do disks+=("$img,cache=writethrough"); done
fi
[ ${#disks[@]} -eq 0 ] || [ $legacy -eq 1 ] || cmd+=(-global virtio-mmio.force-legacy=false)
for i in "${!disks[@]}"; do
  img=${disks[$i]%%,*} opts=
  [ "$img" = "${disks[$i]}" ] || opts=,${disks[$i]#*,}
  cmd+=(-drive "file=$img,if=none,format=raw,id=disk$i$opts" -device "virtio-blk-device,drive=disk$i")
done
if [ -n "$hart" ]; then
  # bootpick.bin parks every hart but HART, so OpenSBI's boot-hart lottery has one entrant
  pick=$b/tests/bootpick.bin
  [ -f "$pick" ] || { echo "qemu.sh: no $pick (make all)" >&2; exit 2; }
  cmd+=(-device "loader,file=$pick,addr=0x80100000,force-raw=on")
  for ((i = 0; i < smp; i++)); do
    pc=0x80100100; [ "$i" -ne "$hart" ] || pc=0x80100000
    cmd+=(-device "loader,addr=$pc,cpu-num=$i")
  done
fi
case $gdb in
  '') ;;
  */*) cmd+=(-S -chardev "socket,id=gdb0,path=$gdb,server=on,wait=off" -gdb chardev:gdb0);;
  *) cmd+=(-S -gdb "tcp:127.0.0.1:$gdb");;
esac
[ -z "$mon" ] || cmd+=(-monitor "unix:$mon,server=on,wait=off")
cmd+=("$@")
[ -z "$secs" ] || cmd=(timeout -k 5 "$secs" "${cmd[@]}")
if [ $dry -eq 1 ]; then
  echo "${cmd[*]}"
  exit 0
fi
exec "${cmd[@]}"
