#!/usr/bin/env bash
# `make check`: cppcheck over the hypervisor reports nothing; every hypervisor source file is
# named in hv/build.mk's lists (a file left out is silently not linked); nothing outside
# hv/arch/ includes a header of the arch folder other than its interface, arch.h; and sbi/hv
# reaches the hypervisor only through sbi/hv/vsbi_env.h.
set -u
listed=$(make --no-print-directory -s -f Makefile print-hv-srcs 2>/dev/null)
for f in hv/core/*.c hv/arch/riscv/*.c hv/arch/riscv/*.S hv/drivers/*.c hv/hc/*.c hv/blk/*.c sbi/hv/*.c; do
  case " $listed " in *" $f "*) ;; *) echo "FAIL: $f is not in hv/build.mk"; exit 1;; esac
done
arch_headers=$(cd hv/arch/riscv && ls *.h)
bad=0
while IFS= read -r f; do
  while IFS=: read -r line inc; do
    base=${inc##*/}
    for h in $arch_headers; do
      if [ "$base" = "$h" ] && [ "$h" != arch.h ]; then
        echo "FAIL: $f:$line includes $inc, an arch-internal header (use arch.h)"; bad=1
      fi
    done
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
done < <(find hv sbi -path hv/arch -prune -o -type f -name '*.[chS]' -print | sort)
for f in sbi/hv/*.c; do
  while IFS=: read -r line inc; do
    case $inc in vsbi_env.h|vsbi.h|sbi/*|rvpv/*) ;;
      *) echo "FAIL: $f:$line includes $inc: sbi/hv reaches the hypervisor through vsbi_env.h"; bad=1;;
    esac
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | sed 's/^\([0-9]*\):[^"<]*["<]\([^">]*\)[">].*/\1:\2/')
done
[ $bad -eq 0 ] || exit 1
echo "include check: outside hv/arch only arch.h is included from hv/arch/riscv ($(echo $arch_headers | wc -w) headers there); sbi/hv includes only vsbi_env.h of the hypervisor"
exec make --no-print-directory check
