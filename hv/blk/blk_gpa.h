/* Guest-physical ranges for the disk code: checks, small copies and splitting into
 * host-physical segments, all page-by-page where the VM's RAM is not host-contiguous. */
#ifndef HV_BLK_GPA_H
#define HV_BLK_GPA_H
#include <stdint.h>

#define BLK_PAGE_SIZE 4096u

/* A host-physical piece of a guest buffer (satp = 0: also a usable pointer). */
struct blk_hseg {
	uint64_t addr;
	uint32_t len;
	uint32_t write; /* the device writes into it */
};

/* 1 if [gpa, gpa+len) lies in the VM's RAM (len 0: always 1), 0 if not or if it wraps. */
int blk_gpa_ok(void *vm, uint64_t gpa, uint64_t len, int write);

/* Copies between guest memory and the host; 0 on success, -1 if any byte is outside RAM. */
int blk_gpa_read(void *vm, void *dst, uint64_t gpa, uint64_t len);
int blk_gpa_write(void *vm, uint64_t gpa, const void *src, uint64_t len);

/* Appends the host pieces of [gpa, gpa+len) to out[*n..max), merging with out[*n-1] when
 * host-contiguous with the same direction. Returns 0, or -1 if outside RAM or out is full. */
int blk_gpa_split(void *vm, uint64_t gpa, uint32_t len, int write, struct blk_hseg *out,
		  uint32_t *n, uint32_t max);

#endif
