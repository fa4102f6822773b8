// SPDX-License-Identifier: GPL-2.0
/* rvpv detection: SBI BASE get_impl_id, probe of the CORE group, ABI major 1 */
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/rvpv.h>
#include <linux/string.h>
#include <asm/sbi.h>

static bool rvpv_pv_off;
static int rvpv_state;		/* 0 not probed, 1 rvpv, -1 not (or disabled) */
static unsigned long rvpv_features;

static int __init rvpv_pv_param(char *s)
{
	if (!strcmp(s, "off"))
		rvpv_pv_off = true;
	return 1;
}
__setup("rvpv_pv=", rvpv_pv_param);

bool rvpv_detect(unsigned long *features)
{
	struct sbiret r;

	if (!rvpv_state) {
		rvpv_state = -1;
		if (rvpv_pv_off) {
			pr_info("rvpv: PV drivers disabled (rvpv_pv=off)\n");
		} else if (sbi_spec_version >= sbi_mk_version(0, 2)) {
			r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0, 0, 0, 0);
			if (!r.error && r.value == RVPV_SBI_IMPL_ID &&
			    sbi_probe_extension(RVPV_EXT_CORE) > 0) {
				r = sbi_ecall(RVPV_EXT_CORE, RVPV_FN_CORE_GET_VERSION, 0, 0, 0, 0, 0, 0);
				if (!r.error && (r.value >> 16) == 1) {
					r = sbi_ecall(RVPV_EXT_CORE, RVPV_FN_CORE_GET_FEATURES,
						      0, 0, 0, 0, 0, 0);
					rvpv_features = r.error ? 0 : r.value;
					rvpv_state = 1;
				}
			}
		}
	}
	if (features)
		*features = rvpv_features;
	return rvpv_state > 0;
}
