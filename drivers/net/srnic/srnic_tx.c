/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TX burst path. One doorbell per burst; the NIC reports completion (RS) on
 * one packet every rs_thresh descriptors, so reclaim looks at one
 * descriptor per batch and frees the whole batch's mbufs in bulk.
 */
#include <inttypes.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "srnic_dev.h"
#include "srnic_logs.h"
#include "srnic_mempool.h"
#include "srnic_tx_simple.h"

#define FREE_BATCH	64
#define TX_OFFLOAD_MASK	(RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK | \
			 RTE_MBUF_F_TX_TCP_SEG)

/*
 * Give back the mbufs of slots [from, from + n) (no wrap), grouping runs
 * from one pool. With fast free the app promised that it holds no other
 * reference to what it sent (refcnt 1): reference counts are not looked at.
 */
static __rte_noinline void
free_slots_any(struct srnic_txq *txq, uint16_t from, uint16_t n)
{
	struct rte_mbuf **segs = &txq->sw_ring[from];
	struct rte_mbuf *batch[FREE_BATCH];
	struct rte_mempool *pool = NULL;
	uint16_t i, nb = 0;

	if (txq->fast_free && n > 0) {
		/* The usual case: the whole run goes back to the one pool. */
		for (i = 0; i < n; i++)
			if (segs[i] == NULL || segs[i]->next != NULL)
				break;
		if (i == n) {
			rte_mempool_put_bulk(segs[0]->pool, (void **)segs, n);
			return;
		}
	}
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = segs[i];

		if (m == NULL)
			continue;	/* a context descriptor's slot */
		if (txq->fast_free) {
			/* A pool's mbufs are unchained single segments. */
			if (unlikely(m->next != NULL || m->nb_segs != 1)) {
				m->next = NULL;
				m->nb_segs = 1;
			}
		} else {
			m = rte_pktmbuf_prefree_seg(m);
			if (m == NULL)
				continue;	/* still referenced elsewhere */
		}
		if (nb == FREE_BATCH || (nb > 0 && m->pool != pool)) {
			rte_mempool_put_bulk(pool, (void **)batch, nb);
			nb = 0;
		}
		pool = m->pool;
		batch[nb++] = m;
	}
	if (nb > 0)
		rte_mempool_put_bulk(pool, (void **)batch, nb);
}

/* free_slots_any, with the simple path's usual case inline: unchained
 * mbufs of one pool, referenced by nobody else, go back in one copy. */
static __rte_always_inline void
free_slots(struct srnic_txq *txq, uint16_t from, uint16_t n)
{
	struct rte_mbuf **segs = &txq->sw_ring[from];

	if (likely(txq->fast_free && txq->single_segs) && n > 0)
		srnic_mbufs_put(segs[0]->pool, segs, n);
	else
		free_slots_any(txq, from, n);
}

/* Free the oldest completed batch (up to its RS slot); false when the NIC
 * has not completed it yet. */
bool
srnic_tx_reclaim_batch(struct srnic_txq *txq)
{
	uint16_t done = txq->rs_fifo[txq->rs_head];
	uint16_t clean = txq->clean;
	uint16_t n;

	if (!(rte_le_to_cpu_32(txq->ring[done].data.olinfo_status) & IGB_TXD_STAT_DD))
		return false;
	/* In-order completion: every slot up to this one is done too. The
	 * slots keep their stale pointers: only [clean, tail) is live. */
	if (done >= clean) {
		n = done - clean + 1;
		free_slots(txq, clean, n);
	} else {
		uint16_t tail_part = txq->nb_desc - clean;

		free_slots(txq, clean, tail_part);
		free_slots(txq, 0, done + 1);
		n = tail_part + done + 1;
	}
	txq->nb_free += n;
	txq->clean = done + 1 == txq->nb_desc ? 0 : done + 1;
	if (++txq->rs_head == txq->rs_fifo_size)
		txq->rs_head = 0;
	txq->rs_count--;
	return true;
}

