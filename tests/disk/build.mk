# tests/disk/: disk test guests (tests/disk/NAME.c + dlib.c + the tests/guests runtime ->
# $(B)/disk/NAME.bin) for configs/disk-*.conf and tests/suite.d/5[4-9]-disk-*.sh.
DGUEST_NAMES := $(filter-out dlib,$(basename $(notdir $(wildcard tests/disk/*.c))))
GUEST_IMAGES += $(foreach g,$(DGUEST_NAMES),$(B)/disk/$(g).bin)

all: $(foreach g,$(DGUEST_NAMES),$(B)/disk/$(g).bin)

$(eval $(call guest_objs,tests/disk,$(B)/obj/tdisk,-Itests/guests/lib -Itests/disk))
$(foreach g,$(DGUEST_NAMES),$(eval $(call guest_image,$(B)/disk/$(g),\
	$(B)/obj/tdisk/$(g).o $(B)/obj/tdisk/dlib.o $(TGUEST_LIB_OBJS),tests/guests/lib/guest.ld)))
