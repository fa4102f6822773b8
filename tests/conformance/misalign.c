/* Misaligned atomics (issue #12, item 3): an AMO or LR/SC at a misaligned address, from the
 * kernel (S-mode) and from user mode (U-mode, no paging), must reach the guest's own trap
 * handler as an address-misaligned exception, exactly as on plain OpenSBI, where the firmware
 * emulates misaligned plain loads and stores but redirects a misaligned AMO or LR to S-mode.
 * On QEMU 7.2 + OpenSBI 1.1 natively: AMO -> scause 6 (store/AMO address misaligned), LR ->
 * scause 4 (load address misaligned), stval = the address, sepc = the instruction, SPP = the
 * mode it ran in; the memory is left alone. An SC at a misaligned address with no reservation
 * is not a trap there (it fails, rd = 1), so SC cases accept exactly that or a scause-6 trap.
 * These cases run natively (tests/suite.d/70) and under rvpv (71): the same answers both ways.
 * The handler here is this file's own (stvec is switched for the cases and restored after). */
#include "conf.h"

#define SSTATUS_SPP  (1ull << 8)
#define CAUSE_LOAD_MISALIGNED  4
#define CAUSE_STORE_MISALIGNED 6
#define NO_TRAP UINT64_MAX

/* Written by mis_vector: the last exception, and how many were taken. */
struct mis_rec {
	uint64_t scause, sepc, stval, sstatus, count, irqs;
};
struct mis_rec mis_rec;
uint64_t mis_kctx[16];          /* kernel context while user code runs */
uint8_t mis_ustack[4096] __attribute__((aligned(16)));

extern void mis_vector(void);
/* Runs fn(a0) in U-mode on mis_ustack; the user stub ends with ecall, which comes back here
 * and returns the stub's a0. */
extern uint64_t mis_user_call(uint64_t fn, uint64_t a0);

/* One stub per instruction: mis_k_NAME(addr) runs it in S-mode and returns rd; mis_u_NAME is
 * the same ending in ecall, for U-mode; mis_?_NAME_at labels the instruction. rd is preset to a
 * marker so that "not executed" shows; the AMOs add or store t1 = 0x11. */
#define MIS_STUB(name, insn)                                      \
	"	.globl mis_k_" #name "\n"                        \
	"	.balign 4\n"                                     \
	"mis_k_" #name ":\n"                                     \
	"	li t1, 0x11\n"                                   \
	"	li t2, 0x5a5a\n"                                 \
	"	.globl mis_k_" #name "_at\n"                     \
	"mis_k_" #name "_at:\n"                                  \
	"	" insn "\n"                                      \
	"	mv a0, t2\n"                                     \
	"	ret\n"                                           \
	"	.globl mis_u_" #name "\n"                        \
	"	.balign 4\n"                                     \
	"mis_u_" #name ":\n"                                     \
	"	li t1, 0x11\n"                                   \
	"	li t2, 0x5a5a\n"                                 \
	"	.globl mis_u_" #name "_at\n"                     \
	"mis_u_" #name "_at:\n"                                  \
	"	" insn "\n"                                      \
	"	mv a0, t2\n"                                     \
	"	ecall\n"

