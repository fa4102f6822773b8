/* cat: copy files (or standard input) to standard output. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int copy(int fd)
{
	char buf[512];
	int n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			return -1;
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return copy(0) < 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0 || copy(fd) < 0) {
			fprintf(stderr, "cat: cannot read %s\n", argv[i]);
			rc = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return rc;
}
