# hv/blk: the disk's building blocks. The hypervisor links HV_BLK_SRCS (hv/build.mk); the core implements hv/blk/blk_env.h in hv/core/disk.c (blk_env_gpa,
# blk_env_notify) and elsewhere (palloc_alloc, hv_printf).
HV_BLK_SRCS := hv/blk/blk_gpa.c hv/blk/virtq.c hv/blk/virtio_mmio_blk.c hv/blk/vblk.c
HV_BLK_HDRS := $(wildcard hv/blk/*.h)
# The part that is pure logic, also built for host tests and the fuzzer.
HV_BLK_HOST_SRCS := hv/blk/blk_gpa.c hv/blk/virtq.c
