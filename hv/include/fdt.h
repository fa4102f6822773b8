/* Flattened device tree reader. The blob comes from firmware (or, in tests, from a fuzzer), so
 * every offset and length is bounds-checked; no function reads outside [blob, blob+size). */
#ifndef HV_FDT_H
#define HV_FDT_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct fdt {
	const uint8_t *blob;
	uint32_t size;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
};

#define FDT_MAGIC 0xd00dfeed

int fdt_open(struct fdt *f, const void *blob, uint64_t max_size); /* 0 or -1 */
uint32_t fdt_totalsize(const void *blob);
/* Node handles are offsets of BEGIN_NODE tokens; -1 = none. The root is fdt_root(). */
int fdt_root(const struct fdt *f);
int fdt_next_node(const struct fdt *f, int node, int *depth);
const char *fdt_name(const struct fdt *f, int node);
int fdt_subnode(const struct fdt *f, int parent, const char *name); /* "cpus" matches "cpus" and "cpus@x" */
int fdt_path(const struct fdt *f, const char *path);
const void *fdt_prop(const struct fdt *f, int node, const char *name, uint32_t *len);
bool fdt_prop_u32(const struct fdt *f, int node, const char *name, uint32_t *out);
bool fdt_prop_u64(const struct fdt *f, int node, const char *name, uint64_t *out); /* 1 or 2 cells */
bool fdt_has_string(const struct fdt *f, int node, const char *prop, const char *str);
int fdt_find_compatible(const struct fdt *f, int after, const char *compat);
/* reg entry idx using the given cell counts (ranges/translation are not needed on virt). */
bool fdt_reg(const struct fdt *f, int node, int idx, uint32_t acells, uint32_t scells,
	     uint64_t *addr, uint64_t *size);
uint32_t fdt_be32(const void *p);
uint64_t fdt_be64(const void *p);
#endif
