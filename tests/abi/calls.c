/* Prints every call of RVPV_CALLS as "GROUP NAME ext fid minor wrapper flags nargs args", one a
 * line (flags as L, F, N for light, fast, no-return, or -; args comma-separated, or -),
 * compiled natively from the ABI header, so the documentation check reads the table the code is
 * built from. */
#include <stdio.h>
#include <string.h>
#include "rvpv/abi.h"

static void print_flags(unsigned flags)
{
	char s[4] = "", *p = s;
	if (flags & RVPV_CALL_LIGHT)
		*p++ = 'L';
	if (flags & RVPV_CALL_FAST)
		*p++ = 'F';
	if (flags & RVPV_CALL_NORETURN)
		*p++ = 'N';
	printf(" %s", p == s ? "-" : s);
}

/* "(a, b)" -> "a,b"; "()" -> "-" */
static void print_args(const char *list)
{
	putchar(' ');
	if (!strcmp(list, "()")) {
		putchar('-');
		return;
	}
	for (const char *c = list + 1; c[1]; c++)
		if (*c != ' ')
			putchar(*c);
}

int main(void)
{
#define CALLS_X_PRINT(g, n, w, fid, minor, flags, nargs, args)                           \
	printf("%s %s 0x%08X %d %d rvpv_%s", #g, #n, (unsigned)RVPV_EXT_##g, fid, minor, #w); \
	print_flags(flags);                                                               \
	printf(" %d", nargs);                                                             \
	print_args(#args);                                                                \
	putchar('\n');
	RVPV_CALLS(CALLS_X_PRINT)
#undef CALLS_X_PRINT
	return 0;
}
