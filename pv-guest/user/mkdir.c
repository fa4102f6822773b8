/* mkdir: create directories. */
#include <stdio.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		if (mkdir(argv[i], 0755) < 0) {
			fprintf(stderr, "mkdir: cannot create %s\n", argv[i]);
			rc = 1;
		}
	}
	return rc;
}
