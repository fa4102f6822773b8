#!/usr/bin/env bash
# libFuzzer on the hypercall argument checks (every rvpv and SBI decoder, the dispatcher and
# its light path, on the host with hc_stubs.c), on the device-tree reader with the platform
# probe and on the guest-memory layer against its model (fuzz_gmem.c), each from its corpus
# (which holds the regression inputs of past crashes) for a bounded run (a fixed number of
# inputs and seed, the same on every machine; about 10 s each here). Passes when no input crashes or trips a check. fuzz_hcargs also
# holds every address-taking call to a reference model of docs/abi.md's address rules (a
# wrong SUCCESS where INVALID_ADDRESS is due fails); the corpus's model-* seeds
# (tests/fuzz/make_corpus.py) put calls at the edges of those rules.
set -u
cd "$RVPV_ROOT"
rc=0
bash tests/fuzz/bounded.sh hcargs 27000; c=$?; [ $c -eq 77 ] && exit 77; [ $c -eq 0 ] || rc=1
bash tests/fuzz/bounded.sh fdt 10000; c=$?; [ $c -eq 77 ] && exit 77; [ $c -eq 0 ] || rc=1
bash tests/fuzz/bounded.sh gmem 7000; c=$?; [ $c -eq 77 ] && exit 77; [ $c -eq 0 ] || rc=1
exit $rc
