#!/usr/bin/env bash
# Builds the Linux kernel the Linux tests boot (tests/suite.d/4x-linux-*), out of tree, from
# Debian's linux-source-6.12 with rvpv's paravirtual drivers (pv-guest/linux, applied by its
# apply.sh), tinyconfig + tests/linux/kernel.config + the built-in initramfs list
# tests/linux/initramfs.list, and copies the Image to OUT (default $B/linux/Image; the file
# is only rewritten when its contents change, so the VM sets that embed it relink only then).
#
# Everything slow is cached outside the build directory, so a fresh clone on the same machine
# (CI) reuses it: $RVPV_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/rvpv):
#   src/<package version>/            the source tarball unpacked once (never modified)
#   src/<package version>-pv-<hash>/  a hard-linked copy of it with pv-guest/linux applied
#                                     (hash = pv-guest/linux's files; files it changes are new)
#   linux-<package version>-<hash>/   the build tree and Image; hash = the fragment, the
#                                     initramfs list, pv-guest/linux and this script's recipe number
# A finished build leaves linux-.../Image; without it (first run, or an interrupted one) the
# kernel is (re)built. Usage: tests/linux/kernel.sh [OUT]
set -eu
B=${B:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$B/linux/Image}
pkg=linux-source-6.12
tarball=/usr/src/$pkg.tar.xz
[ -f "$tarball" ] || { echo "kernel.sh: $tarball missing: install $pkg (scripts/deps.sh test)"; exit 1; }
ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || stat -c %s "$tarball")
cache=${RVPV_CACHE:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/rvpv}
if ! mkdir -p "$cache" 2>/dev/null || ! [ -w "$cache" ]; then
  cache=$root/$B/cache   # no writable home: cache inside the build directory
  mkdir -p "$cache"
fi
# bump recipe when a change to this script changes the kernel it builds
recipe=2
pvdir=$root/pv-guest/linux
pvhash=$(cd "$pvdir" && find apply.sh overlay patches -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
hash=$( { echo "recipe $recipe"; cat "$root/tests/linux/kernel.config" "$root/tests/linux/initramfs.list"; echo "pv $pvhash"; } | sha256sum | cut -c1-12)
pristine=$cache/src/$ver
src=$cache/src/$ver-pv-$pvhash
obj=$cache/linux-$ver-$hash
mkdir -p "$cache/src"
install_image() {
  mkdir -p "$(dirname "$out")"
  cmp -s "$obj/Image" "$out" 2>/dev/null || cp "$obj/Image" "$out"
  echo "kernel.sh: $out is Linux $ver, config $hash (cache $obj)"
}
# A finished Image is only ever renamed into place, so a cached kernel needs no lock: it must not
# wait while another worktree builds a different configuration.
if [ -f "$pristine/.unpacked" ] && [ -f "$src/.applied" ] && [ -f "$obj/Image" ]; then
  install_image; exit 0
fi
exec 9>"$cache/lock"
flock 9   # one build at a time per cache (parallel CI runs, other worktrees)

now() { date +%s; }
if [ ! -f "$pristine/.unpacked" ]; then
  t=$(now)
  echo "kernel.sh: unpacking $tarball ($ver) into $pristine"
  rm -rf "$pristine" "$pristine.tmp"; mkdir -p "$pristine.tmp"
  tar -xf "$tarball" -C "$pristine.tmp" --strip-components=1
  mv "$pristine.tmp" "$pristine"; touch "$pristine/.unpacked"
  echo "kernel.sh: unpacked in $(( $(now) - t ))s"
fi
if [ ! -f "$src/.applied" ]; then
  t=$(now)
  echo "kernel.sh: applying pv-guest/linux ($pvhash) to a hard-linked copy in $src"
  rm -rf "$src" "$src.tmp"
  cp -al "$pristine" "$src.tmp"
  "$pvdir/apply.sh" "$src.tmp"
  mv "$src.tmp" "$src"; touch "$src/.applied"
  echo "kernel.sh: applied in $(( $(now) - t ))s"
fi
if [ ! -f "$obj/Image" ]; then
  t=$(now)
  echo "kernel.sh: building Linux $ver (config $hash) in $obj"
  rm -rf "$obj"; mkdir -p "$obj/build"
  cp "$root/tests/linux/initramfs.list" "$obj/initramfs.list"
  kmake=(make -s -C "$src" O="$obj/build" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- -j"$(nproc)")
  "${kmake[@]}" tinyconfig >/dev/null
  { cat "$root/tests/linux/kernel.config"; echo "CONFIG_INITRAMFS_SOURCE=\"$obj/initramfs.list\""; } >>"$obj/build/.config"
  "${kmake[@]}" olddefconfig >/dev/null
  # every option the fragment sets must have survived (a dependency it lacks would drop it)
  bad=0
  while IFS= read -r l; do
    case "$l" in CONFIG_*=*) grep -qxF -- "$l" "$obj/build/.config" || { echo "kernel.sh: not in .config: $l"; bad=1; } ;; esac
  done <"$root/tests/linux/kernel.config"
  [ $bad -eq 0 ] || exit 1
  nice -n 5 "${kmake[@]}" Image
  cp "$obj/build/arch/riscv/boot/Image" "$obj/Image.tmp" && mv "$obj/Image.tmp" "$obj/Image"
  echo "kernel.sh: built in $(( $(now) - t ))s: $(stat -c %s "$obj/Image") bytes"
fi
install_image
