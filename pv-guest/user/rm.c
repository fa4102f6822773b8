/* rm: remove files (and empty directories). */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		if (unlink(argv[i]) < 0) {
			fprintf(stderr, "rm: cannot remove %s\n", argv[i]);
			rc = 1;
		}
	}
	return rc;
}
