/* Powering the machine off through OpenSBI's SRST. */
#ifndef HV_POWER_H
#define HV_POWER_H
#include <stdbool.h>
void power_off(bool failure) __attribute__((noreturn));
#endif
