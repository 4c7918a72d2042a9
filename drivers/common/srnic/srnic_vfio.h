/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Open a PCI function through vfio-pci for its registers only: check that
 * it can be used (bound to vfio-pci, viable IOMMU group), open it in a vfio
 * container of its own (no DMA: see srnic_vfio_group.c), map BAR0, enable
 * bus mastering, reach config space.
 */
#ifndef SRNIC_VFIO_H
#define SRNIC_VFIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "igb_regs.h"
#include "srnic_pci.h"

struct srnic_vfio_dev {
	struct srnic_pci_info info;
	int container_fd;		/* its own vfio container, -1 when closed */
	int group_fd;			/* its IOMMU group, -1 when closed */
	int fd;				/* VFIO device fd, -1 when closed */
	uint64_t cfg_offset;		/* config space in the device fd */
	void *bar0_map;
	size_t bar0_size;
	struct srnic_bar bar0;		/* register access to BAR0 */
};

/**
 * Check that @addr can be opened through vfio-pci; logs one actionable line
 * and returns a negative errno when not: -EINVAL bad address, -ENODEV no such
 * device, -ENXIO bound to no driver, -EBUSY bound to another driver,
 * -ENOTSUP no IOMMU group, -EPERM group not viable, -ENOENT vfio not ready.
 * @role names the device in messages ("VF", "PF").
 */
int srnic_vfio_check(const char *addr, const char *role, struct srnic_pci_info *info);

/**
 * srnic_vfio_check, then open the device in its own container, map BAR0 and
 * enable bus mastering. @vf_token (a UUID string, or NULL) is presented to
 * vfio-pci: a PF whose VFs are in use opens only with the token they use.
 */
int srnic_vfio_open(struct srnic_vfio_dev *dev, const char *addr, const char *role,
	const char *vf_token);

/** srnic_vfio_group_open: the container, group and device fds of @dev
 *  (whose info is filled in); each failure logged with what to do. */
int srnic_vfio_group_open(struct srnic_vfio_dev *dev, const char *role, const char *vf_token);
/** Close what srnic_vfio_group_open opened; each fd may be -1. */
void srnic_vfio_group_close(struct srnic_vfio_dev *dev);

/**
 * Take over a device another process opened with srnic_vfio_open: its
 * container, group and device fds (@fds, in that order, received with
 * SCM_RIGHTS). Maps BAR0 and touches nothing in the device. On failure
 * @fds stay the caller's.
 */
int srnic_vfio_adopt(struct srnic_vfio_dev *dev, const char *addr, const char *role,
	const int fds[3]);

/** Let go of a device another process now holds: unmap BAR0 and close the
 *  fds, leaving the device as it is (no bus mastering change, no reset). */
void srnic_vfio_forget(struct srnic_vfio_dev *dev);

/** Undo srnic_vfio_open; safe on a closed or half-opened device. */
void srnic_vfio_close(struct srnic_vfio_dev *dev);

int srnic_vfio_cfg_read(const struct srnic_vfio_dev *dev, uint32_t off, void *buf,
	size_t len);
int srnic_vfio_cfg_write(const struct srnic_vfio_dev *dev, uint32_t off, const void *buf,
	size_t len);

/** Turn memory decoding and bus mastering on or off in the command register. */
int srnic_vfio_set_bus_master(const struct srnic_vfio_dev *dev, bool on);

#endif /* SRNIC_VFIO_H */
