#!/usr/bin/env bash
# Prints the ABI version of abi/include/rvpv/abi.h as MAJOR.MINOR, for the cases that read the
# boot banner, so a minor version bump (a new call) touches no test.
set -u
sed -nE 's/^#define RVPV_ABI_(MAJOR|MINOR) +([0-9]+).*/\2/p' abi/include/rvpv/abi.h | paste -sd.
