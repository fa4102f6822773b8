# Sourced by the Linux tests (tests/suite.d/4x-linux-*): builds what they boot (make linux: the
# kernel from its cache, /init and its initrd, the hypervisor image of each tests/linux/*.conf)
# and exits 77 when the tools for it are not installed (scripts/deps.sh test installs them).
linux_prepare() {
  if [ ! -f /usr/src/linux-source-6.12.tar.xz ] || ! command -v riscv64-linux-gnu-gcc >/dev/null; then
    echo "linux-source-6.12 or gcc-riscv64-linux-gnu not installed (scripts/deps.sh test)"
    exit 77
  fi
  local t0=$(date +%s)
  make --no-print-directory B="$B" linux || { echo "FAIL: make linux"; exit 1; }
  echo "linux: make linux took $(( $(date +%s) - t0 ))s"
}
# linux_set NAME: the hypervisor image of tests/linux/NAME.conf
linux_set() { echo "$B/hv/tests/linux/$1/hv.elf"; }
