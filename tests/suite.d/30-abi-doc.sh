#!/usr/bin/env bash
# docs/abi.md against RVPV_CALLS: every call has its quick-reference row (ext id, fid, version)
# and section, no stale rows, and a conformance case function. The checker itself must catch a
# row with a wrong function id and a missing section.
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
echo "abi doc check passed, and catches a wrong fid and a missing section"
