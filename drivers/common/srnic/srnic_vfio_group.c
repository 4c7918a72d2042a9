/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A device's IOMMU group in a vfio container of its own, not EAL's.
 *
 * A PF manager needs no DMA (the PF runs no queues), and its descriptors
 * must be its own to give away: the container, group and device fds can
 * pass to another process (SCM_RIGHTS) without EAL's bookkeeping. The
 * device is asked for with its VF token in the name ("ADDR vf_token=UUID"),
 * which is how vfio-pci lets a PF be opened again while its VFs are in use
 * by other processes; each PF can so have its own token, where EAL has one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_common.h>

#include "srnic_common_log.h"
#include "srnic_vfio.h"

/* The IOMMU models a container may use, best first; one must be set
 * before vfio hands out a device of the group. */
static const unsigned long iommu_types[] = { VFIO_TYPE1v2_IOMMU, VFIO_TYPE1_IOMMU };

static int
container_open(const char *addr, const char *role)
{
	int fd, ret;

	fd = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		SRNIC_COMMON_LOG(ERR, "%s %s: cannot open /dev/vfio/vfio: %s; load vfio-pci "
			"(modprobe vfio-pci) and run as root", role, addr, strerror(-ret));
		return ret;
	}
	if (ioctl(fd, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		SRNIC_COMMON_LOG(ERR, "%s %s: this kernel's vfio API is not version %d", role,
			addr, VFIO_API_VERSION);
		close(fd);
		return -ENOTSUP;
	}
	return fd;
}

static int
group_join(struct srnic_vfio_dev *dev, const char *role)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[32];
	size_t i;
	int ret;

	snprintf(path, sizeof(path), "/dev/vfio/%d", dev->info.iommu_group);
	dev->group_fd = open(path, O_RDWR | O_CLOEXEC);
	if (dev->group_fd < 0) {
		ret = -errno;
		SRNIC_COMMON_LOG(ERR, "%s %s: cannot open %s: %s%s", role, dev->info.addr, path,
			strerror(-ret), ret == -EBUSY ? " (another process holds the IOMMU "
			"group: is a second manager running for this device?)" : "");
		return ret;
	}
	if (ioctl(dev->group_fd, VFIO_GROUP_GET_STATUS, &status) < 0 ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		SRNIC_COMMON_LOG(ERR, "%s %s: IOMMU group %d is not viable: bind every device "
			"in it to vfio-pci", role, dev->info.addr, dev->info.iommu_group);
		return -EPERM;
	}
	if (ioctl(dev->group_fd, VFIO_GROUP_SET_CONTAINER, &dev->container_fd) < 0) {
		ret = -errno;
		SRNIC_COMMON_LOG(ERR, "%s %s: cannot put IOMMU group %d in a container: %s", role,
			dev->info.addr, dev->info.iommu_group, strerror(-ret));
		return ret;
	}
	for (i = 0; i < RTE_DIM(iommu_types); i++)
		if (ioctl(dev->container_fd, VFIO_CHECK_EXTENSION, iommu_types[i]) > 0 &&
		    ioctl(dev->container_fd, VFIO_SET_IOMMU, iommu_types[i]) == 0)
			return 0;
	SRNIC_COMMON_LOG(ERR, "%s %s: the IOMMU offers vfio no type1 model; boot with the "
		"IOMMU on (intel_iommu=on or amd_iommu=on)", role, dev->info.addr);
	return -ENOTSUP;
}

int
srnic_vfio_group_open(struct srnic_vfio_dev *dev, const char *role, const char *vf_token)
{
	char name[128];
	int ret;

	dev->container_fd = container_open(dev->info.addr, role);
	if (dev->container_fd < 0)
		return dev->container_fd;
	ret = group_join(dev, role);
	if (ret < 0)
		return ret;
	if (vf_token != NULL && vf_token[0] != '\0')
		snprintf(name, sizeof(name), "%s vf_token=%s", dev->info.addr, vf_token);
	else
		snprintf(name, sizeof(name), "%s", dev->info.addr);
	dev->fd = ioctl(dev->group_fd, VFIO_GROUP_GET_DEVICE_FD, name);
	if (dev->fd < 0) {
		ret = -errno;
		SRNIC_COMMON_LOG(ERR, "%s %s: vfio refuses the device: %s%s", role,
			dev->info.addr, strerror(-ret), ret == -EACCES ? " (its VFs are in use: "
			"give the VF token they were opened with; dmesg says more)" :
			ret == -EBUSY ? " (another process has it open)" : "");
		return ret;
	}
	return 0;
}

void
srnic_vfio_group_close(struct srnic_vfio_dev *dev)
{
	if (dev->fd >= 0)
		close(dev->fd);
	/* Closing the group takes it out of the container. */
	if (dev->group_fd >= 0)
		close(dev->group_fd);
	if (dev->container_fd >= 0)
		close(dev->container_fd);
	dev->fd = -1;
	dev->group_fd = -1;
	dev->container_fd = -1;
}
