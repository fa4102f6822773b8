#!/usr/bin/env bash
# Compiles every ABI header alone: as freestanding pedantic C11 with warnings as errors, and as
# assembly (-D__ASSEMBLER__), so each header is self-contained and usable from both.
#   check-headers.sh OUTDIR
set -u
out=$1; mkdir -p "$out"
cc=riscv64-unknown-elf-gcc
bad=0; n=0
for h in abi/include/rvpv/*.h; do
  name=$(basename "$h" .h); n=$((n+1))
  # A declaration after the include keeps -pedantic from calling a macro-only header empty.
  printf '#include "rvpv/%s.h"\ntypedef int header_check_nonempty;\n' "$name" >"$out/$name.c"
  $cc -ffreestanding -std=c11 -Wall -Wextra -Werror -pedantic -Iabi/include \
      -c "$out/$name.c" -o "$out/$name.o" || { echo "FAIL: $h as C"; bad=1; }
  $cc -ffreestanding -std=c11 -Wall -Wextra -Werror -pedantic -march=rv64imac_zicsr_zifencei \
      -mabi=lp64 -Iabi/include -c "$out/$name.c" -o "$out/$name.o" || { echo "FAIL: $h as C (rv64imac)"; bad=1; }
  printf '#include "rvpv/%s.h"\n\tnop\n' "$name" >"$out/$name.S"
  $cc -D__ASSEMBLER__ -x assembler-with-cpp -Iabi/include -c "$out/$name.S" -o "$out/$name.s.o" ||
    { echo "FAIL: $h as assembly"; bad=1; }
done
echo "checked $n headers"
exit $bad