void
srnic_txq_reclaim(struct srnic_txq *txq)
{
	while (txq->rs_count > 0 && srnic_tx_reclaim_batch(txq))
		;
}

/* Context descriptor words for a packet's offloads. */
static inline void
context_words(const struct rte_mbuf *m, uint32_t *vlan_macip, uint32_t *tucmd,
	uint32_t *mss_l4len)
{
	uint64_t ol = m->ol_flags;

	*vlan_macip = (uint32_t)m->l3_len | ((uint32_t)m->l2_len << IGB_TXCTX_MACLEN_SHIFT);
	if (ol & RTE_MBUF_F_TX_VLAN)
		*vlan_macip |= (uint32_t)m->vlan_tci << IGB_TXCTX_VLAN_SHIFT;
	*tucmd = IGB_TXD_DTYP_CTXT | IGB_TXD_CMD_DEXT;
	*mss_l4len = 0;		/* context slot 0 */
	if (ol & RTE_MBUF_F_TX_IPV4)
		*tucmd |= IGB_TXCTX_TUCMD_IPV4;
	if (ol & RTE_MBUF_F_TX_TCP_SEG) {
		/* Segmentation implies the TCP checksum, whatever L4 flag. */
		*tucmd |= IGB_TXCTX_TUCMD_L4T_TCP;
		*mss_l4len = (uint32_t)m->tso_segsz << IGB_TXCTX_MSS_SHIFT |
			(uint32_t)m->l4_len << IGB_TXCTX_L4LEN_SHIFT;
		return;
	}
	switch (ol & RTE_MBUF_F_TX_L4_MASK) {
	case RTE_MBUF_F_TX_TCP_CKSUM:
		*tucmd |= IGB_TXCTX_TUCMD_L4T_TCP;
		break;
	case RTE_MBUF_F_TX_SCTP_CKSUM:
		*tucmd |= IGB_TXCTX_TUCMD_L4T_SCTP;
		break;
	default:
		*tucmd |= IGB_TXCTX_TUCMD_L4T_UDP;
		break;
	}
}

/* Write a context descriptor when the loaded one does not fit @m; returns
 * the slots used (0 or 1). */
static inline uint16_t
load_context(struct srnic_txq *txq, const struct rte_mbuf *m, uint16_t slot)
{
	volatile struct igb_tx_desc_ctx *ctx = &txq->ring[slot].ctx;
	uint32_t vlan_macip, tucmd, mss_l4len;

	context_words(m, &vlan_macip, &tucmd, &mss_l4len);
	if (txq->ctx_valid && vlan_macip == txq->ctx_vlan_macip && tucmd == txq->ctx_tucmd &&
	    mss_l4len == txq->ctx_mss_l4len)
		return 0;
	ctx->vlan_macip_lens = rte_cpu_to_le_32(vlan_macip);
	ctx->seqnum_seed = 0;
	ctx->type_tucmd_mlhl = rte_cpu_to_le_32(tucmd);
	ctx->mss_l4len_idx = rte_cpu_to_le_32(mss_l4len);
	txq->sw_ring[slot] = NULL;
	txq->ctx_vlan_macip = vlan_macip;
	txq->ctx_tucmd = tucmd;
	txq->ctx_mss_l4len = mss_l4len;
	txq->ctx_valid = true;
	return 1;
}

static inline uint32_t
data_flags(uint64_t ol)
{
	return ((ol & RTE_MBUF_F_TX_VLAN) ? IGB_TXD_CMD_VLE : 0) |
		((ol & RTE_MBUF_F_TX_TCP_SEG) ? IGB_TXD_CMD_TSE : 0);
}

/* PAYLEN and the checksum options of the first data descriptor: with
 * segmentation the NIC counts only the payload after the headers. */
