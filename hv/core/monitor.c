/* The monitor: `list` shows the time, then every VM (state, vCPUs, RAM and what of it is
 * ballooned out, run time, restarts, exits by cause, calls by ABI id) and the hypervisor's free
 * memory; `pause`, `resume`, `restart`, `destroy` and `balloon ID MiB` (the VM's balloon target)
 * act on one VM. Runs in the console's interrupt handler on the boot hart. */
#include "monitor.h"
#include "vm.h"
#include "disk.h"
#include "vcpu.h"
#include "sched.h"
#include "palloc.h"
#include "platform.h"
#include "printf.h"
#include "string.h"
#include "arch.h"
#include "event.h"

#define MON_X_NAME(g, n, ...) #g "_" #n,
static const char *const call_names[] = { RVPV_CALLS(MON_X_NAME) };
#undef MON_X_NAME


static char line[64];
static uint32_t len;

static void list_vm(struct vm *vm)
{
	struct vcpu_stats sum = { 0 };
	uint64_t run = 0;
	for (uint32_t i = 0; i < vm->nvcpus; i++) {
		struct vcpu *v = vm->vcpus[i];
		run += v->run_ticks;
		/* the slice under way is not accounted yet; a wait in place (exit.c) is not running */
		if (v->state == VCPU_RUNNING && !READ_ONCE(v->halted))
			run += arch_time_now() - READ_ONCE(v->run_since);
		for (uint32_t k = 0; k < ARCH_NR_EXC_STATS; k++) sum.exits[k] += v->stats.exits[k];
		for (uint32_t k = 0; k < ARCH_NR_IRQ_STATS; k++) sum.intr_exits[k] += v->stats.intr_exits[k];
		for (uint32_t k = 0; k < VCPU_NCALLS; k++) sum.calls[k] += v->stats.calls[k];
		sum.sbi_calls += v->stats.sbi_calls + v->arch.ctx.fast_sbi;
		sum.halts += v->stats.halts;
		sum.halt_rewaits += v->stats.halt_rewaits;
		sum.exits[ARCH_STAT_ECALL] += v->arch.ctx.fast_sbi; /* SBI BASE answered in switch.S */
	}
	const char *state = vm->state == VM_DEAD ? "stopping" : vm->paused ? "paused" : "running";
	hv_printf("%2u %-15s %-8s %5u %5lu %9lu %8u\n", vm->id, vm->name, state, vm->nvcpus,
		  (unsigned long)(vm->ram_size >> 20), (unsigned long)(run / (plat.timebase / 1000)),
		  vm->restarts);
	char buf[200];
	int n = snprintf(buf, sizeof(buf), "   exits:");
	for (uint32_t j = 0; j < ARCH_NR_EXC_STATS + ARCH_NR_IRQ_STATS; j++) {
		bool irq = j >= ARCH_NR_EXC_STATS; /* exceptions first, then interrupts */
		uint32_t k = irq ? j - ARCH_NR_EXC_STATS : j;
		uint64_t count = irq ? sum.intr_exits[k] : sum.exits[k];
		const char *name = arch_exit_name(irq, k);
		if (count && n < (int)sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, " %s=%lu",
				      name ? name : irq ? "irq" : "other", (unsigned long)count);
	}
	hv_printf("%s\n", buf);
	n = snprintf(buf, sizeof(buf), "   calls: sbi=%lu", (unsigned long)sum.sbi_calls);
	for (uint32_t k = 0; k < VCPU_NCALLS; k++)
		if (sum.calls[k] && n < (int)sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, " %s=%lu", call_names[k], (unsigned long)sum.calls[k]);
	hv_printf("%s\n", buf);
	hv_printf("   halts: in-place=%lu rewaits=%lu\n", (unsigned long)sum.halts,
		  (unsigned long)sum.halt_rewaits);
	uint64_t released = READ_ONCE(vm->released_pages) * 4; /* KiB, read without vm->lock */
	hv_printf("   memory: resident=%lu KiB released=%lu KiB target=%lu KiB g-stage=%lu KiB\n",
		  (unsigned long)((vm->ram_size >> 10) - released), (unsigned long)released,
		  (unsigned long)(READ_ONCE(vm->balloon_target) * 4), (unsigned long)(READ_ONCE(vm->gs.table_pages) * 4));
	disk_report(vm, "  ");
}

