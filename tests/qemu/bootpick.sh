#!/usr/bin/env bash
# Prints the QEMU arguments that make hart HART OpenSBI's boot hart on a machine of SMP harts
# (tests/qemu/bootpick.S says how): bootpick.sh BUILD_DIR HART SMP
set -eu
b=$1; hart=$2; smp=$3
[ -f "$b/tests/bootpick.bin" ] || { echo "bootpick.sh: no $b/tests/bootpick.bin (make all)" >&2; exit 2; }
printf -- "-device loader,file=%s,addr=0x80100000,force-raw=on" "$b/tests/bootpick.bin"
for ((i = 0; i < smp; i++)); do
  if [ "$i" -eq "$hart" ]; then pc=0x80100000; else pc=0x80100100; fi
  printf -- " -device loader,addr=%s,cpu-num=%d" "$pc" "$i"
done
echo