static inline uint32_t
olinfo_word(const struct rte_mbuf *m, uint64_t ol)
{
	uint32_t popts = 0, paylen = m->pkt_len;

	if (ol & RTE_MBUF_F_TX_IP_CKSUM)
		popts |= IGB_TXD_POPTS_IXSM;
	if (ol & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG))
		popts |= IGB_TXD_POPTS_TXSM;
	if (ol & RTE_MBUF_F_TX_TCP_SEG)
		paylen -= m->l2_len + m->l3_len + m->l4_len;
	return paylen << IGB_TXD_PAYLEN_SHIFT | popts;
}

/* A chain the NIC cannot take, or a segmentation request without its
 * sizes, is dropped and counted, so that one bad packet cannot hold the
 * queue up forever. */
static inline bool
unsendable(struct srnic_txq *txq, struct rte_mbuf *m)
{
	if (likely(srnic_tx_segs_fit(txq, m) && srnic_tx_tso_fits(m)))
		return false;
	txq->errors++;
	rte_pktmbuf_free(m);
	return true;
}


/* Queue a chain or a packet with offloads from *slot; returns slots used
 * and the slot of its EOP in *last. */
static uint16_t
queue_packet(struct srnic_txq *txq, struct rte_mbuf *m, uint16_t *slot, uint16_t *last)
{
	volatile union igb_tx_desc *ring = txq->ring;
	uint64_t ol = m->ol_flags & TX_OFFLOAD_MASK;
	uint16_t s = *slot, used = 0, nb_desc = txq->nb_desc;
	uint32_t cmd, olinfo;
	struct rte_mbuf *seg;

	if (ol != 0) {
		used = load_context(txq, m, s);
		if (used && ++s == nb_desc)
			s = 0;
	}
	cmd = SRNIC_TX_CMD_DATA | data_flags(ol);
	olinfo = olinfo_word(m, ol);
	for (seg = m; seg != NULL; seg = seg->next) {
		volatile struct igb_tx_desc_data *d = &ring[s].data;
		uint32_t c = cmd | seg->data_len;

		if (seg->next == NULL)
			c |= IGB_TXD_CMD_EOP;
		txq->sw_ring[s] = seg;
		d->buffer_addr = rte_cpu_to_le_64(rte_mbuf_data_iova(seg));
		d->cmd_type_len = rte_cpu_to_le_32(c);
		d->olinfo_status = rte_cpu_to_le_32(olinfo);
		*last = s;
		if (++s == nb_desc)
			s = 0;
		used++;
	}
	*slot = s;
	return used;
}

/* Make room for @need slots; false when the ring stays too full. */
static inline bool
room_for(struct srnic_txq *txq, uint16_t *nb_free, uint16_t need)
{
	if (likely(need <= *nb_free))
		return true;
	txq->nb_free = *nb_free;
	srnic_txq_reclaim(txq);
	*nb_free = txq->nb_free;
	return need <= *nb_free;
}

uint16_t
srnic_xmit_pkts(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	struct srnic_txq *txq = queue;
	volatile union igb_tx_desc *ring = txq->ring;
	struct rte_mbuf **sw_ring = txq->sw_ring;
	uint16_t slot = txq->tail, nb_desc = txq->nb_desc, last = txq->last_eop;
	uint16_t i, nb_free, used = 0, sent = 0;
	uint64_t bytes = 0;

	if (txq->nb_free < txq->free_thresh)
		srnic_txq_reclaim(txq);
	nb_free = txq->nb_free;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];

		if (likely(m->next == NULL && !(m->ol_flags & TX_OFFLOAD_MASK))) {
			/* One segment, no offload: one descriptor, no context. */
			volatile struct igb_tx_desc_data *d = &ring[slot].data;

			if (unlikely(!room_for(txq, &nb_free, 1)))
				break;
			sw_ring[slot] = m;
			d->buffer_addr = rte_cpu_to_le_64(rte_mbuf_data_iova(m));
			d->cmd_type_len = rte_cpu_to_le_32(SRNIC_TX_CMD_DATA | IGB_TXD_CMD_EOP |
				m->data_len);
			d->olinfo_status = rte_cpu_to_le_32((uint32_t)m->pkt_len <<
				IGB_TXD_PAYLEN_SHIFT);
			last = slot;
			if (++slot == nb_desc)
				slot = 0;
			nb_free--;
			used++;
		} else {
			uint16_t u;

			if (unlikely(unsendable(txq, m)))
				continue;
			if (unlikely(!room_for(txq, &nb_free,
					m->nb_segs + ((m->ol_flags & TX_OFFLOAD_MASK) != 0))))
				break;	/* ring full: the rest stay the caller's */
			u = queue_packet(txq, m, &slot, &last);
			nb_free -= u;
			used += u;
		}
		bytes += m->pkt_len;
		sent++;
	}
	txq->nb_free = nb_free;
	srnic_tx_end_burst(txq, used, last, slot, sent, bytes);
	return i;
}