static void list(void)
{
	/* the clock guests read (time), so rates of the counters below are per guest second */
	hv_printf("time: %lu ms\n", (unsigned long)(arch_time_now() / (plat.timebase / 1000)));
	hv_printf("id name            state    vcpus RAM-MiB run-ms    restarts\n");
	spin_lock(&vms_lock);
	for (uint32_t i = 0; i < MAX_VMS; i++)
		if (vms[i])
			list_vm(vms[i]);
	spin_unlock(&vms_lock);
	hv_printf("free: %lu KiB of %lu KiB\n", (unsigned long)(palloc_free_pages() * 4),
		  (unsigned long)(palloc_total_pages() * 4));
}

/* digits, saturating far above any id or RAM size */
static const char *parse_num(const char *p, uint64_t *v)
{
	for (*v = 0; *p >= '0' && *p <= '9'; p++)
		*v = *v < (1ull << 40) ? *v * 10 + (uint64_t)(*p - '0') : UINT64_MAX;
	return p;
}

static void act(const char *verb, const char *arg)
{
	uint64_t id, mib = 0;
	bool balloon = !strcmp(verb, "balloon");
	const char *p = parse_num(arg, &id), *m = p + (*p == ' ');
	const char *end = balloon ? parse_num(m, &mib) : p;
	if (p == arg || *end || (balloon && end == m)) {
		hv_printf("monitor: usage: %s ID%s\n", verb, balloon ? " MiB" : "");
		return;
	}
	spin_lock(&vms_lock);
	struct vm *vm = id >= MAX_VMS ? NULL : vms[id];
	if (!vm || vm->state == VM_DEAD) {
		spin_unlock(&vms_lock);
		hv_printf("monitor: no running VM %lu\n", (unsigned long)id);
		return;
	}
	if (!strcmp(verb, "pause")) {
		vm->paused = true;
		for (uint32_t i = 0; i < vm->nvcpus; i++)
			sched_stop_kick(vm->vcpus[i]);
		hv_printf("hv: vm %s (id %u): paused\n", vm->name, vm->id);
	} else if (!strcmp(verb, "resume")) {
		vm->paused = false;
		for (uint32_t i = 0; i < vm->nvcpus; i++)
			sched_wake(vm->vcpus[i]);
		hv_printf("hv: vm %s (id %u): resumed\n", vm->name, vm->id);
	} else if (balloon && mib > vm->ram_size >> 20) {
		hv_printf("monitor: vm %s has %lu MiB\n", vm->name, (unsigned long)(vm->ram_size >> 20));
	} else if (balloon) {
		/* one store the guest reads with MEM_BALLOON_TARGET, then its event port */
		WRITE_ONCE(vm->balloon_target, mib << (20 - PAGE_SHIFT));
		event_raise_source(vm, RVPV_EVSRC_BALLOON, 0);
		hv_printf("hv: vm %s (id %u): balloon target %lu MiB\n", vm->name, vm->id,
			  (unsigned long)mib);
	} else if (!strcmp(verb, "restart")) {
		vm->paused = false;
		vm_reboot(vm);
		for (uint32_t i = 0; i < vm->nvcpus; i++)
			sched_wake(vm->vcpus[i]);
	} else {
		vm->paused = false;
		vm_stop(vm, "destroyed by the monitor");
	}
	spin_unlock(&vms_lock);
}

void monitor_prompt(void)
{
	hv_printf("monitor> ");
}

static void run(void)
{
	char *verb = line, *arg = line;
	while (*arg && *arg != ' ') arg++;
	if (*arg) *arg++ = 0;
	while (*arg == ' ') arg++;
	if (!*verb)
		;
	else if (!strcmp(verb, "list") || !strcmp(verb, "ls"))
		list();
	else if (!strcmp(verb, "pause") || !strcmp(verb, "resume") || !strcmp(verb, "restart") ||
		 !strcmp(verb, "destroy") || !strcmp(verb, "balloon"))
		act(verb, arg);
	else
		hv_printf("monitor: commands: list, pause ID, resume ID, restart ID, destroy ID, balloon ID MiB; Ctrl-] leaves\n");
}

void monitor_input(char c)
{
	if (c == '\r' || c == '\n') {
		hv_printf("\n");
		line[len] = 0;
		run();
		len = 0;
		monitor_prompt();
	} else if ((c == 0x7f || c == '\b') && len) {
		len--;
		hv_printf("\b \b");
	} else if (c >= 0x20 && c < 0x7f && len < sizeof(line) - 1) {
		line[len++] = c;
		hv_printf("%c", c); /* echo */
	}
}
