/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which devices the vfio open refuses, and with which error, against a fake
 * sysfs tree: bad and unknown addresses, no driver, another driver, no
 * IOMMU group, a group another driver shares, vfio not ready.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "srnic_pci.h"
#include "srnic_vfio.h"

static char root[64];

static void
put(const char *path, const char *text)
{
	char full[512], dir[600];
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", root, path);
	snprintf(dir, sizeof(dir), "mkdir -p \"$(dirname '%s')\"", full);
	assert_int_equal(system(dir), 0);
	f = fopen(full, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
link_to(const char *path, const char *target)
{
	char full[512], cmd[1300];

	snprintf(full, sizeof(full), "%s/%s", root, path);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && ln -sfn '%s' '%s'", full,
		target, full);
	assert_int_equal(system(cmd), 0);
}

/* A function with a vendor/device, a driver (or none) and a group (or -1). */
static void
device(const char *addr, const char *driver, int group)
{
	char path[256], target[256];

	snprintf(path, sizeof(path), "bus/pci/devices/%s/vendor", addr);
	put(path, "0x8086\n");
	snprintf(path, sizeof(path), "bus/pci/devices/%s/device", addr);
	put(path, "0x10ca\n");
	if (driver != NULL) {
		snprintf(path, sizeof(path), "bus/pci/devices/%s/driver", addr);
		snprintf(target, sizeof(target), "../../../bus/pci/drivers/%s", driver);
		link_to(path, target);
	}
	if (group >= 0) {
		snprintf(path, sizeof(path), "bus/pci/devices/%s/iommu_group", addr);
		snprintf(target, sizeof(target), "../../../kernel/iommu_groups/%d", group);
		link_to(path, target);
		snprintf(path, sizeof(path), "kernel/iommu_groups/%d/devices/%s", group, addr);
		snprintf(target, sizeof(target), "../../../../bus/pci/devices/%s", addr);
		link_to(path, target);
	}
}

static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/srnic-vfio-check-XXXXXX");
	assert_non_null(mkdtemp(root));
	srnic_sysfs_root = root;
	device("0000:01:10.0", "vfio-pci", 7);	/* usable but for /dev/vfio */
	device("0000:01:10.2", "igbvf", 8);
	device("0000:01:10.4", NULL, 9);
	device("0000:01:10.6", "vfio-pci", -1);
	device("0000:01:11.0", "vfio-pci", 10);
	device("0000:01:11.2", "igbvf", 10);	/* shares group 10 */
	device("0000:01:11.4", "pcieport", 10);	/* a bridge does not block */
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd);
}

static void
each_unusable_device_gets_its_own_error(void **state)
{
	struct srnic_pci_info info;

	(void)state;
	assert_int_equal(srnic_vfio_check("nonsense", "VF", &info), -EINVAL);
	assert_int_equal(srnic_vfio_check("0000:09:00.0", "VF", &info), -ENODEV);
	assert_int_equal(srnic_vfio_check("01:10.4", "VF", &info), -ENXIO);
	assert_int_equal(srnic_vfio_check("01:10.2", "VF", &info), -EBUSY);
	assert_string_equal(info.driver, "igbvf");
	assert_int_equal(srnic_vfio_check("01:10.6", "VF", &info), -ENOTSUP);
	assert_int_equal(srnic_vfio_check("01:11.0", "VF", &info), -EPERM);
	/* Everything in order but /dev/vfio/7, which this host does not have. */
	assert_int_equal(srnic_vfio_check("01:10.0", "VF", &info), -ENOENT);
	assert_int_equal(info.iommu_group, 7);
}

static void
group_blockers_name_the_other_members_and_their_drivers(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(srnic_pci_group_blockers(10, "0000:01:11.0", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "0000:01:11.2 (igbvf)");
	assert_int_equal(srnic_pci_group_blockers(7, "0000:01:10.0", buf, sizeof(buf)), 0);
}

static void
short_and_full_addresses_name_the_same_device(void **state)
{
	char canon[PCI_PRI_STR_SIZE];

	(void)state;
	assert_int_equal(srnic_pci_canonical("01:10.2", canon), 0);
	assert_string_equal(canon, "0000:01:10.2");
	assert_int_equal(srnic_pci_canonical("0000:01:10.2", canon), 0);
	assert_int_equal(srnic_pci_canonical("01:10", canon), -EINVAL);
	assert_int_equal(srnic_pci_canonical(NULL, canon), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_unusable_device_gets_its_own_error),
		cmocka_unit_test(group_blockers_name_the_other_members_and_their_drivers),
		cmocka_unit_test(short_and_full_addresses_name_the_same_device),
	};

	return cmocka_run_group_tests_name("srnic_vfio_check", tests, setup, teardown);
}
