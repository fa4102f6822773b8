# tests/linux/: Linux for the Linux tests (tests/suite.d/4x-linux-*). Not part of make all: it
# needs the Linux cross tools and the kernel source that scripts/deps.sh installs for make test.
#   make linux      the kernel (tests/linux/kernel.sh, cached), /init, its initrd, and one
#                   hypervisor image per VM set tests/linux/NAME.conf -> $(B)/hv/tests/linux/NAME/,
#                   and the benchmark's initrd $(B)/linux/bench.cpio (configs/bench-l*.conf)
LINUX_CC    := riscv64-linux-gnu-gcc
LINUX_CONFS := $(wildcard tests/linux/*.conf)
LINUX_SETS  := $(foreach c,$(LINUX_CONFS),$(B)/hv/$(call conf_key,$(c))/hv.elf)
.PHONY: linux FORCE
linux: $(LINUX_SETS) $(B)/linux/bench.cpio

# /init: static, with Debian's riscv64 cross glibc
$(B)/linux/init: tests/linux/init.c tests/linux/uprint.h tests/linux/build.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  LINUXCC $@")
	$(Q)$(LINUX_CC) -static -O2 -s -Wall -Wextra -Werror -pthread -o $@ $< -lm
# /bin/sh: the shell test 45 types commands into (tests/linux/sh.c), built the same way
$(B)/linux/sh: tests/linux/sh.c tests/linux/build.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  LINUXCC $@")
	$(Q)$(LINUX_CC) -static -O2 -s -Wall -Wextra -Werror -o $@ $<
$(B)/linux/initrd.cpio: $(B)/linux/init $(B)/linux/sh tests/linux/mkcpio.py
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)$(PYTHON) tests/linux/mkcpio.py $@ init=$(B)/linux/init bin/sh=$(B)/linux/sh
# the Linux benchmark's initrd (make bench): bench/lbench.c as its only program, /init
$(B)/linux/lbench: bench/lbench.c tests/linux/uprint.h tests/linux/build.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  LINUXCC $@")
	$(Q)$(LINUX_CC) -static -O2 -s -Wall -Wextra -Werror -o $@ $<
$(B)/linux/bench.cpio: $(B)/linux/lbench tests/linux/mkcpio.py
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)$(PYTHON) tests/linux/mkcpio.py $@ init=$<
# the kernel script always runs (it knows its cache) and rewrites the Image only when it changed,
# so the sets that embed it relink only then
$(B)/linux/Image: FORCE
	$(Q)B=$(B) tests/linux/kernel.sh $@
FORCE:

$(foreach c,$(LINUX_CONFS),$(call add_conf,$(c)))
$(foreach c,$(LINUX_CONFS),$(B)/hv/$(call conf_key,$(c))/vmconfig.c): $(B)/linux/Image $(B)/linux/initrd.cpio
