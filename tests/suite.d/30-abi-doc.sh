#!/usr/bin/env bash
# docs/abi.md against RVPV_CALLS: every call has its quick-reference row (ext id, fid, argument
# names, no-return, version) and section with the generated prototype, no stale rows, and a
# conformance case function. The checker itself must catch a row with a wrong function id, a
# missing section, a wrong argument column, a missing "does not return", a stale prototype and
# a title that names another ABI version.
set -u
out=$B/tests/abi; mkdir -p "$out"
cc -std=c11 -Wall -Wextra -Werror -Iabi/include tests/abi/calls.c -o "$out/calls" || exit 1
[ "$("$out/calls" | wc -l)" -ge 1 ] || { echo "FAIL: RVPV_CALLS printed nothing"; exit 1; }
tests/abi/check-doc.sh "$out/calls" docs/abi.md tests/conformance || exit 1
# Negative checks on mutated copies of the document.
sed -E 's/^(\| *CPU *\| *VCPU_START *\| *`?0x0A565001`? *\| *)3 /\19 /' docs/abi.md >"$out/bad-fid.md"
cmp -s docs/abi.md "$out/bad-fid.md" && { echo "FAIL: could not mutate the CPU_VCPU_START row"; exit 1; }
if tests/abi/check-doc.sh "$out/calls" "$out/bad-fid.md" tests/conformance >/dev/null; then
  echo "FAIL: a wrong function id was not detected"; exit 1
fi
sed -E 's/^### EVENT_EOI/### EVENT_E0I/' docs/abi.md >"$out/bad-section.md"
if tests/abi/check-doc.sh "$out/calls" "$out/bad-section.md" tests/conformance >/dev/null; then
  echo "FAIL: a missing section was not detected"; exit 1
fi
# EVENT_EOI with a port: the drift pv-guest had (issue 14)
sed -E 's/^(\| *EVENT *\| *EOI *\| *`?0x0A565002`? *\| *3 *\| *)- /\1port /' docs/abi.md >"$out/bad-args.md"
sed -E 's/^(\| *CPU *\| *VCPU_STOP *\|.*\| *)does not return /\10 /' docs/abi.md >"$out/bad-noret.md"
sed -E 's/^`struct rvpv_sbiret rvpv_block_notify\(uint64_t dev, uint64_t queue\)`/`struct rvpv_sbiret rvpv_block_notify(uint64_t dev)`/' \
  docs/abi.md >"$out/bad-proto.md"
sed -E 's/^(# rvpv hypercall ABI, version [0-9]+\.)[0-9]+$/\1999/' docs/abi.md >"$out/bad-version.md"
for m in bad-args bad-noret bad-proto bad-version; do
  cmp -s docs/abi.md "$out/$m.md" && { echo "FAIL: could not make $m.md"; exit 1; }
  if tests/abi/check-doc.sh "$out/calls" "$out/$m.md" tests/conformance >/dev/null; then
    echo "FAIL: $m.md was not detected"; exit 1
  fi
done
echo "abi doc check passed, and catches a wrong fid, a missing section, wrong arguments, a lost no-return, a stale prototype and a stale title version"
