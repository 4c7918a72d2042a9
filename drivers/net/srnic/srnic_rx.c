/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RX burst paths. No register is read per packet: the descriptor-done bit
 * says what the NIC has written. Consumed slots are refilled in bulk from
 * the mempool and handed back with one tail write per refill.
 */
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>

#include "srnic_dev.h"
#include "srnic_logs.h"
#include "srnic_mempool.h"
#include "srnic_rx_simple.h"

/* Give @n slots from @d the buffers of @sw (no wrap). */
static inline void
fill_descs(volatile union igb_rx_desc *d, struct rte_mbuf *const *sw, unsigned int n)
{
	size_t i;

	/* By fours, to spend less on the loop than on the work. */
	for (i = 0; i + 4 <= n; i += 4) {
		srnic_rx_desc_fill(&d[i], sw[i]);
		srnic_rx_desc_fill(&d[i + 1], sw[i + 1]);
		srnic_rx_desc_fill(&d[i + 2], sw[i + 2]);
		srnic_rx_desc_fill(&d[i + 3], sw[i + 3]);
	}
	for (; i < n; i++)
		srnic_rx_desc_fill(&d[i], sw[i]);
}

/* A refill found the pool short: count the slots this refill is the first
 * to leave empty. Counting every slot at every retry would make RX-nombuf
 * grow with the polling rate instead of with the shortage. */
static void
count_nombuf(struct srnic_rxq *rxq, unsigned int n)
{
	rxq->nombuf += n - rxq->nombuf_seen;
	rxq->nombuf_seen = n;
}

/* Put fresh mbufs in the slots handed out since the last refill. */
void
srnic_rx_refill(struct srnic_rxq *rxq)
{
	unsigned int nb_desc = rxq->nb_desc, next = rxq->next, n = rxq->nb_hold;
	unsigned int start = next >= n ? next - n : next + nb_desc - n;
	unsigned int first = RTE_MIN(n, nb_desc - start);
	unsigned int last;

	/* Both chunks or nothing: the tail must only ever move forward over
	 * slots that hold a buffer. */
	if (unlikely(srnic_mbufs_get(rxq->mp, &rxq->sw_ring[start], first) < 0)) {
		count_nombuf(rxq, n);
		return;
	}
	if (n > first && unlikely(srnic_mbufs_get(rxq->mp, &rxq->sw_ring[0], n - first) < 0)) {
		rte_mempool_put_bulk(rxq->mp, (void **)&rxq->sw_ring[start], first);
		count_nombuf(rxq, n);
		return;
	}
	fill_descs(&rxq->ring[start], &rxq->sw_ring[start], first);
	fill_descs(rxq->ring, rxq->sw_ring, n - first);
	rxq->nb_hold = 0;
	rxq->nombuf_seen = 0;
	/* The tail stays one behind the last slot refilled: the NIC owns the
	 * slots before it, and RDT == RDH would read as an empty ring. */
	last = (start + n - 1) % nb_desc;
	rte_io_wmb();	/* descriptors in memory before the doorbell */
	rte_write32_relaxed(rte_cpu_to_le_32(last), rxq->rdt);
}

/* Packet type from the descriptor's type bits: one table load instead of
 * a branch per protocol. */
uint32_t srnic_rx_ptype_table[IGB_RXD_PKTTYPE_MASK + 1];
uint8_t srnic_rx_ptype_l3[16];
uint8_t srnic_rx_ptype_l4[16];

uint32_t
srnic_rx_ptype_of(uint32_t bits)
{
	uint32_t p = RTE_PTYPE_L2_ETHER;

	bits <<= IGB_RXD_PKTTYPE_SHIFT;
	if (bits & IGB_RXD_PKTTYPE_IPV4)
		p |= RTE_PTYPE_L3_IPV4_EXT_UNKNOWN;
	else if (bits & (IGB_RXD_PKTTYPE_IPV6 | IGB_RXD_PKTTYPE_IPV6_EXT))
		p |= RTE_PTYPE_L3_IPV6_EXT_UNKNOWN;
	if (bits & IGB_RXD_PKTTYPE_TCP)
		p |= RTE_PTYPE_L4_TCP;
	else if (bits & IGB_RXD_PKTTYPE_UDP)
		p |= RTE_PTYPE_L4_UDP;
	else if (bits & IGB_RXD_PKTTYPE_SCTP)
		p |= RTE_PTYPE_L4_SCTP;
	return p;
}

RTE_INIT(srnic_ptype_table_init)
{
	uint32_t i;

	for (i = 0; i < RTE_DIM(srnic_rx_ptype_table); i++)
		srnic_rx_ptype_table[i] = srnic_rx_ptype_of(i);
	/* Index i of the L4 table is type bits 6:4; bit 7 is not a type bit,
	 * so the upper half repeats the lower. */
	for (i = 0; i < 16; i++) {
		srnic_rx_ptype_l3[i] = (uint8_t)(srnic_rx_ptype_of(i) & RTE_PTYPE_L3_MASK);
		srnic_rx_ptype_l4[i] = (uint8_t)((srnic_rx_ptype_of((i & 7) << 4) &
			RTE_PTYPE_L4_MASK) >> 8);
	}
}

