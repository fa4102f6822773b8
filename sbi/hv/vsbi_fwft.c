/* SBI FWFT (firmware features, SBI 3.0), per vCPU. What this platform can give:
 * - MISALIGNED_EXC_DELEG: 0 (its reset value here). OpenSBI 1.1 emulates misaligned loads and
 *   stores in M-mode and rvpv cannot have them delegated, so 1 is NOT_SUPPORTED. The
 *   misaligned AMOs and LR/SC that no SBI implementation can emulate reach the guest either
 *   way (hedeleg), as they do natively.
 * - LANDING_PAD, SHADOW_STACK, DOUBLE_TRAP, PTE_AD_HW_UPDATING, POINTER_MASKING_PMLEN: the
 *   harts lack Zicfilp, Zicfiss, Ssdbltrp, Svadu and Ssnpm: NOT_SUPPORTED.
 * Reserved and platform-specific ids (local and global) are DENIED, as the spec says. */
#include "vsbi_env.h"

static void handle(struct hc_call *c)
{
	uint32_t feature = (uint32_t)c->a[0]; /* 32 bits wide */
	uint64_t value = c->a[1], flags = c->a[2];
	c->value = 0;
	if (c->fid != SBI_FWFT_SET && c->fid != SBI_FWFT_GET)
		c->error = SBI_ERR_NOT_SUPPORTED;
	else if (feature > SBI_FWFT_POINTER_MASKING_PMLEN)
		c->error = SBI_ERR_DENIED;
	else if (feature != SBI_FWFT_MISALIGNED_EXC_DELEG)
		c->error = SBI_ERR_NOT_SUPPORTED;
	else if (c->fid == SBI_FWFT_GET)
		c->error = SBI_SUCCESS; /* value 0 */
	else if (flags & ~(uint64_t)SBI_FWFT_SET_FLAG_LOCK)
		c->error = SBI_ERR_INVALID_PARAM;
	else if (c->v->fwft_locked & (1u << feature)) /* whatever the value, as SBI 3.0 orders it */
		c->error = SBI_ERR_DENIED_LOCKED;
	else if (value > 1)
		c->error = SBI_ERR_INVALID_PARAM;
	else if (value == 1)
		c->error = SBI_ERR_NOT_SUPPORTED;
	else {
		if (flags & SBI_FWFT_SET_FLAG_LOCK)
			c->v->fwft_locked |= (uint8_t)(1u << feature);
		c->error = SBI_SUCCESS;
	}
}

VSBI_EXTENSION(vsbi_fwft, SBI_EXT_FWFT, SBI_EXT_FWFT, handle);
