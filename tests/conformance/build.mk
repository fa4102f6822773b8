# tests/conformance: the ABI conformance guest. $(B)/guests/conformance.bin (+ .elf) runs under
# rvpv; conformance-sbi-native.elf is the same code as an S-mode payload for plain OpenSBI.
CONF_DIR  := tests/conformance
CONF_OBJS := $(patsubst $(CONF_DIR)/%,$(B)/obj/conformance/%.o,\
	$(basename $(wildcard $(CONF_DIR)/*.c) $(wildcard $(CONF_DIR)/*.S)))

# GUEST_IMAGES: a configuration (configs/conformance.conf) may embed conformance.bin.
GUEST_IMAGES += $(B)/guests/conformance.bin
all: $(B)/guests/conformance.bin $(B)/guests/conformance-sbi-native.elf

$(eval $(call guest_objs,$(CONF_DIR),$(B)/obj/conformance,))
$(eval $(call guest_image,$(B)/guests/conformance,$(CONF_OBJS),$(CONF_DIR)/link.ld))
$(eval $(call guest_image,$(B)/guests/conformance-sbi-native,$(CONF_OBJS),$(CONF_DIR)/link.ld))
