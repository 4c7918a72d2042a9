/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI identities of the igb family members that do SR-IOV (82576, I350).
 * Source: hardware reference section 1.
 */
#ifndef IGB_PCI_IDS_H
#define IGB_PCI_IDS_H

#include <stdbool.h>
#include <stdint.h>

#define IGB_VENDOR_ID_INTEL		0x8086

/* Physical functions that can enable VFs. */
#define IGB_DEV_ID_82576		0x10C9	/* copper; QEMU's "igb" */
#define IGB_DEV_ID_82576_FIBER		0x10E6
#define IGB_DEV_ID_82576_SERDES		0x10E7
#define IGB_DEV_ID_82576_QUAD_COPPER	0x10E8
#define IGB_DEV_ID_82576_QUAD_COPPER_ET2 0x1526
#define IGB_DEV_ID_82576_NS		0x150A
#define IGB_DEV_ID_82576_NS_SERDES	0x1518
#define IGB_DEV_ID_82576_SERDES_QUAD	0x150D
#define IGB_DEV_ID_I350_COPPER		0x1521
#define IGB_DEV_ID_I350_FIBER		0x1522
#define IGB_DEV_ID_I350_SERDES		0x1523
#define IGB_DEV_ID_I350_SGMII		0x1524
#define IGB_DEV_ID_I350_DA4		0x1546

/*
 * Virtual functions. Which of them the VF driver takes is the driver's
 * choice, listed once in drivers/net/srnic/srnic_pci_ids.h.
 */
#define IGB_DEV_ID_82576_VF		0x10CA	/* QEMU's "igbvf" */
#define IGB_DEV_ID_I350_VF		0x1520

/* Hardware has 8 pools a port; Linux keeps one for the PF, so 7 VFs. */
#define IGB_MAX_POOLS			8
#define IGB_MAX_VFS_WITH_PF_POOL	7

/* Routing of VF n below its PF (section 2.3): offset 0x80, stride 2. */
#define IGB_VF_ROUTING_OFFSET		0x80
#define IGB_VF_ROUTING_STRIDE		2

/** True for a PF device ID of an SR-IOV capable igb family member. */
static inline bool
igb_is_sriov_pf(uint16_t vendor, uint16_t device)
{
	if (vendor != IGB_VENDOR_ID_INTEL)
		return false;
	switch (device) {
	case IGB_DEV_ID_82576:
	case IGB_DEV_ID_82576_FIBER:
	case IGB_DEV_ID_82576_SERDES:
	case IGB_DEV_ID_82576_QUAD_COPPER:
	case IGB_DEV_ID_82576_QUAD_COPPER_ET2:
	case IGB_DEV_ID_82576_NS:
	case IGB_DEV_ID_82576_NS_SERDES:
	case IGB_DEV_ID_82576_SERDES_QUAD:
	case IGB_DEV_ID_I350_COPPER:
	case IGB_DEV_ID_I350_FIBER:
	case IGB_DEV_ID_I350_SERDES:
	case IGB_DEV_ID_I350_SGMII:
	case IGB_DEV_ID_I350_DA4:
		return true;
	default:
		return false;
	}
}

/** True when the PF is an I350 (different RAR count and switch register). */
static inline bool
igb_is_i350_pf(uint16_t device)
{
	return device == IGB_DEV_ID_I350_COPPER || device == IGB_DEV_ID_I350_FIBER ||
		device == IGB_DEV_ID_I350_SERDES || device == IGB_DEV_ID_I350_SGMII ||
		device == IGB_DEV_ID_I350_DA4;
}

#endif /* IGB_PCI_IDS_H */
