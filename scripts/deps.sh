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
# Several make tests may install at once: wait for the other apt-get or dpkg instead of failing.
# DPkg::Lock::Timeout makes apt-get wait for dpkg's locks, but Debian 12's apt (2.6) does not
# apply it to the package lists' lock that `apt-get update` takes (nor the download cache's):
# those fail at once with "Could not get lock", so retry them for up to 10 minutes too.
apt_get() {
  local err waited=0 rc
  err=$(mktemp)
  while :; do
    rc=0
    $sudo apt-get -o DPkg::Lock::Timeout=600 "$@" 2> >(tee "$err" >&2) || rc=$?
    wait # for tee
    if [ $rc -ne 0 ] && grep -q "Could not get lock" "$err" && [ $waited -lt 600 ]; then
      [ $waited -gt 0 ] || echo "deps: another apt-get or dpkg holds its lock; waiting (up to 10 min)"
      sleep 5; waited=$((waited + 5)); continue
    fi
    rm -f "$err"
    return $rc
  done
}
apt_get update -q || true
apt_get install -y -q --no-install-recommends "${missing[@]}"
