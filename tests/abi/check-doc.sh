#!/usr/bin/env bash
# Checks docs/abi.md and the conformance suite against RVPV_CALLS:
#  - every call has a quick-reference row "| GROUP | NAME | 0xEXT | fid | ... | 1.minor |"
#    with the right extension id, function id and version, and a "### GROUP_NAME" section;
#  - every quick-reference row names a call that exists (no stale rows);
#  - every call has its case function conf_GROUP_NAME defined in tests/conformance/.
#   check-doc.sh CALLS_BINARY [DOC] [CONFORMANCE_DIR]
set -u
calls=$1; doc=${2:-docs/abi.md}; conf=${3:-tests/conformance}
bad=0; n=0
list=$("$calls") || { echo "FAIL: $calls did not run"; exit 1; }
while read -r g name ext fid minor; do
  n=$((n+1))
  row=$(grep -E "^\| *$g *\| *$name *\|" "$doc" | head -n 1 | sed "s/\\\\|/~/g")
  if [ -z "$row" ]; then
    echo "FAIL: $g $name: no quick-reference row in $doc"; bad=1; continue
  fi
  IFS='|' read -r _ _ _ dext dfid _ _ dver _ <<<"$row"
  dext=$(tr -d ' `' <<<"$dext"); dfid=$(tr -d ' `' <<<"$dfid"); dver=$(tr -d ' `' <<<"$dver")
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
echo "checked $n calls against $doc and $conf"
exit $bad
