/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program that uses the VF driver, linked the way a static user links it:
 * against librte_net_srnic.a, without --whole-archive, with --gc-sections.
 * test_pmdinfo.py checks that the driver info came along.
 */
#include <stdio.h>

#include "rte_pmd_srnic.h"

int
main(void)
{
	printf("%u srnic ports\n", srnic_dev_count());
	return 0;
}
