#!/usr/bin/env bash
# Prints the disk images a VM configuration names (disk=N: one path a line, disk 0 first),
# creating each missing one under $B/disks/ as a copy of the pv-guest file system (so runs
# never change the pristine fs.img); scripts/qemu.sh -c attaches them.
# Usage: scripts/disks.sh configs/NAME.conf BUILD_DIR [DISK_DIR]
set -eu
conf=$1; B=$2; dir=${3:-$B/disks}
name=$(basename "$conf" .conf)
n=$(grep -Eo 'disk=[0-9]+' "$conf" | cut -d= -f2 | sort -n | tail -n 1 || true)
[ -n "$n" ] || exit 0
mkdir -p "$dir"
for i in $(seq 0 "$n"); do
  img=$dir/$name-$i.img
  [ -f "$img" ] || cp "$B/pv-guest/fs.img" "$img"
  echo "$img"
done
