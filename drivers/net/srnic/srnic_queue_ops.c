/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The queue eth_dev_ops: setup and release, queue info, burst modes,
 * descriptor status, TX clean-up and TX prepare. Setup and release keep
 * ethdev's queue arrays and the port's own (which reset and stats walk) the
 * same.
 */
#include <errno.h>
#include <string.h>

#include <rte_net.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

int
srnic_dev_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
	unsigned int socket_id, const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	struct srnic_port *port = srnic_port_of(dev);
	int ret;

	pthread_mutex_lock(&port->lock);
	ret = srnic_rxq_create(port, qid, nb_desc, (int)socket_id, conf, mp);
	if (ret == 0) {
		port->rxq[qid]->offloads = conf != NULL ? conf->offloads : 0;
		dev->data->rx_queues[qid] = port->rxq[qid];
	}
	pthread_mutex_unlock(&port->lock);
	return ret;
}

int
srnic_dev_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
	unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	struct srnic_port *port = srnic_port_of(dev);
	int ret;

	pthread_mutex_lock(&port->lock);
	ret = srnic_txq_create(port, qid, nb_desc, (int)socket_id, conf);
	if (ret == 0) {
		port->txq[qid]->offloads = conf != NULL ? conf->offloads : 0;
		dev->data->tx_queues[qid] = port->txq[qid];
	}
	pthread_mutex_unlock(&port->lock);
	return ret;
}

void
srnic_dev_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	struct srnic_port *port = srnic_port_of(dev);

	srnic_rxq_free(port->rxq[qid]);
	port->rxq[qid] = NULL;
	dev->data->rx_queues[qid] = NULL;
}

void
srnic_dev_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	struct srnic_port *port = srnic_port_of(dev);

	srnic_txq_free(port->txq[qid]);
	port->txq[qid] = NULL;
	dev->data->tx_queues[qid] = NULL;
}

void
srnic_dev_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qinfo)
{
	const struct srnic_rxq *rxq = srnic_port_of(dev)->rxq[qid];

	qinfo->mp = rxq->mp;
	qinfo->scattered_rx = dev->data->scattered_rx;
	qinfo->nb_desc = rxq->nb_desc;
	qinfo->rx_buf_size = (uint16_t)rxq->buf_size;
	qinfo->conf.rx_free_thresh = rxq->free_thresh;
	qinfo->conf.rx_drop_en = rxq->drop_en;
	qinfo->conf.rx_thresh.pthresh = rxq->pthresh;
	qinfo->conf.rx_thresh.hthresh = rxq->hthresh;
	qinfo->conf.rx_thresh.wthresh = rxq->wthresh;
	qinfo->conf.offloads = rxq->offloads;
}

void
srnic_dev_txq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_txq_info *qinfo)
{
	const struct srnic_txq *txq = srnic_port_of(dev)->txq[qid];

	qinfo->nb_desc = txq->nb_desc;
	qinfo->conf.tx_free_thresh = txq->free_thresh;
	qinfo->conf.tx_rs_thresh = txq->rs_thresh;
	qinfo->conf.offloads = txq->offloads;
}

/* The burst function's name, and why it is scalar when a vector path
 * would have been taken but for what the port asked or the CPU has. */
static void
burst_mode(struct rte_eth_burst_mode *mode, const void *burst, const void *chosen,
	const char *why)
{
	if (burst == chosen && why != NULL)
		snprintf(mode->info, sizeof(mode->info), "%s (%s)", srnic_burst_name(burst), why);
	else
		snprintf(mode->info, sizeof(mode->info), "%s", srnic_burst_name(burst));
}

int
srnic_dev_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_burst_mode *mode)
{
	const char *why;
	eth_rx_burst_t chosen = srnic_rx_burst_for(srnic_port_of(dev)->rx_offloads, &why);

	RTE_SET_USED(qid);
	burst_mode(mode, (const void *)dev->rx_pkt_burst, (const void *)chosen, why);
	return 0;
}

int
srnic_dev_tx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_burst_mode *mode)
{
	const char *why;
	eth_tx_burst_t chosen = srnic_tx_burst_for(srnic_port_of(dev)->tx_offloads, &why);

	RTE_SET_USED(qid);
	burst_mode(mode, (const void *)dev->tx_pkt_burst, (const void *)chosen, why);
	return 0;
}

