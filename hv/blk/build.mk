# hv/blk: the disk's building blocks, linked into the hypervisor (the core implements
# hv/blk/blk_env.h: blk_env_gpa, blk_env_notify, palloc_alloc, hv_printf; see core-wiring.patch).
# Include from hv/build.mk and add
# $(HV_BLK_SRCS) to the hypervisor's sources.
HV_BLK_SRCS := hv/blk/blk_gpa.c hv/blk/virtq.c hv/blk/virtio_mmio_blk.c hv/blk/vblk.c
HV_BLK_HDRS := $(wildcard hv/blk/*.h)
# The part that is pure logic, also built for host tests and the fuzzer.
HV_BLK_HOST_SRCS := hv/blk/blk_gpa.c hv/blk/virtq.c
