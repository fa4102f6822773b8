/* Device drivers, OpenSBI's way: each driver file enters {compatible, probe} in a link-time
 * table with HV_DRIVER; devices_init calls the probe of every driver whose compatible a
 * device-tree node lists. A driver brings its device up and hands it to its class: a block
 * device to disk_register (hv/blk/blk_dev.h ops), a console to console_set_device. */
#ifndef HV_DRIVER_H
#define HV_DRIVER_H
#include "types.h"
#include "platform.h"

enum driver_class {
	DRIVER_CONSOLE,   /* probed first, right after the device tree: the banner needs it */
	DRIVER_OTHER,     /* probed once the PLIC and the page allocator are up */
};

struct hv_driver {
	const char *compatible;
	enum driver_class cls;
	void (*probe)(const struct plat_dev *d);
};

#define HV_DRIVER(name, compat, cls, fn)                                                       \
	static const struct hv_driver name = { (compat), (cls), (fn) };                        \
	static const struct hv_driver *const name##_entry                                      \
		__attribute__((section("hv_drivers"), used)) = &name

void devices_init(enum driver_class cls); /* probes every device of that class, in plat.devs order */
#endif
