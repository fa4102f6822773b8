/* halt: power the machine off. */
#include "ulib.h"

int main(void)
{
	pv_sync();
	pv_halt();
	return 1;
}
