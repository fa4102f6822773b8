#!/usr/bin/env bash
# A call added to RVPV_CALLS without a conformance case must break the suite's build: build the
# guest against a copy of the ABI headers with one extra call and expect an undefined
# conf_CORE_CONF_PROBE_CALL; the unmodified headers must build.
set -u
out=$B/tests/conf-coverage; rm -rf "$out"; mkdir -p "$out/inc/rvpv"
cp abi/include/rvpv/*.h "$out/inc/rvpv/"
sed -i -E 's/^\t(X\(CORE, NULL_CALL, [^\\]*)\\$/\t\1 X(CORE, CONF_PROBE_CALL, core_conf_probe_call, 3, 0, 0, 0, ()) \\/' \
  "$out/inc/rvpv/abi.h"
grep -q CONF_PROBE_CALL "$out/inc/rvpv/abi.h" || { echo "FAIL: could not add a call to the copy"; exit 1; }
flags="-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -std=c11 -O2 -ffreestanding
  -fno-builtin -nostdlib -fno-pie -Wall -Wextra -Werror -Wno-unused-parameter -Isbi/include"
build() { # $1 = include dir, $2 = output
  # shellcheck disable=SC2086
  riscv64-unknown-elf-gcc $flags -I"$1" -nostdlib -static -no-pie -Wl,--no-warn-rwx-segments \
    -Itests/lib -T tests/conformance/link.ld -o "$2" tests/conformance/*.c tests/conformance/*.S tests/lib/*.c \
    "$(riscv64-unknown-elf-gcc -march=rv64imac_zicsr_zifencei -mabi=lp64 -print-libgcc-file-name)"
}
build abi/include "$out/good.elf" >"$out/good.log" 2>&1 || { cat "$out/good.log"; echo "FAIL: unmodified build"; exit 1; }
if build "$out/inc" "$out/bad.elf" >"$out/bad.log" 2>&1; then
  echo "FAIL: a call without a case still built"; exit 1
fi
grep -q "conf_CORE_CONF_PROBE_CALL" "$out/bad.log" || { cat "$out/bad.log"; echo "FAIL: failed for another reason"; exit 1; }
echo "a call without a case fails the build: $(grep -m1 conf_CORE_CONF_PROBE_CALL "$out/bad.log")"
