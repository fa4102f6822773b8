/* Shared between the native backend's files only. */
#ifndef NATIVE_H
#define NATIVE_H
#include "defs.h"
const struct fdt_info *native_fdt(void);
#endif
