/* hcinfo: which platform we run on: rvpv's ABI version and feature bits, or "native" when
 * the SBI implementation is not rvpv. */
#include <stdio.h>
#include "ulib.h"
#include "rvpv/abi.h"

static const struct { unsigned bit; const char *name; } feats[] = {
	{ RVPV_FEAT_CPU, "cpu" },         { RVPV_FEAT_EVENT, "event" },
	{ RVPV_FEAT_MEM, "mem" },         { RVPV_FEAT_CONSOLE, "console" },
	{ RVPV_FEAT_BLOCK, "block" },     { RVPV_FEAT_LIFECYCLE, "lifecycle" },
	{ RVPV_FEAT_STEAL_TIME, "steal-time" }, { RVPV_FEAT_BALLOON, "balloon" },
	{ RVPV_FEAT_SSTC, "sstc" },
};

int main(void)
{
	struct pv_hvinfo hi;
	if (pv_hvinfo(&hi) < 0) {
		fprintf(stderr, "hcinfo: failed\n");
		return 1;
	}
	printf("backend: %s\n", hi.backend);
	printf("sbi impl id 0x%lx version 0x%lx\n", (unsigned long)hi.sbi_impl_id,
	       (unsigned long)hi.sbi_impl_version);
	printf("timebase %lu Hz, tick %lu Hz\n", (unsigned long)hi.timebase,
	       (unsigned long)hi.ticks_per_sec);
	if (hi.sbi_impl_id != RVPV_SBI_IMPL_ID) {
		printf("hypervisor: native\n");
		return 0;
	}
	printf("hypervisor: rvpv abi %lu.%lu features 0x%lx:",
	       (unsigned long)(hi.rvpv_version >> 16), (unsigned long)(hi.rvpv_version & 0xffff),
	       (unsigned long)hi.rvpv_features);
	for (unsigned i = 0; i < sizeof(feats) / sizeof(feats[0]); i++)
		if (hi.rvpv_features & feats[i].bit)
			printf(" %s", feats[i].name);
	printf("\n");
	return 0;
}
