/* SPDX-License-Identifier: BSD-3-Clause */
/* TX queue setup, programming, start and stop. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

void
srnic_txq_free(struct srnic_txq *txq)
{
	if (txq == NULL)
		return;
	rte_memzone_free(txq->mz);
	rte_free(txq->sw_ring);
	rte_free(txq->rs_fifo);
	rte_free(txq);
}

static int
check_thresholds(const struct srnic_port *port, uint16_t nb_desc, uint16_t free_thresh,
	uint16_t rs_thresh)
{
	if (rs_thresh == 0 || rs_thresh > nb_desc / 2 || free_thresh == 0 ||
	    free_thresh >= nb_desc) {
		SRNIC_INIT_LOG(ERR, port, "TX rs_thresh %u must be 1..%u and free_thresh %u "
			"must be 1..%u for %u descriptors", rs_thresh, nb_desc / 2, free_thresh,
			nb_desc - 1, nb_desc);
		return -EINVAL;
	}
	return 0;
}

int
srnic_txq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct rte_eth_txconf *conf)
{
	static const struct rte_eth_txconf defaults;
	char mz_name[RTE_MEMZONE_NAMESIZE];
	uint16_t free_thresh, rs_thresh;
	struct srnic_txq *txq;
	int ret;

	ret = srnic_queue_setup_check(port, "TX", qid, port->nb_txq, nb_desc);
	if (ret < 0)
		return ret;
	if (conf == NULL)
		conf = &defaults;
	free_thresh = conf->tx_free_thresh ? conf->tx_free_thresh : SRNIC_TX_FREE_THRESH_DEFAULT;
	rs_thresh = conf->tx_rs_thresh ? conf->tx_rs_thresh : SRNIC_TX_RS_THRESH_DEFAULT;
	ret = check_thresholds(port, nb_desc, free_thresh, rs_thresh);
	if (ret < 0)
		return ret;
	srnic_txq_free(port->txq[qid]);
	port->txq[qid] = NULL;

	txq = rte_zmalloc_socket("srnic_txq", sizeof(*txq), RTE_CACHE_LINE_SIZE, socket_id);
	if (txq == NULL)
		goto nomem;
	txq->sw_ring = rte_zmalloc_socket("srnic_tx_sw", sizeof(txq->sw_ring[0]) * nb_desc,
		RTE_CACHE_LINE_SIZE, socket_id);
	txq->rs_fifo = rte_zmalloc_socket("srnic_tx_rs", sizeof(txq->rs_fifo[0]) * nb_desc,
		RTE_CACHE_LINE_SIZE, socket_id);
	snprintf(mz_name, sizeof(mz_name), "srnic_txr_%u_%u", port->port_id, qid);
	txq->mz = rte_memzone_reserve_aligned(mz_name, sizeof(union igb_tx_desc) * nb_desc,
		socket_id, RTE_MEMZONE_IOVA_CONTIG, IGB_RING_BASE_ALIGN);
	if (txq->sw_ring == NULL || txq->rs_fifo == NULL || txq->mz == NULL)
		goto nomem;
	txq->ring = txq->mz->addr;
	txq->ring_iova = txq->mz->iova;
	txq->tdt = srnic_reg_addr(port->bar, IGB_VF_TDT(qid));
	txq->nb_desc = nb_desc;
	txq->rs_fifo_size = nb_desc;
	txq->free_thresh = free_thresh;
	txq->rs_thresh = rs_thresh;
	txq->port_id = port->port_id;
	txq->queue_id = qid;
	port->txq[qid] = txq;
	return 0;
nomem:
	SRNIC_INIT_LOG(ERR, port, "TX queue %u: out of memory for %u descriptors on socket %d "
		"(reserve more hugepages)", qid, nb_desc, socket_id);
	srnic_txq_free(txq);
	return -ENOMEM;
}

int
srnic_txq_start(struct srnic_port *port, struct srnic_txq *txq)
{
	const struct srnic_bar *bar = port->bar;
	uint16_t q = txq->queue_id;

	if (txq->held_by_nic) {
		SRNIC_INIT_LOG(ERR, port, "TX queue %u did not stop last time and may still be "
			"in use by the NIC: call rte_eth_dev_reset() first", q);
		return -EIO;
	}
	srnic_queue_disable(bar, IGB_VF_TXDCTL(q));
	memset((void *)(uintptr_t)txq->ring, 0, sizeof(union igb_tx_desc) * txq->nb_desc);
	srnic_write32(bar, IGB_VF_TDBAL(q), (uint32_t)txq->ring_iova);
	srnic_write32(bar, IGB_VF_TDBAH(q), (uint32_t)(txq->ring_iova >> 32));
	srnic_write32(bar, IGB_VF_TDLEN(q), txq->nb_desc * sizeof(union igb_tx_desc));
	srnic_write32(bar, IGB_VF_TDH(q), 0);
	srnic_write32(bar, IGB_VF_TDT(q), 0);
	/* Strictly ordered descriptor write-back, as Linux igbvf sets it. */
	srnic_write32(bar, IGB_VF_TXCTL(q),
		srnic_read32(bar, IGB_VF_TXCTL(q)) & ~IGB_TXCTL_DESC_WB_RO);
	txq->tail = 0;
	txq->clean = 0;
	txq->nb_free = txq->nb_desc - 1;
	txq->since_rs = 0;
	txq->rs_head = 0;
	txq->rs_count = 0;
	txq->ctx_valid = false;
	txq->fast_free = (port->tx_offloads & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) != 0;
	/* The simple burst queues neither chains nor context descriptors. */
	txq->single_segs = srnic_tx_simple(port->tx_offloads);
	srnic_write32(bar, IGB_VF_TXDCTL(q), IGB_DCTL_ENABLE);
	return 0;
}

void
srnic_txq_release_mbufs(struct srnic_txq *txq)
{
	uint16_t i;

	/* Slots [clean, tail) still own what the NIC had not completed: it is
	 * dropped with the queue. Other slots hold stale pointers. */
	for (i = txq->clean; i != txq->tail; i = (uint16_t)((i + 1) % txq->nb_desc))
		if (txq->sw_ring[i] != NULL)
			rte_pktmbuf_free_seg(txq->sw_ring[i]);
	memset(txq->sw_ring, 0, sizeof(txq->sw_ring[0]) * txq->nb_desc);
	txq->clean = txq->tail;
	txq->rs_count = 0;
	txq->nb_free = txq->nb_desc - 1;
	txq->held_by_nic = false;
}

int
srnic_txq_stop(struct srnic_port *port, struct srnic_txq *txq)
{
	if (srnic_queue_disable(port->bar, IGB_VF_TXDCTL(txq->queue_id)) < 0) {
		SRNIC_DRV_LOG(ERR, port, "TX queue %u did not stop within %u ms; the packets "
			"it holds stay with the NIC until rte_eth_dev_reset()", txq->queue_id,
			SRNIC_QUEUE_STOP_TIMEOUT_US / 1000);
		txq->held_by_nic = true;
		srnic_mark_reset_needed(port, "a TX queue did not stop");
		return -ETIMEDOUT;
	}
	srnic_txq_release_mbufs(txq);
	return 0;
}
