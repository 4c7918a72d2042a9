/* SPDX-License-Identifier: BSD-3-Clause */
/* Log type of the shared helpers (PCI, vfio, mailbox codec). */
#ifndef SRNIC_COMMON_LOG_H
#define SRNIC_COMMON_LOG_H

#include <rte_log.h>

extern int srnic_common_logtype;

#define SRNIC_COMMON_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_common_logtype, "srnic: " fmt "\n", \
		##__VA_ARGS__)

#endif /* SRNIC_COMMON_LOG_H */
