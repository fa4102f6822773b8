# pv-guest: a small Unix-like guest kernel with two pv-ops backends (native, pv), its user
# programs (picolibc) and a pvfs image. Everything lands in $(B)/pv-guest/.
PVG      := pv-guest
PVG_B    := $(B)/pv-guest
PVG_CFLAGS := $(TARGET_CFLAGS) -I$(PVG)/include -I$(PVG)/kernel
PVG_KSRC := $(wildcard $(PVG)/kernel/*.c) $(wildcard $(PVG)/kernel/*.S)
PVG_KOBJ = $(patsubst $(PVG)/%,$(PVG_B)/$(1)/%.o,$(PVG_KSRC) $(wildcard $(PVG)/$(1)/*.c))
PVG_HDRS := $(wildcard $(PVG)/kernel/*.h $(PVG)/include/*.h $(PVG)/native/*.h $(PVG)/pv/*.h) \
	$(ABI_HEADERS) $(wildcard sbi/include/sbi/*.h)

# User programs: picolibc (Debian's rv64imac/lp64 multilib) on our own crt0 and syscalls.
PICOLIBC   := /usr/lib/picolibc/riscv64-unknown-elf
PVG_UARCH  := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany
PVG_UCFLAGS := $(PVG_UARCH) -std=c11 -O2 -g -Wall -Wextra -Werror -ffunction-sections \
	-isystem $(PICOLIBC)/include -I$(PVG)/include -Iabi/include -ftls-model=local-exec
PVG_ULDFLAGS := -nostdlib -nostartfiles -static -Wl,--gc-sections -Wl,--no-warn-rwx-segments \
	-T $(PVG)/user/user.ld -L$(PICOLIBC)/lib/rv64imac/lp64
PVG_PROGS := init sh ls cat echo mkdir rm wc bench hcinfo halt sync preempt
PVG_ULIB  := $(PVG_B)/user/crt0.S.o $(PVG_B)/user/ulib.c.o
PVG_UBINS := $(addprefix $(PVG_B)/user/bin/,$(PVG_PROGS))
PVG_LIBGCC := $(shell $(CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name 2>/dev/null)
.PRECIOUS: $(PVG_B)/user/%.o $(PVG_B)/user/elf/%

all: $(PVG_B)/native.elf $(PVG_B)/pv.elf $(PVG_B)/pv.bin $(PVG_B)/fs.img $(PVG_B)/pv-ramdisk.bin
# A VM configuration may embed pv.bin (configs/*.conf: image=pv-guest/pv.bin).
GUEST_IMAGES += $(PVG_B)/pv.bin $(PVG_B)/pv-ramdisk.bin

$(PVG_B)/native.elf: $(call PVG_KOBJ,native) $(PVG)/kernel/kernel.ld
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(TARGET_ARCH) $(TARGET_LDFLAGS) -T $(PVG)/kernel/kernel.ld -o $@ \
		$(call PVG_KOBJ,native) $(PVG_LIBGCC)

$(PVG_B)/pv.elf: $(call PVG_KOBJ,pv) $(PVG_B)/pv/ramdisk_none.o $(PVG)/kernel/kernel.ld
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(TARGET_ARCH) $(TARGET_LDFLAGS) -T $(PVG)/kernel/kernel.ld -o $@ \
		$(call PVG_KOBJ,pv) $(PVG_B)/pv/ramdisk_none.o $(PVG_LIBGCC)

# pv-ramdisk: the pv kernel with fs.img linked in, for an rvpv VM that has no disk.
$(PVG_B)/pv-ramdisk.elf: $(call PVG_KOBJ,pv) $(PVG_B)/pv/ramdisk.o $(PVG)/kernel/kernel.ld
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(TARGET_ARCH) $(TARGET_LDFLAGS) -T $(PVG)/kernel/kernel.ld -o $@ \
		$(call PVG_KOBJ,pv) $(PVG_B)/pv/ramdisk.o $(PVG_LIBGCC)

$(PVG_B)/pv/ramdisk_none.o: $(PVG)/pv/ramdisk_none.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_CFLAGS) -c -o $@ $<

$(PVG_B)/pv/ramdisk.o: $(PVG)/pv/ramdisk.S $(PVG_B)/fs.img
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_CFLAGS) -DRAMDISK_FILE='"$(PVG_B)/fs.img"' -c -o $@ $<

$(PVG_B)/%.bin: $(PVG_B)/%.elf
	$(Q)$(OBJCOPY) -O binary $< $@

# Kernel objects are built once per backend so each sees only its own backend folder.
$(PVG_B)/native/%.o: $(PVG)/% $(PVG_HDRS)
	$(if $(Q),@echo "  CC      $@")
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_CFLAGS) -I$(PVG)/native -c -o $@ $<

$(PVG_B)/pv/%.o: $(PVG)/% $(PVG_HDRS)
	$(if $(Q),@echo "  CC      $@")
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_CFLAGS) -I$(PVG)/pv -c -o $@ $<

$(PVG_B)/user/%.o: $(PVG)/user/% $(PVG)/user/ulib.h $(PVG)/include/pvsys.h $(PVG)/include/pvfs.h
	$(if $(Q),@echo "  CC      $@")
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_UCFLAGS) -c -o $@ $<

# user/elf/ keeps the debug info; the image gets stripped copies in user/bin/.
$(PVG_B)/user/elf/%: $(PVG_B)/user/%.c.o $(PVG_ULIB) $(PVG)/user/user.ld
	$(if $(Q),@echo "  LD      $@")
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PVG_UARCH) $(PVG_ULDFLAGS) -o $@ $(PVG_ULIB) $< -Wl,--start-group -lc $(PVG_LIBGCC) -Wl,--end-group

$(PVG_B)/user/bin/%: $(PVG_B)/user/elf/%
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) --strip-all $< $@

$(PVG_B)/mkfs: $(PVG)/tools/mkfs.c $(PVG)/include/pvfs.h
	$(if $(Q),@echo "  HOSTCC  $@")
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=c11 -O1 -g -Wall -Wextra -Werror -I$(PVG)/include -o $@ $<

$(PVG_B)/fs.img: $(PVG_B)/mkfs $(PVG_UBINS) $(PVG)/user/README
	$(if $(Q),@echo "  MKFS    $@")
	$(Q)$(PVG_B)/mkfs $@ $(PVG)/user/README $(PVG_UBINS)

# Boots native.elf on a scratch copy of the image, so the pristine fs.img stays unchanged.
.PHONY: run-native
run-native: $(PVG_B)/native.elf $(PVG_B)/fs.img
	$(Q)cp $(PVG_B)/fs.img $(PVG_B)/run.img
	$(Q)B=$(B) scripts/qemu.sh -k $(PVG_B)/native.elf -s $(SMP) -m 128M -d $(PVG_B)/run.img
