/* SPDX-License-Identifier: BSD-3-Clause */
/* RX queue setup, programming, start and stop. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_malloc.h>

#include "srnic_dev.h"
#include "srnic_logs.h"


int
srnic_desc_count_check(const struct srnic_port *port, const char *dir, uint16_t nb_desc)
{
	if (nb_desc < SRNIC_RING_DESC_MIN || nb_desc > SRNIC_RING_DESC_MAX ||
	    nb_desc % IGB_RING_DESC_MULTIPLE != 0) {
		SRNIC_INIT_LOG(ERR, port, "%u %s descriptors: the NIC needs %u..%u, a multiple "
			"of %u", nb_desc, dir, SRNIC_RING_DESC_MIN, SRNIC_RING_DESC_MAX,
			IGB_RING_DESC_MULTIPLE);
		return -EINVAL;
	}
	return 0;
}

int
srnic_queue_setup_check(const struct srnic_port *port, const char *dir, uint16_t qid,
	uint16_t nb_q, uint16_t nb_desc)
{
	if (port->started) {
		SRNIC_INIT_LOG(ERR, port, "%s queue setup on a started port: stop it first", dir);
		return -EBUSY;
	}
	if (!port->configured) {
		SRNIC_INIT_LOG(ERR, port, "%s queue setup before rte_eth_dev_configure()", dir);
		return -EINVAL;
	}
	if (qid >= nb_q) {
		SRNIC_INIT_LOG(ERR, port, "%s queue %u: the port is configured with %u %s "
			"queues (ids 0..%u)", dir, qid, nb_q, dir, nb_q - 1);
		return -EINVAL;
	}
	return srnic_desc_count_check(port, dir, nb_desc);
}

int
srnic_rxq_check_frame(const struct srnic_port *port, const struct srnic_rxq *rxq,
	uint32_t frame_len, uint64_t rx_offloads)
{
	if (frame_len + SRNIC_VLAN_TAG_LEN <= rxq->buf_size ||
	    (rx_offloads & RTE_ETH_RX_OFFLOAD_SCATTER))
		return 0;
	SRNIC_INIT_LOG(ERR, port, "RX queue %u: frames of %u bytes (with a VLAN tag) do not fit "
		"its %u-byte buffers: enable RTE_ETH_RX_OFFLOAD_SCATTER, or use a mempool with a "
		"data room of at least %u bytes", rxq->queue_id, frame_len + SRNIC_VLAN_TAG_LEN,
		rxq->buf_size,
		RTE_ALIGN_CEIL(frame_len + SRNIC_VLAN_TAG_LEN, 1024) + RTE_PKTMBUF_HEADROOM);
	return -EINVAL;
}

static int
buffer_size(const struct srnic_port *port, struct rte_mempool *mp, uint32_t *size)
{
	uint32_t room;

	if (mp == NULL) {
		SRNIC_INIT_LOG(ERR, port, "RX queue setup without a mempool");
		return -EINVAL;
	}
	room = rte_pktmbuf_data_room_size(mp);
	if (room < RTE_PKTMBUF_HEADROOM + SRNIC_RX_BUF_MIN) {
		SRNIC_INIT_LOG(ERR, port, "mempool %s: data room %u leaves %d bytes after the "
			"%u-byte headroom; the NIC sizes buffers in 1 KiB units and needs at "
			"least %u (create the pool with a data room of %u or more)", mp->name,
			room, (int)room - RTE_PKTMBUF_HEADROOM, RTE_PKTMBUF_HEADROOM,
			SRNIC_RX_BUF_MIN, RTE_PKTMBUF_HEADROOM + SRNIC_RX_BUF_MIN);
		return -EINVAL;
	}
	/* SRRCTL.BSIZEPACKET counts whole KiB: round down so the NIC never
	 * writes past the end of a buffer. */
	*size = RTE_MIN(room - RTE_PKTMBUF_HEADROOM, (uint32_t)SRNIC_RX_BUF_MAX);
	*size &= ~(uint32_t)(SRNIC_RX_BUF_MIN - 1);
	return 0;
}

/* What rearm_data of a fresh single-segment mbuf holds for this queue. */
static uint64_t
mbuf_initializer(uint16_t port_id)
{
	struct rte_mbuf mb;

	memset(&mb, 0, sizeof(mb));
	mb.data_off = RTE_PKTMBUF_HEADROOM;
	mb.nb_segs = 1;
	mb.port = port_id;
	rte_mbuf_refcnt_set(&mb, 1);
	return srnic_mbuf_rearm_word(&mb);
}

/*
 * Refill batch when the app gives none. Each tail write is a doorbell (on
 * QEMU's model it also wakes the emulator's main loop), so big batches pay
 * off: half the ring, at most 256. But a batch larger than the mempool's
 * per-lcore cache bypasses the cache and takes the pool's shared ring, so
 * it stays within half the cache (and at least 32). It must stay below the
 * ring size: at most nb_desc - 1 slots are ever held.
 */
