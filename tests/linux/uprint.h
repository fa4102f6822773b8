/* What the Linux guests' user programs (tests/linux/init.c, bench/lbench.c) share: printing a
 * line in one write, so lines from several processes never mix on the console, and reading a
 * number from the kernel command line, which the program reads into `cmdline` at start. */
#ifndef RVPV_LINUX_UPRINT_H
#define RVPV_LINUX_UPRINT_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char cmdline[1024];

static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(1, buf, n) < 0)
		_exit(3);
}

/* value of key=... on the kernel command line, or def */
static long param(const char *key, long def)
{
	size_t kl = strlen(key);
	for (char *p = cmdline; (p = strstr(p, key)) != NULL; p += kl)
		if ((p == cmdline || p[-1] == ' ') && p[kl] == '=')
			return strtol(p + kl + 1, NULL, 0);
	return def;
}
#endif
