/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VF driver's PCI ID table: what probe accepts, how refusals list it,
 * and that the driver info the build embedded lists the same entries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "srnic_pci_ids.h"

static void
probe_takes_the_82576_and_i350_vfs(void **state)
{
	const struct srnic_pci_id *id;

	(void)state;
	id = srnic_pci_id_lookup(0x8086, 0x10ca);
	assert_non_null(id);
	assert_string_equal(id->name, "82576 VF");
	id = srnic_pci_id_lookup(0x8086, 0x1520);
	assert_non_null(id);
	assert_string_equal(id->name, "I350 VF");
}

static void
probe_refuses_pfs_other_vendors_and_the_end_entry(void **state)
{
	(void)state;
	assert_null(srnic_pci_id_lookup(0x8086, 0x10c9));	/* 82576 PF */
	assert_null(srnic_pci_id_lookup(0x8086, 0x1521));	/* I350 PF */
	assert_null(srnic_pci_id_lookup(0x1af4, 0x10ca));
	assert_null(srnic_pci_id_lookup(0, 0));
}

static void
refusal_lists_the_supported_vfs(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(srnic_pci_ids_describe(buf, sizeof(buf)),
		"82576 VF 8086:10ca, I350 VF 8086:1520");
}

static void
refusal_list_is_cut_to_fit_a_small_buffer(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	srnic_pci_ids_describe(buf, 12);
	assert_string_equal(buf, "82576 VF 80");
	assert_int_equal(buf[12], 'x');
	buf[0] = 'x';
	srnic_pci_ids_describe(buf, 0);
	assert_int_equal(buf[0], 'x');
}

/* + 1 for each entry of the driver's one list. */
#define COUNT_ENTRY(vendor, device, name) + 1

static void
table_holds_the_list_and_ends_after_it(void **state)
{
	const int listed = 0 SRNIC_PCI_ID_LIST(COUNT_ENTRY);

	(void)state;
	assert_int_equal(listed, 2);
	assert_int_equal(srnic_pci_id_table[listed].vendor_id, 0);
	assert_int_equal(srnic_pci_id_table[listed - 1].device_id, 0x1520);
}

static void
embedded_info_lists_every_table_entry(void **state)
{
	const char *prefix = "SRNIC_PMD_INFO={";
	const struct srnic_pci_id *id;
	int n = 0;

	(void)state;
	assert_memory_equal(srnic_pmd_info, prefix, strlen(prefix));
	assert_non_null(strstr(srnic_pmd_info, "\"name\": \"net_srnic\""));
	assert_non_null(strstr(srnic_pmd_info, "\"kmod\": \"vfio-pci\""));
	for (id = srnic_pci_id_table; id->vendor_id != 0; id++, n++) {
		char entry[96];

		snprintf(entry, sizeof(entry),
			"{\"vendor\": \"%04x\", \"device\": \"%04x\", \"name\": \"%s\"}",
			id->vendor_id, id->device_id, id->name);
		assert_non_null(strstr(srnic_pmd_info, entry));
	}
	assert_int_equal(n, 0 SRNIC_PCI_ID_LIST(COUNT_ENTRY));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probe_takes_the_82576_and_i350_vfs),
		cmocka_unit_test(probe_refuses_pfs_other_vendors_and_the_end_entry),
		cmocka_unit_test(refusal_lists_the_supported_vfs),
		cmocka_unit_test(refusal_list_is_cut_to_fit_a_small_buffer),
		cmocka_unit_test(table_holds_the_list_and_ends_after_it),
		cmocka_unit_test(embedded_info_lists_every_table_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
