/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * flowgen: generate IPv4/UDP packets that cycle through --flowgen-flows
 * flows (source address and port), to exercise receivers with many flows.
 */
#include "testpmd.h"

static void
flowgen_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n;

	/* Whatever comes back is counted and dropped, as testpmd's flowgen. */
	n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (n > 0) {
		fs->rx_packets += n;
		rte_pktmbuf_free_bulk(pkts, n);
	}
	fwd_generate(fs, cfg.flowgen_flows);
}

const struct fwd_engine flowgen_engine = { .name = "flowgen", .packet_fwd = flowgen_fwd };
