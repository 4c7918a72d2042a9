/* SPDX-License-Identifier: BSD-3-Clause */
/* The mempool-exhaustion scenario of test-srnic-vf. */
#ifndef VF_NOMBUF_SCENARIO_H
#define VF_NOMBUF_SCENARIO_H

#include <rte_mempool.h>

/* nombuf A B: B's pool runs dry while A sends to it; B counts RX-nombuf,
 * and once the mbufs come back every frame of the next flow arrives. */
void scenario_nombuf(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx);

#endif /* VF_NOMBUF_SCENARIO_H */
