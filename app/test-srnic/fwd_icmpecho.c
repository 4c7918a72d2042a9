/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * icmpecho: answer ARP requests and ICMP echo requests for the port's
 * --icmp-ip address, so a host on the other side can ping the VF. Anything
 * else is counted and dropped.
 */
#include <string.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_icmp.h>
#include <rte_ip.h>

#include "testpmd.h"

static bool
arp_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac, uint32_t ip)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_arp_hdr *arp = (struct rte_arp_hdr *)(eth + 1);
	struct rte_arp_ipv4 *a = &arp->arp_data;

	if (m->data_len < sizeof(*eth) + sizeof(*arp) ||
	    arp->arp_opcode != rte_cpu_to_be_16(RTE_ARP_OP_REQUEST) ||
	    arp->arp_protocol != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) || a->arp_tip != ip)
		return false;
	arp->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REPLY);
	a->arp_tha = a->arp_sha;
	a->arp_tip = a->arp_sip;
	a->arp_sha = *mac;
	a->arp_sip = ip;
	eth->dst_addr = eth->src_addr;
	eth->src_addr = *mac;
	return true;
}

static bool
echo_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac, uint32_t ip)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_ipv4_hdr *iph = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_icmp_hdr *icmp;
	uint16_t ihl, ip_len, icmp_len;

	if (m->data_len < sizeof(*eth) + sizeof(*iph))
		return false;
	ihl = rte_ipv4_hdr_len(iph);
	ip_len = rte_be_to_cpu_16(iph->total_length);
	if ((iph->version_ihl >> 4) != 4 || ihl < sizeof(*iph) ||
	    iph->next_proto_id != IPPROTO_ICMP || iph->dst_addr != ip ||
	    ip_len < ihl + sizeof(*icmp) || sizeof(*eth) + ip_len > m->data_len)
		return false;
	icmp = (struct rte_icmp_hdr *)((uint8_t *)iph + ihl);
	if (icmp->icmp_type != RTE_IP_ICMP_ECHO_REQUEST || icmp->icmp_code != 0)
		return false;
	icmp_len = ip_len - ihl;
	icmp->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
	icmp->icmp_cksum = 0;
	icmp->icmp_cksum = ~rte_raw_cksum(icmp, icmp_len);
	if (icmp->icmp_cksum == 0)
		icmp->icmp_cksum = 0xFFFF;
	iph->dst_addr = iph->src_addr;
	iph->src_addr = ip;
	iph->time_to_live = 64;
	iph->hdr_checksum = 0;
	iph->hdr_checksum = rte_ipv4_cksum(iph);
	eth->dst_addr = eth->src_addr;
	eth->src_addr = *mac;
	return true;
}

uint16_t
pkt_icmpecho(struct rte_mbuf **pkts, uint16_t n, const struct rte_ether_addr *mac, uint32_t ip,
	uint64_t *not_for_us)
{
	uint16_t i, keep = 0;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
		uint16_t type = rte_be_to_cpu_16(eth->ether_type);
		bool reply = false;

		if (ip != 0 && m->data_len >= sizeof(*eth)) {
			if (type == RTE_ETHER_TYPE_ARP)
				reply = arp_reply(m, mac, ip);
			else if (type == RTE_ETHER_TYPE_IPV4)
				reply = echo_reply(m, mac, ip);
		}
		if (reply) {
			pkts[keep++] = m;
		} else {
			(*not_for_us)++;
			rte_pktmbuf_free(m);
		}
	}
	return keep;
}

static void
icmpecho_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	/* Replies leave through the port they came in on. */
	n = pkt_icmpecho(pkts, n, &ports[fs->rx_idx].mac, cfg.icmp_ip[fs->rx_idx], &fs->rx_bad);
	if (n > 0)
		fwd_send(fs, pkts, n);
}

static void
icmpecho_stream_init(struct fwd_stream *fs)
{
	fs->tx_port = fs->rx_port;
	fs->tx_idx = fs->rx_idx;
	fs->tx_queue = fs->rx_queue % cfg.nb_txq;
}

const struct fwd_engine icmpecho_engine = {
	.name = "icmpecho", .stream_init = icmpecho_stream_init, .packet_fwd = icmpecho_fwd,
};
