/* Flattened device tree writer, used to build each VM's device tree. */
#ifndef HV_FDT_BUILD_H
#define HV_FDT_BUILD_H
#include "types.h"

struct fdt_builder {
	uint8_t *buf;
	uint32_t cap;
	uint32_t struct_len;    /* struct block grows from buf + 40 + 16 (header + empty rsvmap) */
	char strings[512];
	uint32_t strings_len;
	bool overflow;
};

void fdtb_init(struct fdt_builder *b, void *buf, uint32_t cap);
void fdtb_begin_node(struct fdt_builder *b, const char *name);
void fdtb_end_node(struct fdt_builder *b);
void fdtb_prop(struct fdt_builder *b, const char *name, const void *data, uint32_t len);
void fdtb_prop_u32(struct fdt_builder *b, const char *name, uint32_t v);
/* n (at most 2) 64-bit values, each as two cells: a u64, or a reg with 2 + 2 cells */
void fdtb_prop_u64s(struct fdt_builder *b, const char *name, const uint64_t *v, uint32_t n);
void fdtb_prop_str(struct fdt_builder *b, const char *name, const char *s);
int fdtb_finish(struct fdt_builder *b);  /* total size, or -1 if it did not fit */
#endif
