/* SPDX-License-Identifier: BSD-3-Clause */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_log.h>

#include "srnic_common_log.h"
#include "srnic_pci.h"

RTE_LOG_REGISTER(srnic_common_logtype, pmd.common.srnic, NOTICE);

const char *srnic_sysfs_root = "/sys";

int
srnic_pci_canonical(const char *in, char out[PCI_PRI_STR_SIZE])
{
	struct rte_pci_addr addr;

	if (in == NULL || rte_pci_addr_parse(in, &addr) != 0)
		return -EINVAL;
	rte_pci_device_name(&addr, out, PCI_PRI_STR_SIZE);
	return 0;
}

int
srnic_sysfs_read(const char *path, char *buf, size_t len)
{
	char full[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(full, sizeof(full), "%s/%s", srnic_sysfs_root, path);
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int
srnic_sysfs_write(const char *path, const char *val)
{
	char full[PATH_MAX];
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	snprintf(full, sizeof(full), "%s/%s", srnic_sysfs_root, path);
	fd = open(full, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

int
srnic_sysfs_read_u32(const char *path, uint32_t *val)
{
	char buf[32], *end;
	unsigned long v;
	int ret;

	ret = srnic_sysfs_read(path, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	errno = 0;
	v = strtoul(buf, &end, 0);
	if (errno != 0 || end == buf || v > UINT32_MAX)
		return -EINVAL;
	*val = (uint32_t)v;
	return 0;
}

/* Last path element of a sysfs symlink, e.g. the driver's name. */
static int
link_basename(const char *path, char *buf, size_t len)
{
	char full[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(full, sizeof(full), "%s/%s", srnic_sysfs_root, path);
	n = readlink(full, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	if (snprintf(buf, len, "%s", base != NULL ? base + 1 : target) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

static void
first_netdev(const char *addr, char *buf, size_t len)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/net", srnic_sysfs_root, addr);
	d = opendir(path);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.') {
			if (snprintf(buf, len, "%s", e->d_name) >= (int)len)
				buf[0] = '\0';
			break;
		}
	}
	closedir(d);
}

int
srnic_pci_info_read(const char *addr, struct srnic_pci_info *info)
{
	char path[PATH_MAX], group[16];
	uint32_t v;
	int ret;

	memset(info, 0, sizeof(*info));
	info->iommu_group = -1;
	ret = srnic_pci_canonical(addr, info->addr);
	if (ret < 0)
		return ret;
	snprintf(path, sizeof(path), "bus/pci/devices/%s/vendor", info->addr);
	ret = srnic_sysfs_read_u32(path, &v);
	if (ret < 0)
		return ret == -ENOENT ? -ENODEV : ret;
	info->vendor = (uint16_t)v;
	snprintf(path, sizeof(path), "bus/pci/devices/%s/device", info->addr);
	ret = srnic_sysfs_read_u32(path, &v);
	if (ret < 0)
		return ret;
	info->device = (uint16_t)v;

	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver", info->addr);
	if (link_basename(path, info->driver, sizeof(info->driver)) < 0)
		info->driver[0] = '\0';
	snprintf(path, sizeof(path), "bus/pci/devices/%s/iommu_group", info->addr);
	if (link_basename(path, group, sizeof(group)) == 0)
		info->iommu_group = atoi(group);
	snprintf(path, sizeof(path), "bus/pci/devices/%s/physfn", info->addr);
	if (link_basename(path, info->physfn, sizeof(info->physfn)) < 0)
		info->physfn[0] = '\0';
	first_netdev(info->addr, info->netdev, sizeof(info->netdev));
	return 0;
}

int
srnic_pci_group_blockers(int group, const char *self, char *buf, size_t len)
{
	char path[PATH_MAX], drv[SRNIC_DRIVER_NAME_LEN];
	struct dirent *e;
	size_t used = 0;
	int count = 0;
	DIR *d;

	if (len > 0)
		buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/kernel/iommu_groups/%d/devices", srnic_sysfs_root,
		group);
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, self) == 0)
			continue;
		snprintf(path, sizeof(path), "bus/pci/devices/%s/driver", e->d_name);
		if (link_basename(path, drv, sizeof(drv)) < 0)
			continue;	/* unbound members do not block */
		if (strcmp(drv, "vfio-pci") == 0 || strcmp(drv, "pcieport") == 0)
			continue;
		count++;
		if (used < len)
			used += snprintf(buf + used, len - used, "%s%s (%s)",
				count > 1 ? ", " : "", e->d_name, drv);
	}
	closedir(d);
	return count;
}

int
srnic_pci_vf_index(const char *pf, const char *vf)
{
	char path[PATH_MAX], name[PCI_PRI_STR_SIZE];
	int n;

	if (pf == NULL || vf == NULL || pf[0] == '\0')
		return -ENOENT;
	for (n = 0; n < 256; n++) {
		snprintf(path, sizeof(path), "bus/pci/devices/%s/virtfn%d", pf, n);
		if (link_basename(path, name, sizeof(name)) < 0)
			return -ENOENT;
		if (strcmp(name, vf) == 0)
			return n;
	}
	return -ENOENT;
}
