# tests/: freestanding test guests (tests/guests/*.c -> $(B)/guests/NAME.bin) and host unit
# tests (tests/unit/*_test.c, built natively with sanitizers).
# TGUEST_LIB_OBJS: the rvpv test-guest runtime (entry, console, exits), which the disk,
# isolation and bench guests link too.
TGUEST_LIB_OBJS := $(B)/obj/tguest/lib/crt0.o $(B)/obj/tguest/lib/guest.o
TGUEST_NAMES := $(basename $(notdir $(wildcard tests/guests/*.c)))
GUEST_IMAGES += $(foreach g,$(TGUEST_NAMES),$(B)/guests/$(g).bin)

all: $(foreach g,$(TGUEST_NAMES),$(B)/guests/$(g).bin)

$(eval $(call guest_objs,tests/guests/lib,$(B)/obj/tguest/lib,))
$(eval $(call guest_objs,tests/guests,$(B)/obj/tguest,-Itests/guests/lib))
$(foreach g,$(TGUEST_NAMES),$(eval $(call guest_image,$(B)/guests/$(g),\
	$(B)/obj/tguest/$(g).o $(TGUEST_LIB_OBJS),tests/guests/lib/guest.ld)))

# Host unit tests: each tests/unit/NAME_test.c lists the hypervisor sources it needs in a
# "// sources:" line; built with ASan and UBSan.
UNIT_TESTS := $(basename $(notdir $(shell grep -l "^// sources:" tests/unit/*_test.c 2>/dev/null)))
all: $(foreach t,$(UNIT_TESTS),$(B)/unit/$(t))
$(B)/unit/%: tests/unit/%.c $(wildcard hv/core/*.c hv/arch/riscv/*.c hv/include/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ihv/include -Ihv/arch/riscv -Itests/unit -o $@ $< \
		$(shell sed -n 's|^// sources: ||p' $<)

# tests/unit/tlib_test.c tests tests/lib, which the rule above does not list
$(B)/unit/tlib_test: $(wildcard tests/lib/*.c tests/lib/*.h)

# The boot-hart chooser the hart tests load next to OpenSBI (tests/qemu/bootpick.S).
all: $(B)/tests/bootpick.bin
$(B)/tests/bootpick.elf: tests/qemu/bootpick.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_ARCH) -nostdlib -static -Wl,-Ttext=0x80100000 -Wl,--no-warn-rwx-segments -o $@ $<
$(B)/tests/bootpick.bin: $(B)/tests/bootpick.elf
	$(Q)$(OBJCOPY) -O binary $< $@