__asm__(
	"	.text\n"
	"	.option push\n"
	"	.option norvc\n" /* the 4-byte forms; the handler still sizes what it skips */
	MIS_STUB(amoadd_w, "amoadd.w t2, t1, (a0)")
	MIS_STUB(amoswap_d, "amoswap.d t2, t1, (a0)")
	MIS_STUB(amoor_w, "amoor.w.aqrl t2, t1, (a0)")
	MIS_STUB(lr_w, "lr.w t2, (a0)")
	MIS_STUB(lr_d, "lr.d.aq t2, (a0)")
	MIS_STUB(sc_w, "sc.w t2, t1, (a0)")
	MIS_STUB(sc_d, "sc.d t2, t1, (a0)")
	"	.option pop\n"

	/* The trap vector. An exception is recorded and skipped (its length from the low bits of
	 * its first halfword); an ecall from U-mode ends mis_user_call; an interrupt (none is
	 * expected: sie is 0 meanwhile) is counted and masked. Runs on the stack it finds: the
	 * kernel's, or mis_ustack. */
	"	.globl mis_vector\n"
	"	.balign 4\n"
	"mis_vector:\n"
	"	addi sp, sp, -32\n"
	"	sd t0, 0(sp)\n"
	"	sd t1, 8(sp)\n"
	"	sd t2, 16(sp)\n"
	"	csrr t0, scause\n"
	"	bltz t0, 3f\n"
	"	li t1, 8\n"
	"	beq t0, t1, 4f\n"
	"	la t1, mis_rec\n"
	"	sd t0, 0(t1)\n"
	"	csrr t2, sepc\n"
	"	sd t2, 8(t1)\n"
	"	csrr t0, stval\n"
	"	sd t0, 16(t1)\n"
	"	csrr t0, sstatus\n"
	"	sd t0, 24(t1)\n"
	"	ld t0, 32(t1)\n"
	"	addi t0, t0, 1\n"
	"	sd t0, 32(t1)\n"
	"	lhu t0, 0(t2)\n"
	"	andi t0, t0, 3\n"
	"	li t1, 3\n"
	"	addi t2, t2, 2\n"
	"	bne t0, t1, 1f\n"
	"	addi t2, t2, 2\n"
	"1:	csrw sepc, t2\n"
	"2:	ld t0, 0(sp)\n"
	"	ld t1, 8(sp)\n"
	"	ld t2, 16(sp)\n"
	"	addi sp, sp, 32\n"
	"	sret\n"
	"3:	la t1, mis_rec\n"
	"	ld t2, 40(t1)\n"
	"	addi t2, t2, 1\n"
	"	sd t2, 40(t1)\n"
	"	li t1, 1\n"
	"	sll t1, t1, t0\n" /* sll uses the low 6 bits: the interrupt number */
	"	csrc sie, t1\n"
	"	j 2b\n"
	"4:	la t1, mis_kctx\n" /* back to mis_user_call's caller, in S-mode */
	"	ld sp, 0(t1)\n"
	"	ld ra, 8(t1)\n"
	"	ld gp, 16(t1)\n"
	"	ld tp, 24(t1)\n"
	"	ld s0, 32(t1)\n"
	"	ld s1, 40(t1)\n"
	"	ld s2, 48(t1)\n"
	"	ld s3, 56(t1)\n"
	"	ld s4, 64(t1)\n"
	"	ld s5, 72(t1)\n"
	"	ld s6, 80(t1)\n"
	"	ld s7, 88(t1)\n"
	"	ld s8, 96(t1)\n"
	"	ld s9, 104(t1)\n"
	"	ld s10, 112(t1)\n"
	"	ld s11, 120(t1)\n"
	"	ret\n"

	"	.globl mis_user_call\n"
	"	.balign 4\n"
	"mis_user_call:\n"
	"	la t0, mis_kctx\n"
	"	sd sp, 0(t0)\n"
	"	sd ra, 8(t0)\n"
	"	sd gp, 16(t0)\n"
	"	sd tp, 24(t0)\n"
	"	sd s0, 32(t0)\n"
	"	sd s1, 40(t0)\n"
	"	sd s2, 48(t0)\n"
	"	sd s3, 56(t0)\n"
	"	sd s4, 64(t0)\n"
	"	sd s5, 72(t0)\n"
	"	sd s6, 80(t0)\n"
	"	sd s7, 88(t0)\n"
	"	sd s8, 96(t0)\n"
	"	sd s9, 104(t0)\n"
	"	sd s10, 112(t0)\n"
	"	sd s11, 120(t0)\n"
	"	csrw sepc, a0\n"
	"	mv a0, a1\n"
	"	li t0, 0x120\n" /* SPP = 0 (user), SPIE = 0 */
	"	csrc sstatus, t0\n"
	"	la sp, mis_ustack + 4096\n"
	"	sret\n");

#define MIS_DECL(name) extern uint64_t mis_k_##name(uint64_t a); extern void mis_u_##name(void); \
	extern char mis_k_##name##_at[], mis_u_##name##_at[];
MIS_DECL(amoadd_w)
MIS_DECL(amoswap_d)
MIS_DECL(amoor_w)
MIS_DECL(lr_w)
MIS_DECL(lr_d)
MIS_DECL(sc_w)
MIS_DECL(sc_d)

struct mis_case {
	const char *name;
	uint64_t (*k)(uint64_t);
	void (*u)(void);
	const char *k_at, *u_at; /* the instruction itself */
	uint32_t offset;         /* from an 8-aligned word: never naturally aligned for the op */
	uint64_t want_cause;     /* CAUSE_*; for SC: NO_TRAP allowed too (see the top) */
	int is_sc;
};

