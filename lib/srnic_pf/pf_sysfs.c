/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF lifecycle through sysfs, the same for both backends: how many VFs the
 * PF has and may have, creating and removing them (sriov_numvfs), where VF
 * n is (the PF's virtfn<n> link), and binding a VF to a driver
 * (driver_override, then drivers_probe).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>

#include "pf_priv.h"

/* VFs appear a little after sriov_numvfs is written; QEMU under TCG is slow. */
#define VF_APPEAR_POLLS		100
#define VF_APPEAR_POLL_US	50000

int
pf_sysfs_vf_count(const struct srnic_pf *pf, uint16_t *nb, uint16_t *total)
{
	char path[PATH_MAX];
	uint32_t n, t;
	int ret;

	snprintf(path, sizeof(path), "bus/pci/devices/%s/sriov_numvfs", pf->name);
	ret = srnic_sysfs_read_u32(path, &n);
	if (ret < 0)
		return ret;
	snprintf(path, sizeof(path), "bus/pci/devices/%s/sriov_totalvfs", pf->name);
	ret = srnic_sysfs_read_u32(path, &t);
	if (ret < 0)
		return ret;
	*nb = (uint16_t)n;
	*total = (uint16_t)t;
	return 0;
}

int
pf_sysfs_vfio_sriov_check(const struct srnic_pf *pf)
{
	char val[8];

	if (srnic_sysfs_read("module/vfio_pci/parameters/enable_sriov", val, sizeof(val)) < 0)
		return 0;	/* built in, or an older vfio: let sysfs answer */
	if (val[0] == 'Y' || val[0] == '1')
		return 0;
	PF_LOG(ERR, pf, "vfio-pci was loaded without enable_sriov=1, so it refuses to create "
		"VFs: run 'echo 1 > /sys/module/vfio_pci/parameters/enable_sriov' (or reload "
		"it: modprobe -r vfio_pci && modprobe vfio_pci enable_sriov=1)");
	return -ENOTSUP;
}

int
pf_sysfs_vf_addr(const struct srnic_pf *pf, uint16_t vf, char *addr, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/virtfn%u", srnic_sysfs_root,
		pf->name, vf);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	if (snprintf(addr, len, "%s", base) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

static int
write_numvfs(struct srnic_pf *pf, uint16_t n)
{
	char path[PATH_MAX], val[8];
	int ret;

	snprintf(path, sizeof(path), "bus/pci/devices/%s/sriov_numvfs", pf->name);
	snprintf(val, sizeof(val), "%u", n);
	ret = srnic_sysfs_write(path, val);
	if (ret == 0)
		return 0;
	if (n == 0)
		PF_LOG(ERR, pf, "cannot remove its VFs (%s): are they still in use? Stop the "
			"programs that use them, then retry", strerror(-ret));
	else if (ret == -EBUSY)
		PF_LOG(ERR, pf, "cannot create %u VFs: the PF's driver says busy (are VFs "
			"assigned or in use?)", n);
	else
		PF_LOG(ERR, pf, "cannot create %u VFs: writing %s/%s failed: %s (driver %s; "
			"see dmesg)", n, srnic_sysfs_root, path, strerror(-ret), pf->pci.driver);
	return ret;
}

/* The kernel adds VF devices after the write returns: wait for the last. */
static int
wait_vfs(struct srnic_pf *pf, uint16_t n)
{
	char addr[PCI_PRI_STR_SIZE];
	int i;

	for (i = 0; i < VF_APPEAR_POLLS; i++) {
		if (pf_sysfs_vf_addr(pf, n - 1, addr, sizeof(addr)) == 0)
			return 0;
		rte_delay_us_sleep(VF_APPEAR_POLL_US);
	}
	PF_LOG(ERR, pf, "wrote sriov_numvfs = %u but VF %u did not appear within %d ms; see "
		"dmesg", n, n - 1, VF_APPEAR_POLLS * VF_APPEAR_POLL_US / 1000);
	return -ETIMEDOUT;
}

int
pf_sysfs_vfs_set(struct srnic_pf *pf, uint16_t n)
{
	uint16_t now, total;
	int ret;

	if (n > 0 && pf->backend == SRNIC_PF_BACKEND_VFIO) {
		ret = pf_sysfs_vfio_sriov_check(pf);
		if (ret < 0)
			return ret;
	}
	ret = pf_sysfs_vf_count(pf, &now, &total);
	if (ret < 0)
		return ret;
	if (now == n)
		return n > 0 ? wait_vfs(pf, n) : 0;
	/* The kernel only changes the count from or to zero. */
	if (now != 0 && n != 0) {
		ret = write_numvfs(pf, 0);
		if (ret < 0)
			return ret;
	}
	ret = write_numvfs(pf, n);
	if (ret < 0)
		return ret;
	return n > 0 ? wait_vfs(pf, n) : 0;
}

static int
vf_driver(const char *addr, char *drv, size_t len)
{
	struct srnic_pci_info info;
	int ret = srnic_pci_info_read(addr, &info);

	if (ret < 0)
		return ret;
	snprintf(drv, len, "%s", info.driver);
	return 0;
}

int
pf_sysfs_vf_bind(struct srnic_pf *pf, uint16_t vf, const char *driver)
{
	char addr[PCI_PRI_STR_SIZE], path[PATH_MAX], now[SRNIC_DRIVER_NAME_LEN];
	bool unbind_only = driver == NULL || driver[0] == '\0';
	int ret;

	ret = pf_sysfs_vf_addr(pf, vf, addr, sizeof(addr));
	if (ret < 0) {
		PF_LOG(ERR, pf, "VF %u has no virtfn%u link in sysfs", vf, vf);
		return -ENODEV;
	}
	ret = vf_driver(addr, now, sizeof(now));
	if (ret < 0)
		return ret;
	if (!unbind_only && strcmp(now, driver) == 0)
		return 0;
	if (now[0] != '\0') {
		snprintf(path, sizeof(path), "bus/pci/devices/%s/driver/unbind", addr);
		ret = srnic_sysfs_write(path, addr);
		if (ret < 0) {
			PF_LOG(ERR, pf, "VF %u (%s): cannot unbind it from %s: %s", vf, addr, now,
				strerror(-ret));
			return ret;
		}
	}
	if (unbind_only)
		return 0;
	/* driver_override makes exactly that driver take it on the probe;
	 * clearing it afterwards leaves later rebinding to the user. */
	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver_override", addr);
	if (srnic_sysfs_write(path, driver) == 0)
		(void)srnic_sysfs_write("bus/pci/drivers_probe", addr);
	(void)srnic_sysfs_write(path, "\n");
	if (vf_driver(addr, now, sizeof(now)) < 0 || strcmp(now, driver) != 0) {
		PF_LOG(ERR, pf, "VF %u (%s): %s did not take it (now: %s); is the module loaded "
			"(modprobe %s)? See dmesg", vf, addr, driver, now[0] ? now : "no driver",
			driver);
		return -EIO;
	}
	return 0;
}
