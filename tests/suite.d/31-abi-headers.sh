#!/usr/bin/env bash
# Every ABI header compiles alone as freestanding pedantic C11 (-Werror) and as assembly.
set -u
tests/abi/check-headers.sh "$B/tests/abi/headers"
