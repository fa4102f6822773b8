# tests/lib/guest.mk: the one recipe for the freestanding test and bench guests, and the support
# library they all link (tests/lib/*.c -> $(B)/obj/tlib/libtest.a: printf core, consoles,
# device-tree reader, bootargs, memset/memcpy). Read by the top-level Makefile right after the
# toolchain variables, since the fragments call these macros while they are read.
GUEST_CFLAGS := $(TARGET_CFLAGS) -Itests/lib -MMD -MP
TLIB := $(B)/obj/tlib/libtest.a

# $(call guest_objs,SRC_DIR,OBJ_DIR,EXTRA_CFLAGS): SRC_DIR/NAME.c and NAME.S -> OBJ_DIR/NAME.o
define guest_objs
$(2)/%.o: $(1)/%.c
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  CC      $$<")
	$$(Q)$$(CC) $$(GUEST_CFLAGS) $(3) -c $$< -o $$@
$(2)/%.o: $(1)/%.S
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  AS      $$<")
	$$(Q)$$(CC) $$(GUEST_CFLAGS) $(3) -c $$< -o $$@
-include $$(wildcard $(2)/*.d)
endef

# $(call guest_image,OUT,OBJECTS,LINKER_SCRIPT): OUT.elf from OBJECTS, the support library and
# libgcc; OUT.bin is its raw image (what a VM set's image= embeds).
define guest_image
$(1).elf: $(2) $$(TLIB) $(3)
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  LD      $$@")
	$$(Q)$$(CC) $$(TARGET_CFLAGS) $$(TARGET_LDFLAGS) -T $(3) -o $$@ $(2) $$(TLIB) $$(LIBGCC)
$(1).bin: $(1).elf
	$$(Q)$$(OBJCOPY) -O binary $$< $$@
endef

$(eval $(call guest_objs,tests/lib,$(B)/obj/tlib,))
TLIB_OBJS := $(patsubst tests/lib/%.c,$(B)/obj/tlib/%.o,$(wildcard tests/lib/*.c))
$(TLIB): $(TLIB_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^
