/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * txonly: generate IPv4/UDP packets (198.18.0.1:9 -> 198.18.0.2:9, the
 * benchmarking range) of the --txpkts segment lengths. flowgen shares the
 * builder and puts each packet in the next of N flows.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "testpmd.h"

/* Not RTE_IPV4(): it shifts a signed int by 24, undefined for 198. */
#define IPV4_ADDR(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
				 (uint32_t)(c) << 8 | (uint32_t)(d))
#define TX_IP_SRC	IPV4_ADDR(198, 18, 0, 1)
#define TX_IP_DST	IPV4_ADDR(198, 18, 0, 2)
#define TX_UDP_PORT	9
#define HDRS_LEN	(sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) + \
			 sizeof(struct rte_udp_hdr))

static void
write_headers(uint8_t *p, const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
	uint32_t pkt_len, uint32_t flow)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	uint16_t ip_len = (uint16_t)(pkt_len - sizeof(*eth));

	rte_ether_addr_copy(dst, &eth->dst_addr);
	rte_ether_addr_copy(src, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(ip_len);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	/* A flow is a source address and port: 2^16 addresses x ports. */
	ip->src_addr = rte_cpu_to_be_32(TX_IP_SRC + (flow >> 16));
	ip->dst_addr = rte_cpu_to_be_32(TX_IP_DST);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->src_port = rte_cpu_to_be_16((uint16_t)(TX_UDP_PORT + (flow & 0xFFFF)));
	udp->dst_port = rte_cpu_to_be_16(TX_UDP_PORT);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(ip_len - sizeof(*ip)));
	udp->dgram_cksum = 0;
}

static struct rte_mbuf *
build_one(struct rte_mempool *mp, struct rte_mbuf *first, const struct rte_ether_addr *src,
	const struct rte_ether_addr *dst, const uint16_t *seg_lens, uint16_t nb_segs,
	uint32_t pkt_len, uint32_t flow)
{
	struct rte_mbuf *last = first;
	uint16_t s;

	rte_pktmbuf_reset(first);
	first->data_len = seg_lens[0];
	first->pkt_len = pkt_len;
	write_headers(rte_pktmbuf_mtod(first, uint8_t *), src, dst, pkt_len, flow);
	for (s = 1; s < nb_segs; s++) {
		struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);

		if (seg == NULL) {
			rte_pktmbuf_free(first);
			return NULL;
		}
		seg->data_len = seg_lens[s];
		last->next = seg;
		last = seg;
		first->nb_segs++;
	}
	return first;
}

int
pkt_txonly_build(struct rte_mempool *mp, struct rte_mbuf **pkts, uint16_t n,
	const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
	const uint16_t *seg_lens, uint16_t nb_segs, uint32_t flows, uint32_t *flow)
{
	uint32_t pkt_len = 0;
	uint16_t i, s;

	for (s = 0; s < nb_segs; s++)
		pkt_len += seg_lens[s];
	if (rte_mempool_get_bulk(mp, (void **)pkts, n) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		pkts[i] = build_one(mp, pkts[i], src, dst, seg_lens, nb_segs, pkt_len, *flow);
		if (pkts[i] == NULL) {
			rte_mempool_put_bulk(mp, (void **)(pkts + i + 1), n - i - 1);
			return i;
		}
		if (++*flow >= flows)
			*flow = 0;
	}
	return n;
}

/* With --tx-pps each stream sends a burst when its share of the rate allows
 * it; a stream that fell behind does not burst to catch up. */
static bool
paced(struct fwd_stream *fs)
{
	uint64_t now, per_burst;

	if (cfg.tx_pps == 0)
		return false;
	now = rte_get_timer_cycles();
	if (now < fs->next_tx_tsc)
		return true;
	per_burst = rte_get_timer_hz() * cfg.burst * nb_streams / cfg.tx_pps;
	fs->next_tx_tsc = RTE_MAX(fs->next_tx_tsc + per_burst, now);
	return false;
}

void
fwd_generate(struct fwd_stream *fs, uint32_t flows)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	int n;

	if (paced(fs))
		return;
	n = pkt_txonly_build(ports[fs->tx_idx].tx_pool, pkts, cfg.burst, &ports[fs->tx_idx].mac,
		&cfg.peer[fs->tx_idx], cfg.txpkts, cfg.nb_txpkts, flows, &fs->flow);
	if (n > 0)
		fwd_send(fs, pkts, (uint16_t)n);
}

/* --txonly-multi-flow: every packet the next UDP source port, so receivers
 * that spread flows over queues see many. */
#define TXONLY_MULTI_FLOWS	65536

static void
txonly_fwd(struct fwd_stream *fs)
{
	fwd_generate(fs, cfg.txonly_multi_flow ? TXONLY_MULTI_FLOWS : 1);
}

const struct fwd_engine txonly_engine = { .name = "txonly", .packet_fwd = txonly_fwd };
