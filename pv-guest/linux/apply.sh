#!/usr/bin/env bash
# Applies rvpv's paravirtual Linux drivers to a Linux 6.12 source tree:
#   overlay/   new files only, copied to the same paths (an existing file is an error)
#   hooks      two anchored one-line additions: drivers/Kconfig sources drivers/rvpv/Kconfig,
#              drivers/Makefile descends into drivers/rvpv/ (fails if an anchor is missing)
#   patches/   changes to existing Linux code that no new file can make (each patch says why
#              at its top), applied without fuzz: a context that changed fails loudly
# The tree may be a hard-linked copy of a pristine one (tests/linux/kernel.sh): every file that
# changes is written as a new file and renamed over, never modified in place.
# Usage: pv-guest/linux/apply.sh LINUX_SRC
set -eu
here=$(cd "$(dirname "$0")" && pwd)
t=${1:?usage: apply.sh LINUX_SRC}
[ -f "$t/drivers/Kconfig" ] && [ -f "$t/drivers/Makefile" ] || { echo "apply.sh: $t is not a Linux tree"; exit 1; }
(cd "$here/overlay" && find . -type f) | while read -r f; do
  [ ! -e "$t/$f" ] || { echo "apply.sh: $t/$f exists already"; exit 1; }
  mkdir -p "$(dirname "$t/$f")"
  cp "$here/overlay/$f" "$t/$f"
done
# hook FILE ANCHOR LINE: add LINE after the line ANCHOR (exact), written as a new file
hook() {
  grep -qxF -- "$2" "$t/$1" || { echo "apply.sh: no line '$2' in $1"; exit 1; }
  awk -v a="$2" -v l="$3" '{ print } $0 == a { print l }' "$t/$1" >"$t/$1.rvpv"
  mv "$t/$1.rvpv" "$t/$1"
}
hook drivers/Kconfig 'source "drivers/char/Kconfig"' 'source "drivers/rvpv/Kconfig"'
hook drivers/Makefile 'obj-y				+= tty/' 'obj-$(CONFIG_RVPV_PV)		+= rvpv/'
for p in "$here"/patches/*.patch; do
  [ -e "$p" ] || continue
  # the files it changes become new files first (the tree may be hard-linked to a pristine one)
  for f in $(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p"); do
    cp "$t/$f" "$t/$f.rvpv" && mv "$t/$f.rvpv" "$t/$f"
  done
  patch -d "$t" -p1 --forward --fuzz=0 --batch --quiet --no-backup-if-mismatch <"$p" ||
    { echo "apply.sh: $(basename "$p") does not apply to $t"; exit 1; }
done
