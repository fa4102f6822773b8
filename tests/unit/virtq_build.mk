# virtq/vmblk tests: host unit tests of the ring walker and the virtual-disk glue (sanitizers) and the standalone S-mode
# payload that drives hv/blk/virtio_mmio_blk.c on QEMU. Needs hv/blk/build.mk first.
VIRTQ_TEST := $(B)/tests/unit/virtq_test
VIRTQ_TEST_SRCS := tests/unit/virtq_test.c tests/unit/virtq_env.c
VBLK_TEST := $(B)/tests/unit/virtq_vblk_test
VBLK_TEST_SRCS := tests/unit/virtq_vblk_test.c tests/unit/virtq_env.c tests/unit/virtq_fakehw.c \
	hv/blk/vblk.c
VMMIO_TEST := $(B)/tests/unit/virtq_mmio_test
VMMIO_TEST_SRCS := tests/unit/virtq_mmio_test.c tests/unit/virtq_env.c hv/blk/virtio_mmio_blk.c
VMBLK_TEST_ELF := $(B)/tests/virtq_hw/vmblk_test.elf
VMBLK_TEST_OBJS := $(patsubst %,$(B)/obj/vmblk/test/%.o,start main env vblk_e2e) \
	$(patsubst %,$(B)/obj/vmblk/blk/%.o,virtio_mmio_blk vblk virtq blk_gpa)

all: $(VIRTQ_TEST) $(VBLK_TEST) $(VMMIO_TEST) $(VMBLK_TEST_ELF)

$(VIRTQ_TEST): $(VIRTQ_TEST_SRCS) tests/unit/virtq_env.h $(HV_BLK_HOST_SRCS) $(HV_BLK_HDRS) \
		$(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(VIRTQ_TEST_SRCS) $(HV_BLK_HOST_SRCS)

$(VBLK_TEST): $(VBLK_TEST_SRCS) tests/unit/virtq_env.h tests/unit/virtq_fakehw.h \
		$(HV_BLK_HOST_SRCS) $(HV_BLK_HDRS) $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(VBLK_TEST_SRCS) $(HV_BLK_HOST_SRCS)

# virtio_mmio_blk.c against a page of host memory playing the device (notification suppression)
$(VMMIO_TEST): $(VMMIO_TEST_SRCS) tests/unit/virtq_env.h $(HV_BLK_HDRS) $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(VMMIO_TEST_SRCS)

# virtio_mmio_blk.c built as QEMU 7.2 runs it on one hart (no fences, MMIO under a lock)
# against a device thread: a completion racing vmblk_poll is seen or signalled
VMBLK_RACE_TEST := $(B)/tests/unit/vmblk_race_test
all: $(VMBLK_RACE_TEST)
$(VMBLK_RACE_TEST): tests/unit/vmblk_race_test.c tests/unit/virtq_env.c hv/blk/virtio_mmio_blk.c \
		tests/unit/virtq_env.h $(HV_BLK_HDRS) $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -pthread -o $@ tests/unit/vmblk_race_test.c tests/unit/virtq_env.c

# the payload: a freestanding guest of tests/unit/virtq_hw and hv/blk's sources
$(eval $(call guest_objs,tests/unit/virtq_hw,$(B)/obj/vmblk/test,))
$(eval $(call guest_objs,hv/blk,$(B)/obj/vmblk/blk,))
$(eval $(call guest_image,$(B)/tests/virtq_hw/vmblk_test,$(VMBLK_TEST_OBJS),tests/unit/virtq_hw/link.ld))

# hv/core/exit.c on the host (tests/unit/exit_load_test.c), unchanged: the test implements the
# arch.h functions it calls
EXIT_LOAD_TEST := $(B)/tests/unit/exit_load_test
all: $(EXIT_LOAD_TEST)
$(EXIT_LOAD_TEST): tests/unit/exit_load_test.c hv/core/exit.c tests/unit/unit.h \
		$(wildcard hv/include/*.h hv/arch/riscv/*.h) hv/drivers/plic.h $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ihv/include -Ihv/arch/riscv -Ihv/drivers -Itests/unit -o $@ \
		tests/unit/exit_load_test.c
