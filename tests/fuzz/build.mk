# libFuzzer targets (clang). Built by `all` when clang is installed; `make fuzz` runs them
# longer than the test suite does (FUZZ_SECS each). Needs hv/blk/build.mk first.
FUZZ_CC ?= clang
FUZZ_SECS ?= 60
FUZZ_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iabi/include -Isbi/include
FUZZ_VIRTQ := $(B)/tests/fuzz/fuzz_virtq
FUZZ_VIRTQ_SRCS := tests/fuzz/fuzz_virtq.c tests/unit/virtq_env.c

ifneq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
all: $(FUZZ_VIRTQ)
endif

$(FUZZ_VIRTQ): $(FUZZ_VIRTQ_SRCS) tests/unit/virtq_env.h $(HV_BLK_HOST_SRCS) $(HV_BLK_HDRS) \
		$(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_VIRTQ_SRCS) $(HV_BLK_HOST_SRCS)

.PHONY: fuzz-virtq
fuzz: fuzz-virtq
fuzz-virtq: $(FUZZ_VIRTQ)
	@mkdir -p $(B)/tests/fuzz/work-virtq
	$(FUZZ_VIRTQ) -max_total_time=$(FUZZ_SECS) -artifact_prefix=$(B)/tests/fuzz/ \
		$(B)/tests/fuzz/work-virtq tests/fuzz/corpus/virtq
