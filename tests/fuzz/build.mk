# libFuzzer targets (clang). Built by `all` when clang is installed; `make fuzz` runs each
# longer than the test suite does (FUZZ_SECS each). Needs hv/blk/build.mk first.
FUZZ_CC ?= clang
FUZZ_SECS ?= 60
FUZZ_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iabi/include -Isbi/include
FUZZ_VIRTQ := $(B)/tests/fuzz/fuzz_virtq
FUZZ_VIRTQ_SRCS := tests/fuzz/fuzz_virtq.c tests/unit/virtq_env.c
FUZZ_VBLK := $(B)/tests/fuzz/fuzz_vblk
FUZZ_VBLK_SRCS := tests/fuzz/fuzz_vblk.c tests/unit/virtq_env.c tests/unit/virtq_fakehw.c \
	hv/blk/vblk.c
FUZZ_DEPS := tests/unit/virtq_env.h tests/unit/virtq_fakehw.h $(HV_BLK_HOST_SRCS) \
	$(HV_BLK_HDRS) $(ABI_HEADERS)

# only where clang's libFuzzer runtime is installed (make test installs it; make run does not need it)
ifneq ($(wildcard /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a),)
all: $(FUZZ_VIRTQ) $(FUZZ_VBLK)
endif

$(FUZZ_VIRTQ): $(FUZZ_VIRTQ_SRCS) $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_VIRTQ_SRCS) $(HV_BLK_HOST_SRCS)
$(FUZZ_VBLK): $(FUZZ_VBLK_SRCS) $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_VBLK_SRCS) $(HV_BLK_HOST_SRCS)

.PHONY: fuzz-virtq fuzz-vblk
fuzz: fuzz-virtq fuzz-vblk
fuzz-virtq fuzz-vblk: fuzz-%: $(B)/tests/fuzz/fuzz_%
	@mkdir -p $(B)/tests/fuzz/work-$*
	$< -max_total_time=$(FUZZ_SECS) -artifact_prefix=$(B)/tests/fuzz/ \
		$(B)/tests/fuzz/work-$* tests/fuzz/corpus/$*