#define RX_CSUM_STATUS (IGB_RXD_STAT_IPCS | IGB_RXD_STAT_L4CS | IGB_RXD_STAT_UDPCS)

/* Offload flags and VLAN tag of a completed packet into its first mbuf. */
static inline void
rx_offloads(const struct srnic_rxq *rxq, struct rte_mbuf *m, uint32_t staterr,
	volatile const union igb_rx_desc *d)
{
	uint64_t flags = 0;

	m->packet_type = srnic_rx_packet_type(rte_le_to_cpu_32(d->wb.pkt_info));
	/* Stored whatever VP says, as the simple path does: the same
	 * descriptor gives the same mbuf on either path. */
	m->vlan_tci = rte_le_to_cpu_16(d->wb.vlan);
	/* Nothing else to report, the common case. */
	if (likely(!(staterr & (IGB_RXD_STAT_VP | RX_CSUM_STATUS)) ||
		   (!(staterr & IGB_RXD_STAT_VP) &&
		    !(rxq->ol_flags_mask & RTE_ETH_RX_OFFLOAD_CHECKSUM)))) {
		m->ol_flags = 0;
		return;
	}
	/* A tag in the descriptor means the NIC stripped it from the frame. */
	if (staterr & IGB_RXD_STAT_VP)
		flags |= SRNIC_RX_VLAN_FLAGS;
	if (rxq->ol_flags_mask & RTE_ETH_RX_OFFLOAD_CHECKSUM) {
		if (staterr & IGB_RXD_STAT_IPCS)
			flags |= (staterr & IGB_RXD_ERR_IPE) ? RTE_MBUF_F_RX_IP_CKSUM_BAD :
				RTE_MBUF_F_RX_IP_CKSUM_GOOD;
		if (staterr & (IGB_RXD_STAT_L4CS | IGB_RXD_STAT_UDPCS))
			flags |= (staterr & IGB_RXD_ERR_L4E) ? RTE_MBUF_F_RX_L4_CKSUM_BAD :
				RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	}
	m->ol_flags = flags;
}

static inline void
count_error(struct srnic_rxq *rxq, uint32_t staterr)
{
	rxq->errors++;
	if (staterr & IGB_RXD_ERR_CE)
		rxq->err_crc++;
	else
		rxq->err_frame++;
	SRNIC_RX_LOG(DEBUG, "port %u queue %u: frame error 0x%08x", rxq->port_id,
		rxq->queue_id, staterr);
}

/*
 * Take the descriptor at *idx if the NIC is done with it: its status, its
 * buffer's mbuf and length; *idx moves on. The slot then belongs to the app
 * until refill overwrites it (stop knows handed-out slots from next and
 * nb_hold). NULL when the NIC has not written it yet.
 */
static inline struct rte_mbuf *
take_done(struct srnic_rxq *rxq, uint16_t *idx, uint32_t *staterr, uint16_t *len,
	volatile union igb_rx_desc **desc)
{
	volatile union igb_rx_desc *d = &rxq->ring[*idx];
	struct rte_mbuf *m;

	*staterr = rte_le_to_cpu_32(d->wb.status_error);
	if (!(*staterr & IGB_RXD_STAT_DD))
		return NULL;
	/* The rest of the descriptor is valid only once DD is seen. */
	rte_io_rmb();
	m = rxq->sw_ring[*idx];
	*len = rte_le_to_cpu_16(d->wb.length);
	*desc = d;
	if (++*idx == rxq->nb_desc)
		*idx = 0;
	return m;
}

uint16_t
srnic_recv_pkts(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	struct srnic_rxq *rxq = queue;
	const uint64_t rearm = rxq->mbuf_initializer;
	uint16_t idx = rxq->next;
	uint16_t nb_rx = 0, nb_seen = 0;
	uint64_t bytes = 0;

	while (nb_rx < n) {
		volatile union igb_rx_desc *d;
		struct rte_mbuf *m;
		uint32_t staterr;
		uint16_t len;

		m = take_done(rxq, &idx, &staterr, &len, &d);
		if (m == NULL)
			break;
		nb_seen++;
		rte_prefetch0(rxq->sw_ring[idx]);
		if (unlikely(staterr & IGB_RXD_ERR_FRAME)) {
			count_error(rxq, staterr);
			rte_mbuf_raw_free(m);
			continue;
		}
		srnic_mbuf_rearm(m, rearm);
		m->pkt_len = len;
		m->data_len = len;
		rx_offloads(rxq, m, staterr, d);
		bytes += len;
		pkts[nb_rx++] = m;
	}
	return srnic_rx_end_burst(rxq, idx, nb_seen, nb_rx, bytes);
}

