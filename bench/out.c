/* Bench result output: one line per call, written with a single CONSOLE_WRITE on rvpv so that
 * lines of VMs running at the same time do not interleave. */
#include "guest.h"
#include "cons.h"
#include "fmt.h"
#include "out.h"

int bench_on_rvpv(void)
{
	return cons_on_rvpv();
}

void bench_line(const char *key, uint64_t a, uint64_t b)
{
	char buf[128];
	size_t len = fmt_buf(buf, sizeof(buf), "BENCH %s %lu %lu\n", key, a, b);

	if (bench_on_rvpv())
		cons_rvpv_write(buf, len);
	else
		cons_sbi_write(buf, len);
}
