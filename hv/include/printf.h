/* Formatted output: hv_printf to the hypervisor console, snprintf into buffers. */
#ifndef HV_PRINTF_H
#define HV_PRINTF_H
#include <stdarg.h>
#include <stddef.h>
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hv_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
#define panic(...) hv_panic(__VA_ARGS__)
#define BUG_ON(c) do { if (c) hv_panic("%s:%d: BUG_ON(%s)", __FILE__, __LINE__, #c); } while (0)
#endif
