/* RISC-V CSR numbers, bits and accessors (privileged spec 1.12, H chapter): for hv/arch/riscv
 * only; the rest of the hypervisor goes through arch.h. */
#ifndef HV_CSR_H
#define HV_CSR_H

#define SSTATUS_SIE   (1ul << 1)
#define SSTATUS_SPIE  (1ul << 5)
#define SSTATUS_SPP   (1ul << 8)
#define SSTATUS_FS    (3ul << 13)
#define SSTATUS_FS_CLEAN (2ul << 13)
#define SSTATUS_FS_DIRTY (3ul << 13)
#define SSTATUS_SUM   (1ul << 18)

#define HSTATUS_VSBE  (1ul << 5)
#define HSTATUS_GVA   (1ul << 6)
#define HSTATUS_SPV   (1ul << 7)
#define HSTATUS_SPVP  (1ul << 8)
#define HSTATUS_HU    (1ul << 9)
#define HSTATUS_VTVM  (1ul << 20)
#define HSTATUS_VTW   (1ul << 21)
#define HSTATUS_VTSR  (1ul << 22)
#define HSTATUS_VSXL_64 (2ul << 32)

#define IRQ_S_SOFT   1
#define IRQ_VS_SOFT  2
#define IRQ_S_TIMER  5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT    9
#define IRQ_VS_EXT   10
#define IRQ_SG_EXT   12
#define MIP_SSIP  (1ul << IRQ_S_SOFT)
#define MIP_VSSIP (1ul << IRQ_VS_SOFT)
#define MIP_STIP  (1ul << IRQ_S_TIMER)
#define MIP_VSTIP (1ul << IRQ_VS_TIMER)
#define MIP_SEIP  (1ul << IRQ_S_EXT)
#define MIP_VSEIP (1ul << IRQ_VS_EXT)

#define CAUSE_INTR            (1ul << 63)
#define EXC_INST_MISALIGNED   0
#define EXC_INST_ACCESS       1
#define EXC_ILLEGAL_INST      2
#define EXC_BREAKPOINT        3
#define EXC_LOAD_MISALIGNED   4
#define EXC_LOAD_ACCESS       5
#define EXC_STORE_MISALIGNED  6
#define EXC_STORE_ACCESS      7
#define EXC_ECALL_U           8
#define EXC_ECALL_VS          10
#define EXC_INST_PAGE_FAULT   12
#define EXC_LOAD_PAGE_FAULT   13
#define EXC_STORE_PAGE_FAULT  15
#define EXC_INST_GUEST_PF     20
#define EXC_LOAD_GUEST_PF     21
#define EXC_VIRTUAL_INST      22
#define EXC_STORE_GUEST_PF    23

#define HGATP_MODE_SV39X4 (8ul << 60)
#define HGATP_VMID_SHIFT  44
#define HGATP_VMID_MASK   0x3ffful

#define ENVCFG_STCE (1ul << 63)

#ifndef __ASSEMBLER__
#include <stdint.h>
#define csr_read(csr) ({ uint64_t __v; __asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ uint64_t __v = (uint64_t)(val); __asm__ volatile("csrw " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ uint64_t __v = (uint64_t)(val); __asm__ volatile("csrs " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ uint64_t __v = (uint64_t)(val); __asm__ volatile("csrc " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_swap(csr, val) ({ uint64_t __v = (uint64_t)(val); __asm__ volatile("csrrw %0, " #csr ", %0" : "+r"(__v) :: "memory"); __v; })

#endif
#endif
