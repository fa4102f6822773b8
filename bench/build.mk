# bench/: `make bench` (BENCH_QUICK=1 for the short run). Builds the bench guests from bench/*.c
# on the test-guest runtime, the VM sets configs/bench*.conf, and runs bench/run.sh.
BENCH_GUESTS := micro job disk smp yield
BENCH_IMAGES := $(foreach g,$(BENCH_GUESTS),$(B)/bench/$(g).bin)
# the Linux sets (bench-l*) only once make linux has built the kernel (bench/linux.sh skips them)
BENCH_CONFIGS := $(filter-out $(if $(wildcard $(B)/linux/Image),,bench-l%),$(filter bench%,$(CONFIGS)))
GUEST_IMAGES += $(BENCH_IMAGES)

all: $(BENCH_IMAGES)

$(eval $(call guest_objs,bench,$(B)/obj/bench,-Itests/guests/lib -Ibench -Itests/disk))
# The ELF doubles as the S-mode payload for OpenSBI: guest.ld links at 0x80200000. The disk
# guest also needs the disk test guests' ring library.
$(foreach g,$(BENCH_GUESTS),$(eval $(call guest_image,$(B)/bench/$(g),$(B)/obj/bench/$(g).o \
	$(B)/obj/bench/out.o $(if $(filter disk,$(g)),$(B)/obj/tdisk/dlib.o) $(TGUEST_LIB_OBJS),\
	tests/guests/lib/guest.ld)))

# hv/build.mk fixes its vmconfig prerequisites before this fragment is read: add ours here.
$(foreach c,$(BENCH_CONFIGS),$(B)/hv/$(c)/vmconfig.c): $(BENCH_IMAGES)

bench: deps-bench $(BENCH_IMAGES) $(foreach c,$(BENCH_CONFIGS) default,$(B)/hv/$(c)/hv.elf) \
	$(B)/pv-guest/native.elf $(B)/pv-guest/fs.img
	$(Q)BENCH_QUICK=$(BENCH_QUICK) bench/run.sh $(B)
