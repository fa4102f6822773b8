#!/usr/bin/env bash
# Checks docs/abi.md and the conformance suite against RVPV_CALLS:
#  - every call has a quick-reference row "| GROUP | NAME | 0xEXT | fid | args | returns |
#    1.minor |" with the right extension id, function id, argument names (a0 first, "-" for
#    none) and version, whose returns column says "does not return" exactly when the row has
#    RVPV_CALL_NORETURN, and a "### GROUP_NAME" section opening with the call's prototype as
#    rvpv/hcall.h generates it;
#  - the wrapper of GROUP NAME is spelt rvpv_group_name;
#  - every quick-reference row names a call that exists (no stale rows);
#  - every call has its case function conf_GROUP_NAME defined in tests/conformance/;
#  - the title names the header's ABI version (RVPV_ABI_MAJOR.RVPV_ABI_MINOR).
#   check-doc.sh CALLS_BINARY [DOC] [CONFORMANCE_DIR]
set -u
calls=$1; doc=${2:-docs/abi.md}; conf=${3:-tests/conformance}
bad=0; n=0
list=$("$calls") || { echo "FAIL: $calls did not run"; exit 1; }
while read -r g name ext fid minor wrap flags nargs args; do
  n=$((n+1))
  row=$(grep -E "^\| *$g *\| *$name *\|" "$doc" | head -n 1 | sed "s/\\\\|/~/g")
  if [ -z "$row" ]; then
    echo "FAIL: $g $name: no quick-reference row in $doc"; bad=1; continue
  fi
  IFS='|' read -r _ _ _ dext dfid dargs dret dver _ <<<"$row"
  dext=$(tr -d ' `' <<<"$dext"); dfid=$(tr -d ' `' <<<"$dfid"); dver=$(tr -d ' `' <<<"$dver")
  dargs=$(sed -E 's/^ +//; s/ +$//; s/, /,/g' <<<"$dargs")
  [ "$dargs" = "$args" ] || { echo "FAIL: $g $name: doc arguments '$dargs', header '$args'"; bad=1; }
  [ "$args" = - ] && [ "$nargs" -ne 0 ] && { echo "FAIL: $g $name: $nargs arguments, no names"; bad=1; }
  [ "$args" = - ] || [ "$(tr ',' '\n' <<<"$args" | wc -l)" -eq "$nargs" ] ||
    { echo "FAIL: $g $name: argument count $nargs, names '$args'"; bad=1; }
  noret=no; [[ $dret == *"does not return"* ]] && noret=yes
  want=no; [[ $flags == *N* ]] && want=yes
  [ "$noret" = "$want" ] || { echo "FAIL: $g $name: doc 'does not return' $noret, RVPV_CALL_NORETURN $want"; bad=1; }
  lower=$(tr 'A-Z' 'a-z' <<<"rvpv_${g}_${name}")
  [ "$wrap" = "$lower" ] || { echo "FAIL: $g $name: wrapper $wrap, want $lower"; bad=1; }
  params=void
  [ "$args" = - ] || params=$(sed -E 's/([a-z_0-9]+)/uint64_t \1/g; s/,/, /g' <<<"$args")
  proto="\`struct rvpv_sbiret $wrap($params)\`"
  [ "$(grep -A1 -E "^### ${g}_${name}\b" "$doc" | sed -n 2p | grep -cF "$proto")" = 1 ] ||
    { echo "FAIL: $g $name: section does not open with $proto"; bad=1; }
  [ "${dext^^}" = "${ext^^}" ] || { echo "FAIL: $g $name: doc ext id $dext, header $ext"; bad=1; }
  [ "$dfid" = "$fid" ] || { echo "FAIL: $g $name: doc fid $dfid, header $fid"; bad=1; }
  [ "$dver" = "1.$minor" ] || { echo "FAIL: $g $name: doc version $dver, header 1.$minor"; bad=1; }
  grep -qE "^### ${g}_${name}\b" "$doc" || { echo "FAIL: $g $name: no '### ${g}_${name}' section"; bad=1; }
  grep -qE "^void conf_${g}_${name}\(void\)$" "$conf"/*.c ||
    { echo "FAIL: $g $name: no conf_${g}_${name} case function in $conf"; bad=1; }
done <<<"$list"
# Rows of the quick reference: lines "| GROUP | NAME | 0x0A56500x |" in the table.
while IFS='|' read -r _ g name _; do
  g=$(tr -d ' ' <<<"$g"); name=$(tr -d ' ' <<<"$name")
  grep -qE "^$g $name " <<<"$list" || { echo "FAIL: doc row $g $name is not in RVPV_CALLS"; bad=1; }
done < <(grep -E '^\| *[A-Z]+ *\| *[A-Z_]+ *\| *`?0x0A56500' "$doc")
ver=$(tests/abi/version.sh)
grep -qE "^# rvpv hypercall ABI, version ${ver//./\\.}\$" "$doc" ||
  { echo "FAIL: the title of $doc does not name ABI $ver"; bad=1; }
echo "checked $n calls against $doc and $conf"
exit $bad
