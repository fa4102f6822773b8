#!/usr/bin/env bash
# Every repository path and every function that docs/porting-guide.md names in backticks
# exists: paths as files or folders, `name()` and snake_case identifiers as definitions in
# pv-guest/, hv/, sbi/, abi/ or tests/.
set -u
guide=docs/porting-guide.md
bad=0; checked=0
while read -r tok; do
  case "$tok" in
    *'$('*|*' '*|*'*'*|-*|/*|*'...'*) continue ;;
  esac
  if [[ $tok == */* && $tok =~ ^[A-Za-z0-9_./-]+$ ]]; then
    checked=$((checked+1))
    # paths in the guide may be relative to pv-guest/, the worked example
    [ -e "$tok" ] || [ -e "pv-guest/$tok" ] || { echo "missing path: $tok"; bad=1; }
  elif [[ $tok =~ ^([a-z][a-z0-9]*_[a-z0-9_]+)(\(\))?$ ]]; then
    name=${BASH_REMATCH[1]}
    checked=$((checked+1))
    # SBI functions are named by the spec (SBI_*_<NAME> in sbi/include/sbi/sbi_defs.h)
    grep -q "_${name^^}[[:space:]]" sbi/include/sbi/sbi_defs.h && continue
    grep -rqE "(^|[^A-Za-z0-9_])$name[[:space:]]*\(|^#define $name|^$name:|globl[[:space:]]+$name" \
      pv-guest hv sbi abi tests/guests tests/conformance --include='*.[chS]' ||
      { echo "missing function: $name"; bad=1; }
  elif [[ $tok =~ ^[A-Za-z0-9_-]+\.(c|h|S|py|ld|mk|md)$ ]]; then
    checked=$((checked+1))
    [ -n "$(find pv-guest hv sbi abi tests docs scripts -name "$tok" -print -quit)" ] ||
      { echo "missing file: $tok"; bad=1; }
  fi
done < <(grep -o '`[^`]*`' "$guide" | tr -d '`' | sort -u)
echo "$checked names checked"
[ "$checked" -gt 20 ] || { echo "FAIL: too few names found; the check is not reading the guide"; exit 1; }
exit $bad