static uint16_t
default_free_thresh(uint16_t nb_desc, const struct rte_mempool *mp)
{
	uint32_t batch = nb_desc / 2;

	if (batch > SRNIC_RX_FREE_THRESH_MAX)
		batch = SRNIC_RX_FREE_THRESH_MAX;
	if (mp->cache_size / 2 < batch)
		batch = mp->cache_size / 2 > SRNIC_RX_FREE_THRESH_MIN ?
			mp->cache_size / 2 : SRNIC_RX_FREE_THRESH_MIN;
	return (uint16_t)RTE_MIN(batch, nb_desc / 2u);
}

void
srnic_rxq_free(struct srnic_rxq *rxq)
{
	if (rxq == NULL)
		return;
	rte_memzone_free(rxq->mz);
	rte_free(rxq->sw_ring);
	rte_free(rxq);
}

int
srnic_rxq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	static const struct rte_eth_rxconf defaults;
	char mz_name[RTE_MEMZONE_NAMESIZE];
	struct srnic_rxq *rxq;
	uint32_t buf_size;
	int ret;

	ret = srnic_queue_setup_check(port, "RX", qid, port->nb_rxq, nb_desc);
	if (ret < 0)
		return ret;
	ret = buffer_size(port, mp, &buf_size);
	if (ret < 0)
		return ret;
	if (conf == NULL)
		conf = &defaults;
	if (conf->rx_free_thresh >= nb_desc) {
		SRNIC_INIT_LOG(ERR, port, "RX free_thresh %u must be below the ring size %u",
			conf->rx_free_thresh, nb_desc);
		return -EINVAL;
	}
	srnic_rxq_free(port->rxq[qid]);
	port->rxq[qid] = NULL;

	rxq = rte_zmalloc_socket("srnic_rxq", sizeof(*rxq), RTE_CACHE_LINE_SIZE, socket_id);
	if (rxq == NULL)
		goto nomem;
	rxq->sw_ring = rte_zmalloc_socket("srnic_rx_sw", sizeof(rxq->sw_ring[0]) * nb_desc,
		RTE_CACHE_LINE_SIZE, socket_id);
	snprintf(mz_name, sizeof(mz_name), "srnic_rxr_%u_%u", port->port_id, qid);
	rxq->mz = rte_memzone_reserve_aligned(mz_name, sizeof(union igb_rx_desc) * nb_desc,
		socket_id, RTE_MEMZONE_IOVA_CONTIG, IGB_RING_BASE_ALIGN);
	if (rxq->sw_ring == NULL || rxq->mz == NULL)
		goto nomem;
	rxq->ring = rxq->mz->addr;
	rxq->ring_iova = rxq->mz->iova;
	rxq->rdt = srnic_reg_addr(port->bar, IGB_VF_RDT(qid));
	rxq->mp = mp;
	rxq->mbuf_initializer = mbuf_initializer(port->port_id);
	rxq->nb_desc = nb_desc;
	rxq->free_thresh = conf->rx_free_thresh ? conf->rx_free_thresh :
		default_free_thresh(nb_desc, mp);
	rxq->port_id = port->port_id;
	rxq->queue_id = qid;
	rxq->buf_size = buf_size;
	rxq->max_segs = (uint16_t)((IGB_MAX_FRAME_LEN + buf_size - 1) / buf_size);
	rxq->drop_en = conf->rx_drop_en != 0;
	rxq->pthresh = conf->rx_thresh.pthresh ? conf->rx_thresh.pthresh :
		IGB_RXDCTL_PTHRESH_DEFAULT;
	rxq->hthresh = conf->rx_thresh.hthresh ? conf->rx_thresh.hthresh :
		IGB_RXDCTL_HTHRESH_DEFAULT;
	/* 82576 erratum 26: write-back threshold above 1 is unsafe. */
	rxq->wthresh = 1;
	port->rxq[qid] = rxq;
	return 0;
nomem:
	SRNIC_INIT_LOG(ERR, port, "RX queue %u: out of memory for %u descriptors on socket %d "
		"(reserve more hugepages)", qid, nb_desc, socket_id);
	srnic_rxq_free(rxq);
	return -ENOMEM;
}

int
srnic_queue_disable(const struct srnic_bar *bar, uint32_t dctl_reg)
{
	uint64_t deadline = rte_get_timer_cycles() +
		(uint64_t)SRNIC_QUEUE_STOP_TIMEOUT_US * rte_get_timer_hz() / 1000000;

	srnic_write32(bar, dctl_reg, srnic_read32(bar, dctl_reg) & ~IGB_DCTL_ENABLE);
	while (srnic_read32(bar, dctl_reg) & IGB_DCTL_ENABLE) {
		if (rte_get_timer_cycles() >= deadline)
			return -ETIMEDOUT;
		rte_delay_us_sleep(100);
	}
	return 0;
}

