# abi/: headers only. The check that they stand alone runs in tests/build.mk.
ABI_HEADERS := $(wildcard abi/include/rvpv/*.h)
