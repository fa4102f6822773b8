#!/usr/bin/env bash
# Compiles every public header (abi/include/rvpv/*.h, sbi/include/sbi/*.h) alone: as
# freestanding pedantic C11 with warnings as errors, and as assembly (-D__ASSEMBLER__), so each
# header is self-contained and usable from both; then inside a kernel's translation unit that
# has its own `struct sbiret` and `sbi_ecall` (as Linux and most SBI kernels do), defined before
# and after the header, so no rvpv name clashes with a kernel's own SBI code.
#   check-headers.sh OUTDIR
set -u
out=$1; mkdir -p "$out"
cc=riscv64-unknown-elf-gcc
inc="-Iabi/include -Isbi/include"
copts="-ffreestanding -std=c11 -Wall -Wextra -Werror -pedantic -Wshadow"
kernel_sbi='struct sbiret { long error; long value; };
struct sbiret sbi_ecall(int ext, int fid, unsigned long arg0, unsigned long arg1,
			unsigned long arg2, unsigned long arg3, unsigned long arg4,
			unsigned long arg5);
static inline long sbi_call0(int ext, int fid) { return sbi_ecall(ext, fid, 0, 0, 0, 0, 0, 0).error; }'
kernel_use='long kernel_probe(void);
long kernel_probe(void) { return sbi_ecall(0x10, 3, 0x10, 0, 0, 0, 0, 0).value + sbi_call0(0x10, 0); }'
bad=0; n=0
for h in abi/include/rvpv/*.h sbi/include/sbi/*.h; do
  dir=$(basename "$(dirname "$h")"); name=$(basename "$h" .h); n=$((n+1))
  t="$out/$dir-$name"
  # A declaration after the include keeps -pedantic from calling a macro-only header empty.
  printf '#include "%s/%s.h"\ntypedef int header_check_nonempty;\n' "$dir" "$name" >"$t.c"
  # shellcheck disable=SC2086
  $cc $copts $inc -c "$t.c" -o "$t.o" || { echo "FAIL: $h as C"; bad=1; }
  # shellcheck disable=SC2086
  $cc $copts -march=rv64imac_zicsr_zifencei -mabi=lp64 $inc -c "$t.c" -o "$t.o" ||
    { echo "FAIL: $h as C (rv64imac)"; bad=1; }
  printf '#include "%s/%s.h"\n\tnop\n' "$dir" "$name" >"$t.S"
  # shellcheck disable=SC2086
  $cc -D__ASSEMBLER__ -x assembler-with-cpp $inc -c "$t.S" -o "$t.s.o" ||
    { echo "FAIL: $h as assembly"; bad=1; }
  printf '%s\n#include "%s/%s.h"\n%s\n' "$kernel_sbi" "$dir" "$name" "$kernel_use" >"$t-kernel-first.c"
  printf '#include "%s/%s.h"\n%s\n%s\n' "$dir" "$name" "$kernel_sbi" "$kernel_use" >"$t-kernel-after.c"
  for k in first after; do
    # shellcheck disable=SC2086
    $cc $copts $inc -c "$t-kernel-$k.c" -o "$t-kernel-$k.o" ||
      { echo "FAIL: $h beside a kernel's own struct sbiret and sbi_ecall ($k)"; bad=1; }
  done
done
echo "checked $n headers, each also beside a kernel's own struct sbiret and sbi_ecall"
exit $bad
