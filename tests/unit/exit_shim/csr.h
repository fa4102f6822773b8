/* Host stand-in for hv/arch/riscv/csr.h in the exit_load_test build: the real constants, with
 * every instruction (CSR accessors, time, wfi, the hfence family) replaced by calls into the
 * test, which records them. The real inline functions are renamed before the real header is
 * included, so their RISC-V assembly is never emitted on the host. */
#ifndef EXIT_SHIM_CSR_H
#define EXIT_SHIM_CSR_H
#define time_now         rvpv_real_time_now
#define wfi              rvpv_real_wfi
#define hfence_gvma_vmid rvpv_real_hfence_gvma_vmid
#define hfence_gvma_all  rvpv_real_hfence_gvma_all
#define hfence_vvma      rvpv_real_hfence_vvma
#define hfence_vvma_all  rvpv_real_hfence_vvma_all
#define hfence_vvma_asid rvpv_real_hfence_vvma_asid
#define hfence_vvma_va   rvpv_real_hfence_vvma_va
#include "../../../hv/arch/riscv/csr.h"
#undef time_now
#undef wfi
#undef hfence_gvma_vmid
#undef hfence_gvma_all
#undef hfence_vvma
#undef hfence_vvma_all
#undef hfence_vvma_asid
#undef hfence_vvma_va
#undef csr_read
#undef csr_write
#undef csr_set
#undef csr_clear
#undef csr_swap

/* CSRs by name: the test keeps one word per name it cares about (hvip, sip, ...) */
uint64_t *shim_csr(const char *name);
#define csr_read(csr) (*shim_csr(#csr))
#define csr_write(csr, val) ((void)(*shim_csr(#csr) = (uint64_t)(val)))
#define csr_set(csr, val) ((void)(*shim_csr(#csr) |= (uint64_t)(val)))
#define csr_clear(csr, val) ((void)(*shim_csr(#csr) &= ~(uint64_t)(val)))
#define csr_swap(csr, val) ({ uint64_t *__p = shim_csr(#csr), __o = *__p; *__p = (uint64_t)(val); __o; })

uint64_t time_now(void);
void wfi(void);
void hfence_gvma_vmid(uint64_t vmid);
void hfence_gvma_all(void);
void hfence_vvma(uint64_t va, uint64_t asid);
void hfence_vvma_all(void);
void hfence_vvma_asid(uint64_t asid);
void hfence_vvma_va(uint64_t va);
#endif
