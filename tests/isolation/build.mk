# tests/isolation: the guests of the isolation test (victim, hostile, probe), linked with the
# test-guest runtime (tests/guests/lib) into $(B)/isolation/NAME.bin for configs/isolation*.conf.
# Included from the top Makefile before hv/build.mk (the configurations embed these images).
ISO_GUESTS := victim hostile probe xpage pinrace stream
GUEST_IMAGES += $(foreach g,$(ISO_GUESTS),$(B)/isolation/$(g).bin)

all: $(foreach g,$(ISO_GUESTS),$(B)/isolation/$(g).bin)

# objects besides NAME.o and iso.o: the hostile guest's generator and racer, the ring users' ring
ISO_MORE_hostile := gen racer
ISO_MORE_xpage := ring
ISO_MORE_pinrace := ring
ISO_MORE_stream := ring
$(eval $(call guest_objs,tests/isolation,$(B)/obj/isolation,-Itests/guests/lib -Itests/isolation))
$(foreach g,$(ISO_GUESTS),$(eval $(call guest_image,$(B)/isolation/$(g),\
	$(patsubst %,$(B)/obj/isolation/%.o,$(g) $(ISO_MORE_$(g)) iso) $(TGUEST_LIB_OBJS),tests/isolation/iso.ld)))
