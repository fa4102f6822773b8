/* Split-virtqueue walker and used-ring writer for virtio-blk (virtio 1.1, 2.6 and 5.2).
 * Rule of the file: guest memory is read through volatile views, each value once, into locals
 * that are then validated; a ring the guest has malformed breaks the queue until reset. */
#include "virtq.h"
#include "blk_env.h"
#include "blk_gpa.h"
#include "sbi/sbi_defs.h"

/* Ring fields by byte offset in their pinned part (virtio 1.1, 2.6.6 and 2.6.8). Every field
 * is naturally aligned, so none crosses a page even where the part does. */
static volatile uint16_t *u16_at(const struct gmem_pin *p, uint32_t off)
{
	return gmem_at(p, off);
}
static volatile uint32_t *u32_at(const struct gmem_pin *p, uint32_t off)
{
	return gmem_at(p, off);
}
#define AVAIL_FLAGS(q)    u16_at(&(q)->avail, 0)
#define AVAIL_IDX(q)      u16_at(&(q)->avail, 2)
#define AVAIL_RING(q, i)  u16_at(&(q)->avail, 4 + 2u * (i))   /* ring[size] is used_event */
#define USED_FLAGS(q)     u16_at(&(q)->used, 0)
#define USED_IDX(q)       u16_at(&(q)->used, 2)
#define USED_ID(q, i)     u32_at(&(q)->used, 4 + 8u * (i))
#define USED_LEN(q, i)    u32_at(&(q)->used, 8 + 8u * (i))
#define AVAIL_EVENT(q)    u16_at(&(q)->used, 4 + 8u * (q)->size)

void virtq_reset(struct virtq *q)
{
	blk_env_unpin(q->vm, &q->desc);
	blk_env_unpin(q->vm, &q->avail);
	blk_env_unpin(q->vm, &q->used);
	*q = (struct virtq){ 0 };
}

int virtq_setup(struct virtq *q, void *vm, uint64_t desc, uint64_t avail, uint64_t used,
		uint32_t size, uint32_t max_size, int event_idx)
{
	virtq_reset(q);
	if (size == 0 || size > max_size || size > 32768 || (size & (size - 1)))
		return SBI_ERR_INVALID_PARAM;
	if ((desc & 15) || (avail & 1) || (used & 3))
		return SBI_ERR_INVALID_ADDRESS;
	q->vm = vm;
	if (blk_env_pin(vm, &q->desc, desc, VIRTQ_DESC_BYTES(size)) ||
	    blk_env_pin(vm, &q->avail, avail, VIRTQ_AVAIL_BYTES(size)) ||
	    blk_env_pin(vm, &q->used, used, VIRTQ_USED_BYTES(size))) {
		virtq_reset(q);
		return SBI_ERR_INVALID_ADDRESS;
	}
	q->size = (uint16_t)size;
	q->event_idx = !!event_idx;
	*USED_FLAGS(q) = 0;
	*USED_IDX(q) = 0;
	*AVAIL_EVENT(q) = 0;
	q->ready = 1;
	return SBI_SUCCESS;
}

static int fail(struct virtq *q, const char *why)
{
	q->broken = 1;
	q->why = why;
	return VIRTQ_BROKEN;
}

/* The one read of a descriptor. */
static struct virtq_desc read_desc(const struct virtq *q, uint16_t i)
{
	const volatile struct virtq_desc *v = gmem_at(&q->desc, 16u * i);
	return (struct virtq_desc){ v->addr, v->len, v->flags, v->next };
}

/* Walk state: the last buffer seen is held back in `pend` until we know whether it ends the
 * chain (then its last byte is the status) or is data. */
struct walk {
	struct virtq_req *r;
	uint32_t seg_max;
	uint32_t n_read, n_write;
	int bad;        /* blk framing error: complete with IOERR */
	int too_many;   /* more data segments than seg_max */
};

static void emit(struct walk *w, uint64_t gpa, uint32_t len, uint32_t write)
{
	if (len == 0)
		return;
	if (write)
		w->n_write++;
	else if (w->n_write)
		w->bad = 1; /* device-readable after device-writable */
	else
		w->n_read++;
	w->r->data_len += len;
	if (w->r->nseg < w->seg_max)
		w->r->seg[w->r->nseg++] = (struct virtq_seg){ gpa, len, write };
	else
		w->too_many = 1;
}

