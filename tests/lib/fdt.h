/* The device-tree reader of the test and bench guests (tests/lib): the boot device tree's
 * header, a property of a top-level node, /chosen/bootargs and the first /memory range. The
 * walk stays inside the structure block the header declares and stops at anything it does
 * not know, but it trusts the blob otherwise: it is the one the guest was booted with.
 * (The hypervisor's own reader, hv/core/fdt.c, is the fuzzed one; pv-guest keeps its own.) */
#ifndef TLIB_FDT_H
#define TLIB_FDT_H
#include <stdint.h>

/* 1 when dtb points at an 8-byte aligned tree with the magic and a version from 16 up. */
int fdt_valid(uint64_t dtb);
/* The value of property prop of the node below the root named node (or node@unit), or 0;
 * *len is its length. Root properties with node = "". */
const void *fdt_prop(uint64_t dtb, const char *node, const char *prop, uint32_t *len);
/* /chosen/bootargs, or "" when there is none. */
const char *fdt_bootargs(uint64_t dtb);
/* The first reg entry of the first /memory node, with the root's #address-cells and
 * #size-cells: 0, or -1 when there is none. */
int fdt_memory(uint64_t dtb, uint64_t *base, uint64_t *size);
#endif