/* Write the descriptor of a single-segment packet; returns its length.
 * The command word is known in advance but for the length, and the
 * second quad word (cmd_type_len, olinfo_status) goes in one store. A
 * packet this path cannot send leaves a bit in *bad: nb_segs and ol_flags
 * share the cache line the descriptor is read from, so the check costs
 * next to nothing here. */
static inline uint32_t
write_simple_desc(volatile union igb_tx_desc *d, struct rte_mbuf *m, uint64_t *bad)
{
	uint64_t len = m->data_len;

	*bad |= (uint64_t)(m->nb_segs - 1) | (m->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK);
	d->raw.qw[0] = rte_cpu_to_le_64(rte_mbuf_data_iova(m));
	d->raw.qw[1] = rte_cpu_to_le_64(SRNIC_TX_CMD_SIMPLE | len |
		len << (32 + IGB_TXD_PAYLEN_SHIFT));
	return (uint32_t)len;
}

/* The scalar writer of the simple path. */
static __rte_always_inline uint64_t
write_simple(volatile union igb_tx_desc *d, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	uint16_t n, uint64_t *bad)
{
	uint64_t bytes = 0;
	size_t i;

	/* By fours, to spend less on the loop than on the work. */
	for (i = 0; i + 4 <= n; i += 4) {
		bytes += write_simple_desc(&d[i], pkts[i], bad);
		bytes += write_simple_desc(&d[i + 1], pkts[i + 1], bad);
		bytes += write_simple_desc(&d[i + 2], pkts[i + 2], bad);
		bytes += write_simple_desc(&d[i + 3], pkts[i + 3], bad);
		memcpy(&sw[i], &pkts[i], 4 * sizeof(*sw));
	}
	for (; i < n; i++) {
		sw[i] = pkts[i];
		bytes += write_simple_desc(&d[i], pkts[i], bad);
	}
	return bytes;
}

/* Say once a queue why a packet went unsent on a simple path. */
static void __rte_noinline
simple_tx_refused(struct srnic_txq *txq, const struct rte_mbuf *m)
{
	if (txq->simple_refusal_logged)
		return;
	txq->simple_refusal_logged = true;
	SRNIC_PLAIN_LOG(ERR, "port %u TX queue %u: a packet of %u segments with offload flags 0x%" PRIx64
		" left unsent: configure the port with RTE_ETH_TX_OFFLOAD_MULTI_SEGS (and the "
		"offloads it uses) to send such packets", txq->port_id, txq->queue_id, m->nb_segs,
		(uint64_t)(m->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK));
}

__rte_noinline uint16_t
srnic_tx_simple_trim(struct srnic_txq *txq, struct rte_mbuf **pkts, uint16_t n, uint64_t *bytes)
{
	uint16_t i;

	*bytes = 0;
	for (i = 0; i < n; i++) {
		if (pkts[i]->nb_segs != 1 || (pkts[i]->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK) != 0)
			break;
		*bytes += pkts[i]->pkt_len;
	}
	simple_tx_refused(txq, pkts[i]);
	return i;
}

uint16_t
srnic_xmit_pkts_simple(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	return srnic_tx_simple_burst(queue, pkts, n, write_simple);
}
