/* The console device: output through the backend, input line-buffered with echo, backspace,
 * ^U (kill line) and ^D (end of file). Input arrives by polling at every clock tick. */
#include "defs.h"
#include "pvops.h"

#define INPUT_BUF 256
static struct {
	char buf[INPUT_BUF];
	uint32_t r, w, e;   /* read, written (committed), edit positions */
	int noecho;         /* bootargs "noecho": output depends only on what programs write */
} cons;

void console_init(const char *bootargs)
{
	cons.r = cons.w = cons.e = 0;
	for (const char *s = bootargs; s && *s; s++)
		if (strncmp(s, "noecho", 6) == 0)
			cons.noecho = 1;
}

static void echo(int c)
{
	if (!cons.noecho)
		console_putc(c);
}

void console_putc(int c)
{
	if (c == '\n')
		pv_console_putc('\r');
	pv_console_putc(c);
}

static void console_input(int c)
{
	if (c == '\r')
		c = '\n';
	if (c == 0x15) {  /* ^U */
		while (cons.e != cons.w && cons.buf[(cons.e - 1) % INPUT_BUF] != '\n') {
			cons.e--;
			echo('\b'); echo(' '); echo('\b');
		}
	} else if (c == 0x7f || c == '\b') {
		if (cons.e != cons.w) {
			cons.e--;
			echo('\b'); echo(' '); echo('\b');
		}
	} else if (c && cons.e - cons.r < INPUT_BUF) {
		cons.buf[cons.e++ % INPUT_BUF] = (char)c;
		if (c != 4)
			echo(c);
		if (c == '\n' || c == 4 || cons.e - cons.r == INPUT_BUF) {
			cons.w = cons.e;
			wakeup(&cons.r);
		}
	}
}

void console_poll(void)
{
	int c;
	while ((c = pv_console_getc()) >= 0)
		console_input(c);
}

/* Read up to one line; ^D at the start of a line reads as end of file. */
int console_read(uint64_t dst, int n)
{
	int got = 0;
	while (got < n) {
		while (cons.r == cons.w) {
			if (myproc()->killed)
				return -1;
			sleep_on(&cons.r);
		}
		char c = cons.buf[cons.r++ % INPUT_BUF];
		if (c == 4) {
			if (got > 0)
				cons.r--;  /* keep ^D for the next read, which returns 0 */
			break;
		}
		if (either_copyout(1, dst + got, &c, 1) < 0)
			break;
		got++;
		if (c == '\n')
			break;
	}
	return got;
}

int console_write(uint64_t src, int n)
{
	char buf[64];
	for (int i = 0; i < n;) {
		int m = n - i < (int)sizeof(buf) ? n - i : (int)sizeof(buf);
		if (copyin(myproc()->pagetable, buf, src + i, m) < 0)
			return i;
		for (int k = 0; k < m; k++)
			console_putc(buf[k]);
		i += m;
	}
	pv_console_flush();
	return n;
}
