/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF lifecycle through sysfs against a fake sysfs tree in a temporary
 * folder (srnic_sysfs_root points there): counts, creating over an
 * existing count, vfio-pci without enable_sriov, where VF n is, binding
 * through driver_override, and open refusing what no backend drives.
 */
#include <errno.h>
#include <limits.h>
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

#include "pf_priv.h"
#include "test_eal.h"

#define PF_ADDR "0000:01:00.0"

static char root[64];
static struct srnic_pf *pf;

static void
put(const char *rel, const char *val)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(val, f);
	fclose(f);
}

static void
get(const char *rel, char *buf, size_t len)
{
	assert_int_equal(srnic_sysfs_read(rel, buf, len), 0);
}

static void
dir(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
	mkdir(path, 0755);
}

static void
link_to(const char *rel, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

/* A PCI function with its IDs, bound to @driver ("" for none). */
static void
function(const char *addr, const char *device, const char *driver)
{
	char rel[256], target[256];

	snprintf(rel, sizeof(rel), "bus/pci/devices/%s", addr);
	dir(rel);
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/vendor", addr);
	put(rel, "0x8086\n");
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/device", addr);
	put(rel, device);
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/driver_override", addr);
	put(rel, "");
	if (driver[0] != '\0') {
		snprintf(rel, sizeof(rel), "bus/pci/drivers/%s", driver);
		dir(rel);
		snprintf(rel, sizeof(rel), "bus/pci/drivers/%s/unbind", driver);
		put(rel, "");
		snprintf(rel, sizeof(rel), "bus/pci/devices/%s/driver", addr);
		snprintf(target, sizeof(target), "../../drivers/%s", driver);
		link_to(rel, target);
	}
}

static void
vf(int n, const char *addr, const char *driver)
{
	char rel[256], target[256];

	function(addr, "0x10ca\n", driver);
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/virtfn%d", PF_ADDR, n);
	snprintf(target, sizeof(target), "../%s", addr);
	link_to(rel, target);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/srnic-pf-sysfs-XXXXXX");
	assert_non_null(mkdtemp(root));
	srnic_sysfs_root = root;
	function(PF_ADDR, "0x10c9\n", "vfio-pci");
	put("bus/pci/devices/" PF_ADDR "/sriov_numvfs", "0\n");
	put("bus/pci/devices/" PF_ADDR "/sriov_totalvfs", "8\n");
	put("bus/pci/drivers_probe", "");
	dir("module/vfio_pci/parameters");
	put("module/vfio_pci/parameters/enable_sriov", "Y\n");
	pf = pf_alloc(PF_ADDR, NULL);
	assert_non_null(pf);
	pf->backend = SRNIC_PF_BACKEND_VFIO;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	pf_free(pf);
	srnic_sysfs_root = "/sys";
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void
count_reads_numvfs_and_totalvfs(void **state)
{
	uint16_t nb, total;

	(void)state;
	put("bus/pci/devices/" PF_ADDR "/sriov_numvfs", "3\n");
	assert_int_equal(pf_sysfs_vf_count(pf, &nb, &total), 0);
	assert_int_equal(nb, 3);
	assert_int_equal(total, 8);
}

static void
create_writes_the_count_and_waits_for_the_vfs(void **state)
{
	char val[16];

	(void)state;
	vf(0, "0000:01:10.0", "vfio-pci");
	vf(1, "0000:01:10.2", "vfio-pci");
	assert_int_equal(pf_sysfs_vfs_set(pf, 2), 0);
	get("bus/pci/devices/" PF_ADDR "/sriov_numvfs", val, sizeof(val));
	assert_string_equal(val, "2");
	assert_int_equal(pf_sysfs_vfs_set(pf, 0), 0);
	get("bus/pci/devices/" PF_ADDR "/sriov_numvfs", val, sizeof(val));
	assert_string_equal(val, "0");
}

static void
create_over_another_count_ends_with_the_new_count(void **state)
{
	char val[16];

	(void)state;
	vf(0, "0000:01:10.0", "vfio-pci");
	vf(1, "0000:01:10.2", "vfio-pci");
	put("bus/pci/devices/" PF_ADDR "/sriov_numvfs", "1\n");
	assert_int_equal(pf_sysfs_vfs_set(pf, 2), 0);
	get("bus/pci/devices/" PF_ADDR "/sriov_numvfs", val, sizeof(val));
	assert_string_equal(val, "2");
	/* Asking for what is there writes nothing. */
	put("bus/pci/devices/" PF_ADDR "/sriov_numvfs", "2\n");
	assert_int_equal(pf_sysfs_vfs_set(pf, 2), 0);
}

static void
vfio_pci_without_enable_sriov_refuses_with_enotsup(void **state)
{
	char val[16];

	(void)state;
	put("module/vfio_pci/parameters/enable_sriov", "N\n");
	assert_int_equal(pf_sysfs_vfs_set(pf, 2), -ENOTSUP);
	get("bus/pci/devices/" PF_ADDR "/sriov_numvfs", val, sizeof(val));
	assert_string_equal(val, "0");
	/* The kernel backend does not depend on vfio-pci's setting. */
	pf->backend = SRNIC_PF_BACKEND_KERNEL;
	vf(0, "0000:01:10.0", "igbvf");
	assert_int_equal(pf_sysfs_vfs_set(pf, 1), 0);
}

static void
vf_address_follows_the_virtfn_link(void **state)
{
	char addr[PCI_PRI_STR_SIZE];

	(void)state;
	vf(0, "0000:01:10.0", "vfio-pci");
	vf(3, "0000:01:10.6", "");
	assert_int_equal(pf_sysfs_vf_addr(pf, 3, addr, sizeof(addr)), 0);
	assert_string_equal(addr, "0000:01:10.6");
	assert_int_equal(pf_sysfs_vf_addr(pf, 1, addr, sizeof(addr)), -ENOENT);
}

static void
bind_unbinds_sets_the_override_and_probes(void **state)
{
	char val[64];

	(void)state;
	vf(0, "0000:01:10.0", "vfio-pci");
	/* Nothing rebinds in a fake tree: the driver stays, so -EIO, after the
	 * same writes the kernel would act on. */
	assert_int_equal(pf_sysfs_vf_bind(pf, 0, "igbvf"), -EIO);
	get("bus/pci/drivers/vfio-pci/unbind", val, sizeof(val));
	assert_string_equal(val, "0000:01:10.0");
	get("bus/pci/drivers_probe", val, sizeof(val));
	assert_string_equal(val, "0000:01:10.0");
	/* "igbvf", then a newline over its first byte to clear it again (a
	 * plain file keeps both writes; sysfs takes each whole). */
	get("bus/pci/devices/0000:01:10.0/driver_override", val, sizeof(val));
	assert_string_equal(val, "\ngbvf");
	/* Already there: nothing to do. */
	put("bus/pci/drivers/vfio-pci/unbind", "");
	assert_int_equal(pf_sysfs_vf_bind(pf, 0, "vfio-pci"), 0);
	get("bus/pci/drivers/vfio-pci/unbind", val, sizeof(val));
	assert_string_equal(val, "");
	assert_int_equal(pf_sysfs_vf_bind(pf, 5, "vfio-pci"), -ENODEV);
}

static void
open_refuses_what_no_backend_drives(void **state)
{
	struct srnic_pf *p = NULL;

	(void)state;
	assert_int_equal(srnic_pf_open("not-a-pci-address", NULL, &p), -EINVAL);
	assert_int_equal(srnic_pf_open("0000:7f:00.0", NULL, &p), -ENODEV);
	function("0000:02:00.0", "0x1533\n", "igb");	/* i210: no SR-IOV */
	assert_int_equal(srnic_pf_open("02:00.0", NULL, &p), -ENOTSUP);
	function("0000:03:00.0", "0x10c9\n", "");
	assert_int_equal(srnic_pf_open("03:00.0", NULL, &p), -ENXIO);
	function("0000:04:00.0", "0x10c9\n", "uio_pci_generic");
	assert_int_equal(srnic_pf_open("04:00.0", NULL, &p), -ENOTSUP);
	assert_null(p);
	assert_null(srnic_pf_get(PF_ADDR));
}

static void
options_of_another_size_are_refused(void **state)
{
	struct srnic_pf_opts opts = { .size = sizeof(opts) + 8 };
	struct srnic_pf *p;

	(void)state;
	assert_null(pf_alloc(PF_ADDR, &opts));
	opts.size = sizeof(uint32_t) * 2;	/* an older, shorter struct */
	p = pf_alloc(PF_ADDR, &opts);
	assert_non_null(p);
	assert_int_equal(p->opts.vlans_per_vf, 0);	/* derived from the VF count */
	assert_int_equal(p->opts.nack_interval_ms, PF_DEFAULT_NACK_MS);
	pf_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(count_reads_numvfs_and_totalvfs),
		T(create_writes_the_count_and_waits_for_the_vfs),
		T(create_over_another_count_ends_with_the_new_count),
		T(vfio_pci_without_enable_sriov_refuses_with_enotsup),
		T(vf_address_follows_the_virtfn_link),
		T(bind_unbinds_sets_the_override_and_probes),
		T(open_refuses_what_no_backend_drives),
		T(options_of_another_size_are_refused),
#undef T
	};

	test_eal_init("test_pf_sysfs");
	return cmocka_run_group_tests_name("pf_sysfs", tests, NULL, NULL);
}
