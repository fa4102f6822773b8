/* sh: reads a line, splits it into a pipeline of commands with words, < and > redirections;
 * built-ins cd and exit. A command without '/' is looked up in the root directory. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

#define MAXWORDS 31
#define MAXCMDS 8

struct cmd {
	char *argv[MAXWORDS + 1];
	char *in, *out;
};

/* Split line into commands; returns how many, or -1 on a syntax error. Words are copied,
 * NUL-terminated, into words[], so operators need no surrounding spaces ("a|b", ">f"). */
static int parse(const char *s, struct cmd *cmds)
{
	static char words[512];
	char *w = words;
	int n = 0, argc = 0;
	memset(cmds, 0, sizeof(struct cmd) * MAXCMDS);
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '|') {
			if (argc == 0)
				return (!*s && n == 0 && !cmds[0].in && !cmds[0].out) ? 0 : -1;
			cmds[n].argv[argc] = 0;
			n++;
			argc = 0;
			if (!*s)
				return n;
			if (n == MAXCMDS)
				return -1;
			s++;
			continue;
		}
		char **target = 0;
		if (*s == '<' || *s == '>') {
			target = *s == '<' ? &cmds[n].in : &cmds[n].out;
			s++;
			while (*s == ' ' || *s == '\t')
				s++;
			if (!*s || *s == '|' || *s == '<' || *s == '>')
				return -1;
		}
		char *word = w;
		while (*s && *s != ' ' && *s != '\t' && *s != '|' && *s != '<' && *s != '>') {
			if (w == words + sizeof(words) - 1)
				return -1;
			*w++ = *s++;
		}
		*w++ = 0;
		if (target) {
			*target = word;
		} else {
			if (argc == MAXWORDS)
				return -1;
			cmds[n].argv[argc++] = word;
		}
	}
}

static void run(struct cmd *c, int in, int out)
{
	if (in != 0) {
		close(0);
		dup(in);
		close(in);
	}
	if (out != 1) {
		close(1);
		dup(out);
		close(out);
	}
	if (c->in) {
		close(0);
		if (open(c->in, O_RDONLY) != 0) {
			fprintf(stderr, "sh: cannot open %s\n", c->in);
			_exit(1);
		}
	}
	if (c->out) {
		close(1);
		if (open(c->out, O_WRONLY | O_CREAT | O_TRUNC) != 1) {
			fprintf(stderr, "sh: cannot create %s\n", c->out);
			_exit(1);
		}
	}
	char path[64];
	if (strchr(c->argv[0], '/'))
		snprintf(path, sizeof(path), "%s", c->argv[0]);
	else
		snprintf(path, sizeof(path), "/%s", c->argv[0]);
	pv_exec(path, c->argv);
	fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
	_exit(127);
}

static int readline(char *buf, int max)
{
	int n = 0;
	while (n < max - 1) {
		char c;
		if (read(0, &c, 1) != 1)
			return n ? n : -1;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = 0;
	return n;
}

int main(void)
{
	static char line[256];
	struct cmd cmds[MAXCMDS];
	for (;;) {
		printf("$ ");
		fflush(stdout);
		if (readline(line, sizeof(line)) < 0)
			return 0;
		int n = parse(line, cmds);
		if (n < 0) {
			fprintf(stderr, "sh: syntax error\n");
			continue;
		}
		if (n == 0)
			continue;
		if (strcmp(cmds[0].argv[0], "cd") == 0) {
			if (chdir(cmds[0].argv[1] ? cmds[0].argv[1] : "/") < 0)
				fprintf(stderr, "sh: cd: cannot cd to %s\n", cmds[0].argv[1]);
			continue;
		}
		if (strcmp(cmds[0].argv[0], "exit") == 0)
			return 0;
		int in = 0, pids[MAXCMDS], started = 0;
		for (int i = 0; i < n; i++) {
			int p[2] = { 0, 1 };
			if (i < n - 1 && pipe(p) < 0) {
				fprintf(stderr, "sh: pipe failed\n");
				break;
			}
			int pid = fork();
			if (pid == 0) {
				if (i < n - 1)
					close(p[0]);
				run(&cmds[i], in, i < n - 1 ? p[1] : 1);
			}
			if (pid < 0) {
				fprintf(stderr, "sh: fork failed\n");
				break;
			}
			pids[started++] = pid;
			if (in != 0)
				close(in);
			if (i < n - 1) {
				close(p[1]);
				in = p[0];
			}
		}
		if (in != 0)
			close(in);
		for (int i = 0; i < started; i++) {
			int st;
			wait(&st);
		}
		(void)pids;
	}
}
