/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program that uses the VF driver, linked the way a static user links it:
 * against librte_net_srnic.a, without --whole-archive, with --gc-sections.
 * test_pmdinfo.py checks that the driver info came along.
 */
#include <stdio.h>

#include <rte_ethdev.h>

#include "rte_pmd_srnic.h"

int
main(void)
{
	/* Without EAL there is no port: the call only makes the program
	 * need the driver, as any user of its functions does. */
	printf("%s: %d\n", RTE_PMD_SRNIC_DRIVER_NAME,
		rte_pmd_srnic_reset_needed(RTE_MAX_ETHPORTS));
	return 0;
}
