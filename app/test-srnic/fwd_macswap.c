/* SPDX-License-Identifier: BSD-3-Clause */
/* macswap: send each packet back to where it came from. */
#include "testpmd.h"

void
pkt_macswap(struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct rte_ether_hdr *eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
		struct rte_ether_addr tmp = eth->dst_addr;

		eth->dst_addr = eth->src_addr;
		eth->src_addr = tmp;
	}
}

static void
macswap_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	pkt_macswap(pkts, n);
	fwd_send(fs, pkts, n);
}

const struct fwd_engine macswap_engine = { .name = "macswap", .packet_fwd = macswap_fwd };
