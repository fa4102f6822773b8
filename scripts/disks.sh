#!/usr/bin/env bash
# Prints the QEMU arguments for the disks a VM configuration names (disk=N), creating each
# missing image under $B/disks/ as a copy of the pv-guest file system (so runs never change
# the pristine fs.img). Usage: scripts/disks.sh configs/NAME.conf BUILD_DIR [DISK_DIR]
set -eu
conf=$1; B=$2; dir=${3:-$B/disks}
name=$(basename "$conf" .conf)
n=$(grep -Eo 'disk=[0-9]+' "$conf" | cut -d= -f2 | sort -n | tail -n 1 || true)
[ -n "$n" ] || exit 0
mkdir -p "$dir"
printf -- '-global virtio-mmio.force-legacy=false '
for i in $(seq 0 "$n"); do
  img=$dir/$name-$i.img
  [ -f "$img" ] || cp "$B/pv-guest/fs.img" "$img"
  # writethrough: a completed write is in the image file; FLUSH reaches the device
  printf -- '-drive file=%s,if=none,format=raw,id=disk%s,cache=writethrough -device virtio-blk-device,drive=disk%s ' "$img" "$i" "$i"
done
