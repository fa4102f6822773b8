/* Host stand-in for hv/arch/riscv/csr.h in the hypercall fuzz build: the real constants and
 * inline helpers (never called there), with the CSR accessors turned into a host variable so
 * the decoders compile and their CSR effects can be watched. */
#ifndef FUZZ_CSR_SHIM_H
#define FUZZ_CSR_SHIM_H
#include "../../../hv/arch/riscv/csr.h"
#undef csr_read
#undef csr_write
#undef csr_set
#undef csr_clear
#undef csr_swap
extern uint64_t fuzz_csr;  /* every CSR is this one word: only "touched or not" matters */
#define csr_read(csr) (fuzz_csr)
#define csr_write(csr, val) ((void)(fuzz_csr = (uint64_t)(val)))
#define csr_set(csr, val) ((void)(fuzz_csr |= (uint64_t)(val)))
#define csr_clear(csr, val) ((void)(fuzz_csr &= ~(uint64_t)(val)))
#define csr_swap(csr, val) ({ uint64_t __o = fuzz_csr; fuzz_csr = (uint64_t)(val); __o; })
#endif
