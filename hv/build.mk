# hv/ (+ the hypervisor side of sbi/): one set of objects, linked once per VM configuration
# (configs/NAME.conf -> $(B)/hv/NAME/hv.elf), because the VM table and guest images are
# built into the image.
# Every source by name, folder by folder: a stray file is not linked in by accident.
HV_CORE_SRCS := $(addprefix hv/core/,balloon.c console.c cpu_ops.c devices.c disk.c event.c \
	exit.c fdt.c fdt_build.c gmem.c hypercall.c main.c monitor.c palloc.c platform.c \
	printf.c sched.c string.c timer.c vcpu.c vm.c vm_dtb.c)
HV_ARCH_SRCS := $(addprefix hv/arch/riscv/,gstage.c hart.c tlb.c trap.c vcpu.c)
HV_DRIVER_SRCS := $(addprefix hv/drivers/,plic.c uart.c virtio_mmio.c)
HV_HC_SRCS := $(addprefix hv/hc/,hc_block.c hc_console.c hc_core.c hc_cpu.c hc_event.c \
	hc_lifecycle.c hc_mem.c)
SBI_HV_SRCS := $(addprefix sbi/hv/,vsbi.c vsbi_base.c vsbi_dbcn.c vsbi_fwft.c vsbi_hsm.c \
	vsbi_ipi.c vsbi_rfence.c vsbi_srst.c vsbi_sta.c vsbi_susp.c vsbi_time.c vsbi_sse.c \
	vsbi_dbtr.c)
HV_SRCS := $(HV_CORE_SRCS) $(HV_ARCH_SRCS) $(HV_DRIVER_SRCS) $(HV_HC_SRCS) $(SBI_HV_SRCS) $(HV_BLK_SRCS)
HV_ASMS := $(addprefix hv/arch/riscv/,entry.S fp.S switch.S)
HV_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(HV_SRCS)) $(patsubst %.S,$(B)/obj/%.o,$(HV_ASMS))
HV_CFLAGS := $(TARGET_CFLAGS) -Ihv/include -Ihv/arch/riscv -Ihv/drivers -MMD -MP
HV_LDS := hv/arch/riscv/hv.ld

# A VM set file anywhere (make run CONFIG=path/to/set.conf) is built in $(B)/hv/KEY/, KEY being
# configs/NAME.conf -> NAME, a file under the repository -> its path without .conf, any other
# -> abs/ + its absolute path without .conf.
ROOT := $(abspath .)
conf_key = $(if $(filter configs/%.conf,$(1)),$(patsubst configs/%.conf,%,$(1)),$(patsubst \
	/%,abs/%,$(patsubst $(ROOT)/%,%,$(abspath $(basename $(1))))))
# conf_rule(set file): how to generate that set's table; $(call add_conf,FILE) defines it once
define conf_rule
$(B)/hv/$(call conf_key,$(1))/vmconfig.c: $(1) scripts/mkconfig.py hv/include/vm.h $(GUEST_IMAGES)
	@mkdir -p $$(dir $$@)
	$$(if $$(Q),@echo "  CONFIG  $(1)")
	$$(Q)$$(PYTHON) scripts/mkconfig.py $(1) $$(B) $$(dir $$@)
-include $(B)/hv/$(call conf_key,$(1))/inputs.d
endef
CONF_RULES_DONE :=
add_conf = $(if $(filter $(abspath $(1)),$(CONF_RULES_DONE)),,$(eval CONF_RULES_DONE += $(abspath \
	$(1)))$(eval $(call conf_rule,$(1))))

CONFIGS := $(basename $(notdir $(wildcard configs/*.conf)))
# make all leaves out a set that names a file that is missing and not built here (with a warning
# from mkconfig.py); building that set on its own (make run CONFIG=...) fails with the reason.
# Recursive on purpose: the top Makefile expands HV_IMAGES after every fragment has added its
# guest images to GUEST_IMAGES (bench/build.mk comes after this one).
CONFIGS_BROKEN = $(if $(filter all,$(or $(MAKECMDGOALS),all)),$(shell $(PYTHON) scripts/mkconfig.py \
	--check $(B) $(GUEST_IMAGES) -- $(wildcard configs/*.conf)))
HV_IMAGES = $(foreach c,$(filter-out $(call conf_key,$(CONFIGS_BROKEN)),$(CONFIGS)),$(B)/hv/$(c)/hv.elf)

# the set make run boots
ifneq ($(filter %.conf,$(CONFIG)),)
CONFIG_FILE := $(CONFIG)
else
CONFIG_FILE := configs/$(CONFIG).conf
endif
RUN_KEY := $(call conf_key,$(CONFIG_FILE))
RUN_IMAGE := $(B)/hv/$(RUN_KEY)/hv.elf
ifeq ($(filter configs/%,$(CONFIG_FILE)),)
$(call add_conf,$(CONFIG_FILE))
endif

# make image CONFIG=...: only build the hypervisor image of one set (no QEMU)
.PHONY: image
image: $(RUN_IMAGE)
	@echo "image: $(RUN_IMAGE)"

$(B)/obj/hv/%.o: hv/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@
$(B)/obj/sbi/%.o: sbi/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@
$(B)/obj/hv/%.o: hv/%.S
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $<")
	$(Q)$(CC) $(HV_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

# The VM table of a configuration: generated C + an assembly file that embeds the images.
# Every guest image is built before any configuration is generated (GUEST_IMAGES, from the
# guest fragments).
$(B)/hv/%/vmconfig.c: configs/%.conf scripts/mkconfig.py hv/include/vm.h $(GUEST_IMAGES)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CONFIG  $<")
	$(Q)$(PYTHON) scripts/mkconfig.py $< $(B) $(dir $@)

$(B)/hv/%/vmconfig.o: $(B)/hv/%/vmconfig.c
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@
$(B)/hv/%/images.o: $(B)/hv/%/vmconfig.c
	$(Q)$(CC) $(HV_CFLAGS) -D__ASSEMBLER__ -c $(B)/hv/$*/images.S -o $@

$(B)/hv/%/hv.elf: $(HV_OBJS) $(B)/hv/%/vmconfig.o $(B)/hv/%/images.o $(HV_LDS)
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_OBJS) \
		$(B)/hv/$*/vmconfig.o $(B)/hv/$*/images.o $(LIBGCC)

-include $(HV_OBJS:.o=.d)
-include $(foreach c,$(CONFIGS),$(B)/hv/$(c)/inputs.d)

.PHONY: print-hv-srcs
print-hv-srcs:
	@echo $(HV_SRCS) $(HV_ASMS)
