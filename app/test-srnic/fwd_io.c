/* SPDX-License-Identifier: BSD-3-Clause */
/* io: forward packets unchanged. */
#include "testpmd.h"

static void
io_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);

	if (n == 0)
		return;
	fs->rx_packets += n;
	fwd_send(fs, pkts, n);
}

const struct fwd_engine io_engine = { .name = "io", .packet_fwd = io_fwd };
