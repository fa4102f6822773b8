/* Flattened device tree writer: header, an empty memory reservation map, the structure block
 * as nodes are added, then the strings block appended by fdtb_finish. */
#include "fdt_build.h"
#include "string.h"

#define HDR_SIZE 40
#define RSV_SIZE 16

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

static uint8_t *room(struct fdt_builder *b, uint32_t n)
{
	uint32_t at = HDR_SIZE + RSV_SIZE + b->struct_len;
	if (b->overflow || n > b->cap || at > b->cap - n) {
		b->overflow = true;
		return NULL;
	}
	b->struct_len += n;
	memset(b->buf + at, 0, n);
	return b->buf + at;
}

static void token(struct fdt_builder *b, uint32_t t)
{
	uint8_t *p = room(b, 4);
	if (p) put_be32(p, t);
}

void fdtb_init(struct fdt_builder *b, void *buf, uint32_t cap)
{
	memset(b, 0, sizeof(*b));
	b->buf = buf;
	b->cap = cap;
	if (cap < HDR_SIZE + RSV_SIZE)
		b->overflow = true;
	else
		memset(buf, 0, HDR_SIZE + RSV_SIZE);
}

void fdtb_begin_node(struct fdt_builder *b, const char *name)
{
	token(b, 1);
	uint32_t n = (uint32_t)strlen(name) + 1;
	uint8_t *p = room(b, (n + 3) & ~3u);
	if (p) memcpy(p, name, n);
}

void fdtb_end_node(struct fdt_builder *b)
{
	token(b, 2);
}

static uint32_t string_offset(struct fdt_builder *b, const char *name)
{
	uint32_t n = (uint32_t)strlen(name) + 1;
	for (uint32_t off = 0; off < b->strings_len;) {
		if (strcmp(b->strings + off, name) == 0)
			return off;
		off += (uint32_t)strlen(b->strings + off) + 1;
	}
	if (b->strings_len + n > sizeof(b->strings)) {
		b->overflow = true;
		return 0;
	}
	memcpy(b->strings + b->strings_len, name, n);
	b->strings_len += n;
	return b->strings_len - n;
}

void fdtb_prop(struct fdt_builder *b, const char *name, const void *data, uint32_t len)
{
	uint32_t soff = string_offset(b, name);
	token(b, 3);
	uint8_t *p = room(b, 8 + ((len + 3) & ~3u));
	if (!p)
		return;
	put_be32(p, len);
	put_be32(p + 4, soff);
	if (len)
		memcpy(p + 8, data, len);
}

void fdtb_prop_u32(struct fdt_builder *b, const char *name, uint32_t v)
{
	uint8_t d[4];
	put_be32(d, v);
	fdtb_prop(b, name, d, 4);
}

void fdtb_prop_u64s(struct fdt_builder *b, const char *name, const uint64_t *v, uint32_t n)
{
	uint8_t d[16];
	n = n < 2 ? n : 2;
	for (uint32_t i = 0; i < n; i++) {
		put_be32(d + 8 * i, (uint32_t)(v[i] >> 32));
		put_be32(d + 8 * i + 4, (uint32_t)v[i]);
	}
	fdtb_prop(b, name, d, 8 * n);
}

void fdtb_prop_str(struct fdt_builder *b, const char *name, const char *s)
{
	fdtb_prop(b, name, s, (uint32_t)strlen(s) + 1);
}

int fdtb_finish(struct fdt_builder *b)
{
	token(b, 9);
	uint32_t soff = HDR_SIZE + RSV_SIZE + b->struct_len;
	if (b->overflow || b->strings_len > b->cap - soff)
		return -1;
	memcpy(b->buf + soff, b->strings, b->strings_len);
	uint32_t total = soff + b->strings_len;
	uint8_t *h = b->buf;
	put_be32(h + 0, 0xd00dfeed);
	put_be32(h + 4, total);
	put_be32(h + 8, HDR_SIZE + RSV_SIZE);   /* off_dt_struct */
	put_be32(h + 12, soff);                 /* off_dt_strings */
	put_be32(h + 16, HDR_SIZE);             /* off_mem_rsvmap */
	put_be32(h + 20, 17);                   /* version */
	put_be32(h + 24, 16);                   /* last_comp_version */
	put_be32(h + 28, 0);                    /* boot_cpuid_phys */
	put_be32(h + 32, b->strings_len);
	put_be32(h + 36, b->struct_len);
	return (int)total;
}
