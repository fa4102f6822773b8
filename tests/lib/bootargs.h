/* Words of a guest's bootargs (tests/lib): "key=N" numbers (decimal or 0x hex) and flags. */
#ifndef TLIB_BOOTARGS_H
#define TLIB_BOOTARGS_H
#include <stdint.h>

/* The number after "key=" where it starts a word of args, or dflt. */
uint64_t bootargs_num(const char *args, const char *key, uint64_t dflt);
/* 1 when word is a whole word of args. */
int bootargs_flag(const char *args, const char *word);
#endif
