/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simple RX burst, shared by the scalar reference and the vector
 * paths: one buffer a packet and no checksum flags. A path brings only its
 * way of taking whole groups of descriptors; where the burst starts, the
 * ring's end, the odd packets left over, frame errors, the refill and the
 * counters are this one skeleton, so the paths cannot drift apart there.
 */
#ifndef SRNIC_RX_SIMPLE_H
#define SRNIC_RX_SIMPLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>

#include "srnic_dev.h"

#define SRNIC_RX_VLAN_FLAGS	(RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED)

/* Packet type of the descriptor's type bits (pkt_info bits 10:4, shifted
 * down): srnic_rx.c builds it, every path reads it. */
extern uint32_t srnic_rx_ptype_table[IGB_RXD_PKTTYPE_MASK + 1];

static inline uint32_t
srnic_rx_packet_type(uint32_t pkt_info)
{
	return srnic_rx_ptype_table[(pkt_info >> IGB_RXD_PKTTYPE_SHIFT) & IGB_RXD_PKTTYPE_MASK];
}

/* The same table split for the vector paths' byte lookups: the L3 part
 * of type bits 3:0 and the L4 part of bits 6:4, which together give the
 * whole type (a unit test holds them to it). */
extern uint8_t srnic_rx_ptype_l3[16];
extern uint8_t srnic_rx_ptype_l4[16];

/* The packet type of type bits @bits (pkt_info bits 10:4, shifted down):
 * the rule the table and the vector paths' lookups are built from. */
uint32_t srnic_rx_ptype_of(uint32_t bits);

/* Out of line, for the paths' rare cases. */
void srnic_rx_refill(struct srnic_rxq *rxq);
void srnic_rx_drop_frame(struct srnic_rxq *rxq, struct rte_mbuf *m, uint32_t staterr);

/* Common end of the burst paths: where the next burst starts, refill once
 * enough slots were handed out, and the queue's counters. */
static inline uint16_t
srnic_rx_end_burst(struct srnic_rxq *rxq, uint16_t next, uint16_t nb_seen, uint16_t nb_rx,
	uint64_t bytes)
{
	rxq->next = next;
	rxq->nb_hold += nb_seen;
	if (rxq->nb_hold >= rxq->free_thresh)
		srnic_rx_refill(rxq);
	rxq->packets += nb_rx;
	rxq->bytes += bytes;
	return nb_rx;
}

/*
 * What a fresh mbuf's rearm_data and ol_flags hold, without and with a
 * tag: they are 16 adjacent bytes, so a packet's pair is one load and one
 * store chosen by its VP bit, not a branch.
 */
struct srnic_rx_rearm {
	uint64_t rearm_data;
	uint64_t ol_flags;
};

_Static_assert(offsetof(struct rte_mbuf, ol_flags) == offsetof(struct rte_mbuf, data_off) + 8,
	"mbuf rearm_data and ol_flags are adjacent");

/* data_len and vlan_tci sit side by side in the mbuf, as length and vlan
 * do in the descriptor: one 32-bit move on a little-endian CPU. */
_Static_assert(offsetof(struct rte_mbuf, vlan_tci) == offsetof(struct rte_mbuf, data_len) + 2,
	"mbuf data_len and vlan_tci are adjacent");
_Static_assert(offsetof(struct igb_rx_desc_wb, vlan) == offsetof(struct igb_rx_desc_wb, length) + 2,
	"descriptor length and vlan are adjacent");
#if RTE_BYTE_ORDER != RTE_LITTLE_ENDIAN
#error "the simple RX paths move length and tag as one little-endian word"
#endif

/*
 * Fill @m from a done, error-free descriptor. @hi is the descriptor's
 * second quad word, which in the write-back format holds status_error,
 * length and vlan: one load gives all three. The NIC writes a descriptor
 * back in one 16-byte write (QEMU's model writes the status dword last),
 * so a quad word that shows DD also shows the length and tag written with
 * it. Returns the length.
 */
