/* The SBI layer as the core sees it: one descriptor per standard extension, collected at link
 * time, so adding an extension is one new sbi/hv/vsbi_NAME.c (with its VSBI_EXTENSION line)
 * plus its name in hv/build.mk's SBI_HV_SRCS; no table to edit. */
#ifndef SBI_HV_VSBI_H
#define SBI_HV_VSBI_H
#include <stdint.h>

struct hc_call;

struct vsbi_ext {
	uint64_t eid_first, eid_last;
	void (*handle)(struct hc_call *c);
};

/* Defines the descriptor `name` and enters it in the link-time list "vsbi_exts" (the linker
 * provides __start_vsbi_exts/__stop_vsbi_exts for a section named like a C identifier). */
#define VSBI_EXTENSION(name, first, last, fn)                                                  \
	const struct vsbi_ext name = { (first), (last), (fn) };                                \
	static const struct vsbi_ext *const name##_entry                                       \
		__attribute__((section("vsbi_exts"), used)) = &name

const struct vsbi_ext *vsbi_find(uint64_t eid); /* NULL: no such extension */

/* SBI SSE, called by the run loop (exit.c) */
struct vcpu;
void vsbi_sse_deliver(struct vcpu *v);       /* sse_poke set, v loaded: enter a handler if due */
void vsbi_sse_stop(struct vcpu *v);          /* v stops: its events reset, a handler it ran ends */

/* answered on the light path (hypercall_light) */
extern const struct vsbi_ext vsbi_base, vsbi_time, vsbi_ipi;
#endif
