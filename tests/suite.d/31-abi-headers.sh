#!/usr/bin/env bash
# Every public header (abi/, sbi/include) compiles alone as freestanding pedantic C11 (-Werror)
# and as assembly, and beside a kernel that has its own struct sbiret and sbi_ecall.
set -u
tests/abi/check-headers.sh "$B/tests/abi/headers"
