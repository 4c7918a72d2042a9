/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 5tswap: send each packet back with its 5-tuple reversed: MACs, IPv4 or
 * IPv6 addresses, TCP/UDP/SCTP ports. Checksums stay right, since
 * swapping words does not change a ones' complement sum.
 */
#include <rte_ip.h>

#include "testpmd.h"

static void
swap_bytes(uint8_t *a, uint8_t *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t t = a[i];

		a[i] = b[i];
		b[i] = t;
	}
}

void
pkt_5tswap(struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	pkt_macswap(pkts, n);
	for (i = 0; i < n; i++) {
		struct pkt_hdrs h;
		uint8_t *l3, *l4;

		pkt_parse(pkts[i], &h);
		l3 = rte_pktmbuf_mtod_offset(pkts[i], uint8_t *, h.l3_off);
		l4 = rte_pktmbuf_mtod_offset(pkts[i], uint8_t *, h.l4_off);
		if (h.l3_type == RTE_ETHER_TYPE_IPV4) {
			struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)l3;

			swap_bytes((uint8_t *)&ip->src_addr, (uint8_t *)&ip->dst_addr, 4);
		} else if (h.l3_type == RTE_ETHER_TYPE_IPV6) {
			struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)l3;

			swap_bytes(ip->src_addr, ip->dst_addr, sizeof(ip->src_addr));
		}
		/* TCP, UDP and SCTP all open with the source and destination port. */
		if (h.l4_proto != 0)
			swap_bytes(l4, l4 + 2, 2);
	}
}

static void
fivetswap_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	pkt_5tswap(pkts, n);
	fwd_send(fs, pkts, n);
}

const struct fwd_engine fivetswap_engine = { .name = "5tswap", .packet_fwd = fivetswap_fwd };
