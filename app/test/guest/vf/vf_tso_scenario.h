/* SPDX-License-Identifier: BSD-3-Clause */
/* The TCP segmentation offload scenario of test-srnic-vf. */
#ifndef VF_TSO_SCENARIO_H
#define VF_TSO_SCENARIO_H

#include <rte_mempool.h>

/* tso A B: A sends large TCP/IPv4 packets with RTE_ETH_TX_OFFLOAD_TCP_TSO;
 * B receives them cut at the MSS, each segment with its own length,
 * sequence number, valid IPv4 and TCP checksums and the bytes sent. */
void scenario_tso(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx);

#endif /* VF_TSO_SCENARIO_H */
