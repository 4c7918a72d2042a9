/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PCI functions the VF driver takes. SRNIC_PCI_ID_LIST below is the
 * only list: srnic_pci_ids.c expands it into the named table that lookups
 * use and that the build reads (buildtools/srnic-pmdinfogen.py) into the
 * driver info srnic-pmdinfo.py, srnic-devbind.py and DPDK's dpdk-pmdinfo.py
 * read back; srnic_ethdev.c expands it into the rte_pci_id table EAL
 * matches devices against.
 */
#ifndef SRNIC_PCI_IDS_H
#define SRNIC_PCI_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "igb_pci_ids.h"

/*
 * One line a device: X(vendor, device, name). The IDs are the named
 * constants of igb_pci_ids.h; the name (a short model name) is what logs,
 * refusals and the driver info show.
 */
#define SRNIC_PCI_ID_LIST(X) \
	X(IGB_VENDOR_ID_INTEL, IGB_DEV_ID_82576_VF, "82576 VF") \
	X(IGB_VENDOR_ID_INTEL, IGB_DEV_ID_I350_VF, "I350 VF")

/* Room for a short model name and its NUL, as "82576 VF". */
#define SRNIC_PCI_ID_NAME_LEN	28

/*
 * One supported function. Plain values only, no pointers: the generator
 * reads entries straight out of the object file, where a pointer would be
 * an unresolved relocation.
 */
struct srnic_pci_id {
	uint16_t vendor_id;
	uint16_t device_id;
	char name[SRNIC_PCI_ID_NAME_LEN];
};

/* The table, ended by an entry with vendor_id 0. */
extern const struct srnic_pci_id srnic_pci_id_table[];

/*
 * "SRNIC_PMD_INFO=" and a JSON object (driver name, kernel module, PCI IDs),
 * in section .srnic_pmd_info; generated at build time from the table.
 */
extern const char srnic_pmd_info[];

/* The entry for vendor:device, or NULL when the driver does not take it. */
const struct srnic_pci_id *srnic_pci_id_lookup(uint16_t vendor, uint16_t device);

/*
 * Write the supported functions for a message, as "82576 VF 8086:10ca,
 * I350 VF 8086:1520"; truncated to fit len. Returns buf.
 */
char *srnic_pci_ids_describe(char *buf, size_t len);

#endif /* SRNIC_PCI_IDS_H */
