# rvpv top-level Makefile: one make, out-of-tree into $(B), per-folder fragments (build.mk).
#   make run [CONFIG=name]   build everything, boot the VM set configs/<name>.conf in QEMU
#                            (CONFIG=path/to/set.conf: any set file)
#   make test                every test; ends with "N passed, N failed"
#   make bench | fuzz | check | run-native | clean ; V=1 shows the commands
B       ?= build
CONFIG  ?= default
CROSS   ?= riscv64-unknown-elf-
V       ?= 0
SMP     ?= 2
MEM     ?= 1G

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC      := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
AR      := $(CROSS)ar
HOSTCC  ?= cc
PYTHON  ?= python3

# Every target-side C file: freestanding RV64, warnings are errors.
TARGET_ARCH   := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
TARGET_CFLAGS := $(TARGET_ARCH) -std=c11 -O2 -g -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-pie -fno-common -Wall -Wextra -Werror -Wshadow \
	-Wno-unused-parameter -Iabi/include -Isbi/include
TARGET_LDFLAGS := -nostdlib -static -no-pie -Wl,--no-warn-rwx-segments
LIBGCC := $(shell $(CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name 2>/dev/null)
# the freestanding guests' build macros and support library (the fragments call them)
include tests/lib/guest.mk

# Host-side tests: sanitizers on, warnings are errors.
HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Iabi/include -Isbi/include


.PHONY: all run test bench fuzz check clean deps deps-test deps-bench
all:
.SECONDARY:

deps:
	$(Q)scripts/deps.sh run
deps-test:
	$(Q)scripts/deps.sh test
deps-bench:
	$(Q)scripts/deps.sh bench

# Guest fragments first: they add to GUEST_IMAGES, which the VM configurations depend on.
GUEST_IMAGES :=
include abi/build.mk
include tests/build.mk
include hv/blk/build.mk
include tests/unit/virtq_build.mk
include tests/fuzz/build.mk
include pv-guest/build.mk
include tests/conformance/build.mk
include tests/disk/build.mk
include tests/isolation/build.mk
include hv/build.mk
include tests/linux/build.mk
include bench/build.mk
# every VM set in configs/ (after all fragments: each adds its guest images to GUEST_IMAGES)
all: $(HV_IMAGES)

run: deps
	$(Q)$(MAKE) --no-print-directory all $(RUN_IMAGE)
	$(Q)B=$(B) scripts/qemu.sh -k $(RUN_IMAGE) -s $(SMP) -m $(MEM) -c $(CONFIG_FILE)

test: deps-test
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/run-all.sh $(B)

# Static analysis of the hypervisor: zero findings allowed.
check: deps-test
	$(Q)cppcheck -q --error-exitcode=1 --enable=warning,portability,performance --inline-suppr \
		-D__riscv -D__riscv_xlen=64 -Ihv/include -Ihv/arch/riscv -Ihv/drivers -Iabi/include \
		-Isbi/include hv sbi/hv
	@echo "check: cppcheck found nothing in hv/ and sbi/hv/"

clean:
	rm -rf $(B)
