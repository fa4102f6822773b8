/* memset and memcpy for the freestanding test and bench guests (tests/lib): the compiler
 * turns struct copies and clears into calls to them even with -fno-builtin. */
#ifndef TLIB_MEM_H
#define TLIB_MEM_H
#include <stddef.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
#endif
