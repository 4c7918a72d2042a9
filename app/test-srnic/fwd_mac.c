/* SPDX-License-Identifier: BSD-3-Clause */
/* mac: source MAC becomes the TX port's, destination its --eth-peer. */
#include <string.h>

#include <rte_prefetch.h>

#include "testpmd.h"

void
pkt_mac_rewrite(struct rte_mbuf **pkts, uint16_t n, const struct rte_ether_addr *src,
	const struct rte_ether_addr *dst)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct rte_ether_hdr *eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);

		if (i + 1 < n)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 1], void *));
		rte_ether_addr_copy(dst, &eth->dst_addr);
		rte_ether_addr_copy(src, &eth->src_addr);
	}
}

static void
mac_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	pkt_mac_rewrite(pkts, n, &ports[fs->tx_idx].mac, &cfg.peer[fs->tx_idx]);
	fwd_send(fs, pkts, n);
}

const struct fwd_engine mac_engine = { .name = "mac", .packet_fwd = mac_fwd };
