#!/usr/bin/env bash
# Shows that suite cases fail on the bugs they are named for (issue #13). Each
# tests/mutants/NAME.patch is one small, realistic bug; its header names the case that must
# catch it ("Test: 71-conf-rvpv"). In a scratch worktree of REV (default HEAD: commit what you
# want checked), this script builds and runs every named case once unpatched (it must pass),
# then for each mutant applies the patch, rebuilds, runs the case (it must fail), and reverts.
#   tests/mutants/run.sh [-r REV] [-k] [-n] [NAME...]
#     -r REV  the revision to check (default HEAD)     -k  keep the scratch worktree
#     -n      skip the unpatched runs                   NAME  only these mutants
# Prints one line per mutant: caught / MISSED / STALE (the patch no longer applies: refresh it
# against the rewritten file) / BUILD FAILED, and ends with "N caught, N missed". Exit 0 when
# every mutant was caught and every unpatched case passed. Not part of make test: it builds
# and boots a lot (about 10-20 minutes on two loaded cores). Logs: SCRATCH/build/mutants/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rev=HEAD keep=0 baseline=1
while getopts "r:kn" o; do
  case $o in r) rev=$OPTARG;; k) keep=1;; n) baseline=0;; *) sed -n '2,13p' "$0"; exit 2;; esac
done
shift $((OPTIND - 1))
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for p in "$here"/*.patch; do names+=("$(basename "$p" .patch)"); done
fi
test_of() { sed -n 's/^Test: *//p;/^diff /q' "$here/$1.patch" | head -n 1; }
for n in "${names[@]}"; do
  [ -f "$here/$n.patch" ] || { echo "no mutant $n ($here/$n.patch)"; exit 2; }
  [ -n "$(test_of "$n")" ] || { echo "$n.patch has no 'Test:' line"; exit 2; }
done

scratch=$(mktemp -d /tmp/rvpv-mutants.XXXXXX)
git -C "$top" worktree add -q --detach "$scratch/tree" "$rev" || exit 1
wt=$scratch/tree
cleanup() {
  if [ $keep -eq 1 ]; then echo "scratch worktree kept: $wt"; else git -C "$top" worktree remove --force "$wt"; rm -rf "$scratch"; fi
}
trap cleanup EXIT
logs=$wt/build/mutants
mkdir -p "$logs"
cd "$wt" || exit 1
echo "mutants: checking $(git rev-parse --short HEAD) in $wt"

build() { make --no-print-directory -j2 all >"$1" 2>&1; }
# run CASE LOG: the suite's runner on one case; 0 = passed
run_case() { TESTS=$1 tests/run-all.sh build >"$2" 2>&1; }

bad=0
if ! build "$logs/build-clean.log"; then
  echo "FAIL: the unpatched tree does not build (see $logs/build-clean.log)"; exit 1
fi
if [ $baseline -eq 1 ]; then
  for t in $(for n in "${names[@]}"; do test_of "$n"; done | sort -u); do
    if run_case "$t" "$logs/clean-$t.log"; then echo "unpatched: $t passes"
    else echo "unpatched: $t FAILS without any mutant (see $logs/clean-$t.log)"; bad=1; fi
  done
fi

caught=0 missed=0
for n in "${names[@]}"; do
  t=$(test_of "$n")
  if ! git apply "$here/$n.patch" 2>"$logs/$n.apply"; then
    echo "STALE:  $n: the patch does not apply to $(git rev-parse --short HEAD) ($(head -n 1 "$logs/$n.apply"))"
    missed=$((missed + 1)); bad=1; continue
  fi
  start=$(date +%s)
  if ! build "$logs/$n.build"; then
    echo "BUILD FAILED: $n (see $logs/$n.build)"; missed=$((missed + 1)); bad=1
  elif run_case "$t" "$logs/$n.log"; then
    echo "MISSED: $n: $t still passes ($(( $(date +%s) - start ))s, $logs/$n.log)"; missed=$((missed + 1)); bad=1
  else
    echo "caught: $n by $t ($(( $(date +%s) - start ))s)"
    # what failed, from the case's own log
    grep -a -m 3 -E "not ok|FAIL: |Bail out|no progress| in model_check|deadly signal" \
      "build/tests/logs/$t.log" | sed 's/^ */          /' | cut -c1-150
    caught=$((caught + 1))
  fi
  git checkout -q -- . && git clean -qfd -e build >/dev/null
done
build "$logs/build-final.log" || true
echo "$caught caught, $missed missed"
[ $bad -eq 0 ]