/* Drop the packet being assembled (a frame error or a too-long chain). */
static void
drop_partial(struct srnic_rxq *rxq, uint32_t staterr)
{
	count_error(rxq, staterr);
	rte_pktmbuf_free(rxq->pkt_first);
	rxq->pkt_first = NULL;
	rxq->pkt_last = NULL;
}

uint16_t
srnic_recv_scattered_pkts(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	struct srnic_rxq *rxq = queue;
	const uint64_t rearm = rxq->mbuf_initializer;
	uint16_t idx = rxq->next;
	uint16_t nb_rx = 0, nb_seen = 0;
	uint64_t bytes = 0;

	while (nb_rx < n) {
		volatile union igb_rx_desc *d;
		struct rte_mbuf *m, *first;
		uint32_t staterr;
		uint16_t len;

		m = take_done(rxq, &idx, &staterr, &len, &d);
		if (m == NULL)
			break;
		nb_seen++;
		srnic_mbuf_rearm(m, rearm);
		if (unlikely(rxq->discard_to_eop)) {
			/* The rest of a packet already dropped as too long. */
			rte_mbuf_raw_free(m);
			rxq->discard_to_eop = !(staterr & IGB_RXD_STAT_EOP);
			continue;
		}
		m->data_len = len;
		if (rxq->pkt_first == NULL) {
			m->pkt_len = len;
			rxq->pkt_first = m;
		} else {
			rxq->pkt_first->pkt_len += len;
			rxq->pkt_first->nb_segs++;
			rxq->pkt_last->next = m;
		}
		rxq->pkt_last = m;
		if (!(staterr & IGB_RXD_STAT_EOP)) {
			/* No frame the NIC accepts needs more buffers than
			 * this: a longer chain is a broken descriptor stream,
			 * which must not drain the mempool. */
			if (unlikely(rxq->pkt_first->nb_segs >= rxq->max_segs)) {
				drop_partial(rxq, staterr);
				rxq->discard_to_eop = true;
			}
			continue;
		}
		/* Errors are reported in the packet's last descriptor. */
		if (unlikely(staterr & IGB_RXD_ERR_FRAME)) {
			drop_partial(rxq, staterr);
			continue;
		}
		first = rxq->pkt_first;
		rx_offloads(rxq, first, staterr, d);
		bytes += first->pkt_len;
		pkts[nb_rx++] = first;
		rxq->pkt_first = NULL;
		rxq->pkt_last = NULL;
	}
	return srnic_rx_end_burst(rxq, idx, nb_seen, nb_rx, bytes);
}

/* Out of line: the frame error path must not take registers from the
 * loop it leaves. */
__rte_noinline void
srnic_rx_drop_frame(struct srnic_rxq *rxq, struct rte_mbuf *m, uint32_t staterr)
{
	count_error(rxq, staterr);
	rte_mbuf_raw_free(m);
}

/*
 * The scalar simple path: groups of four descriptors, one test for the
 * whole group. It fills the same mbuf fields as srnic_recv_pkts, with no
 * branch per packet on the way.
 */
#define RX_GROUP	4

static __rte_always_inline size_t
take_groups(volatile const union igb_rx_desc *d, struct rte_mbuf *const *sw,
	struct rte_mbuf **pkts, size_t max, const struct srnic_rx_rearm rearm[2], uint64_t *bytes)
{
	struct rte_mbuf **out = pkts, **end = pkts + max;
	uint64_t sum = 0;

	for (; out < end; out += RX_GROUP, sw += RX_GROUP, d += RX_GROUP) {
		uint64_t h0 = srnic_rx_desc_hi(&d[0]), h1 = srnic_rx_desc_hi(&d[1]);
		uint64_t h2 = srnic_rx_desc_hi(&d[2]), h3 = srnic_rx_desc_hi(&d[3]);

		if (!(h0 & h1 & h2 & h3 & IGB_RXD_STAT_DD) ||
		    ((h0 | h1 | h2 | h3) & IGB_RXD_ERR_FRAME))
			break;
		rte_io_rmb();	/* pkt_info is valid only once DD is seen */
		sum += srnic_rx_simple_fill(sw[0], rearm, rte_le_to_cpu_32(d[0].wb.pkt_info), h0);
		sum += srnic_rx_simple_fill(sw[1], rearm, rte_le_to_cpu_32(d[1].wb.pkt_info), h1);
		sum += srnic_rx_simple_fill(sw[2], rearm, rte_le_to_cpu_32(d[2].wb.pkt_info), h2);
		sum += srnic_rx_simple_fill(sw[3], rearm, rte_le_to_cpu_32(d[3].wb.pkt_info), h3);
		/* After the fills: a store to @out could be a store to @sw
		 * for all the compiler knows, and would make it load again. */
		memcpy(out, sw, RX_GROUP * sizeof(*out));
	}
	*bytes += sum;
	return out - pkts;
}

uint16_t
srnic_recv_pkts_simple(void *queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	return srnic_rx_simple_burst(queue, pkts, nb_pkts, take_groups, RX_GROUP);
}
