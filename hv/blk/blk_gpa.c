/* Guest-physical range helpers over blk_env_gpa: try the whole range first (guest RAM is
 * usually host-contiguous), fall back to one call per 4 KiB page. */
#include "blk_gpa.h"
#include "blk_env.h"

/* Bytes from gpa to the end of its page, capped at len. */
static uint64_t chunk(uint64_t gpa, uint64_t len)
{
	uint64_t room = BLK_PAGE_SIZE - (gpa & (BLK_PAGE_SIZE - 1));
	return len < room ? len : room;
}

int blk_gpa_ok(void *vm, uint64_t gpa, uint64_t len, int write)
{
	if (len == 0)
		return 1;
	if (gpa + len < gpa)
		return 0;
	if (blk_env_gpa(vm, gpa, len, write))
		return 1;
	while (len) {
		uint64_t c = chunk(gpa, len);
		if (!blk_env_gpa(vm, gpa, c, write))
			return 0;
		gpa += c;
		len -= c;
	}
	return 1;
}

/* Page by page in either direction: the pages need not be host-contiguous. */
static int xfer(void *vm, uint8_t *buf, uint64_t gpa, uint64_t len, int to_guest)
{
	if (gpa + len < gpa)
		return -1;
	for (uint64_t c; len; buf += c, gpa += c, len -= c) {
		c = chunk(gpa, len);
		uint8_t *g = blk_env_gpa(vm, gpa, c, to_guest);
		if (!g)
			return -1;
		for (uint64_t i = 0; i < c; i++) {
			if (to_guest)
				g[i] = buf[i];
			else
				buf[i] = g[i];
		}
	}
	return 0;
}

int blk_gpa_read(void *vm, void *dst, uint64_t gpa, uint64_t len)
{
	return xfer(vm, dst, gpa, len, 0);
}

int blk_gpa_write(void *vm, uint64_t gpa, const void *src, uint64_t len)
{
	return xfer(vm, (uint8_t *)(uintptr_t)src, gpa, len, 1);
}

int blk_gpa_split(void *vm, uint64_t gpa, uint32_t len, int write, struct blk_hseg *out,
		  uint32_t *n, uint32_t max)
{
	if (gpa + len < gpa)
		return -1;
	while (len) {
		/* Whole remainder if contiguous, else page by page. */
		uint64_t c = len;
		void *h = blk_env_gpa(vm, gpa, c, write);
		if (!h) {
			c = chunk(gpa, len);
			h = blk_env_gpa(vm, gpa, c, write);
			if (!h)
				return -1;
		}
		uint64_t a = (uint64_t)(uintptr_t)h;
		struct blk_hseg *last = *n ? &out[*n - 1] : 0;
		if (last && last->addr + last->len == a && last->write == (uint32_t)!!write &&
		    (uint64_t)last->len + c <= 0xffffffffu) {
			last->len += (uint32_t)c;
		} else {
			if (*n >= max)
				return -1;
			out[*n] = (struct blk_hseg){ a, (uint32_t)c, (uint32_t)!!write };
			(*n)++;
		}
		gpa += c;
		len -= (uint32_t)c;
	}
	return 0;
}
