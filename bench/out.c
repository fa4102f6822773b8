/* Bench result output: one line per call, written with a single CONSOLE_WRITE on rvpv so that
 * lines of VMs running at the same time do not interleave. */
#include "guest.h"
#include "out.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01

int bench_on_rvpv(void)
{
	struct rvpv_sbiret id = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);
	return !id.error && id.value == RVPV_SBI_IMPL_ID;
}

static void put_num(char *buf, uint64_t *len, uint64_t v)
{
	char tmp[24];
	int n = 0;
	do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
	while (n) buf[(*len)++] = tmp[--n];
}

void bench_line(const char *key, uint64_t a, uint64_t b)
{
	char buf[128];
	uint64_t len = 0;
	for (const char *p = "BENCH "; *p; p++) buf[len++] = *p;
	for (; *key && len < 80; key++) buf[len++] = *key;
	buf[len++] = ' ';
	put_num(buf, &len, a);
	buf[len++] = ' ';
	put_num(buf, &len, b);
	buf[len++] = '\n';
	if (bench_on_rvpv()) {
		rvpv_console_write((uintptr_t)buf, len);
		return;
	}
	for (uint64_t i = 0; i < len; i++)
		rvpv_sbi_call1(SBI_EXT_LEGACY_PUTCHAR, 0, (uint8_t)buf[i]);
}
