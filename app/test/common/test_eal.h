/* SPDX-License-Identifier: BSD-3-Clause */
/* EAL for host unit tests: no hugepages, no PCI, IOVA as VA. */
#ifndef TEST_EAL_H
#define TEST_EAL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_log.h>

static inline void
test_eal_init(const char *name)
{
	char prefix[64];
	char *argv[] = { (char *)(uintptr_t)name, "--no-huge", "-m", "256", "--no-pci",
		"--iova-mode=va", "--no-shconf", "--log-level=lib.*:error",
		"--log-level=pmd.*:critical", "--file-prefix", prefix, "-l", "0" };

	snprintf(prefix, sizeof(prefix), "srnic_test_%d", (int)getpid());
	if (rte_eal_init((int)(sizeof(argv) / sizeof(argv[0])), argv) < 0) {
		fprintf(stderr, "%s: EAL init failed\n", name);
		exit(1);
	}
}

#endif /* TEST_EAL_H */
