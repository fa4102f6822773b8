# tests/isolation: the guests of the isolation test (victim, hostile, probe), linked with the
# test-guest runtime (tests/guests/lib) into $(B)/isolation/NAME.bin for configs/isolation*.conf.
# Included from the top Makefile before hv/build.mk (the configurations embed these images).
ISO_GUESTS := victim hostile probe xpage pinrace stream
ISO_CFLAGS := $(TARGET_CFLAGS) -Itests/guests/lib -Itests/isolation -MMD -MP
GUEST_IMAGES += $(foreach g,$(ISO_GUESTS),$(B)/isolation/$(g).bin)

all: $(foreach g,$(ISO_GUESTS),$(B)/isolation/$(g).bin)

$(B)/obj/isolation/%.o: tests/isolation/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(ISO_CFLAGS) -c $< -o $@

# the hostile guest has two more objects; $^ collects them from this line
$(B)/isolation/hostile.elf: $(B)/obj/isolation/gen.o $(B)/obj/isolation/racer.o
$(B)/isolation/xpage.elf $(B)/isolation/pinrace.elf $(B)/isolation/stream.elf: $(B)/obj/isolation/ring.o
$(B)/isolation/%.elf: $(B)/obj/isolation/%.o $(B)/obj/isolation/iso.o $(TGUEST_LIB_OBJS) \
		tests/isolation/iso.ld
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -T tests/isolation/iso.ld -o $@ \
		$(filter %.o,$^) $(LIBGCC)
$(B)/isolation/%.bin: $(B)/isolation/%.elf
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(wildcard $(B)/obj/isolation/*.d)
