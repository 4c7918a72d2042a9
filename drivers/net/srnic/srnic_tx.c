/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TX burst path. One doorbell per burst; the NIC reports completion (RS) on
 * one packet every rs_thresh descriptors, so reclaim looks at one
 * descriptor per batch and frees the whole batch's mbufs in bulk.
 */
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

#define FREE_BATCH	64
#define TX_OFFLOAD_MASK	(RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK)

/* Give @n segments back to their pools, grouping runs from one pool. */
static void
free_segments(struct rte_mbuf **segs, uint16_t n)
{
	struct rte_mbuf *batch[FREE_BATCH];
	struct rte_mempool *pool = NULL;
	uint16_t i, nb = 0;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = rte_pktmbuf_prefree_seg(segs[i]);

		if (m == NULL)
			continue;	/* still referenced elsewhere */
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

void
srnic_txq_reclaim(struct srnic_txq *txq)
{
	while (txq->rs_count > 0) {
		uint16_t done = txq->rs_fifo[txq->rs_head];
		uint16_t clean = txq->clean;
		uint16_t n;

		if (!(rte_le_to_cpu_32(txq->ring[done].data.olinfo_status) & IGB_TXD_STAT_DD))
			break;
		/* In-order completion: every slot up to this one is done too. */
		if (done >= clean) {
			n = done - clean + 1;
			free_segments(&txq->sw_ring[clean], n);
			memset(&txq->sw_ring[clean], 0, n * sizeof(txq->sw_ring[0]));
		} else {
			uint16_t tail_part = txq->nb_desc - clean;

			free_segments(&txq->sw_ring[clean], tail_part);
			memset(&txq->sw_ring[clean], 0, tail_part * sizeof(txq->sw_ring[0]));
			free_segments(&txq->sw_ring[0], done + 1);
			memset(&txq->sw_ring[0], 0, (done + 1) * sizeof(txq->sw_ring[0]));
			n = tail_part + done + 1;
		}
		txq->nb_free += n;
		txq->clean = done + 1 == txq->nb_desc ? 0 : done + 1;
		if (++txq->rs_head == txq->rs_fifo_size)
			txq->rs_head = 0;
		txq->rs_count--;
	}
}

/* Context descriptor words for a packet's offloads. */
static inline void
context_words(const struct rte_mbuf *m, uint32_t *vlan_macip, uint32_t *tucmd)
{
	uint64_t ol = m->ol_flags;

	*vlan_macip = (uint32_t)m->l3_len | ((uint32_t)m->l2_len << IGB_TXCTX_MACLEN_SHIFT);
	if (ol & RTE_MBUF_F_TX_VLAN)
		*vlan_macip |= (uint32_t)m->vlan_tci << IGB_TXCTX_VLAN_SHIFT;
	*tucmd = IGB_TXD_DTYP_CTXT | IGB_TXD_CMD_DEXT;
	if (ol & RTE_MBUF_F_TX_IPV4)
		*tucmd |= IGB_TXCTX_TUCMD_IPV4;
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
	uint32_t vlan_macip, tucmd;

	context_words(m, &vlan_macip, &tucmd);
	if (txq->ctx_valid && vlan_macip == txq->ctx_vlan_macip && tucmd == txq->ctx_tucmd)
		return 0;
	ctx->vlan_macip_lens = rte_cpu_to_le_32(vlan_macip);
	ctx->seqnum_seed = 0;
	ctx->type_tucmd_mlhl = rte_cpu_to_le_32(tucmd);
	ctx->mss_l4len_idx = 0;		/* context slot 0 */
	txq->sw_ring[slot] = NULL;
	txq->ctx_vlan_macip = vlan_macip;
	txq->ctx_tucmd = tucmd;
	txq->ctx_valid = true;
	return 1;
}

static inline uint32_t
data_flags(uint64_t ol)
{
	return (ol & RTE_MBUF_F_TX_VLAN) ? IGB_TXD_CMD_VLE : 0;
}

static inline uint32_t
olinfo_flags(uint64_t ol)
{
	uint32_t popts = 0;

	if (ol & RTE_MBUF_F_TX_IP_CKSUM)
		popts |= IGB_TXD_POPTS_IXSM;
	if (ol & RTE_MBUF_F_TX_L4_MASK)
		popts |= IGB_TXD_POPTS_TXSM;
	return popts;
}

/* A chain the NIC cannot take is dropped and counted, so that one bad
 * packet cannot hold the queue up forever. */
static inline bool
unsendable(struct srnic_txq *txq, struct rte_mbuf *m)
{
	if (likely(m->nb_segs <= IGB_TX_MAX_SEGS && m->nb_segs + 2 <= txq->nb_desc / 2))
		return false;
	txq->errors++;
	rte_pktmbuf_free(m);
	return true;
}

uint16_t
srnic_xmit_pkts(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	struct srnic_txq *txq = queue;
	volatile union igb_tx_desc *ring = txq->ring;
	uint16_t slot = txq->tail, nb_desc = txq->nb_desc;
	uint16_t i, sent = 0;
	uint64_t bytes = 0;

	if (txq->nb_free < txq->free_thresh)
		srnic_txq_reclaim(txq);

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i], *seg;
		uint64_t ol = m->ol_flags & TX_OFFLOAD_MASK;
		uint16_t need = m->nb_segs + (ol != 0);	/* data slots + a context */
		uint32_t cmd, olinfo;
		uint16_t used;

		if (unlikely(unsendable(txq, m)))
			continue;
		if (unlikely(need > txq->nb_free)) {
			srnic_txq_reclaim(txq);
			if (need > txq->nb_free)
				break;	/* ring full: the rest stay the caller's */
		}
		used = 0;
		if (ol != 0) {
			used = load_context(txq, m, slot);
			if (used && ++slot == nb_desc)
				slot = 0;
		}
		cmd = IGB_TXD_DTYP_DATA | IGB_TXD_CMD_DEXT | IGB_TXD_CMD_IFCS | data_flags(ol);
		olinfo = ((uint32_t)m->pkt_len << IGB_TXD_PAYLEN_SHIFT) | olinfo_flags(ol);
		seg = m;
		for (;;) {
			volatile struct igb_tx_desc_data *d = &ring[slot].data;
			struct rte_mbuf *next = seg->next;
			uint32_t c = cmd | seg->data_len;

			txq->sw_ring[slot] = seg;
			used++;
			if (next == NULL) {
				c |= IGB_TXD_CMD_EOP;
				txq->since_rs += used;
				if (txq->since_rs >= txq->rs_thresh) {
					uint16_t pos = txq->rs_head + txq->rs_count;

					c |= IGB_TXD_CMD_RS;
					if (pos >= txq->rs_fifo_size)
						pos -= txq->rs_fifo_size;
					txq->rs_fifo[pos] = slot;
					txq->rs_count++;
					txq->since_rs = 0;
				}
			}
			d->buffer_addr = rte_cpu_to_le_64(rte_mbuf_data_iova(seg));
			d->cmd_type_len = rte_cpu_to_le_32(c);
			d->olinfo_status = rte_cpu_to_le_32(olinfo);
			if (++slot == nb_desc)
				slot = 0;
			if (next == NULL)
				break;
			seg = next;
		}
		txq->nb_free -= used;
		bytes += m->pkt_len;
		sent++;
	}
	if (likely(slot != txq->tail)) {
		txq->tail = slot;
		rte_io_wmb();	/* descriptors in memory before the doorbell */
		rte_write32_relaxed(rte_cpu_to_le_32(slot), txq->tdt);
	}
	txq->packets += sent;
	txq->bytes += bytes;
	return i;
}
