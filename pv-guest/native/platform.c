/* native backend: S-mode directly on OpenSBI. SBI for IPIs, remote fences and power-off; the
 * ns16550 UART found in the device tree for the console (polled, no PLIC); wfi to idle. */
#include "defs.h"
#include "pvops.h"
#include "native.h"
#include "sbi/ecall.h"
#include "sbi/sbi_defs.h"
#include "rvpv/hcall.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20

const char pv_backend_name[] = "native";
static volatile uint8_t *uart;
static const struct fdt_info *fdt;

void pv_platform_init(uint64_t hartid, const struct fdt_info *info)
{
	fdt = info;
	uart = (volatile uint8_t *)(info->uart_base ? info->uart_base : 0x10000000);
	uart[UART_IER] = 0;     /* polled */
	uart[UART_FCR] = 0x01;  /* enable the FIFOs (16 bytes of input) without dropping any */
}

const struct fdt_info *native_fdt(void)
{
	return fdt;
}

void pv_console_putc(int c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

int pv_console_getc(void)
{
	return (uart[UART_LSR] & LSR_DR) ? uart[UART_RBR] : -1;
}

void pv_console_flush(void)
{
}

void pv_external_irq(void)
{
	console_poll();
}

void pv_idle(uint64_t deadline)
{
	(void)deadline;  /* the tick stays armed and comes first */
	__asm__ volatile("wfi");
}

/* wfi with the timer pulled in to about 10 us (the tick deadline is put back afterwards). */
void pv_spin_wait(void)
{
	uint64_t tick = csr_read(0x14d), soon = pv_time() + 100;
	pv_timer_set(soon < tick ? soon : tick);
	__asm__ volatile("wfi");
	pv_timer_set(tick);
}

void pv_send_ipi(uint64_t hartmask)
{
	rvpv_sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, hartmask, 0);
}

int pv_cpu_start(uint64_t hartid, uint64_t entry, uint64_t opaque)
{
	return rvpv_sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, entry, opaque).error ? -1 : 0;
}

void pv_cpu_init(uint64_t hartid)
{
}

void pv_ipi_clear(void)
{
	csr_clear(sip, SIP_SSIP);
}

void pv_remote_sfence(uint64_t hartmask)
{
	rvpv_ecall(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, hartmask, 0, 0, (uint64_t)-1, 0, 0);
}

void pv_memory(uint64_t *base, uint64_t *size)
{
	*base = fdt->mem_base;
	*size = fdt->mem_size;
}

void pv_hvinfo(struct pv_hvinfo *out)
{
	out->sbi_impl_id = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value;
	out->sbi_impl_version = rvpv_sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION).value;
	if (out->sbi_impl_id == RVPV_SBI_IMPL_ID) {  /* not expected natively, but be honest */
		out->rvpv_version = rvpv_core_get_version().value;
		out->rvpv_features = rvpv_core_get_features().value;
	}
	out->timebase = fdt->timebase;
	memcpy(out->backend, pv_backend_name, sizeof(pv_backend_name));
}

void pv_shutdown(void)
{
	rvpv_sbi_call2(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
	rvpv_sbi_call0(SBI_EXT_0_1_SHUTDOWN, 0);
	for (;;)
		__asm__ volatile("wfi");
}
