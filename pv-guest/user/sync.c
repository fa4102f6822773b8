/* sync: ask the disk to make every completed write durable (virtio FLUSH). */
#include <stdio.h>
#include "ulib.h"

int main(void)
{
	if (pv_sync() < 0) {
		fprintf(stderr, "sync: failed\n");
		return 1;
	}
	return 0;
}
