/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What sysfs says about a PCI function: identity, driver, IOMMU group,
 * PF/VF relation, network interface. Shared by the VF driver (probe
 * checks) and the PF library (VF lifecycle).
 */
#ifndef SRNIC_PCI_H
#define SRNIC_PCI_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_pci.h>

#define SRNIC_DRIVER_NAME_LEN	64

/** Root of sysfs; host unit tests point it at a fake tree. */
extern const char *srnic_sysfs_root;

struct srnic_pci_info {
	char addr[PCI_PRI_STR_SIZE];		/* canonical 0000:bb:dd.f */
	uint16_t vendor;
	uint16_t device;
	char driver[SRNIC_DRIVER_NAME_LEN];	/* "" when unbound */
	int iommu_group;			/* -1 without an IOMMU group */
	char physfn[PCI_PRI_STR_SIZE];		/* PF of a VF, else "" */
	char netdev[IF_NAMESIZE];		/* first interface, else "" */
};

/** Turn "01:10.0" or "0000:01:10.0" into "0000:01:10.0"; -EINVAL if bad. */
int srnic_pci_canonical(const char *in, char out[PCI_PRI_STR_SIZE]);

/** Fill @info from sysfs; -ENODEV when the function does not exist. */
int srnic_pci_info_read(const char *addr, struct srnic_pci_info *info);

/**
 * Members of @group other than @self that stop vfio from using the group
 * (bound to a driver other than vfio-pci or pcieport). Writes
 * "addr (driver), ..." to @buf and returns how many there are.
 */
int srnic_pci_group_blockers(int group, const char *self, char *buf, size_t len);

/** Read a sysfs file below the root into @buf, newline stripped. */
int srnic_sysfs_read(const char *path, char *buf, size_t len);

/** Write @val to a sysfs file below the root. */
int srnic_sysfs_write(const char *path, const char *val);

/** Read a sysfs file holding an unsigned number (decimal or 0x hex). */
int srnic_sysfs_read_u32(const char *path, uint32_t *val);



/** Index n of VF @vf below PF @pf (its virtfn<n> link), or -ENOENT. */
int srnic_pci_vf_index(const char *pf, const char *vf);
#endif /* SRNIC_PCI_H */
