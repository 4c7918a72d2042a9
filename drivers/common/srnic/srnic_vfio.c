/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "srnic_common_log.h"
#include "srnic_vfio.h"

#define BIND_HINT "usertools/srnic-devbind.py --bind vfio-pci"

static int
check_driver(const struct srnic_pci_info *info, const char *role)
{
	if (info->driver[0] == '\0') {
		SRNIC_COMMON_LOG(ERR, "%s %s is bound to no driver; run: %s %s", role,
			info->addr, BIND_HINT, info->addr);
		return -ENXIO;
	}
	if (strcmp(info->driver, "vfio-pci") != 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s is bound to %s, not vfio-pci; run: %s %s", role,
			info->addr, info->driver, BIND_HINT, info->addr);
		return -EBUSY;
	}
	return 0;
}

static int
check_group(const struct srnic_pci_info *info, const char *role)
{
	char blockers[256], path[PATH_MAX];

	if (info->iommu_group < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s has no IOMMU group: boot with the IOMMU on "
			"(intel_iommu=on or amd_iommu=on)", role, info->addr);
		return -ENOTSUP;
	}
	if (srnic_pci_group_blockers(info->iommu_group, info->addr, blockers,
			sizeof(blockers)) > 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: IOMMU group %d is not viable: %s; bind them "
			"to vfio-pci or unbind them", role, info->addr, info->iommu_group,
			blockers);
		return -EPERM;
	}
	snprintf(path, sizeof(path), "/dev/vfio/%d", info->iommu_group);
	if (access(path, R_OK | W_OK) != 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: %s is missing or not accessible (%s); is "
			"vfio-pci loaded (modprobe vfio-pci) and are you root?", role,
			info->addr, path, strerror(errno));
		return -ENOENT;
	}
	return 0;
}

int
srnic_vfio_check(const char *addr, const char *role, struct srnic_pci_info *info)
{
	int ret;

	ret = srnic_pci_info_read(addr, info);
	if (ret == -EINVAL) {
		SRNIC_COMMON_LOG(ERR, "'%s' is not a PCI address (want 0000:01:10.0 or 01:10.0)",
			addr != NULL ? addr : "(null)");
		return ret;
	}
	if (ret < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: no such PCI device; see "
			"usertools/srnic-devbind.py --status", role, addr);
		return -ENODEV;
	}
	ret = check_driver(info, role);
	if (ret < 0)
		return ret;
	return check_group(info, role);
}

static int
region_info(const struct srnic_vfio_dev *dev, uint32_t index, struct vfio_region_info *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->argsz = sizeof(*reg);
	reg->index = index;
	if (ioctl(dev->fd, VFIO_DEVICE_GET_REGION_INFO, reg) < 0)
		return -errno;
	return 0;
}

