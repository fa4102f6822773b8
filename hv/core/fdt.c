/* Flattened device tree reader (devicetree spec v0.4, chapter 5), bounds-checked throughout
 * because the blob is untrusted input as far as this code knows. */
#include "fdt.h"
#include "string.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define FDT_MAX_DEPTH  32

uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_be64(const void *p)
{
	return (uint64_t)fdt_be32(p) << 32 | fdt_be32((const uint8_t *)p + 4);
}

uint32_t fdt_totalsize(const void *blob)
{
	return fdt_be32((const uint8_t *)blob + 4);
}

int fdt_open(struct fdt *f, const void *blob, uint64_t max_size)
{
	const uint8_t *b = blob;
	if (max_size < 40 || fdt_be32(b) != FDT_MAGIC)
		return -1;
	uint32_t total = fdt_be32(b + 4), so = fdt_be32(b + 8), sto = fdt_be32(b + 12);
	uint32_t ver = fdt_be32(b + 20), sts = fdt_be32(b + 32), ss = fdt_be32(b + 36);
	if (total > max_size || total < 40 || ver < 16)
		return -1;
	if (so > total || ss > total - so || (so & 3) || (ss & 3))
		return -1;
	if (sto > total || sts > total - sto)
		return -1;
	f->blob = b;
	f->size = total;
	f->struct_off = so;
	f->struct_size = ss;
	f->strings_off = sto;
	f->strings_size = sts;
	return 0;
}

/* Reads the token at struct offset off; *next is the offset after it (and its payload). */
static int token(const struct fdt *f, int off, int *next)
{
	if (off < 0 || (uint32_t)off > f->struct_size - 4 || f->struct_size < 4)
		return -1;
	const uint8_t *p = f->blob + f->struct_off + off;
	uint32_t tok = fdt_be32(p);
	uint32_t pos = (uint32_t)off + 4;
	switch (tok) {
	case FDT_BEGIN_NODE: {
		/* name: NUL-terminated within the block, padded to 4 */
		uint32_t n = pos;
		while (n < f->struct_size && f->blob[f->struct_off + n])
			n++;
		if (n >= f->struct_size)
			return -1;
		pos = (n + 1 + 3) & ~3u;
		break;
	}
	case FDT_PROP: {
		if (pos > f->struct_size - 8)
			return -1;
		uint32_t len = fdt_be32(f->blob + f->struct_off + pos);
		if (len > f->struct_size - pos - 8)
			return -1;
		pos = (pos + 8 + len + 3) & ~3u;
		break;
	}
	case FDT_END_NODE: case FDT_NOP: case FDT_END:
		break;
	default:
		return -1;
	}
	if (pos > f->struct_size)
		return -1;
	*next = (int)pos;
	return (int)tok;
}

int fdt_root(const struct fdt *f)
{
	int off = 0, next;
	for (;;) {
		int t = token(f, off, &next);
		if (t == FDT_BEGIN_NODE) return off;
		if (t != FDT_NOP) return -1;
		off = next;
	}
}

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	int off = node, next, t;
	if (token(f, off, &next) != FDT_BEGIN_NODE)
		return -1;
	off = next;
	for (;;) {
		t = token(f, off, &next);
		if (t < 0 || t == FDT_END)
			return -1;
		if (t == FDT_BEGIN_NODE) {
			if (depth && ++*depth > FDT_MAX_DEPTH)
				return -1;
			return off;
		}
		if (t == FDT_END_NODE && depth)
			--*depth;
		off = next;
	}
}

const char *fdt_name(const struct fdt *f, int node)
{
	int next;
	if (token(f, node, &next) != FDT_BEGIN_NODE)
		return "";
	return (const char *)f->blob + f->struct_off + node + 4;
}

static bool name_matches(const char *node_name, const char *want)
{
	size_t n = strlen(want);
	if (strncmp(node_name, want, n) != 0)
		return false;
	/* "cpus" matches "cpus@0" too, unless the caller gave a unit address itself */
	for (const char *c = want; *c; c++)
		if (*c == '@')
			return node_name[n] == 0;
	return node_name[n] == 0 || node_name[n] == '@';
}