static int
fill_ring(struct srnic_port *port, struct srnic_rxq *rxq)
{
	uint16_t i;

	if (rte_mempool_get_bulk(rxq->mp, (void **)rxq->sw_ring, rxq->nb_desc) < 0) {
		SRNIC_INIT_LOG(ERR, port, "RX queue %u needs %u mbufs but mempool %s has %u "
			"free: create it with more mbufs", rxq->queue_id, rxq->nb_desc,
			rxq->mp->name, rte_mempool_avail_count(rxq->mp));
		return -ENOMEM;
	}
	for (i = 0; i < rxq->nb_desc; i++)
		srnic_rxq_fill_desc(rxq, i, rxq->sw_ring[i]);
	return 0;
}

int
srnic_rxq_start(struct srnic_port *port, struct srnic_rxq *rxq)
{
	const struct srnic_bar *bar = port->bar;
	uint16_t q = rxq->queue_id;
	uint32_t srrctl, dctl;
	int ret;

	if (rxq->held_by_nic) {
		SRNIC_INIT_LOG(ERR, port, "RX queue %u did not stop last time and may still be "
			"in use by the NIC: call rte_eth_dev_reset() first", q);
		return -EIO;
	}
	srnic_queue_disable(bar, IGB_VF_RXDCTL(q));
	srnic_write32(bar, IGB_VF_RDBAL(q), (uint32_t)rxq->ring_iova);
	srnic_write32(bar, IGB_VF_RDBAH(q), (uint32_t)(rxq->ring_iova >> 32));
	srnic_write32(bar, IGB_VF_RDLEN(q), rxq->nb_desc * sizeof(union igb_rx_desc));
	srrctl = (rxq->buf_size >> IGB_SRRCTL_BSIZEPKT_SHIFT) | IGB_SRRCTL_DESCTYPE_ADV_ONEBUF;
	if (rxq->drop_en)
		srrctl |= IGB_SRRCTL_DROP_EN;
	srnic_write32(bar, IGB_VF_SRRCTL(q), srrctl);
	srnic_write32(bar, IGB_VF_RDH(q), 0);
	srnic_write32(bar, IGB_VF_RDT(q), 0);

	ret = fill_ring(port, rxq);
	if (ret < 0)
		return ret;
	rxq->next = 0;
	rxq->nb_hold = 0;
	rxq->nombuf_seen = 0;
	rxq->pkt_first = NULL;
	rxq->pkt_last = NULL;
	rxq->discard_to_eop = false;
	rxq->ol_flags_mask = port->rx_offloads;

	dctl = srnic_read32(bar, IGB_VF_RXDCTL(q)) & IGB_DCTL_RESERVED_MASK;
	dctl |= (rxq->pthresh & IGB_DCTL_THRESH_MASK) << IGB_DCTL_PTHRESH_SHIFT;
	dctl |= (rxq->hthresh & IGB_DCTL_THRESH_MASK) << IGB_DCTL_HTHRESH_SHIFT;
	dctl |= (rxq->wthresh & IGB_DCTL_THRESH_MASK) << IGB_DCTL_WTHRESH_SHIFT;
	srnic_write32(bar, IGB_VF_RXDCTL(q), dctl | IGB_DCTL_ENABLE);
	/* Hand the NIC all descriptors but one: with RDT == RDH the ring would
	 * read as empty. srnic_write32 orders the descriptor writes first. */
	srnic_write32(bar, IGB_VF_RDT(q), rxq->nb_desc - 1);
	return 0;
}

void
srnic_rxq_release_mbufs(struct srnic_rxq *rxq)
{
	uint16_t i, held_from;

	/* The nb_hold slots before next were handed to the app (or sit in the
	 * scatter chain); every other slot still owns the mbuf it was given,
	 * unless a fill failed and left it empty. */
	held_from = (uint16_t)((rxq->next + rxq->nb_desc - rxq->nb_hold) % rxq->nb_desc);
	for (i = 0; i < rxq->nb_desc; i++) {
		uint16_t age = (uint16_t)((i + rxq->nb_desc - held_from) % rxq->nb_desc);

		if (age >= rxq->nb_hold && rxq->sw_ring[i] != NULL)
			rte_mbuf_raw_free(rxq->sw_ring[i]);
		rxq->sw_ring[i] = NULL;
	}
	if (rxq->pkt_first != NULL) {
		rte_pktmbuf_free(rxq->pkt_first);
		rxq->pkt_first = NULL;
		rxq->pkt_last = NULL;
	}
	rxq->nb_hold = 0;
	rxq->held_by_nic = false;
}

int
srnic_rxq_stop(struct srnic_port *port, struct srnic_rxq *rxq)
{
	if (srnic_queue_disable(port->bar, IGB_VF_RXDCTL(rxq->queue_id)) < 0) {
		/* Freed buffers could still be written by the NIC: keep them
		 * until a VF reset has ended its DMA. */
		SRNIC_DRV_LOG(ERR, port, "RX queue %u did not stop within %u ms; its %u buffers "
			"stay with the NIC until rte_eth_dev_reset()", rxq->queue_id,
			SRNIC_QUEUE_STOP_TIMEOUT_US / 1000, rxq->nb_desc);
		rxq->held_by_nic = true;
		srnic_mark_reset_needed(port, "an RX queue did not stop");
		return -ETIMEDOUT;
	}
	srnic_rxq_release_mbufs(rxq);
	return 0;
}
