/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where the L3 and L4 headers of a received packet sit, for the engines
 * that look past Ethernet (5tswap, csum). Only the first segment is read:
 * headers that run past it are treated as absent.
 */
#include <netinet/in.h>
#include <string.h>

#include <rte_ip.h>

#include "testpmd.h"

static bool
fits(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	return off + len <= m->data_len;
}

/* The L4 protocol and offset, when the packet has a TCP, UDP or SCTP
 * header in full (an IPv4 fragment other than the first has none). */
static void
parse_l4(const struct rte_mbuf *m, struct pkt_hdrs *h, uint8_t proto)
{
	uint32_t need = proto == IPPROTO_TCP ? 20 : proto == IPPROTO_UDP ? 8 :
		proto == IPPROTO_SCTP ? 12 : 0;

	if (need != 0 && fits(m, h->l4_off, need))
		h->l4_proto = proto;
}

void
pkt_parse(const struct rte_mbuf *m, struct pkt_hdrs *h)
{
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	uint32_t off = sizeof(*eth);
	uint16_t type;
	int tags = 0;

	memset(h, 0, sizeof(*h));
	if (!fits(m, 0, off))
		return;
	type = rte_be_to_cpu_16(eth->ether_type);
	/* At most two tags: one VLAN, or QinQ. */
	while ((type == RTE_ETHER_TYPE_VLAN || type == RTE_ETHER_TYPE_QINQ) && tags++ < 2) {
		const struct rte_vlan_hdr *vlan;

		if (!fits(m, off, sizeof(*vlan)))
			return;
		vlan = rte_pktmbuf_mtod_offset(m, const struct rte_vlan_hdr *, off);
		type = rte_be_to_cpu_16(vlan->eth_proto);
		off += sizeof(*vlan);
	}
	h->l3_off = off;
	if (type == RTE_ETHER_TYPE_IPV4 && fits(m, off, sizeof(struct rte_ipv4_hdr))) {
		const struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m,
			const struct rte_ipv4_hdr *, off);
		uint32_t ihl = rte_ipv4_hdr_len(ip);

		if ((ip->version_ihl >> 4) != 4 || ihl < sizeof(*ip) || !fits(m, off, ihl))
			return;
		h->l3_type = RTE_ETHER_TYPE_IPV4;
		h->l4_off = off + ihl;
		if ((rte_be_to_cpu_16(ip->fragment_offset) & RTE_IPV4_HDR_OFFSET_MASK) == 0)
			parse_l4(m, h, ip->next_proto_id);
	} else if (type == RTE_ETHER_TYPE_IPV6 && fits(m, off, sizeof(struct rte_ipv6_hdr))) {
		const struct rte_ipv6_hdr *ip = rte_pktmbuf_mtod_offset(m,
			const struct rte_ipv6_hdr *, off);

		h->l3_type = RTE_ETHER_TYPE_IPV6;
		h->l4_off = off + sizeof(*ip);
		/* Extension headers are not walked: L4 only right after. */
		parse_l4(m, h, ip->proto);
	}
}
