#!/usr/bin/env bash
# A/B of pv-guest's file workloads across builds, in host time: bench/ab.sh ROUNDS DIR...
# Each DIR is a source tree with its build in DIR/build (say `git worktree add /tmp/x HEAD`,
# change one thing, `make -C /tmp/x B=/tmp/x/build all`). Every round runs, for each DIR in
# turn, the native build's session and then the PV build's (configs/bench-pv.conf), each on a
# fresh copy of fs.img, with the shell lines of make bench's wall-time rounds; so host load
# lands on all of them alike. bench/ab.py then prints, per DIR, the median PV/native ratio
# and, against the first DIR, the median per-round ratio of each side. Give one tree twice (a
# symlink to it) to see what the host's noise alone makes of the same binaries.
set -u
rounds=${1:?usage: bench/ab.sh ROUNDS DIR...}; shift
here=$(cd "$(dirname "$0")/.." && pwd)
out=${AB_OUT:-/tmp/rvpv-ab}
rm -rf "$out" && mkdir -p "$out"
lines() {
  for _ in 1 2 3 4 5 6 7 8; do printf '%s\n' "bench 1 write1k" "bench 1 seqwrite"; done
  printf '%s\n' "bench 20 cpu" halt
}
for i in $(seq "$rounds"); do
  for dir in "$@"; do
    for kind in native pv; do
      log=$out/$(basename "$dir")-$kind-$i.log
      if [ "$kind" = native ]; then
        cp "$dir/build/pv-guest/fs.img" "$out/native.img"
        opts=(-m 128M -k "$dir/build/pv-guest/native.elf" -d "$out/native.img")
      else
        rm -rf "$out/disks" && mkdir -p "$out/disks"
        opts=(-m 1G -k "$dir/build/hv/bench-pv/hv.elf" -c configs/bench-pv.conf -D "$out/disks")
      fi
      (cd "$dir" && B=$dir/build timeout -k 5 200 python3 pv-guest/tools/session.py --log "$log" \
        --timeout 120 -- scripts/qemu.sh -s 1 "${opts[@]}" <<<"$(lines)" >"$log.session" 2>&1) ||
        echo "ab: session failed: $log" >&2
    done
  done
done
python3 "$here/bench/ab.py" "$out" "$@"
