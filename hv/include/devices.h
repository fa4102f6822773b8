/* Physical devices the hypervisor drives itself (console UART, disks), wired to the PLIC. */
#ifndef HV_DEVICES_H
#define HV_DEVICES_H
void devices_init(void);
#endif
