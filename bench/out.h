/* Result lines of the bench guests ("BENCH key a b"), written through rvpv's console when the
 * guest runs on rvpv and through the legacy SBI putchar when it runs natively on OpenSBI. */
#ifndef BENCH_OUT_H
#define BENCH_OUT_H
#include <stdint.h>

int bench_on_rvpv(void);
void bench_line(const char *key, uint64_t a, uint64_t b);
#endif
