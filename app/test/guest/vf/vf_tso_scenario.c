/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TCP segmentation offload end to end: the sender hands the NIC packets
 * of several MSS each (headers with the pseudo-header sum, as tx_prepare
 * leaves them, over a chain of mbufs), and the receiver, another VF of the
 * same PF, must get each one as MSS-sized segments that a TCP stack would
 * take: IPv4 total length and identification, TCP sequence numbers that
 * advance by the payload, no FIN or PSH before the last segment, both
 * checksums valid and every payload byte as sent.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>

#include "vf_tso_scenario.h"
#include "vf_util.h"

#define PACKETS		8
#define PAYLOAD		4000	/* bytes of TCP payload a packet */
#define MSS		1000	/* not a divisor of PAYLOAD + 1: a short last segment */
#define SEG_MAX		((PAYLOAD + MSS - 1) / MSS)
#define HDRS		(sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) + \
			 sizeof(struct rte_tcp_hdr))
#define SEQ0		1000000u

static uint8_t
payload_byte(unsigned int pkt, unsigned int off)
{
	return (uint8_t)(pkt * 31 + off * 7);
}

/* One TSO packet of PAYLOAD bytes over a chain: the headers and up to
 * SEG_BYTES of payload in the first mbuf, SEG_BYTES in each next one. NULL
 * when out of mbufs. */
#define SEG_BYTES	1500
static struct rte_mbuf *
build_packet(struct rte_mempool *mp, uint16_t tx_port, uint16_t rx_port, unsigned int pkt)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp), *seg;
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_tcp_hdr *tcp;
	unsigned int off, i, n;
	uint8_t *p;

	if (m == NULL)
		return NULL;
	eth = (struct rte_ether_hdr *)rte_pktmbuf_append(m, HDRS);
	rte_eth_macaddr_get(rx_port, &eth->dst_addr);
	rte_eth_macaddr_get(tx_port, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(sizeof(*ip) + sizeof(*tcp) + PAYLOAD);
	ip->packet_id = rte_cpu_to_be_16((uint16_t)(pkt * 100));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_TCP;
	ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 1));
	ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 2));
	tcp = (struct rte_tcp_hdr *)(ip + 1);
	memset(tcp, 0, sizeof(*tcp));
	tcp->src_port = rte_cpu_to_be_16(4000);
	tcp->dst_port = rte_cpu_to_be_16((uint16_t)(5000 + pkt));
	tcp->sent_seq = rte_cpu_to_be_32(SEQ0 + pkt * PAYLOAD);
	tcp->data_off = (sizeof(*tcp) / 4) << 4;
	tcp->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG | RTE_TCP_FIN_FLAG;
	tcp->rx_win = rte_cpu_to_be_16(65535);
	for (off = 0, seg = m; off < PAYLOAD; off += n) {
		n = RTE_MIN((unsigned int)SEG_BYTES, PAYLOAD - off);
		if (off > 0) {
			seg = rte_pktmbuf_alloc(mp);
			if (seg == NULL || rte_pktmbuf_chain(m, seg) != 0) {
				rte_pktmbuf_free(seg);
				rte_pktmbuf_free(m);
				return NULL;
			}
		}
		/* Into the chain's last mbuf, which is @seg. */
		p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)n);
		if (p == NULL) {
			rte_pktmbuf_free(m);
			return NULL;
		}
		for (i = 0; i < n; i++)
			p[i] = payload_byte(pkt, off + i);
	}
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_SEG;
	m->l2_len = sizeof(*eth);
	m->l3_len = sizeof(*ip);
	m->l4_len = sizeof(*tcp);
	m->tso_segsz = MSS;
	return m;
}

/* Whether a TCP/IPv4 segment's checksum holds: the sum over the
 * pseudo-header and the whole segment, checksum field included, is all
 * ones. */
static bool
tcp_cksum_ok(const struct rte_ipv4_hdr *ip, const struct rte_tcp_hdr *tcp)
{
	uint32_t len = rte_be_to_cpu_16(ip->total_length) - rte_ipv4_hdr_len(ip);
	uint32_t sum = rte_raw_cksum(tcp, len) + rte_ipv4_phdr_cksum(ip, 0);

	sum = (sum & 0xFFFF) + (sum >> 16);
	sum = (sum & 0xFFFF) + (sum >> 16);
	return sum == 0xFFFF;
}

/* Check one received segment; returns its packet number, or -1 with the
 * reason printed. */