/* Validates the request's meaning once its chain is known to be well formed. */
static uint8_t judge(const struct walk *w, const struct virtq_blk_limits *lim)
{
	const struct virtq_req *r = w->r;
	if (w->bad)
		return VIRTIO_BLK_S_IOERR;
	switch (r->type) {
	case VIRTIO_BLK_T_IN:
	case VIRTIO_BLK_T_OUT: {
		int in = r->type == VIRTIO_BLK_T_IN;
		if ((in ? w->n_read : w->n_write) || w->too_many)
			return VIRTIO_BLK_S_IOERR;
		if (r->data_len == 0 || r->data_len % VIRTIO_BLK_SECTOR_SIZE)
			return VIRTIO_BLK_S_IOERR;
		if (!in && lim->ro)
			return VIRTIO_BLK_S_IOERR;
		uint64_t n = r->data_len / VIRTIO_BLK_SECTOR_SIZE;
		if (r->sector > lim->capacity || n > lim->capacity - r->sector)
			return VIRTIO_BLK_S_IOERR;
		return VIRTIO_BLK_S_OK;
	}
	case VIRTIO_BLK_T_FLUSH:
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_GET_ID:
		if (w->n_read || w->too_many || r->data_len == 0)
			return VIRTIO_BLK_S_IOERR;
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

static int walk_chain(struct virtq *q, uint16_t head, const struct virtq_blk_limits *lim,
		      struct virtq_req *r)
{
	struct walk w = { .r = r, .seg_max = lim->seg_max };
	struct virtq_seg pend = { 0 };
	int have_pend = 0;
	uint16_t idx = head;
	uint32_t n = 0;

	if (w.seg_max > VIRTQ_SEG_MAX)
		w.seg_max = VIRTQ_SEG_MAX;
	/* field by field: zeroing the whole segment array per pop would be wasted work */
	r->head = head;
	r->status = VIRTIO_BLK_S_IOERR;
	r->type = 0xffffffffu;
	r->sector = 0;
	r->status_gpa = 0;
	r->data_len = 0;
	r->nseg = 0;
	for (;;) {
		if (idx >= q->size)
			return fail(q, "descriptor index out of range");
		if (++n > q->size)
			return fail(q, "descriptor chain loops or exceeds the queue size");
		struct virtq_desc d = read_desc(q, idx);
		uint32_t wr = !!(d.flags & VIRTQ_DESC_F_WRITE);
		if (d.flags & VIRTQ_DESC_F_INDIRECT)
			return fail(q, "indirect descriptor (feature not offered)");
		if (d.addr + d.len < d.addr)
			return fail(q, "buffer wraps the address space");
		if (!blk_gpa_ok(q->vm, d.addr, d.len, (int)wr))
			return fail(q, "buffer outside guest RAM");
		if (n == 1) {
			struct virtio_blk_req_hdr h;
			if (wr || d.len < sizeof(h)) {
				w.bad = 1;
				pend = (struct virtq_seg){ d.addr, d.len, wr };
				have_pend = 1;
			} else {
				if (blk_gpa_read(q->vm, &h, d.addr, sizeof(h)))
					return fail(q, "header outside guest RAM");
				r->type = h.type;
				r->sector = h.sector;
				pend = (struct virtq_seg){ d.addr + sizeof(h),
							   d.len - (uint32_t)sizeof(h), 0 };
				have_pend = d.len > sizeof(h);
			}
		} else {
			if (have_pend)
				emit(&w, pend.gpa, pend.len, pend.write);
			pend = (struct virtq_seg){ d.addr, d.len, wr };
			have_pend = 1;
		}
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			break;
		idx = d.next;
	}
	if (!have_pend || !pend.write || pend.len == 0)
		return fail(q, "request has no device-writable status byte");
	r->status_gpa = pend.gpa + pend.len - 1;
	emit(&w, pend.gpa, pend.len - 1, 1);
	r->status = judge(&w, lim);
	if (r->type == VIRTIO_BLK_T_FLUSH)
		r->nseg = 0;
	return VIRTQ_REQ;
}

int virtq_pop(struct virtq *q, const struct virtq_blk_limits *lim, struct virtq_req *r)
{
	if (!q->ready || q->broken)
		return q->broken ? VIRTQ_BROKEN : fail(q, "queue not set up");
	if (q->last_avail == q->avail_shadow) {
		q->avail_shadow = *AVAIL_IDX(q);
		if (q->last_avail == q->avail_shadow && q->event_idx) {
			/* Ask for a notify at the next request, then look once more: the guest may
			 * have added one before it could see our avail_event. */
			*AVAIL_EVENT(q) = q->last_avail;
			blk_mb();
			q->avail_shadow = *AVAIL_IDX(q);
		}
		if ((uint16_t)(q->avail_shadow - q->last_avail) > q->size)
			return fail(q, "avail->idx ran more than the queue size ahead");
		if (q->last_avail == q->avail_shadow)
			return VIRTQ_EMPTY;
		blk_rmb(); /* ring entries after the index that published them */
	}
	uint16_t head = *AVAIL_RING(q, q->last_avail & (q->size - 1));
	if (head >= q->size)
		return fail(q, "avail ring names a head out of range");
	int rc = walk_chain(q, head, lim, r);
	if (rc == VIRTQ_REQ)
		q->last_avail++;
	return rc;
}

void virtq_push(struct virtq *q, uint16_t head, uint32_t used_len)
{
	uint32_t slot = q->used_idx & (q->size - 1u);
	*USED_ID(q, slot) = head;
	*USED_LEN(q, slot) = used_len;
	blk_wmb(); /* the element before the index that publishes it */
	*USED_IDX(q) = ++q->used_idx;
}

int virtq_complete(struct virtq *q, uint16_t head, uint64_t status_gpa, uint8_t status,
		   uint32_t used_len)
{
	if (!q->ready || q->broken)
		return VIRTQ_BROKEN;
	if (blk_gpa_write(q->vm, status_gpa, &status, 1))
		return fail(q, "status byte left guest RAM");
	virtq_push(q, head, used_len);
	return 0;
}

int virtq_should_notify(struct virtq *q)
{
	uint16_t old = q->signalled_used, cur = q->used_idx;
	if (!q->ready || old == cur)
		return 0;
	q->signalled_used = cur;
	blk_mb(); /* our used->idx store before reading what the guest wants */
	if (q->event_idx)
		return virtq_need_event(*AVAIL_RING(q, q->size), cur, old);
	return !(*AVAIL_FLAGS(q) & VIRTQ_AVAIL_F_NO_INTERRUPT);
}
