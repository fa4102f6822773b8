/* Words of a guest's bootargs (see bootargs.h). */
#include "bootargs.h"

/* Just past key where it starts a word of args and is followed by '=' (with_eq) or ends the
 * word; else 0. */
static const char *find(const char *args, const char *key, int with_eq)
{
	for (const char *s = args; *s; s++) {
		const char *k = key, *t = s;
		if (s != args && s[-1] != ' ')
			continue;
		while (*k && *k == *t) {
			k++;
			t++;
		}
		if (*k)
			continue;
		if (with_eq ? *t == '=' : (*t == ' ' || *t == 0))
			return t;
	}
	return 0;
}

uint64_t bootargs_num(const char *args, const char *key, uint64_t dflt)
{
	const char *t = find(args, key, 1);
	uint64_t v = 0, base = 10;

	if (!t)
		return dflt;
	t++;
	if (t[0] == '0' && t[1] == 'x') {
		base = 16;
		t += 2;
	}
	for (;; t++) {
		uint64_t d;
		if (*t >= '0' && *t <= '9')
			d = (uint64_t)(*t - '0');
		else if (base == 16 && *t >= 'a' && *t <= 'f')
			d = (uint64_t)(*t - 'a' + 10);
		else
			break;
		v = v * base + d;
	}
	return v;
}

int bootargs_flag(const char *args, const char *word)
{
	return find(args, word, 0) != 0;
}