static int
check_segment(const struct rte_mbuf *m, unsigned int *payload_at)
{
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)(eth + 1);
	const struct rte_tcp_hdr *tcp = (const struct rte_tcp_hdr *)(ip + 1);
	const uint8_t *data = (const uint8_t *)(tcp + 1);
	unsigned int pkt, off, len, i;
	bool last;

	if (m->nb_segs != 1 || m->data_len < HDRS ||
	    eth->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    ip->next_proto_id != IPPROTO_TCP) {
		printf("segment of %u bytes in %u mbufs is no TCP/IPv4 frame\n", m->pkt_len,
			m->nb_segs);
		return -1;
	}
	pkt = rte_be_to_cpu_16(tcp->dst_port) - 5000u;
	off = rte_be_to_cpu_32(tcp->sent_seq) - SEQ0 - pkt * PAYLOAD;
	len = rte_be_to_cpu_16(ip->total_length) - sizeof(*ip) - sizeof(*tcp);
	last = off + len == PAYLOAD;
	if (pkt >= PACKETS || off >= PAYLOAD || off % MSS != 0 ||
	    len != RTE_MIN((unsigned int)MSS, PAYLOAD - off) ||
	    m->data_len < HDRS + len) {
		printf("packet %u: segment at %u of %u bytes (frame %u) is not one the MSS "
			"makes\n", pkt, off, len, m->data_len);
		return -1;
	}
	if (rte_ipv4_cksum(ip) != 0 || !tcp_cksum_ok(ip, tcp)) {
		printf("packet %u at %u: bad checksum (IPv4 0x%04x, TCP 0x%04x)\n", pkt, off,
			rte_be_to_cpu_16(ip->hdr_checksum), rte_be_to_cpu_16(tcp->cksum));
		return -1;
	}
	/* Which flags the last segment keeps is the PF's choice (the global
	 * DTXTCPFLGL/H masks; the emulated NIC clears FIN and PSH there too):
	 * only the earlier segments are held to it. */
	if (!(tcp->tcp_flags & RTE_TCP_ACK_FLAG) ||
	    (!last && (tcp->tcp_flags & (RTE_TCP_FIN_FLAG | RTE_TCP_PSH_FLAG)))) {
		printf("packet %u at %u: TCP flags 0x%02x (ACK on every segment, FIN and PSH "
			"on none but the last)\n", pkt, off, tcp->tcp_flags);
		return -1;
	}
	if (last && pkt == 0)
		printf("info: the last segment has TCP flags 0x%02x (sent 0x%02x)\n",
			tcp->tcp_flags, RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG | RTE_TCP_FIN_FLAG);
	for (i = 0; i < len; i++)
		if (data[i] != payload_byte(pkt, off + i)) {
			printf("packet %u: byte %u is 0x%02x, sent 0x%02x\n", pkt, off + i,
				data[i], payload_byte(pkt, off + i));
			return -1;
		}
	*payload_at = off;
	return (int)pkt;
}

void
scenario_tso(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx)
{
	const struct vf_port_opts send_opts = { .nb_desc = 512, .tx_offloads =
		RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
		RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_MULTI_SEGS };
	const struct vf_port_opts recv_opts = { .nb_desc = 512 };
	struct rte_mempool *pools[] = { rx_a, rx_b, tx };
	unsigned int got[PACKETS][SEG_MAX] = { { 0 } };
	unsigned int i, segs = 0, bad = 0, sent, prepared, off;
	struct rte_mbuf *pkts[PACKETS], *rx[32];
	struct rte_eth_dev_info info;
	uint64_t end;
	uint16_t a, b, n;
	int pkt;

	if (!vf_check(vf_port_open(argv[0], rx_a, &send_opts, &a) == 0,
			"sender %s started with TSO", argv[0]))
		return;
	if (!vf_check(vf_port_open(argv[1], rx_b, &recv_opts, &b) == 0, "receiver %s started",
			argv[1])) {
		vf_port_close(a);
		return;
	}
	rte_eth_dev_info_get(a, &info);
	vf_check(info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_TCP_TSO, "the port offers TSO");

	for (i = 0; i < PACKETS; i++) {
		pkts[i] = build_packet(tx, a, b, i);
		if (!vf_check(pkts[i] != NULL, "packet %u built", i))
			break;
	}
	/* tx_prepare writes the pseudo-header sum the NIC starts from. */
	prepared = rte_eth_tx_prepare(a, 0, pkts, (uint16_t)i);
	vf_check(prepared == i, "tx_prepare took %u of %u packets", prepared, i);
	for (sent = 0, end = rte_get_timer_cycles() + rte_get_timer_hz(); sent < prepared &&
			rte_get_timer_cycles() < end; )
		sent += rte_eth_tx_burst(a, 0, pkts + sent, (uint16_t)(prepared - sent));
	vf_check(sent == prepared, "sent %u of %u TSO packets", sent, prepared);
	while (sent < i)
		rte_pktmbuf_free(pkts[sent++]);

	end = rte_get_timer_cycles() + 3 * rte_get_timer_hz();
	while (segs + bad < PACKETS * SEG_MAX && rte_get_timer_cycles() < end) {
		n = rte_eth_rx_burst(b, 0, rx, RTE_DIM(rx));
		for (i = 0; i < n; i++) {
			pkt = check_segment(rx[i], &off);
			if (pkt < 0)
				bad++;
			else if (got[pkt][off / MSS]++ == 0)
				segs++;
			else
				bad++;	/* a duplicate */
			rte_pktmbuf_free(rx[i]);
		}
	}
	vf_check(bad == 0, "received segments all valid (%u bad or duplicated)", bad);
	vf_check(segs == PACKETS * SEG_MAX, "%u of %u segments of %u-byte MSS received",
		segs, PACKETS * SEG_MAX, MSS);
	vf_port_close(a);
	vf_port_close(b);
	vf_check_pools_full(pools, RTE_DIM(pools));
}
