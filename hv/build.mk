# hv/ (+ the hypervisor side of sbi/): one set of objects, linked once per VM configuration
# (configs/NAME.conf -> $(B)/hv/NAME/hv.elf), because the VM table and guest images are
# built into the image.
HV_SRCS := $(wildcard hv/core/*.c hv/arch/riscv/*.c hv/drivers/*.c hv/hc/*.c sbi/hv/*.c hv/blk/*.c)
HV_ASMS := $(wildcard hv/arch/riscv/*.S)
HV_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(HV_SRCS)) $(patsubst %.S,$(B)/obj/%.o,$(HV_ASMS))
HV_CFLAGS := $(TARGET_CFLAGS) -Ihv/include -Ihv/arch/riscv -Ihv/drivers -MMD -MP
HV_LDS := hv/arch/riscv/hv.ld

CONFIGS := $(basename $(notdir $(wildcard configs/*.conf)))
HV_IMAGES := $(foreach c,$(CONFIGS),$(B)/hv/$(c)/hv.elf)

all: $(HV_IMAGES)

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
$(B)/hv/%/vmconfig.c: configs/%.conf scripts/mkconfig.py $(GUEST_IMAGES)
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
