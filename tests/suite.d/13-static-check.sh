#!/usr/bin/env bash
# `make check`: cppcheck over the hypervisor reports nothing; and every hypervisor source file
# is named in hv/build.mk's lists (a file left out is silently not linked).
set -u
listed=$(make --no-print-directory -s -f Makefile print-hv-srcs 2>/dev/null)
for f in hv/core/*.c hv/arch/riscv/*.c hv/arch/riscv/*.S hv/drivers/*.c hv/hc/*.c hv/blk/*.c sbi/hv/*.c; do
  case " $listed " in *" $f "*) ;; *) echo "FAIL: $f is not in hv/build.mk"; exit 1;; esac
done
exec make --no-print-directory check
