/* SPDX-License-Identifier: BSD-3-Clause */
/* Log types of the VF driver: pmd.net.srnic.{init,driver,mbox,rx,tx}. */
#ifndef SRNIC_LOGS_H
#define SRNIC_LOGS_H

#include <rte_log.h>

extern int srnic_logtype_init;
extern int srnic_logtype_driver;
extern int srnic_logtype_mbox;

#define SRNIC_LOG(type, level, port, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_logtype_ ## type, "srnic %s: " fmt "\n", \
		(port)->name, ##__VA_ARGS__)

/* Bring-up, probe and queue setup. */
#define SRNIC_INIT_LOG(level, port, fmt, ...) SRNIC_LOG(init, level, port, fmt, ##__VA_ARGS__)
/* Control path of a running port. */
#define SRNIC_DRV_LOG(level, port, fmt, ...) SRNIC_LOG(driver, level, port, fmt, ##__VA_ARGS__)
/* Mailbox traffic with the PF. */
#define SRNIC_MBX_LOG(level, port, fmt, ...) SRNIC_LOG(mbox, level, port, fmt, ##__VA_ARGS__)

/* Errors before a port exists. */
#define SRNIC_PLAIN_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_logtype_init, "srnic: " fmt "\n", ##__VA_ARGS__)

/* Datapath logs cost nothing unless built with -Dc_args=-DSRNIC_DEBUG_DATAPATH. */
#ifdef SRNIC_DEBUG_DATAPATH
extern int srnic_logtype_rx;
extern int srnic_logtype_tx;
#define SRNIC_RX_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_logtype_rx, "srnic rx: " fmt "\n", ##__VA_ARGS__)
#define SRNIC_TX_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_logtype_tx, "srnic tx: " fmt "\n", ##__VA_ARGS__)
#else
#define SRNIC_RX_LOG(level, fmt, ...) do { } while (0)
#define SRNIC_TX_LOG(level, fmt, ...) do { } while (0)
#endif

#endif /* SRNIC_LOGS_H */
