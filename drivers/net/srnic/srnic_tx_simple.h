/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simple TX burst, shared by the scalar reference and the vector
 * paths: every packet is one segment without offload flags (the port
 * asked for no TX offload but fast free), so a packet is one data
 * descriptor with a command word known in advance, and the burst is cut at
 * the ring's end instead of testing for the wrap per packet. A path brings
 * only its way of writing descriptors; room, reclaim, refusal, RS batching
 * and the doorbell are this one skeleton.
 *
 * Below free_thresh free slots it reclaims one completed batch, so that
 * about as many mbufs go back to the pool's cache per burst as the app
 * takes out of it; freeing the whole ring at once would overflow the cache
 * into the pool's shared ring.
 */
#ifndef SRNIC_TX_SIMPLE_H
#define SRNIC_TX_SIMPLE_H

#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>

#include "srnic_dev.h"

#define SRNIC_TX_CMD_DATA	(IGB_TXD_DTYP_DATA | IGB_TXD_CMD_DEXT | IGB_TXD_CMD_IFCS)
#define SRNIC_TX_CMD_SIMPLE	(SRNIC_TX_CMD_DATA | IGB_TXD_CMD_EOP)

/* Free the oldest completed batch (up to its RS slot); false when the NIC
 * has not completed it yet. */
bool srnic_tx_reclaim_batch(struct srnic_txq *txq);

/*
 * The burst held a packet a simple path cannot send: keep the packets
 * before the first such one and return how many, with their bytes, and
 * say once a queue why. Descriptors written past them are not published
 * (the tail stops before them), and their slots, like any past the tail,
 * are never freed from.
 */
uint16_t srnic_tx_simple_trim(struct srnic_txq *txq, struct rte_mbuf **pkts, uint16_t n,
	uint64_t *bytes);

/* Ask for a completion report on the burst's last packet once enough
 * descriptors went out since the last report. */
static inline void
srnic_tx_report_status(struct srnic_txq *txq, uint16_t used, uint16_t last)
{
	uint16_t pos;

	txq->since_rs += used;
	if (txq->since_rs < txq->rs_thresh)
		return;
	txq->ring[last].data.cmd_type_len |= rte_cpu_to_le_32(IGB_TXD_CMD_RS);
	pos = txq->rs_head + txq->rs_count;
	if (pos >= txq->rs_fifo_size)
		pos -= txq->rs_fifo_size;
	txq->rs_fifo[pos] = last;
	txq->rs_count++;
	txq->since_rs = 0;
}

/* Common end of the bursts: the completion report, the one doorbell of
 * the burst (when it queued anything) and the counters. */
static inline void
srnic_tx_end_burst(struct srnic_txq *txq, uint16_t used, uint16_t last, uint16_t slot,
	uint16_t sent, uint64_t bytes)
{
	if (likely(used != 0)) {
		txq->last_eop = last;
		srnic_tx_report_status(txq, used, last);
		txq->tail = slot;
		rte_io_wmb();	/* descriptors in memory before the doorbell */
		rte_write32_relaxed(rte_cpu_to_le_32(slot), txq->tdt);
	}
	txq->packets += sent;
	txq->bytes += bytes;
}

/*
 * How a path writes: @n packets into slots from @d and @sw (no wrap).
 * Returns their bytes; leaves *bad non-zero when any of them is not one
 * segment or carries a TX offload flag.
 */
typedef uint64_t (*srnic_tx_write_t)(volatile union igb_tx_desc *d, struct rte_mbuf **sw,
	struct rte_mbuf **pkts, uint16_t n, uint64_t *bad);

/* The simple burst around @write. Always inlined with a constant @write,
 * so each path is one function. */
static __rte_always_inline uint16_t
srnic_tx_simple_burst(struct srnic_txq *txq, struct rte_mbuf **pkts, uint16_t n,
	srnic_tx_write_t write)
{
	uint16_t slot = txq->tail, nb_desc = txq->nb_desc, first;
	uint64_t bytes, bad = 0;

	if (txq->nb_free < txq->free_thresh && txq->rs_count > 0)
		srnic_tx_reclaim_batch(txq);
	n = RTE_MIN(n, txq->nb_free);
	if (unlikely(n == 0))
		return 0;
	first = RTE_MIN(n, (uint16_t)(nb_desc - slot));
	bytes = write(&txq->ring[slot], &txq->sw_ring[slot], pkts, first, &bad);
	if (unlikely(n > first))
		bytes += write(txq->ring, txq->sw_ring, pkts + first, n - first, &bad);
	/* These paths are chosen when the app asked for neither multi-segment
	 * frames nor offloads. A packet that needs them anyway stops the burst
	 * there, unsent, rather than leave as its first segment alone and leak
	 * the rest of its chain. */
	if (unlikely(bad != 0)) {
		n = srnic_tx_simple_trim(txq, pkts, n, &bytes);
		if (n == 0)
			return 0;
	}
	slot += n;
	if (slot >= nb_desc)
		slot -= nb_desc;
	txq->nb_free -= n;
	srnic_tx_end_burst(txq, n, (slot == 0 ? nb_desc : slot) - 1, slot, n, bytes);
	return n;
}

#endif /* SRNIC_TX_SIMPLE_H */
