/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Open a PCI function through DPDK's public rte_vfio API: check that it can
 * be used (bound to vfio-pci, viable IOMMU group), set it up in EAL's
 * container (EAL then DMA-maps all its memory), map BAR0, enable bus
 * mastering, reach config space.
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

/** srnic_vfio_check, then set up, map BAR0 and enable bus mastering. */
int srnic_vfio_open(struct srnic_vfio_dev *dev, const char *addr, const char *role);

/** Undo srnic_vfio_open; safe on a closed or half-opened device. */
void srnic_vfio_close(struct srnic_vfio_dev *dev);

int srnic_vfio_cfg_read(const struct srnic_vfio_dev *dev, uint32_t off, void *buf,
	size_t len);
int srnic_vfio_cfg_write(const struct srnic_vfio_dev *dev, uint32_t off, const void *buf,
	size_t len);

/** Turn memory decoding and bus mastering on or off in the command register. */
int srnic_vfio_set_bus_master(const struct srnic_vfio_dev *dev, bool on);

#endif /* SRNIC_VFIO_H */
