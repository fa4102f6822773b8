#!/usr/bin/env bash
# Builds Linux for the other 4x tests: Debian's linux-source-6.12, tinyconfig + tests/linux/kernel.config,
# out of tree, cached by source version and configuration (tests/linux/kernel.sh; a second run only
# checks the cache), a static /init (tests/linux/init.c) in an initrd, and the VM sets
# tests/linux/*.conf. Fails if the kernel does not build or an option of the fragment is lost.
set -u
. tests/linux/lib.sh
linux_prepare
for s in tests/linux/*.conf; do
  n=$(basename "$s" .conf)
  [ -f "$(linux_set "$n")" ] || { echo "FAIL: no image for $s"; exit 1; }
done
ls -l "$B/linux/"
