# tests/conformance: the ABI conformance guest. $(B)/guests/conformance.bin (+ .elf) runs under
# rvpv; conformance-sbi-native.elf is the same code as an S-mode payload for plain OpenSBI.
CONF_DIR  := tests/conformance
CONF_OUT  := $(B)/obj/conformance
CONF_SRCS := $(wildcard $(CONF_DIR)/*.c) $(wildcard $(CONF_DIR)/*.S)
CONF_OBJS := $(patsubst $(CONF_DIR)/%,$(CONF_OUT)/%.o,$(CONF_SRCS))
CONF_CFLAGS := $(TARGET_CFLAGS) -MMD -MP

# GUEST_IMAGES: a configuration (configs/conformance.conf) may embed conformance.bin.
GUEST_IMAGES += $(B)/guests/conformance.bin
all: $(B)/guests/conformance.bin $(B)/guests/conformance-sbi-native.elf

$(CONF_OUT)/%.c.o: $(CONF_DIR)/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(CONF_CFLAGS) -c $< -o $@

$(CONF_OUT)/%.S.o: $(CONF_DIR)/%.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CONF_CFLAGS) -c $< -o $@

$(B)/guests/conformance.elf $(B)/guests/conformance-sbi-native.elf: $(CONF_OBJS) $(CONF_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(TARGET_CFLAGS) $(TARGET_LDFLAGS) -T $(CONF_DIR)/link.ld -o $@ $(CONF_OBJS) $(LIBGCC)

$(B)/guests/conformance.bin: $(B)/guests/conformance.elf
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(CONF_OBJS:.o=.d)
