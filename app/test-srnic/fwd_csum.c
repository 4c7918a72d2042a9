/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * csum: count the IPv4 header and TCP/UDP checksums that arrived wrong,
 * write right ones, and forward as the mac engine does. A wrong checksum
 * is the driver's verdict (its RX checksum flags) where it gave one, as
 * testpmd counts; where it gave none, srnic checks in software so that a
 * port without RX checksum offload still counts. No tunnels are parsed,
 * so the outer counters stay 0.
 */
#include <netinet/in.h>

#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "testpmd.h"

static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (uint16_t)sum;
}

/* The ones' complement sum of pseudo header and L4 segment, unfolded
 * into 16 bits but not complemented; -1 when the segment is not there. */
static int
l4_sum(const struct rte_mbuf *m, const struct pkt_hdrs *h, uint16_t *out)
{
	const void *l3 = rte_pktmbuf_mtod_offset(m, const void *, h->l3_off);
	uint32_t len, sum;
	uint16_t raw;

	if (h->l3_type == RTE_ETHER_TYPE_IPV4) {
		const struct rte_ipv4_hdr *ip = l3;

		len = rte_be_to_cpu_16(ip->total_length) - rte_ipv4_hdr_len(ip);
		sum = rte_ipv4_phdr_cksum(ip, 0);
	} else {
		const struct rte_ipv6_hdr *ip = l3;

		len = rte_be_to_cpu_16(ip->payload_len);
		sum = rte_ipv6_phdr_cksum(ip, 0);
	}
	if (len > UINT16_MAX || rte_raw_cksum_mbuf(m, h->l4_off, len, &raw) < 0)
		return -1;
	*out = fold(sum + raw);
	return 0;
}

/* The checksum field of a TCP or UDP header, NULL for other protocols. */
static rte_be16_t *
l4_cksum_field(struct rte_mbuf *m, const struct pkt_hdrs *h)
{
	if (h->l4_proto == IPPROTO_UDP)
		return &rte_pktmbuf_mtod_offset(m, struct rte_udp_hdr *, h->l4_off)->dgram_cksum;
	if (h->l4_proto == IPPROTO_TCP)
		return &rte_pktmbuf_mtod_offset(m, struct rte_tcp_hdr *, h->l4_off)->cksum;
	return NULL;
}

/* 1 wrong, 0 right: the driver's flag, else what srnic @checked. */
static int
verdict(uint64_t flags, uint64_t mask, uint64_t bad, uint64_t good, int checked)
{
	flags &= mask;
	if (flags == bad)
		return 1;
	if (flags == good || flags == mask)	/* mask: "none", valid all the same */
		return 0;
	return checked;
}

static void
csum_ipv4_header(struct rte_mbuf *m, const struct pkt_hdrs *h, struct csum_bad *bad)
{
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, h->l3_off);
	uint16_t ihl = rte_ipv4_hdr_len(ip);

	bad->ip += verdict(m->ol_flags, RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_BAD,
		RTE_MBUF_F_RX_IP_CKSUM_GOOD, rte_raw_cksum(ip, ihl) != 0xFFFF);
	ip->hdr_checksum = 0;
	ip->hdr_checksum = (uint16_t)~rte_raw_cksum(ip, ihl);
}

static void
csum_l4(struct rte_mbuf *m, const struct pkt_hdrs *h, struct csum_bad *bad)
{
	rte_be16_t *field = l4_cksum_field(m, h);
	uint16_t sum;
	int wrong;

	if (field == NULL || l4_sum(m, h, &sum) < 0)
		return;
	/* An IPv4 UDP checksum of 0 means "none sent", never wrong. */
	wrong = sum != 0xFFFF && !(h->l4_proto == IPPROTO_UDP &&
		h->l3_type == RTE_ETHER_TYPE_IPV4 && *field == 0);
	bad->l4 += verdict(m->ol_flags, RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_BAD,
		RTE_MBUF_F_RX_L4_CKSUM_GOOD, wrong);
	*field = 0;
	if (l4_sum(m, h, &sum) < 0)
		return;
	sum = (uint16_t)~sum;
	/* UDP sends a computed 0 as all ones, 0 being "none". */
	*field = sum == 0 && h->l4_proto == IPPROTO_UDP ? 0xFFFF : sum;
}

void
pkt_csum(struct rte_mbuf **pkts, uint16_t n, struct csum_bad *bad)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct pkt_hdrs h;

		pkt_parse(pkts[i], &h);
		if (h.l3_type == RTE_ETHER_TYPE_IPV4)
			csum_ipv4_header(pkts[i], &h, bad);
		if (h.l4_proto != 0)
			csum_l4(pkts[i], &h, bad);
	}
}

static void
csum_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	pkt_csum(pkts, n, &fs->bad_csum);
	pkt_mac_rewrite(pkts, n, &ports[fs->tx_idx].mac, &cfg.peer[fs->tx_idx]);
	fwd_send(fs, pkts, n);
}

const struct fwd_engine csum_engine = { .name = "csum", .packet_fwd = csum_fwd };
