#!/usr/bin/env bash
# Installs the Debian packages the build, run and test targets need, only when a tool is missing.
# Usage: scripts/deps.sh [run|test|bench|fuzz]  (what the caller is about to do)
set -eu
want=${1:-run}

# tool-or-file -> Debian package
need=(
  "riscv64-unknown-elf-gcc:gcc-riscv64-unknown-elf"
  "riscv64-unknown-elf-objcopy:binutils-riscv64-unknown-elf"
  "/usr/lib/picolibc/riscv64-unknown-elf/lib/rv64imac/lp64/libc.a:picolibc-riscv64-unknown-elf"
  "qemu-system-riscv64:qemu-system-misc"
  "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin:opensbi"
  "dtc:device-tree-compiler"
  "cc:gcc"
  "make:make"
  "timeout:coreutils"
  "python3:python3"
)
case "$want" in
  test|fuzz|bench) need+=("clang:clang" "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev" "cppcheck:cppcheck" "gdb-multiarch:gdb-multiarch") ;;
esac
# make test also builds a Linux kernel (tests/linux/) from Debian's source package with the
# Linux cross compiler, and a static user land with its C library; e2fsprogs makes and reads
# the ext2 disk of the PV Linux disk test (tests/suite.d/46) on the host.
case "$want" in
  test) need+=("/usr/src/linux-source-6.12.tar.xz:linux-source-6.12" "riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu"
               "/usr/riscv64-linux-gnu/lib/libc.a:libc6-dev-riscv64-cross" "bc:bc" "flex:flex" "bison:bison"
               "cpio:cpio" "xz:xz-utils"
               "/usr/sbin/mke2fs:e2fsprogs" "/usr/sbin/debugfs:e2fsprogs") ;;
esac
# make test: strace (54/66-*-durable check that QEMU syncs the image after the guest's FLUSH)
# and cloc (80-bench-quick runs make bench BENCH_QUICK=1, which counts hv/ lines)
case "$want" in
  test|bench) need+=("strace:strace" "cloc:cloc") ;;
esac
case "$want" in
  bench) need+=("gnuplot:gnuplot-nox") ;;
esac

missing=()
for pair in "${need[@]}"; do
  tool=${pair%%:*}; pkg=${pair#*:}
  if [[ $tool == /* ]]; then
    # a file: clang's runtime path moves between point releases, so accept any version
    case "$pkg" in
      libclang-rt-14-dev) compgen -G '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' >/dev/null || missing+=("$pkg") ;;
      *) [ -e "$tool" ] || missing+=("$pkg") ;;
    esac
  else
    command -v "$tool" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# several engineers' make test may install at once: wait for the dpkg lock instead of failing
$sudo apt-get -o DPkg::Lock::Timeout=300 update -q || true
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
