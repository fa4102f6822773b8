/* A minimal runtime for rvpv test guests: console output through CONSOLE_WRITE, formatted
 * printing and exits (the typed hypercalls are rvpv/hcall.h). Depends only on abi/, sbi/ and tests/lib/. */
#ifndef TEST_GUEST_H
#define TEST_GUEST_H
#include <stdint.h>
#include <stddef.h>
#include "rvpv/abi.h"
#include "rvpv/hcall.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "mem.h"

void guest_puts(const char *s);
void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_exit_ok(void) __attribute__((noreturn));
void guest_exit_fail(void) __attribute__((noreturn));
static inline uint64_t rdtime(void) { uint64_t t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }
static inline uint64_t rdinstret(void) { uint64_t t; __asm__ volatile("rdinstret %0" : "=r"(t)); return t; }
#endif
