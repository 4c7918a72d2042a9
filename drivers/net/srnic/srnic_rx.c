/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RX burst paths. No register is read per packet: the descriptor-done bit
 * says what the NIC has written. Consumed slots are refilled in bulk from
 * the mempool and handed back with one tail write per refill.
 */
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

/* Put fresh mbufs in the slots handed out since the last refill. */
static void
refill(struct srnic_rxq *rxq)
{
	uint16_t nb_desc = rxq->nb_desc;
	uint16_t start = rxq->next >= rxq->nb_hold ? rxq->next - rxq->nb_hold :
		rxq->next + nb_desc - rxq->nb_hold;
	uint16_t n = rxq->nb_hold;
	uint16_t first = RTE_MIN(n, (uint16_t)(nb_desc - start));
	uint16_t i, last;

	/* Both chunks or nothing: the tail must only ever move forward over
	 * slots that hold a buffer. */
	if (unlikely(rte_mempool_get_bulk(rxq->mp, (void **)&rxq->sw_ring[start], first) < 0)) {
		rxq->nombuf += n;
		return;
	}
	if (n > first &&
	    unlikely(rte_mempool_get_bulk(rxq->mp, (void **)&rxq->sw_ring[0], n - first) < 0)) {
		rte_mempool_put_bulk(rxq->mp, (void **)&rxq->sw_ring[start], first);
		rxq->nombuf += n;
		return;
	}
	for (i = 0; i < first; i++)
		srnic_rxq_fill_desc(rxq, start + i, rxq->sw_ring[start + i]);
	for (i = 0; i < n - first; i++)
		srnic_rxq_fill_desc(rxq, i, rxq->sw_ring[i]);
	rxq->nb_hold = 0;
	/* The tail stays one behind the last slot refilled: the NIC owns the
	 * slots before it, and RDT == RDH would read as an empty ring. */
	last = (uint16_t)(start + n - 1) % nb_desc;
	rte_io_wmb();	/* descriptors in memory before the doorbell */
	rte_write32_relaxed(rte_cpu_to_le_32(last), rxq->rdt);
}

/* Packet type from the descriptor's type bits (pkt_info bits 10:4): one
 * table load instead of a branch per protocol. */
static uint32_t ptype_table[128];

RTE_INIT(srnic_ptype_table_init)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(ptype_table); i++) {
		uint32_t bits = i << IGB_RXD_PKTTYPE_SHIFT, p = RTE_PTYPE_L2_ETHER;

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
		ptype_table[i] = p;
	}
}

static inline uint32_t
packet_type(uint32_t pkt_info)
{
	return ptype_table[(pkt_info >> IGB_RXD_PKTTYPE_SHIFT) & IGB_RXD_PKTTYPE_MASK];
}

#define RX_CSUM_STATUS (IGB_RXD_STAT_IPCS | IGB_RXD_STAT_L4CS | IGB_RXD_STAT_UDPCS)

/* Offload flags and VLAN tag of a completed packet into its first mbuf. */
static inline void
rx_offloads(const struct srnic_rxq *rxq, struct rte_mbuf *m, uint32_t staterr,
	volatile const union igb_rx_desc *d)
{
	uint64_t flags = 0;

	m->packet_type = packet_type(rte_le_to_cpu_32(d->wb.pkt_info));
	/* Nothing else to report, the common case. */
	if (likely(!(staterr & (IGB_RXD_STAT_VP | RX_CSUM_STATUS)) ||
		   (!(staterr & IGB_RXD_STAT_VP) &&
		    !(rxq->ol_flags_mask & RTE_ETH_RX_OFFLOAD_CHECKSUM)))) {
		m->ol_flags = 0;
		return;
	}
	/* A tag in the descriptor means the NIC stripped it from the frame. */
	if (staterr & IGB_RXD_STAT_VP) {
		flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
		m->vlan_tci = rte_le_to_cpu_16(d->wb.vlan);
	}
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

/* Common end of the burst paths: where the next burst starts, refill once
 * enough slots were handed out, and the queue's counters. */
static inline uint16_t
end_burst(struct srnic_rxq *rxq, uint16_t next, uint16_t nb_seen, uint16_t nb_rx,
	uint64_t bytes)
{
	rxq->next = next;
	rxq->nb_hold += nb_seen;
	if (rxq->nb_hold >= rxq->free_thresh)
		refill(rxq);
	rxq->packets += nb_rx;
	rxq->bytes += bytes;
	return nb_rx;
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
	return end_burst(rxq, idx, nb_seen, nb_rx, bytes);
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
	return end_burst(rxq, idx, nb_seen, nb_rx, bytes);
}
