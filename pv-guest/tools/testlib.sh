# Helpers for the pv-guest QEMU tests (tests/suite.d/6*-pvguest-*.sh); sourced with cwd = repo
# root and $B set. Skips (exit 77) when the images were not built.
PVG_B=$B/pv-guest
PVG_OUT=$B/tests/pvguest
mkdir -p "$PVG_OUT"

pvg_need_native() {
  for f in "$PVG_B/native.elf" "$PVG_B/fs.img"; do
    [ -f "$f" ] || { echo "no $f: run make all first"; exit 77; }
  done
  command -v qemu-system-riscv64 >/dev/null || { echo "no qemu-system-riscv64"; exit 77; }
}

# pvg_native_session IMAGE LOG < script: boot native.elf on IMAGE and type the script
# (PVG_SMP harts, default 1).
pvg_native_session() {
  python3 pv-guest/tools/session.py --log "$2" --timeout 180 -- \
    scripts/qemu.sh -s "${PVG_SMP:-1}" -m 128M -k "$PVG_B/native.elf" -d "$1"
}

# pvg_expect LOG LINE...: each LINE must be a whole line of LOG; prints all failures.
pvg_expect() {
  local log=$1 ok=0; shift
  for l in "$@"; do
    grep -qxF -- "$l" "$log" || { echo "FAIL: missing line: $l"; ok=1; }
  done
  return $ok
}

# pvg_forbid LOG ERE...: no line may match.
pvg_forbid() {
  local log=$1 ok=0; shift
  for x in "$@"; do
    if grep -qE -- "$x" "$log"; then echo "FAIL: unexpected: $(grep -m1 -E -- "$x" "$log")"; ok=1; fi
  done
  return $ok
}
