/* A minimal runtime for rvpv test guests: console output through CONSOLE_WRITE, formatted
 * printing, hypercall shorthands and exits. Depends only on abi/, sbi/ and tests/lib/. */
#ifndef TEST_GUEST_H
#define TEST_GUEST_H
#include <stdint.h>
#include <stddef.h>
#include "rvpv/abi.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "mem.h"

#define hc0(g, n)             sbi_call0(RVPV_EXT_##g, RVPV_FN_##g##_##n)
#define hc1(g, n, a)          sbi_call1(RVPV_EXT_##g, RVPV_FN_##g##_##n, a)
#define hc2(g, n, a, b)       sbi_call2(RVPV_EXT_##g, RVPV_FN_##g##_##n, a, b)
#define hc3(g, n, a, b, c)    sbi_call3(RVPV_EXT_##g, RVPV_FN_##g##_##n, a, b, c)
#define hc4(g, n, a, b, c, d) sbi_call4(RVPV_EXT_##g, RVPV_FN_##g##_##n, a, b, c, d)

void guest_puts(const char *s);
void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_exit_ok(void) __attribute__((noreturn));
void guest_exit_fail(void) __attribute__((noreturn));
static inline uint64_t rdtime(void) { uint64_t t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }
static inline uint64_t rdinstret(void) { uint64_t t; __asm__ volatile("rdinstret %0" : "=r"(t)); return t; }
#endif
