# libFuzzer targets (clang). Built by `all` when clang is installed; `make fuzz` runs each
# longer than the test suite does (FUZZ_SECS each), then the isolation test with 10,000,000
# random calls (configs/isolation-long.conf). Needs hv/blk/build.mk first.
FUZZ_CC ?= clang
FUZZ_SECS ?= 60
FUZZ_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iabi/include -Isbi/include
FUZZ_VIRTQ := $(B)/tests/fuzz/fuzz_virtq
FUZZ_VIRTQ_SRCS := tests/fuzz/fuzz_virtq.c tests/unit/virtq_env.c
FUZZ_VBLK := $(B)/tests/fuzz/fuzz_vblk
FUZZ_VBLK_SRCS := tests/fuzz/fuzz_vblk.c tests/unit/virtq_env.c tests/unit/virtq_fakehw.c \
	hv/blk/vblk.c
FUZZ_FDT := $(B)/tests/fuzz/fuzz_fdt
FUZZ_FDT_SRCS := tests/fuzz/fuzz_fdt.c hv/core/fdt.c hv/core/platform.c
# the call decoders on the host, unchanged: hc_stubs.c stands in for the core and arch.h
# functions they call
FUZZ_HCARGS := $(B)/tests/fuzz/fuzz_hcargs
FUZZ_HCARGS_SRCS := tests/fuzz/fuzz_hcargs.c tests/fuzz/hc_stubs.c $(wildcard hv/hc/*.c) \
	hv/core/hypercall.c hv/core/gmem.c $(wildcard sbi/hv/*.c)
FUZZ_HV_CFLAGS := -Ihv/include -Ihv/arch/riscv -Ihv/drivers -Isbi/hv
# the guest-memory layer against a model: gmem.c, balloon.c (through gmem_hv.c) and palloc.c
# (through gmem_palloc.c) unchanged, with gstage.c and the MEM decoders
FUZZ_GMEM := $(B)/tests/fuzz/fuzz_gmem
FUZZ_GMEM_SRCS := tests/fuzz/fuzz_gmem.c tests/fuzz/gmem_hv.c tests/fuzz/gmem_palloc.c \
	hv/arch/riscv/gstage.c hv/hc/hc_mem.c
FUZZ_GMEM_DEPS := hv/core/gmem.c hv/core/balloon.c hv/core/palloc.c $(wildcard hv/arch/riscv/*.h)
FUZZ_DEPS := tests/unit/virtq_env.h tests/unit/virtq_fakehw.h $(HV_BLK_HOST_SRCS) \
	$(HV_BLK_HDRS) $(ABI_HEADERS)

# only where clang's libFuzzer runtime is installed (make test installs it; make run does not need it)
ifneq ($(wildcard /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a),)
all: $(FUZZ_VIRTQ) $(FUZZ_VBLK) $(FUZZ_FDT) $(FUZZ_HCARGS) $(FUZZ_GMEM)
endif

$(FUZZ_VIRTQ): $(FUZZ_VIRTQ_SRCS) $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_VIRTQ_SRCS) $(HV_BLK_HOST_SRCS)
$(FUZZ_VBLK): $(FUZZ_VBLK_SRCS) $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_VBLK_SRCS) $(HV_BLK_HOST_SRCS)

$(FUZZ_FDT): $(FUZZ_FDT_SRCS) $(wildcard hv/include/*.h hv/arch/riscv/*.h)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_HV_CFLAGS) -o $@ $(FUZZ_FDT_SRCS)
$(FUZZ_HCARGS): $(FUZZ_HCARGS_SRCS) $(wildcard tests/fuzz/*.h hv/include/*.h hv/arch/riscv/*.h \
		sbi/include/sbi/*.h) $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_HV_CFLAGS) -o $@ $(FUZZ_HCARGS_SRCS)
$(FUZZ_GMEM): $(FUZZ_GMEM_SRCS) $(FUZZ_GMEM_DEPS) $(wildcard hv/include/*.h) \
		$(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_HV_CFLAGS) -o $@ $(FUZZ_GMEM_SRCS)

.PHONY: fuzz-virtq fuzz-vblk fuzz-fdt fuzz-hcargs fuzz-gmem fuzz-isolation
fuzz: fuzz-virtq fuzz-vblk fuzz-fdt fuzz-hcargs fuzz-gmem fuzz-isolation
fuzz-virtq fuzz-vblk fuzz-fdt fuzz-hcargs fuzz-gmem: fuzz-%: $(B)/tests/fuzz/fuzz_%
	@mkdir -p $(B)/tests/fuzz/work-$*
	$< -max_total_time=$(FUZZ_SECS) -artifact_prefix=$(B)/tests/fuzz/ \
		$(B)/tests/fuzz/work-$* tests/fuzz/corpus/$*

# The isolation test with the 10,000,000-call hostile VM (seed from the time, printed first).
# A hang fails early: the hostile VM reports a call that has not returned in 30 s, and each
# of its 100 progress lines (every 100,000 calls) must come within ISO_STALL_SECS of the one
# before. Measured on the two shared cores at load 10-22: 5,300-12,100 calls/s, at most 19 s
# between two progress lines, 10,000,000 calls in 825-1,297 s, make fuzz in 1,251-1,798 s; so
# 600 s per line is a 30x margin, and ISO_LONG_SECS only bounds a run that is slow, not stuck.
fuzz-isolation:
	$(Q)$(MAKE) --no-print-directory all
	$(Q)ISO_CONFIG=isolation-long ISO_TIMEOUT=$(ISO_LONG_SECS) ISO_STALL_SECS=$(ISO_STALL_SECS) \
		B=$(B) RVPV_ROOT=$(CURDIR) bash tests/suite.d/73-isolation.sh
ISO_LONG_SECS ?= 14400
ISO_STALL_SECS ?= 600
