/* The few string routines the freestanding kernel needs (GCC may also emit calls to these). */
#include "defs.h"

/* Word at a time when both pointers share alignment: page copies dominate fork and exec. */
void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	for (; n && ((uintptr_t)p & 7); n--)
		*p++ = (uint8_t)c;
	uint64_t w = 0x0101010101010101ull * (uint8_t)c;
	for (; n >= 8; n -= 8, p += 8)
		*(uint64_t *)p = w;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;
	int words = (((uintptr_t)dp ^ (uintptr_t)sp) & 7) == 0;
	if (dp < sp) {
		for (; n && words && ((uintptr_t)dp & 7); n--)
			*dp++ = *sp++;
		for (; words && n >= 8; n -= 8, dp += 8, sp += 8)
			*(uint64_t *)dp = *(const uint64_t *)sp;
		while (n--)
			*dp++ = *sp++;
	} else {
		for (; n && words && ((uintptr_t)(dp + n) & 7); n--)
			dp[n - 1] = sp[n - 1];
		for (; words && n >= 8; n -= 8)
			*(uint64_t *)(dp + n - 8) = *(const uint64_t *)(sp + n - 8);
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	return memmove(d, s, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? (uint8_t)*a - (uint8_t)*b : 0;
}

/* Like strncpy but always NUL-terminates. */
char *safestrcpy(char *d, const char *s, int n)
{
	char *r = d;
	if (n <= 0)
		return r;
	while (--n > 0 && (*d++ = *s++))
		;
	*d = 0;
	return r;
}