int fdt_subnode(const struct fdt *f, int parent, const char *name)
{
	int depth = 0, node = parent;
	while ((node = fdt_next_node(f, node, &depth)) >= 0 && depth > 0) {
		if (depth == 1 && name_matches(fdt_name(f, node), name))
			return node;
	}
	return -1;
}

int fdt_path(const struct fdt *f, const char *path)
{
	int node = fdt_root(f);
	char part[64];
	while (node >= 0 && *path) {
		while (*path == '/') path++;
		if (!*path) break;
		size_t n = 0;
		while (path[n] && path[n] != '/' && n < sizeof(part) - 1) {
			part[n] = path[n];
			n++;
		}
		part[n] = 0;
		path += n;
		node = fdt_subnode(f, node, part);
	}
	return node;
}

const void *fdt_prop(const struct fdt *f, int node, const char *name, uint32_t *len)
{
	int off, next, t;
	if (token(f, node, &off) != FDT_BEGIN_NODE)
		return NULL;
	/* properties come before the first child node */
	while ((t = token(f, off, &next)) == FDT_PROP || t == FDT_NOP) {
		if (t == FDT_PROP) {
			const uint8_t *p = f->blob + f->struct_off + off + 4;
			uint32_t plen = fdt_be32(p), nameoff = fdt_be32(p + 4);
			if (nameoff < f->strings_size) {
				const char *pn = (const char *)f->blob + f->strings_off + nameoff;
				size_t room = f->strings_size - nameoff;
				size_t want = strlen(name) + 1;
				if (want <= room && memcmp(pn, name, want) == 0) {
					if (len) *len = plen;
					return p + 8;
				}
			}
		}
		off = next;
	}
	return NULL;
}

bool fdt_prop_u32(const struct fdt *f, int node, const char *name, uint32_t *out)
{
	uint32_t len;
	const void *p = fdt_prop(f, node, name, &len);
	if (!p || len != 4)
		return false;
	*out = fdt_be32(p);
	return true;
}

bool fdt_prop_u64(const struct fdt *f, int node, const char *name, uint64_t *out)
{
	uint32_t len;
	const void *p = fdt_prop(f, node, name, &len);
	if (p && len == 4) { *out = fdt_be32(p); return true; }
	if (p && len == 8) { *out = fdt_be64(p); return true; }
	return false;
}

bool fdt_has_string(const struct fdt *f, int node, const char *prop, const char *str)
{
	uint32_t len;
	const char *p = fdt_prop(f, node, prop, &len);
	size_t want = strlen(str) + 1;
	while (p && len >= want) {
		if (memcmp(p, str, want) == 0)
			return true;
		size_t n = 0;
		while (n < len && p[n]) n++;
		if (n >= len) break;
		p += n + 1;
		len -= (uint32_t)(n + 1);
	}
	return false;
}

int fdt_find_compatible(const struct fdt *f, int after, const char *compat)
{
	int node = after < 0 ? fdt_root(f) : after;
	int depth = 0;
	if (after < 0 && node >= 0 && fdt_has_string(f, node, "compatible", compat))
		return node;
	while ((node = fdt_next_node(f, node, &depth)) >= 0)
		if (fdt_has_string(f, node, "compatible", compat))
			return node;
	return -1;
}

bool fdt_reg(const struct fdt *f, int node, int idx, uint32_t acells, uint32_t scells,
	     uint64_t *addr, uint64_t *size)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, node, "reg", &len);
	if (!p || acells < 1 || acells > 2 || scells > 2 || idx < 0)
		return false;
	uint32_t stride = 4 * (acells + scells);
	if ((uint64_t)(idx + 1) * stride > len)
		return false;
	p += (uint32_t)idx * stride;
	*addr = acells == 2 ? fdt_be64(p) : fdt_be32(p);
	p += 4 * acells;
	*size = scells == 2 ? fdt_be64(p) : scells == 1 ? fdt_be32(p) : 0;
	return true;
}
