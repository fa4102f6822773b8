/* The driver table: every platform device is offered to the drivers (HV_DRIVER entries,
 * collected at link time) whose compatible it lists, one class at a time. */
#include "driver.h"

extern const struct hv_driver *const __start_hv_drivers[], *const __stop_hv_drivers[];

void devices_init(enum driver_class cls)
{
	for (uint32_t i = 0; i < plat.ndevs; i++)
		/* the linker's bounds of one section: one array, whatever the compiler sees */
		// cppcheck-suppress comparePointers
		for (const struct hv_driver *const *d = __start_hv_drivers; d < __stop_hv_drivers; d++)
			if ((*d)->cls == cls && plat_dev_is(&plat.devs[i], (*d)->compatible))
				(*d)->probe(&plat.devs[i]);
}
