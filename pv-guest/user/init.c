/* init: open the console as descriptors 0-2, then keep a shell running. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ulib.h"

int main(void)
{
	if (open("/console", O_RDWR) < 0)
		return 1;
	dup(0);
	dup(0);
	for (;;) {
		printf("init: starting sh\n");
		int pid = fork();
		if (pid < 0) {
			printf("init: fork failed\n");
			return 1;
		}
		if (pid == 0) {
			char *argv[] = { "sh", 0 };
			pv_exec("/sh", argv);
			printf("init: exec sh failed\n");
			_exit(1);
		}
		int st, w;
		while ((w = wait(&st)) >= 0 && w != pid)
			;  /* reap orphans */
	}
}
