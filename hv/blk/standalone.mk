# Builds hv/blk's tests on their own, until the top-level Makefile includes the fragments:
#   make -f hv/blk/standalone.mk [B=build] [target]
# The flags are those of the top-level Makefile (copied); delete this file once
# hv/blk/build.mk, tests/unit/virtq_build.mk and tests/fuzz/build.mk are included there.
B ?= build
Q ?= @
CC := riscv64-unknown-elf-gcc
HOSTCC ?= cc
TARGET_ARCH   := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
TARGET_CFLAGS := $(TARGET_ARCH) -std=c11 -O2 -g -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-pie -fno-common -Wall -Wextra -Werror -Wshadow \
	-Wno-unused-parameter -Iabi/include -Isbi/include
TARGET_LDFLAGS := -nostdlib -static -no-pie -Wl,--no-warn-rwx-segments
HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Iabi/include -Isbi/include
ABI_HEADERS := $(wildcard abi/include/rvpv/*.h)

.PHONY: all fuzz
all:
include hv/blk/build.mk
include tests/unit/virtq_build.mk
include tests/fuzz/build.mk
