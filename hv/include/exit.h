/* Running a vCPU and handling its exits (traps from VS/VU into HS). */
#ifndef HV_EXIT_H
#define HV_EXIT_H
#include "sched.h"
struct hart;
enum run_result exit_run_vcpu(struct hart *h, struct vcpu *v);
void exit_handle_hs_interrupts(struct hart *h); /* pending HS interrupts while idle */
#endif
