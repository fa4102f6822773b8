# tests/disk/: disk test guests (tests/disk/NAME.c + dlib.c + the tests/guests runtime ->
# $(B)/disk/NAME.bin) for configs/disk-*.conf and tests/suite.d/5[4-9]-disk-*.sh.
DGUEST_NAMES := $(filter-out dlib,$(basename $(notdir $(wildcard tests/disk/*.c))))
DGUEST_CFLAGS := $(TARGET_CFLAGS) -Itests/guests/lib -Itests/disk -MMD -MP
GUEST_IMAGES += $(foreach g,$(DGUEST_NAMES),$(B)/disk/$(g).bin)

all: $(foreach g,$(DGUEST_NAMES),$(B)/disk/$(g).bin)

$(B)/obj/tdisk/%.o: tests/disk/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(DGUEST_CFLAGS) -c $< -o $@
$(B)/disk/%.elf: $(B)/obj/tdisk/%.o $(B)/obj/tdisk/dlib.o $(TGUEST_LIB_OBJS) tests/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ $< \
		$(B)/obj/tdisk/dlib.o $(TGUEST_LIB_OBJS) $(LIBGCC)
$(B)/disk/%.bin: $(B)/disk/%.elf
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(wildcard $(B)/obj/tdisk/*.d)