void
srnic_set_burst_functions(struct rte_eth_dev *dev)
{
	const struct srnic_port *port = srnic_port_of(dev);
	bool scatter = (port->rx_offloads & RTE_ETH_RX_OFFLOAD_SCATTER) != 0;

	dev->data->scattered_rx = scatter;
	dev->rx_pkt_burst = srnic_rx_burst_for(port->rx_offloads, NULL);
	dev->tx_pkt_burst = srnic_tx_burst_for(port->tx_offloads, NULL);
	dev->tx_pkt_prepare = srnic_prep_pkts;
}

static inline bool
rx_desc_done(const struct srnic_rxq *rxq, uint16_t idx)
{
	return (rte_le_to_cpu_32(rxq->ring[idx].wb.status_error) & IGB_RXD_STAT_DD) != 0;
}

/* Completed descriptors the app has not taken yet. */
uint32_t
srnic_dev_rx_queue_count(void *queue)
{
	const struct srnic_rxq *rxq = queue;
	uint32_t n = 0;
	uint16_t idx = rxq->next;

	while (n < rxq->nb_desc && rx_desc_done(rxq, idx)) {
		n++;
		if (++idx == rxq->nb_desc)
			idx = 0;
	}
	return n;
}

int
srnic_dev_rx_descriptor_status(void *queue, uint16_t offset)
{
	const struct srnic_rxq *rxq = queue;

	if (unlikely(offset >= rxq->nb_desc))
		return -EINVAL;
	/* Slots handed out and not refilled yet, and the one the tail keeps
	 * back, are not the NIC's. */
	if (offset >= rxq->nb_desc - 1 - rxq->nb_hold)
		return RTE_ETH_RX_DESC_UNAVAIL;
	return rx_desc_done(rxq, (uint16_t)((rxq->next + offset) % rxq->nb_desc)) ?
		RTE_ETH_RX_DESC_DONE : RTE_ETH_RX_DESC_AVAIL;
}

/* Distance from the oldest in-flight slot, in ring order. */
static inline uint16_t
tx_age(const struct srnic_txq *txq, uint16_t idx)
{
	return (uint16_t)((idx + txq->nb_desc - txq->clean) % txq->nb_desc);
}

/*
 * Only descriptors that carry RS get their DD bit written: a slot is done
 * when the first RS slot at or after it is.
 */
int
srnic_dev_tx_descriptor_status(void *queue, uint16_t offset)
{
	const struct srnic_txq *txq = queue;
	uint16_t idx, age, i;

	if (unlikely(offset >= txq->nb_desc))
		return -EINVAL;
	idx = (uint16_t)((txq->tail + offset) % txq->nb_desc);
	age = tx_age(txq, idx);
	if (age >= tx_age(txq, txq->tail))
		return RTE_ETH_TX_DESC_DONE;	/* free: not in flight */
	for (i = 0; i < txq->rs_count; i++) {
		uint16_t rs = txq->rs_fifo[(txq->rs_head + i) % txq->rs_fifo_size];

		if (tx_age(txq, rs) >= age)
			return (rte_le_to_cpu_32(txq->ring[rs].data.olinfo_status) &
				IGB_TXD_STAT_DD) ? RTE_ETH_TX_DESC_DONE : RTE_ETH_TX_DESC_FULL;
	}
	return RTE_ETH_TX_DESC_FULL;
}

int
srnic_dev_tx_done_cleanup(void *queue, uint32_t free_cnt)
{
	struct srnic_txq *txq = queue;
	uint16_t before = txq->nb_free;

	/* Reclaim takes every completed batch; free_cnt 0 means all. */
	RTE_SET_USED(free_cnt);
	srnic_txq_reclaim(txq);
	return txq->nb_free - before;
}

#define SRNIC_TX_OL_SUPPORTED (RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IP_CKSUM | \
	RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)

/*
 * What the NIC needs before checksum offload: the pseudo-header sum in the
 * L4 checksum field. Packets the NIC cannot send stop the batch with
 * rte_errno set, as tx_prepare callers expect.
 */
uint16_t
srnic_prep_pkts(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	const struct srnic_txq *txq = queue;
	uint16_t i;
	int ret;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];

		if (!srnic_tx_segs_fit(txq, m) || !srnic_tx_tso_fits(m)) {
			rte_errno = EINVAL;
			return i;
		}
		if (m->ol_flags & ~SRNIC_TX_OL_SUPPORTED & RTE_MBUF_F_TX_OFFLOAD_MASK) {
			rte_errno = ENOTSUP;
			return i;
		}
		ret = rte_net_intel_cksum_prepare(m);
		if (ret != 0) {
			rte_errno = -ret;
			return i;
		}
	}
	return i;
}
