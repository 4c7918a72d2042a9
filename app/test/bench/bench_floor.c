/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest benchmark: the forwarding rate the emulated NIC allows with next to
 * no driver work, the ceiling against which srnic-testpmd and dpdk-testpmd
 * are read. Two srnic ports come up through ethdev as usual; then a loop on
 * the driver's own queue structures does the least any driver could do per
 * packet while frames circulate as in testpmd's mac forwarding (what port A
 * receives, port B sends back to A):
 *   - RX: check the done bit, give the slot its own buffer address back;
 *     one tail write per refill batch, as srnic does.
 *   - TX: descriptors are written once before the loop and never again
 *     (no RS, so the NIC never writes them back); a burst is one tail write.
 * No mbuf is allocated, freed or touched in the loop.
 *
 * The loop relies on the emulated NIC finishing a TX ring walk before the
 * tail write returns (QEMU's model does): it cannot know when the NIC is done
 * with a descriptor, so it is a measuring device for the lab, not a driver.
 *
 * Usage: bench-srnic-floor [EAL args, -a VF0 -a VF1] -- VF0 VF1 SECONDS
 * Prints "floor_pps=N" (frames received per second over both ports).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_io.h>
#include <rte_mbuf.h>

#include "srnic_dev.h"
#include "vf_util.h"

#define NB_DESC		512
#define BURST		32
#define FRAME_LEN	60	/* the NIC adds the FCS */

struct floor_port {
	uint16_t port_id;
	struct srnic_rxq *rxq;
	struct srnic_txq *txq;
	uint16_t rx_next;	/* next RX slot to look at */
	uint16_t rx_hold;	/* slots seen since the last tail write */
	uint16_t tx_tail;
};

static struct floor_port fp[2];

static void
die(const char *what, int err)
{
	fprintf(stderr, "bench-srnic-floor: %s: %s\n", what, rte_strerror(err < 0 ? -err : err));
	exit(1);
}

static void
port_open(const char *pci, struct rte_mempool *mp, struct floor_port *p)
{
	const struct vf_port_opts opts = { .nb_desc = NB_DESC };
	int ret = vf_port_open(pci, mp, &opts, &p->port_id);

	if (ret < 0)
		die(pci, ret);
	/* The queues the driver set up, as the inline burst calls find them
	 * once the port is started (ethdev installs no driver headers). */
	p->rxq = rte_eth_fp_ops[p->port_id].rxq.data[0];
	p->txq = rte_eth_fp_ops[p->port_id].txq.data[0];
	p->rx_next = p->rxq->next;
}

/* Every TX slot of @from carries the same frame, addressed to @to. */
static void
tx_ring_prepare(struct floor_port *from, struct floor_port *to, struct rte_mbuf *m)
{
	struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	uint32_t cmd = FRAME_LEN | IGB_TXD_DTYP_DATA | IGB_TXD_CMD_DEXT | IGB_TXD_CMD_IFCS |
		IGB_TXD_CMD_EOP;
	uint16_t i;

	memset(eh, 0, FRAME_LEN);
	rte_eth_macaddr_get(to->port_id, &eh->dst_addr);
	rte_eth_macaddr_get(from->port_id, &eh->src_addr);
	eh->ether_type = rte_cpu_to_be_16(0x88B5);	/* local experimental */
	for (i = 0; i < NB_DESC; i++) {
		volatile struct igb_tx_desc_data *d = &from->txq->ring[i].data;

		d->buffer_addr = rte_cpu_to_le_64(rte_mbuf_data_iova(m));
		d->cmd_type_len = rte_cpu_to_le_32(cmd);
		d->olinfo_status = rte_cpu_to_le_32((uint32_t)FRAME_LEN << IGB_TXD_PAYLEN_SHIFT);
	}
	from->tx_tail = from->txq->tail;
}

static void
tx_send(struct floor_port *p, uint16_t n)
{
	p->tx_tail = (uint16_t)((p->tx_tail + n) % NB_DESC);
	rte_io_wmb();
	rte_write32_relaxed(rte_cpu_to_le_32(p->tx_tail), p->txq->tdt);
}

/* Done slots, at most BURST, given back their buffers; the tail moves in
 * the driver's own refill batches, so both pay the same tail writes. */
static uint16_t
rx_poll(struct floor_port *p)
{
	struct srnic_rxq *q = p->rxq;
	uint16_t n;

	for (n = 0; n < BURST; n++) {
		volatile union igb_rx_desc *d = &q->ring[p->rx_next];

		if (!(rte_le_to_cpu_32(d->wb.status_error) & IGB_RXD_STAT_DD))
			break;
		srnic_rxq_fill_desc(q, p->rx_next, q->sw_ring[p->rx_next]);
		p->rx_next = (uint16_t)((p->rx_next + 1) % NB_DESC);
	}
	p->rx_hold += n;
	if (p->rx_hold >= q->free_thresh) {
		rte_io_wmb();
		rte_write32_relaxed(rte_cpu_to_le_32((p->rx_next + NB_DESC - 1) % NB_DESC), q->rdt);
		p->rx_hold = 0;
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct rte_mempool *mp;
	struct rte_mbuf *frame[2];
	uint64_t received = 0, start, end, hz;
	unsigned int secs;
	int used = rte_eal_init(argc, argv);

	if (used < 0)
		die("EAL", rte_errno);
	argc -= used;
	argv += used;
	if (argc != 4) {
		fprintf(stderr, "usage: bench-srnic-floor [EAL args, -a VF0 -a VF1] -- "
			"VF0 VF1 SECONDS\n");
		return 2;
	}
	secs = (unsigned int)atoi(argv[3]);
	/* The cache of the bench's testpmd options (--mbcache=512), which sets
	 * the same refill batch as theirs. */
	mp = rte_pktmbuf_pool_create("floor", 4095, 512, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
		SOCKET_ID_ANY);
	if (mp == NULL)
		die("mempool", rte_errno);
	port_open(argv[1], mp, &fp[0]);
	port_open(argv[2], mp, &fp[1]);
	frame[0] = rte_pktmbuf_alloc(mp);
	frame[1] = rte_pktmbuf_alloc(mp);
	if (frame[0] == NULL || frame[1] == NULL)
		die("frame", ENOMEM);
	/* What port 0 receives, port 1 sends back to port 0, and the other way. */
	tx_ring_prepare(&fp[1], &fp[0], frame[1]);
	tx_ring_prepare(&fp[0], &fp[1], frame[0]);
	/* Both VFs' links come up through the PF's mailbox after start. */
	rte_delay_ms(500);
	tx_send(&fp[1], BURST);
	tx_send(&fp[0], BURST);

	hz = rte_get_timer_hz();
	start = rte_get_timer_cycles();
	end = start + hz * secs;
	while (rte_get_timer_cycles() < end) {
		int i;

		for (i = 0; i < 2; i++) {
			uint16_t n = rx_poll(&fp[i]);

			if (n)
				tx_send(&fp[1 - i], n);
			received += n;
		}
	}
	printf("floor_pps=%.0f\n", (double)received * hz / (double)(rte_get_timer_cycles() - start));
	vf_port_close(fp[0].port_id);
	vf_port_close(fp[1].port_id);
	rte_pktmbuf_free(frame[0]);
	rte_pktmbuf_free(frame[1]);
	rte_eal_cleanup();
	return 0;
}