#define MIS(name, op, off, cause, sc) \
	{ name, mis_k_##op, mis_u_##op, mis_k_##op##_at, mis_u_##op##_at, off, cause, sc }
static const struct mis_case cases[] = {
	MIS("amoadd.w-offset-1", amoadd_w, 1, CAUSE_STORE_MISALIGNED, 0),
	MIS("amoadd.w-offset-2", amoadd_w, 2, CAUSE_STORE_MISALIGNED, 0),
	MIS("amoswap.d-offset-4", amoswap_d, 4, CAUSE_STORE_MISALIGNED, 0),
	MIS("amoor.w.aqrl-offset-3", amoor_w, 3, CAUSE_STORE_MISALIGNED, 0),
	MIS("lr.w-offset-2", lr_w, 2, CAUSE_LOAD_MISALIGNED, 0),
	MIS("lr.d.aq-offset-4", lr_d, 4, CAUSE_LOAD_MISALIGNED, 0),
	MIS("sc.w-offset-1", sc_w, 1, CAUSE_STORE_MISALIGNED, 1),
	MIS("sc.d-offset-4", sc_d, 4, CAUSE_STORE_MISALIGNED, 1),
};

static volatile uint64_t target[4] __attribute__((aligned(64)));

static void run_case(const struct mis_case *c, int user)
{
	static char name[64];
	const uint64_t fill = 0x0123456789abcdefull;
	uint64_t addr = GPA(&target[1]) + c->offset, rd;
	int n = 0;

	for (const char *p = user ? "user-" : "kernel-"; *p; p++)
		name[n++] = *p;
	for (const char *p = c->name; *p && n < 63; p++)
		name[n++] = *p;
	name[n] = 0;
	for (int i = 0; i < 4; i++)
		target[i] = fill + i;
	mis_rec = (struct mis_rec){ 0 };
	__asm__ volatile("fence rw, rw" ::: "memory");
	if (user)
		rd = mis_user_call((uint64_t)(uintptr_t)c->u, addr);
	else
		rd = c->k(addr);
	__asm__ volatile("fence rw, rw" ::: "memory");
	int intact = 1;
	for (int i = 0; i < 4; i++)
		intact &= target[i] == fill + i;
	uint64_t insn = GPA(user ? c->u_at : c->k_at);
	uint64_t spp = (mis_rec.sstatus & SSTATUS_SPP) ? 1 : 0;
	if (c->is_sc && mis_rec.count == 0) {
		/* no reservation at that address: the SC fails (rd = nonzero) and stores nothing */
		tap_ok(rd != 0 && rd != 0x5a5a && intact && mis_rec.irqs == 0, name,
		       "no trap, rd %lx (want a failure code), memory %s", rd, intact ? "intact" : "CHANGED");
		return;
	}
	tap_ok(mis_rec.count == 1 && mis_rec.scause == c->want_cause && mis_rec.stval == addr &&
	       mis_rec.sepc == insn && spp == (uint64_t)!user && rd == 0x5a5a && intact &&
	       mis_rec.irqs == 0, name,
	       "traps %lu: scause %lx (want %lx) stval %lx (want %lx) sepc %lx (want %lx) SPP %lu "
	       "(want %u), rd %lx (want 5a5a: not written), memory %s, %lu interrupts",
	       mis_rec.count, mis_rec.scause, c->want_cause, mis_rec.stval, addr, mis_rec.sepc, insn,
	       spp, !user, rd, intact ? "intact" : "CHANGED", mis_rec.irqs);
}

void conf_misaligned(void)
{
	uint64_t old_stvec, old_sie;

	tap_group("trap", "misaligned-atomic");
	__asm__ volatile("csrr %0, stvec" : "=r"(old_stvec));
	__asm__ volatile("csrr %0, sie" : "=r"(old_sie));
	__asm__ volatile("csrw sie, zero\n\tcsrw stvec, %0" : : "r"(GPA(mis_vector)));
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], 0);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], 1);
	/* and an aligned AMO still works in both modes (the handler saw nothing) */
	target[0] = 5;
	mis_rec = (struct mis_rec){ 0 };
	uint64_t k = mis_k_amoadd_w(GPA(&target[0]));
	uint64_t u = mis_user_call((uint64_t)(uintptr_t)mis_u_amoadd_w, GPA(&target[0]));
	tap_ok(k == 5 && u == 5 + 0x11 && target[0] == 5 + 0x22 && mis_rec.count == 0,
	       "aligned-amoadd.w-works",
	       "old values %lx %lx, result %lx, traps %lu", k, u, target[0], mis_rec.count);
	__asm__ volatile("csrw stvec, %0\n\tcsrw sie, %1" : : "r"(old_stvec), "r"(old_sie));
}
