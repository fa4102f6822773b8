/* CSR access and Sv39 page-table constants for the pv-guest kernel (S-mode or VS-mode: the
 * same CSR names reach the virtual copies when running under rvpv). */
#ifndef RISCV_H
#define RISCV_H
#include <stdint.h>

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(val)))
#define csr_set(csr, val) __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(val)))
#define csr_clear(csr, val) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(val)))

#define SSTATUS_SPP  (1ull << 8)
#define SSTATUS_SPIE (1ull << 5)
#define SSTATUS_SIE  (1ull << 1)
#define SIE_SSIE (1ull << 1)
#define SIE_STIE (1ull << 5)
#define SIE_SEIE (1ull << 9)
#define SIP_SSIP (1ull << 1)
#define SIP_STIP (1ull << 5)
#define SIP_SEIP (1ull << 9)

#define SCAUSE_INTR   (1ull << 63)
#define IRQ_S_SOFT    1
#define IRQ_S_TIMER   5
#define IRQ_S_EXT     9
#define EXC_U_ECALL   8

#define PGSIZE 4096ull
#define PGROUNDUP(a) (((a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((a) & ~(PGSIZE - 1))

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PA2PTE(pa) (((uint64_t)(pa) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PX(level, va) ((((uint64_t)(va)) >> (12 + 9 * (level))) & 0x1ff)
#define SATP_SV39 (8ull << 60)
#define MAKE_SATP(root) (SATP_SV39 | ((uint64_t)(root) >> 12))

typedef uint64_t pte_t;
typedef uint64_t *pagetable_t;

static inline uint64_t rdtime(void) { return csr_read(time); }
static inline void sfence_vma(void) { __asm__ volatile("sfence.vma zero, zero" ::: "memory"); }
#endif
