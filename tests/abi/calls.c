/* Prints every call of RVPV_CALLS as "GROUP NAME ext fid minor", one a line, compiled natively
 * from the ABI header, so the documentation check reads the table the code is built from. */
#include <stdio.h>
#include "rvpv/abi.h"

int main(void)
{
#define CALLS_X_PRINT(g, n, fid, minor) \
	printf("%s %s 0x%08X %d %d\n", #g, #n, (unsigned)RVPV_EXT_##g, fid, minor);
	RVPV_CALLS(CALLS_X_PRINT)
#undef CALLS_X_PRINT
	return 0;
}
