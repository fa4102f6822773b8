# tests/: freestanding test guests (tests/guests/*.c -> $(B)/guests/NAME.bin) and host unit
# tests (tests/unit/*_test.c, built natively with sanitizers).
TGUEST_LIB_SRCS := tests/guests/lib/crt0.S tests/guests/lib/guest.c
TGUEST_LIB_OBJS := $(patsubst tests/guests/lib/%,$(B)/obj/tguest/lib/%.o,$(TGUEST_LIB_SRCS))
TGUEST_NAMES := $(basename $(notdir $(wildcard tests/guests/*.c)))
TGUEST_CFLAGS := $(TARGET_CFLAGS) -Itests/guests/lib -MMD -MP
GUEST_IMAGES += $(foreach g,$(TGUEST_NAMES),$(B)/guests/$(g).bin)

all: $(foreach g,$(TGUEST_NAMES),$(B)/guests/$(g).bin)

$(B)/obj/tguest/lib/%.o: tests/guests/lib/%
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TGUEST_CFLAGS) $(if $(filter %.S,$<),-D__ASSEMBLER__) -c $< -o $@
$(B)/obj/tguest/%.o: tests/guests/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(TGUEST_CFLAGS) -c $< -o $@
$(B)/guests/%.elf: $(B)/obj/tguest/%.o $(TGUEST_LIB_OBJS) tests/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ $< $(TGUEST_LIB_OBJS) $(LIBGCC)
$(B)/guests/%.bin: $(B)/guests/%.elf
	$(Q)$(OBJCOPY) -O binary $< $@

# Host unit tests: each tests/unit/NAME_test.c lists the hypervisor sources it needs in a
# "// sources:" line; built with ASan and UBSan.
UNIT_TESTS := $(basename $(notdir $(shell grep -l "^// sources:" tests/unit/*_test.c 2>/dev/null)))
all: $(foreach t,$(UNIT_TESTS),$(B)/unit/$(t))
$(B)/unit/%: tests/unit/%.c $(wildcard hv/core/*.c hv/arch/riscv/*.c hv/include/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ihv/include -Ihv/arch/riscv -Itests/unit -o $@ $< \
		$(shell sed -n 's|^// sources: ||p' $<)

-include $(wildcard $(B)/obj/tguest/*.d)

# The boot-hart chooser the hart tests load next to OpenSBI (tests/qemu/bootpick.S).
all: $(B)/tests/bootpick.bin
$(B)/tests/bootpick.elf: tests/qemu/bootpick.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_ARCH) -nostdlib -static -Wl,-Ttext=0x80100000 -Wl,--no-warn-rwx-segments -o $@ $<
$(B)/tests/bootpick.bin: $(B)/tests/bootpick.elf
	$(Q)$(OBJCOPY) -O binary $< $@