static int
map_bar0(struct srnic_vfio_dev *dev, const char *role)
{
	struct vfio_region_info reg;
	void *map;
	int ret;

	ret = region_info(dev, VFIO_PCI_BAR0_REGION_INDEX, &reg);
	if (ret < 0 || reg.size == 0 || !(reg.flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		SRNIC_COMMON_LOG(ERR, "%s %s: BAR0 cannot be mapped (%s)", role,
			dev->info.addr, ret < 0 ? strerror(-ret) : "no mmap-able BAR0");
		return ret < 0 ? ret : -ENXIO;
	}
	map = mmap(NULL, reg.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev->fd, reg.offset);
	if (map == MAP_FAILED) {
		ret = -errno;
		SRNIC_COMMON_LOG(ERR, "%s %s: mmap of BAR0 failed: %s", role, dev->info.addr,
			strerror(-ret));
		return ret;
	}
	dev->bar0_map = map;
	dev->bar0_size = reg.size;
	dev->bar0.base = map;
	dev->bar0.len = reg.size;
	dev->bar0.hooks = NULL;
	return 0;
}

int
srnic_vfio_cfg_read(const struct srnic_vfio_dev *dev, uint32_t off, void *buf, size_t len)
{
	ssize_t n = pread(dev->fd, buf, len, (off_t)(dev->cfg_offset + off));

	return n == (ssize_t)len ? 0 : (n < 0 ? -errno : -EIO);
}

int
srnic_vfio_cfg_write(const struct srnic_vfio_dev *dev, uint32_t off, const void *buf,
	size_t len)
{
	ssize_t n = pwrite(dev->fd, buf, len, (off_t)(dev->cfg_offset + off));

	return n == (ssize_t)len ? 0 : (n < 0 ? -errno : -EIO);
}

int
srnic_vfio_set_bus_master(const struct srnic_vfio_dev *dev, bool on)
{
	uint16_t cmd;
	int ret;

	ret = srnic_vfio_cfg_read(dev, PCI_COMMAND, &cmd, sizeof(cmd));
	if (ret < 0)
		return ret;
	if (on)
		cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	else
		cmd &= ~PCI_COMMAND_MASTER;
	return srnic_vfio_cfg_write(dev, PCI_COMMAND, &cmd, sizeof(cmd));
}

/* Nothing open, nothing mapped. */
static void
dev_clear(struct srnic_vfio_dev *dev)
{
	memset(dev, 0, sizeof(*dev));
	dev->container_fd = -1;
	dev->group_fd = -1;
	dev->fd = -1;
}

int
srnic_vfio_open(struct srnic_vfio_dev *dev, const char *addr, const char *role,
	const char *vf_token)
{
	struct vfio_region_info cfg;
	int ret;

	dev_clear(dev);
	ret = srnic_vfio_check(addr, role, &dev->info);
	if (ret < 0)
		return ret;
	ret = srnic_vfio_group_open(dev, role, vf_token);
	if (ret < 0)
		goto release;
	ret = region_info(dev, VFIO_PCI_CONFIG_REGION_INDEX, &cfg);
	if (ret < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: no config space region: %s", role,
			dev->info.addr, strerror(-ret));
		goto release;
	}
	dev->cfg_offset = cfg.offset;
	ret = map_bar0(dev, role);
	if (ret < 0)
		goto release;
	/* Without bus mastering the NIC silently does none of the VF's DMA. */
	ret = srnic_vfio_set_bus_master(dev, true);
	if (ret < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: cannot enable bus mastering: %s", role,
			dev->info.addr, strerror(-ret));
		goto release;
	}
	return 0;

release:
	srnic_vfio_close(dev);
	return ret;
}

int
srnic_vfio_adopt(struct srnic_vfio_dev *dev, const char *addr, const char *role,
	const int fds[3])
{
	struct vfio_region_info cfg;
	int ret;

	dev_clear(dev);
	ret = srnic_pci_info_read(addr, &dev->info);
	if (ret < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: no such PCI device to take over", role, addr);
		return -ENODEV;
	}
	dev->fd = fds[2];
	ret = region_info(dev, VFIO_PCI_CONFIG_REGION_INDEX, &cfg);
	if (ret < 0) {
		SRNIC_COMMON_LOG(ERR, "%s %s: the descriptor handed over is no vfio device of "
			"it (%s)", role, addr, strerror(-ret));
		dev->fd = -1;
		return ret;
	}
	dev->cfg_offset = cfg.offset;
	ret = map_bar0(dev, role);
	if (ret < 0) {
		dev->fd = -1;
		return ret;
	}
	dev->container_fd = fds[0];
	dev->group_fd = fds[1];
	return 0;
}

void
srnic_vfio_forget(struct srnic_vfio_dev *dev)
{
	if (dev->bar0_map != NULL) {
		munmap(dev->bar0_map, dev->bar0_size);
		dev->bar0_map = NULL;
		dev->bar0.base = NULL;
	}
	/* Plain close(2): another process holds the device open, so vfio
	 * neither resets nor releases it. */
	srnic_vfio_group_close(dev);
}

void
srnic_vfio_close(struct srnic_vfio_dev *dev)
{
	/* Stop any DMA still set up before the IOMMU mappings can go away. */
	if (dev->fd >= 0 && dev->cfg_offset != 0)
		(void)srnic_vfio_set_bus_master(dev, false);
	if (dev->bar0_map != NULL) {
		munmap(dev->bar0_map, dev->bar0_size);
		dev->bar0_map = NULL;
		dev->bar0.base = NULL;
	}
	srnic_vfio_group_close(dev);
}
