/* /bin/sh for the Linux tests: a small shell on the console, so that tests/suite.d/45 can type
 * commands into a running PV Linux and read their output (issue 17: "typed console input
 * reaches a shell"). Reads a line from stdin after the prompt "rvpvsh# ", splits it into words
 * ('...' and "..." quote, "> FILE" and ">> FILE" send stdout to a file), and runs it:
 *   builtins  echo ARGS, cat FILES, ls [DIRS], cd DIR, pwd, exit [N], help
 *   otherwise fork and exec the program (a name without '/' is looked up in $PATH, default
 *   /bin:/); a program that is not found is "sh: NAME: not found" and status 127
 * `sh -c LINE` runs one line and exits with its status. End of input or `exit` leaves with the
 * last status. No variables, pipes, globs or job control: what a test needs and no more.
 * Built static with Debian's riscv64 cross glibc (tests/linux/build.mk), like /init. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE 1024
#define MAX_WORDS 64

/* an output line or piece: one write, so the console shows it whole */
static void out(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void err(const char *what, const char *name, const char *why)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "sh: %s%s%s: %s\n", what, *name ? " " : "", name, why);
	out(2, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* one line from stdin without its end; -1 at the end of input with nothing read */
static int read_line(char *line, size_t cap)
{
	size_t n = 0;
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return n ? (int)n : -1;
		if (c == '\n' || c == '\r')
			break;
		if (n < cap - 1)
			line[n++] = c;
	}
	line[n] = 0;
	return (int)n;
}

struct cmd {
	char words[MAX_LINE + MAX_WORDS + 1]; /* each word NUL-terminated, quotes removed */
	char *argv[MAX_WORDS + 1];
	int argc;
	const char *redirect; /* stdout to this file, or NULL */
	int append;
};

/* splits line into words; returns -1 (after saying why) on a syntax error */
static int parse(const char *line, struct cmd *c)
{
	const char *r = line;
	char *w = c->words;
	int want_file = 0;
	c->argc = 0;
	c->redirect = NULL;
	c->append = 0;
	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (!*r)
			break;
		if (*r == '>') {
			if (want_file || c->redirect) {
				err("syntax", "", "more than one >");
				return -1;
			}
			c->append = r[1] == '>';
			r += c->append ? 2 : 1;
			want_file = 1;
			continue;
		}
		char *word = w;
		while (*r && *r != ' ' && *r != '\t' && *r != '>') {
			if (*r == '\'' || *r == '"') {
				char q = *r++;
				while (*r && *r != q)
					*w++ = *r++;
				if (!*r) {
					err("syntax", "", "unterminated quote");
					return -1;
				}
				r++;
				continue;
			}
			*w++ = *r++;
		}
		*w++ = 0;
		if (want_file) {
			c->redirect = word;
			want_file = 0;
		} else if (c->argc < MAX_WORDS) {
			c->argv[c->argc++] = word;
		} else {
			err("syntax", "", "too many words");
			return -1;
		}
	}
	c->argv[c->argc] = NULL;
	if (want_file) {
		err("syntax", "", "> without a file");
		return -1;
	}
	return 0;
}

static int do_echo(int fd, struct cmd *c)
{
	char buf[MAX_LINE + 2];
	size_t n = 0;
	for (int i = 1; i < c->argc; i++) {
		size_t l = strlen(c->argv[i]);
		if (n + l + 2 > sizeof(buf))
			break;
		if (i > 1)
			buf[n++] = ' ';
		memcpy(buf + n, c->argv[i], l);
		n += l;
	}
	buf[n++] = '\n';
	out(fd, buf, n);
	return 0;
}

static int do_cat(int fd, struct cmd *c)
{
	int status = 0;
	for (int i = 1; i < c->argc; i++) {
		int in = open(c->argv[i], O_RDONLY);
		if (in < 0) {
			err("cat", c->argv[i], strerror(errno));
			status = 1;
			continue;
		}
		char buf[4096];
		ssize_t r;
		while ((r = read(in, buf, sizeof(buf))) > 0)
			out(fd, buf, (size_t)r);
		close(in);
	}
	return status;
}

/* the names in each directory, one a line, in the order readdir gives them */
static int do_ls(int fd, struct cmd *c)
{
	int status = 0;
	for (int i = c->argc > 1 ? 1 : 0; i < c->argc || i == 0; i++) {
		const char *path = i ? c->argv[i] : ".";
		DIR *d = opendir(path);
		if (!d) {
			err("ls", path, strerror(errno));
			status = 1;
		}
		for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
			if (e->d_name[0] == '.')
				continue;
			char buf[300];
			int n = snprintf(buf, sizeof(buf), "%s\n", e->d_name);
			out(fd, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
		}
		if (d)
			closedir(d);
		if (!i)
			break;
	}
	return status;
}

static int do_pwd(int fd)
{
	char buf[512];
	if (!getcwd(buf, sizeof(buf) - 1)) {
		err("pwd", "", strerror(errno));
		return 1;
	}
	size_t n = strlen(buf);
	buf[n++] = '\n';
	out(fd, buf, n);
	return 0;
}

static int run_program(struct cmd *c, int fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		err("fork", "", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		if (fd != 1 && (dup2(fd, 1) < 0 || close(fd) < 0))
			_exit(126);
		execvp(c->argv[0], c->argv);
		err(c->argv[0], "", errno == ENOENT ? "not found" : strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int last_status;
static const char help_text[] = "builtins: echo cat ls cd pwd exit help; anything else is run from $PATH\n";

/* runs one line; returns 1 when it was `exit` */
static int run_line(char *line)
{
	struct cmd c;
	if (parse(line, &c) < 0) {
		last_status = 2;
		return 0;
	}
	if (!c.argc)
		return 0;
	const char *name = c.argv[0];
	if (!strcmp(name, "exit")) {
		if (c.argc > 1)
			last_status = atoi(c.argv[1]);
		return 1;
	}
	if (!strcmp(name, "cd")) {
		last_status = chdir(c.argc > 1 ? c.argv[1] : "/") < 0;
		if (last_status)
			err("cd", c.argc > 1 ? c.argv[1] : "/", strerror(errno));
		return 0;
	}
	int fd = 1;
	if (c.redirect) {
		fd = open(c.redirect, O_WRONLY | O_CREAT | (c.append ? O_APPEND : O_TRUNC), 0644);
		if (fd < 0) {
			err(c.redirect, "", strerror(errno));
			last_status = 1;
			return 0;
		}
	}
	if (!strcmp(name, "echo"))
		last_status = do_echo(fd, &c);
	else if (!strcmp(name, "cat"))
		last_status = do_cat(fd, &c);
	else if (!strcmp(name, "ls"))
		last_status = do_ls(fd, &c);
	else if (!strcmp(name, "pwd"))
		last_status = do_pwd(fd);
	else if (!strcmp(name, "help")) {
		out(fd, help_text, sizeof(help_text) - 1);
		last_status = 0;
	} else {
		last_status = run_program(&c, fd);
	}
	if (fd != 1)
		close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static char line[MAX_LINE];
	setenv("PATH", "/bin:/", 0);
	if (argc == 3 && !strcmp(argv[1], "-c")) {
		snprintf(line, sizeof(line), "%s", argv[2]);
		run_line(line);
		return last_status;
	}
	if (argc != 1) {
		err("usage", "", "sh [-c LINE]");
		return 2;
	}
	for (;;) {
		out(1, "rvpvsh# ", 8);
		if (read_line(line, sizeof(line)) < 0)
			break;
		if (run_line(line))
			break;
	}
	return last_status;
}