static inline uint32_t
srnic_rx_simple_fill(struct rte_mbuf *m, const struct srnic_rx_rearm rearm[2],
	uint32_t pkt_info, uint64_t hi)
{
	uint32_t len_vlan = (uint32_t)(hi >> 32);
	uint32_t len = (uint16_t)len_vlan;
	/* rearm[VP]: VP is bit 3, so (hi & VP) * 2 is the entry's offset. */
	const void *pair = (const uint8_t *)rearm + (hi & IGB_RXD_STAT_VP) * 2;

	_Static_assert(IGB_RXD_STAT_VP * 2 == sizeof(struct srnic_rx_rearm), "VP bit is 1 << 3");
	memcpy(&m->data_off, pair, sizeof(struct srnic_rx_rearm));
	m->packet_type = srnic_rx_packet_type(pkt_info);
	m->pkt_len = len;
	memcpy(&m->data_len, &len_vlan, sizeof(len_vlan));
	return len;
}

static inline uint64_t
srnic_rx_desc_hi(volatile const union igb_rx_desc *d)
{
	return rte_le_to_cpu_64(d->read.hdr_addr);
}

/*
 * How a path takes whole groups: from @d, at most @max descriptors (a
 * multiple of its group size, within the ring), group by group while
 * every descriptor of a group is done and free of frame errors. Returns
 * how many it took; *bytes grows by their lengths.
 */
typedef size_t (*srnic_rx_take_groups_t)(volatile const union igb_rx_desc *d,
	struct rte_mbuf *const *sw, struct rte_mbuf **pkts, size_t max,
	const struct srnic_rx_rearm rearm[2], uint64_t *bytes);

/*
 * The simple burst around @take, whose groups are @group descriptors.
 * Always inlined with a constant @take, so each path is one function.
 */
static __rte_always_inline uint16_t
srnic_rx_simple_burst(struct srnic_rxq *rxq, struct rte_mbuf **pkts, uint16_t nb_pkts,
	srnic_rx_take_groups_t take, size_t group)
{
	volatile union igb_rx_desc *ring = rxq->ring;
	struct rte_mbuf **sw_ring = rxq->sw_ring;
	const struct srnic_rx_rearm rearm[2] = {
		{ rxq->mbuf_initializer, 0 },
		{ rxq->mbuf_initializer, SRNIC_RX_VLAN_FLAGS },
	};
	size_t idx = rxq->next, nb_desc = rxq->nb_desc, n = nb_pkts;
	size_t nb_rx, nb_seen, max;
	uint64_t bytes = 0;

	/* Whole groups up to the ring's end, then from its start. */
	max = RTE_ALIGN_FLOOR(RTE_MIN(n, nb_desc - idx), group);
	nb_rx = take(&ring[idx], &sw_ring[idx], pkts, max, rearm, &bytes);
	idx += nb_rx;
	if (idx == nb_desc) {
		max = RTE_ALIGN_FLOOR(n - nb_rx, group);
		nb_seen = take(ring, sw_ring, pkts + nb_rx, max, rearm, &bytes);
		idx = nb_seen;
		nb_rx += nb_seen;
	}
	nb_seen = nb_rx;
	/* The rest one at a time: a part group, an error. */
	while (nb_rx < n) {
		volatile union igb_rx_desc *d = &ring[idx];
		uint64_t hi = srnic_rx_desc_hi(d);
		struct rte_mbuf *m;

		if (!(hi & IGB_RXD_STAT_DD))
			break;
		rte_io_rmb();	/* pkt_info is valid only once DD is seen */
		m = sw_ring[idx];
		if (++idx == nb_desc)
			idx = 0;
		nb_seen++;
		if (unlikely(hi & IGB_RXD_ERR_FRAME)) {
			srnic_rx_drop_frame(rxq, m, (uint32_t)hi);
			continue;
		}
		bytes += srnic_rx_simple_fill(m, rearm, rte_le_to_cpu_32(d->wb.pkt_info), hi);
		pkts[nb_rx++] = m;
	}
	return srnic_rx_end_burst(rxq, (uint16_t)idx, (uint16_t)nb_seen, (uint16_t)nb_rx, bytes);
}

#endif /* SRNIC_RX_SIMPLE_H */
