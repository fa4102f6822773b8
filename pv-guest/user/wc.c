/* wc: count lines, words and bytes of files or standard input. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void wc(int fd, const char *name)
{
	char buf[512];
	long l = 0, w = 0, c = 0;
	int n, inword = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < n; i++) {
			c++;
			if (buf[i] == '\n')
				l++;
			if (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
				inword = 0;
			} else if (!inword) {
				w++;
				inword = 1;
			}
		}
	}
	printf("%ld %ld %ld %s\n", l, w, c, name);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		wc(0, "");
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "wc: cannot open %s\n", argv[i]);
			return 1;
		}
		wc(fd, argv[i]);
		close(fd);
	}
	return 0;
}
