/* The hypervisor monitor: a line-oriented console (reached with Ctrl-]) that lists VMs with
 * their counters and pauses, resumes, restarts or destroys them. */
#ifndef HV_MONITOR_H
#define HV_MONITOR_H
void monitor_input(char c);   /* one typed byte while the monitor has the focus */
void monitor_prompt(void);
#endif
