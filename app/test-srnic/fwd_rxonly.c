/* SPDX-License-Identifier: BSD-3-Clause */
/* rxonly: receive and free. */
#include "testpmd.h"

static void
rxonly_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);

	if (n == 0)
		return;
	fs->rx_packets += n;
	rte_pktmbuf_free_bulk(pkts, n);
}

const struct fwd_engine rxonly_engine = { .name = "rxonly", .packet_fwd = rxonly_fwd };
