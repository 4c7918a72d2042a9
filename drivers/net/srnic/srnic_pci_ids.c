/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PCI functions the VF driver takes (SRNIC_PCI_ID_LIST) as a table with
 * their names, the driver's name and the kernel module a function must be
 * bound to.
 *
 * buildtools/srnic-pmdinfogen.py reads the symbols below by name out of this
 * file's object (the same object the library links) and writes them into
 * srnic_pmd_info.c. Keep them plain constant data.
 */
#include <stdio.h>

#include "srnic_pci_ids.h"

#define SRNIC_PCI_ID_ENTRY(vendor, device, name) { vendor, device, name },

const struct srnic_pci_id srnic_pci_id_table[] = {
	SRNIC_PCI_ID_LIST(SRNIC_PCI_ID_ENTRY)
	{ 0, 0, "" },
};

/* Read only by the generator: the driver info names the driver ... */
static const char srnic_pmd_name[] __attribute__((used)) = "net_srnic";
/* ... and the module its devices must be bound to. */
static const char srnic_pmd_kmod[] __attribute__((used)) = "vfio-pci";

/*
 * Where the fields of struct srnic_pci_id sit, so that the generator follows
 * this compiler's layout instead of assuming one: entry size, then the
 * offsets of vendor_id, device_id and name, then the size of name.
 */
static const uint16_t srnic_pci_id_layout[] __attribute__((used)) = {
	sizeof(struct srnic_pci_id),
	offsetof(struct srnic_pci_id, vendor_id),
	offsetof(struct srnic_pci_id, device_id),
	offsetof(struct srnic_pci_id, name),
	SRNIC_PCI_ID_NAME_LEN,
};

/*
 * A static link takes an archive member only when something refers to it.
 * Every program that looks IDs up links this object; this reference makes
 * it take the generated driver info along.
 */
static const char *const srnic_pmd_info_ref __attribute__((used)) = srnic_pmd_info;

const struct srnic_pci_id *
srnic_pci_id_lookup(uint16_t vendor, uint16_t device)
{
	const struct srnic_pci_id *id;

	for (id = srnic_pci_id_table; id->vendor_id != 0; id++)
		if (id->vendor_id == vendor && id->device_id == device)
			return id;
	return NULL;
}

char *
srnic_pci_ids_describe(char *buf, size_t len)
{
	const struct srnic_pci_id *id;
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (id = srnic_pci_id_table; id->vendor_id != 0 && used < len; id++) {
		int n = snprintf(buf + used, len - used, "%s%s %04x:%04x",
			used != 0 ? ", " : "", id->name, id->vendor_id, id->device_id);

		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}
