/* rvpv CORE cases: version, feature bits, the null call and the calling convention. */
#include "conf.h"

#define FEAT_KNOWN_1_0 ((1u << 9) - 1)
#define FEAT_REQUIRED (RVPV_FEAT_CPU | RVPV_FEAT_EVENT | RVPV_FEAT_MEM | RVPV_FEAT_CONSOLE | \
		       RVPV_FEAT_LIFECYCLE)

void conf_CORE_GET_VERSION(void)
{
	struct rvpv_sbiret r = rvpv_core_get_version();

	tap_ok(r.error == 0 && (r.value >> 16) == RVPV_ABI_MAJOR, "major-is-1",
	       "error %ld value %lx", r.error, (uint64_t)r.value);
	tap_ok(r.value == rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION).value,
	       "equals-impl-version", "");
	tap_ok((r.value & 0xffff) >= RVPV_ABI_MINOR, "minor-at-least-header", "value %lx",
	       (uint64_t)r.value);
}

void conf_CORE_GET_FEATURES(void)
{
	struct rvpv_sbiret r = rvpv_core_get_features();
	uint64_t v = (uint64_t)r.value;
	int minor = (int)(rvpv_core_get_version().value & 0xffff);

	tap_expect(r, 0, "succeeds");
	tap_ok((v & FEAT_REQUIRED) == FEAT_REQUIRED, "always-on-groups",
	       "value %lx lacks some of %x", v, FEAT_REQUIRED);
	if (minor == 0)
		tap_ok((v & ~(uint64_t)FEAT_KNOWN_1_0) == 0, "no-unknown-bits-in-1.0", "value %lx", v);
	tap_ok(r.value == rvpv_core_get_features().value, "stable", "");
}

void conf_CORE_NULL_CALL(void)
{
	tap_expect_val(rvpv_core_null_call(), 0, 0, "returns-0");
	tap_expect_val(rvpv_ecall(RVPV_EXT_CORE, RVPV_FN_CORE_NULL_CALL, 1, 2, 3, 4, 5, 6), 0, 0,
		       "unused-arguments-ignored");
	regs_check(RVPV_EXT_CORE, RVPV_FN_CORE_NULL_CALL, "preserves-registers");
	regs_check(RVPV_EXT_CORE, 0x7fffffff, "unknown-fid-preserves-registers");
}
