/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PCI functions the VF driver takes. srnic_pci_ids.c is the only list:
 * probe and scan look IDs up in it, and the build reads the same compiled
 * table (buildtools/srnic-pmdinfogen.py) into the driver info that
 * usertools/srnic-pmdinfo.py and srnic-devbind.py read back.
 */
#ifndef SRNIC_PCI_IDS_H
#define SRNIC_PCI_IDS_H

#include <stddef.h>
#include <stdint.h>

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
