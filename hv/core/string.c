/* Freestanding memory and string routines (the compiler may also emit calls to these). */
#include "string.h"
#include <stdint.h>

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	uint64_t pat = (unsigned char)c * 0x0101010101010101ull;
	while (n && ((uintptr_t)p & 7)) { *p++ = (unsigned char)c; n--; }
	/* scrubbing a VM's RAM (palloc_free) is the largest loop rvpv runs: eight words at a time */
	for (; n >= 64; n -= 64, p += 64) {
		uint64_t *w = (uint64_t *)(void *)p;
		w[0] = pat; w[1] = pat; w[2] = pat; w[3] = pat;
		w[4] = pat; w[5] = pat; w[6] = pat; w[7] = pat;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(uint64_t *)(void *)p = pat;
	while (n--) *p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if ((((uintptr_t)dp | (uintptr_t)sp) & 7) == 0) {
		/* guest images (megabytes at every VM start): sixteen words per iteration, all
		 * loaded before any is stored (a forward memmove relies on it) */
		for (; n >= 128; n -= 128, dp += 128, sp += 128) {
			uint64_t w[16];
#pragma GCC unroll 16
			for (int j = 0; j < 16; j++)
				w[j] = ((const uint64_t *)(const void *)sp)[j];
#pragma GCC unroll 16
			for (int j = 0; j < 16; j++)
				((uint64_t *)(void *)dp)[j] = w[j];
		}
		for (; n >= 8; n -= 8, dp += 8, sp += 8)
			*(uint64_t *)(void *)dp = *(const uint64_t *)(const void *)sp;
	}
	while (n--) *dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--) dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y) return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n]) n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) { a++; b++; }
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
		if (!*a) return 0;
	}
	return 0;
}
