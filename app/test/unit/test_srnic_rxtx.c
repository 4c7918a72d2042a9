/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RX and TX rings of librte_net_srnic against a test double of the NIC:
 * index arithmetic, refill batching, the tail one behind, scatter, errors,
 * multi-segment TX, RS batching and reclaim, context descriptors, and that
 * every mbuf goes back to its pool.
 */
/* rte_vect_set_max_simd_bitwidth is experimental in DPDK 22.11. */
#define ALLOW_EXPERIMENTAL_API

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_cpuflags.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_vect.h>

#include "fake_nic.h"
#include "srnic_dev.h"
#include "srnic_rx_simple.h"
#include "test_eal.h"

#define POOL_SIZE	1023

static struct rte_mempool *pool;	/* 2048-byte buffers */
static struct fake_nic nic;
static struct srnic_port *port;

static int
setup(void **state)
{
	(void)state;
	fake_nic_init(&nic);
	port = calloc(1, sizeof(*port));
	snprintf(port->name, sizeof(port->name), "test");
	port->bar = &nic.bar;
	port->configured = true;
	port->nb_rxq = 1;
	port->nb_txq = 1;
	port->mtu = 1500;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	srnic_rxq_free(port->rxq[0]);
	srnic_txq_free(port->txq[0]);
	free(port);
	fake_nic_fini(&nic);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	return 0;
}

/* The simple burst paths: the scalar reference, then each vector path
 * this build has and this CPU runs. */
struct simple_path {
	const char *name;
	eth_rx_burst_t rx;
	eth_tx_burst_t tx;
};

static unsigned int
simple_paths(struct simple_path paths[3])
{
	unsigned int n = 0;

	paths[n++] = (struct simple_path){ "scalar", srnic_recv_pkts_simple,
		srnic_xmit_pkts_simple };
#ifdef RTE_ARCH_X86
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_1))
		paths[n++] = (struct simple_path){ "SSE", srnic_recv_pkts_vec_sse,
			srnic_xmit_pkts_vec_sse };
#endif
#ifdef SRNIC_VEC_AVX2
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2))
		paths[n++] = (struct simple_path){ "AVX2", srnic_recv_pkts_vec_avx2,
			srnic_xmit_pkts_vec_avx2 };
	else
		print_message("this CPU has no AVX2: its path is not compared\n");
#endif
	return n;
}

static struct srnic_rxq *
start_rxq(uint16_t nb_desc, uint16_t free_thresh)
{
	struct rte_eth_rxconf conf = { .rx_free_thresh = free_thresh };

	assert_int_equal(srnic_rxq_create(port, 0, nb_desc, SOCKET_ID_ANY, &conf, pool), 0);
	assert_int_equal(srnic_rxq_start(port, port->rxq[0]), 0);
	nic.rx_head[0] = 0;
	return port->rxq[0];
}

static struct srnic_txq *
start_txq(uint16_t nb_desc, uint16_t rs_thresh)
{
	struct rte_eth_txconf conf = { .tx_rs_thresh = rs_thresh };

	assert_int_equal(srnic_txq_create(port, 0, nb_desc, SOCKET_ID_ANY, &conf), 0);
	assert_int_equal(srnic_txq_start(port, port->txq[0]), 0);
	nic.tx_head[0] = 0;
	return port->txq[0];
}

static void
fill_pattern(uint8_t *buf, uint32_t len, uint8_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed + i * 3);
}

static void
free_all(struct rte_mbuf **m, uint16_t n)
{
	while (n-- > 0)
		rte_pktmbuf_free(m[n]);
}

static void
rx_delivers_frames_in_order_with_their_lengths(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	struct rte_mbuf *pkts[32];
	uint8_t frame[1514];
	uint16_t i, n;

	(void)state;
	for (i = 0; i < 10; i++) {
		fill_pattern(frame, 60 + i * 100, (uint8_t)i);
		assert_true(fake_nic_rx_frame(&nic, 0, frame, 60 + i * 100, 0));
	}
	n = srnic_recv_pkts(rxq, pkts, 32);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++) {
		fill_pattern(frame, 60 + i * 100, (uint8_t)i);
		assert_int_equal(pkts[i]->pkt_len, 60 + i * 100);
		assert_int_equal(pkts[i]->data_len, 60 + i * 100);
		assert_int_equal(pkts[i]->nb_segs, 1);
		assert_int_equal(pkts[i]->data_off, RTE_PKTMBUF_HEADROOM);
		assert_int_equal(rte_mbuf_refcnt_read(pkts[i]), 1);
		assert_memory_equal(rte_pktmbuf_mtod(pkts[i], void *), frame, pkts[i]->pkt_len);
	}
	assert_int_equal(rxq->packets, 10);
	free_all(pkts, n);
	srnic_rxq_stop(port, rxq);
}

static void
rx_refills_in_batches_with_the_tail_one_behind(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	struct rte_mbuf *pkts[64];
	uint8_t frame[64] = { 0 };
	uint16_t i, n;

	(void)state;
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_RDT(0)), 63);
	assert_int_equal(fake_nic_rx_room(&nic, 0), 63);
	for (i = 0; i < 31; i++)
		assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	n = srnic_recv_pkts(rxq, pkts, 64);
	assert_int_equal(n, 31);
	/* Below the threshold: no refill, no doorbell. */
	assert_int_equal(rxq->nb_hold, 31);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_RDT(0)), 63);
	assert_int_equal(fake_nic_rx_room(&nic, 0), 32);
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	free_all(pkts, n);
	n = srnic_recv_pkts(rxq, pkts, 64);
	assert_int_equal(n, 1);
	/* 32 slots refilled at once; the tail is the last one refilled. */
	assert_int_equal(rxq->nb_hold, 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_RDT(0)), 31);
	assert_int_equal(fake_nic_rx_room(&nic, 0), 63);
	free_all(pkts, n);
	srnic_rxq_stop(port, rxq);
}

static void
rx_ring_wraps_around_many_times(void **state)
{
	struct srnic_rxq *rxq = start_rxq(32, 8);
	struct rte_mbuf *pkts[8];
	uint8_t frame[100];
	uint32_t sent = 0, got = 0;
	uint16_t i, n;

	(void)state;
	while (sent < 1000) {
		for (i = 0; i < 5 && sent < 1000; i++, sent++) {
			fill_pattern(frame, sizeof(frame), (uint8_t)sent);
			assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
		}
		while ((n = srnic_recv_pkts(rxq, pkts, 8)) > 0) {
			for (i = 0; i < n; i++, got++) {
				fill_pattern(frame, sizeof(frame), (uint8_t)got);
				assert_memory_equal(rte_pktmbuf_mtod(pkts[i], void *), frame,
					sizeof(frame));
			}
			free_all(pkts, n);
		}
	}
	assert_int_equal(got, 1000);
	srnic_rxq_stop(port, rxq);
}

static void
rx_never_gives_the_nic_more_than_it_may_fill(void **state)
{
	struct srnic_rxq *rxq = start_rxq(32, 8);
	uint8_t frame[64] = { 0 };
	uint16_t i;

	(void)state;
	for (i = 0; i < 31; i++)
		assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	assert_false(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	srnic_rxq_stop(port, rxq);
}

static void
rx_counts_frame_errors_and_drops_them(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	struct rte_mbuf *pkts[8];
	uint8_t frame[64] = { 0 };
	uint16_t n;

	(void)state;
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), IGB_RXD_ERR_CE));
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), IGB_RXD_ERR_RXE));
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), IGB_RXD_ERR_L4E));
	n = srnic_recv_pkts(rxq, pkts, 8);
	/* A checksum error is not a frame error: that frame is delivered. */
	assert_int_equal(n, 2);
	assert_int_equal(rxq->errors, 2);
	assert_int_equal(rxq->err_crc, 1);
	assert_int_equal(rxq->err_frame, 1);
	free_all(pkts, n);
	srnic_rxq_stop(port, rxq);
}

static void
rx_scatter_chains_a_frame_over_several_buffers(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	static uint8_t frame[5000], back[5000];
	struct rte_mbuf *pkts[4];
	uint16_t n;

	(void)state;
	fill_pattern(frame, sizeof(frame), 7);
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	assert_true(fake_nic_rx_frame(&nic, 0, frame, 100, 0));
	n = srnic_recv_scattered_pkts(rxq, pkts, 4);
	assert_int_equal(n, 2);
	assert_int_equal(pkts[0]->nb_segs, 3);
	assert_int_equal(pkts[0]->pkt_len, 5000);
	assert_int_equal(pkts[0]->data_len, 2048);
	assert_non_null(rte_pktmbuf_read(pkts[0], 0, 5000, back));
	assert_memory_equal(rte_pktmbuf_read(pkts[0], 0, 5000, back), frame, 5000);
	assert_int_equal(pkts[1]->nb_segs, 1);
	assert_int_equal(pkts[1]->pkt_len, 100);
	free_all(pkts, n);
	srnic_rxq_stop(port, rxq);
}

/* Write back @n descriptors from @idx as the NIC would, none with EOP
 * unless @eop_last. */
static void
write_back_raw(struct srnic_rxq *rxq, uint16_t idx, uint16_t n, bool eop_last)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		volatile union igb_rx_desc *d = &rxq->ring[(idx + i) % rxq->nb_desc];
		uint32_t st = IGB_RXD_STAT_DD | (eop_last && i == n - 1 ? IGB_RXD_STAT_EOP : 0);

		d->wb.length = rte_cpu_to_le_16(2048);
		d->wb.pkt_info = 0;
		d->wb.status_error = rte_cpu_to_le_32(st);
	}
}

static void
rx_scatter_drops_a_chain_longer_than_any_frame(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	static uint8_t frame[100];
	struct rte_mbuf *pkts[8];
	uint16_t n;

	(void)state;
	/* 2048-byte buffers: a 9728-byte frame needs 5. Twenty descriptors
	 * without EOP, then one with it, are one broken packet. */
	write_back_raw(rxq, 0, 21, true);
	n = srnic_recv_scattered_pkts(rxq, pkts, 8);
	assert_int_equal(n, 0);
	assert_int_equal(rxq->errors, 1);
	assert_null(rxq->pkt_first);
	assert_false(rxq->discard_to_eop);
	/* The next frame arrives whole. */
	nic.rx_head[0] = 21;
	fill_pattern(frame, sizeof(frame), 3);
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	n = srnic_recv_scattered_pkts(rxq, pkts, 8);
	assert_int_equal(n, 1);
	assert_int_equal(pkts[0]->pkt_len, sizeof(frame));
	assert_int_equal(pkts[0]->nb_segs, 1);
	free_all(pkts, n);
	srnic_rxq_stop(port, rxq);
}

static void
rx_start_with_a_pool_smaller_than_the_ring_fails_cleanly(void **state)
{
	struct rte_mempool *small = rte_pktmbuf_pool_create("rx_small", 31, 0, 0, 2048 +
		RTE_PKTMBUF_HEADROOM, SOCKET_ID_ANY);

	(void)state;
	assert_non_null(small);
	assert_int_equal(srnic_rxq_create(port, 0, 64, SOCKET_ID_ANY, NULL, small), 0);
	assert_int_equal(srnic_rxq_start(port, port->rxq[0]), -ENOMEM);
	/* What start's error path does: stop the queue it could not fill. */
	srnic_rxq_stop(port, port->rxq[0]);
	assert_int_equal(rte_mempool_avail_count(small), 31);
	srnic_rxq_free(port->rxq[0]);
	port->rxq[0] = NULL;
	rte_mempool_free(small);
}

static void
rx_scatter_drops_a_chain_whose_last_descriptor_has_an_error(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	static uint8_t frame[5000];
	struct rte_mbuf *pkts[4];

	(void)state;
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), IGB_RXD_ERR_CE));
	assert_int_equal(srnic_recv_scattered_pkts(rxq, pkts, 4), 0);
	assert_int_equal(rxq->errors, 1);
	srnic_rxq_stop(port, rxq);
}

static void
rx_reports_a_stripped_vlan_tag_and_packet_type(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);
	struct rte_mbuf *pkts[2];
	uint8_t frame[64] = { 0 };

	(void)state;
	nic.rx_vlan = 42;
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), IGB_RXD_STAT_VP));
	assert_int_equal(srnic_recv_pkts(rxq, pkts, 2), 1);
	assert_true(pkts[0]->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED);
	assert_int_equal(pkts[0]->vlan_tci, 42);
	assert_int_equal(pkts[0]->packet_type, RTE_PTYPE_L2_ETHER);
	free_all(pkts, 1);
	srnic_rxq_stop(port, rxq);
}

static void
rx_stop_gives_every_mbuf_back(void **state)
{
	struct srnic_rxq *rxq = start_rxq(128, 32);
	static uint8_t frame[5000];
	struct rte_mbuf *pkts[8];

	(void)state;
	/* Leave a partly received chain and undelivered frames behind. */
	assert_true(fake_nic_rx_frame(&nic, 0, frame, 100, 0));
	assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	assert_int_equal(srnic_recv_scattered_pkts(rxq, pkts, 1), 1);
	free_all(pkts, 1);
	assert_true(rte_mempool_avail_count(pool) < POOL_SIZE - 100);
	srnic_rxq_stop(port, rxq);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static struct rte_mbuf *
make_packet(uint32_t len, uint8_t seed)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	assert_non_null(m);
	fill_pattern((uint8_t *)rte_pktmbuf_append(m, (uint16_t)len), len, seed);
	return m;
}

static void
tx_writes_one_descriptor_per_segment_and_one_doorbell(void **state)
{
	struct srnic_txq *txq = start_txq(64, 4);
	static struct fake_tx_frame out[8];
	struct rte_mbuf *pkts[5];
	uint8_t expect[300];
	uint16_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		pkts[i] = make_packet(100 + i * 50, (uint8_t)i);
	assert_int_equal(srnic_xmit_pkts(txq, pkts, 5), 5);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_TDT(0)), 5);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 8), 5);
	for (i = 0; i < 5; i++) {
		uint32_t len = 100 + i * 50;

		fill_pattern(expect, len, (uint8_t)i);
		assert_int_equal(out[i].len, len);
		assert_memory_equal(out[i].data, expect, len);
		assert_int_equal(out[i].cmd_first & (IGB_TXD_DTYP_DATA | IGB_TXD_CMD_DEXT |
			IGB_TXD_CMD_IFCS | IGB_TXD_CMD_EOP),
			IGB_TXD_DTYP_DATA | IGB_TXD_CMD_DEXT | IGB_TXD_CMD_IFCS | IGB_TXD_CMD_EOP);
		assert_int_equal(out[i].olinfo_first >> IGB_TXD_PAYLEN_SHIFT, len);
		/* One report per burst, on its last packet (5 >= rs_thresh 4). */
		assert_int_equal(!!(out[i].cmd_first & IGB_TXD_CMD_RS), i == 4);
	}
	assert_int_equal(txq->packets, 5);
	srnic_txq_stop(port, txq);
}

static void
tx_sends_a_chain_as_one_frame(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	static struct fake_tx_frame out[2];
	struct rte_mbuf *head = make_packet(1000, 1);
	uint8_t expect[3000];

	(void)state;
	rte_pktmbuf_chain(head, make_packet(1000, 2));
	rte_pktmbuf_chain(head, make_packet(1000, 3));
	fill_pattern(expect, 1000, 1);
	fill_pattern(expect + 1000, 1000, 2);
	fill_pattern(expect + 2000, 1000, 3);
	assert_int_equal(srnic_xmit_pkts(txq, &head, 1), 1);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 2), 1);
	assert_int_equal(out[0].segs, 3);
	assert_int_equal(out[0].len, 3000);
	assert_int_equal(out[0].olinfo_first >> IGB_TXD_PAYLEN_SHIFT, 3000);
	assert_false(out[0].cmd_first & IGB_TXD_CMD_EOP);
	assert_memory_equal(out[0].data, expect, 3000);
	srnic_txq_stop(port, txq);
}

/* The simple path is chosen when the app asked for no multi-segment
 * frames: a chain sent anyway stops the burst unsent (the app keeps it),
 * instead of leaving as its first segment and leaking the rest. */
static void
tx_simple_path_leaves_a_chain_unsent(void **state)
{
	static struct fake_tx_frame out[4];
	struct simple_path paths[3];
	unsigned int p, nb = simple_paths(paths);

	(void)state;
	for (p = 0; p < nb; p++) {
		struct srnic_txq *txq = start_txq(64, 32);
		struct rte_mbuf *pkts[3] = { make_packet(100, 1), make_packet(1000, 2),
			make_packet(100, 3) };

		print_message("%s\n", paths[p].name);
		rte_pktmbuf_chain(pkts[1], make_packet(1000, 4));
		assert_int_equal(paths[p].tx(txq, pkts, 3), 1);
		assert_int_equal(fake_nic_tx_process(&nic, 0, out, 4), 1);
		assert_int_equal(out[0].len, 100);
		free_all(pkts + 1, 2);
		srnic_txq_stop(port, txq);
		srnic_txq_free(txq);
		port->txq[0] = NULL;
	}
}

/* The same across the ring's end: the packets before the refused one go
 * out, the refused one and those after it stay the app's (teardown counts
 * the pool), and the next burst takes the slots they did not get. */
static void
tx_simple_refusal_across_the_ring_end(eth_tx_burst_t tx, uint64_t refused_flags,
	uint16_t refused_segs)
{
	struct srnic_txq *txq = start_txq(64, 4);
	static struct fake_tx_frame out[64];
	struct rte_mbuf *pkts[62], *burst[4];
	uint16_t i;

	for (i = 0; i < 62; i++)
		pkts[i] = make_packet(64, (uint8_t)i);
	assert_int_equal(tx(txq, pkts, 62), 62);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 64), 62);
	for (i = 0; i < 4; i++)
		burst[i] = make_packet(200, (uint8_t)(100 + i));
	/* Slots 62, 63, 0 go out; the refused one would have had slot 1. */
	burst[3]->ol_flags = refused_flags;
	burst[3]->nb_segs = refused_segs;
	assert_int_equal(tx(txq, burst, 4), 3);
	assert_int_equal(txq->tail, 1);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 64), 3);
	assert_int_equal(out[2].data[0], 102);
	burst[3]->ol_flags = 0;
	burst[3]->nb_segs = 1;
	assert_int_equal(tx(txq, &burst[3], 1), 1);
	assert_int_equal(txq->tail, 2);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 64), 1);
	assert_int_equal(out[0].len, 200);
	assert_int_equal(out[0].data[0], 103);
	srnic_txq_stop(port, txq);
	srnic_txq_free(txq);
	port->txq[0] = NULL;
}

/* Every path refuses an offload flag, and an nb_segs that is not 1 even
 * where the chain does not say so (0 is what a broken app leaves). */
static void
tx_simple_path_refusal_across_the_ring_end(void **state)
{
	struct simple_path paths[3];
	unsigned int p, nb = simple_paths(paths);

	(void)state;
	for (p = 0; p < nb; p++) {
		print_message("%s\n", paths[p].name);
		tx_simple_refusal_across_the_ring_end(paths[p].tx,
			RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM, 1);
		tx_simple_refusal_across_the_ring_end(paths[p].tx, RTE_MBUF_F_TX_VLAN, 1);
		tx_simple_refusal_across_the_ring_end(paths[p].tx, 0, 0);
		tx_simple_refusal_across_the_ring_end(paths[p].tx, 0, 2);
	}
}

static void
tx_reclaims_sent_mbufs_in_rs_batches(void **state)
{
	struct srnic_txq *txq = start_txq(128, 32);
	static struct fake_tx_frame out[1];
	struct rte_mbuf *pkts[25];
	unsigned int before;
	uint16_t b, i;

	(void)state;
	before = rte_mempool_avail_count(pool);
	/* Three bursts of 25: the report goes on packet 50, the first burst
	 * end after 32 descriptors; the last 25 wait for the next one. */
	for (b = 0; b < 3; b++) {
		for (i = 0; i < 25; i++)
			pkts[i] = make_packet(64, 0);
		assert_int_equal(srnic_xmit_pkts(txq, pkts, 25), 25);
	}
	assert_int_equal(txq->nb_free, 127 - 75);
	assert_int_equal(txq->rs_count, 1);
	assert_int_equal(txq->rs_fifo[txq->rs_head], 49);
	fake_nic_tx_process(&nic, 0, out, 0);
	srnic_txq_reclaim(txq);
	assert_int_equal(txq->nb_free, 127 - 25);
	assert_int_equal(txq->rs_count, 0);
	assert_int_equal(rte_mempool_avail_count(pool), before - 25);
	srnic_txq_stop(port, txq);
	assert_int_equal(rte_mempool_avail_count(pool), before);
}

static void
tx_fast_free_returns_mbufs_without_refcount_checks(void **state)
{
	struct srnic_txq *txq;
	static struct fake_tx_frame out[1];
	struct rte_mbuf *pkts[40];
	unsigned int before;
	uint16_t i;

	(void)state;
	port->tx_offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	txq = start_txq(128, 32);
	assert_true(txq->fast_free);
	before = rte_mempool_avail_count(pool);
	for (i = 0; i < 40; i++)
		pkts[i] = make_packet(64, 0);
	assert_int_equal(srnic_xmit_pkts(txq, pkts, 40), 40);
	fake_nic_tx_process(&nic, 0, out, 0);
	srnic_txq_reclaim(txq);
	assert_int_equal(rte_mempool_avail_count(pool), before);
	srnic_txq_stop(port, txq);
	port->tx_offloads = 0;
}

static void
tx_full_ring_takes_what_fits_and_keeps_one_slot_free(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	struct rte_mbuf *pkts[80];
	uint16_t i, n;

	(void)state;
	for (i = 0; i < 80; i++)
		pkts[i] = make_packet(64, 0);
	n = srnic_xmit_pkts(txq, pkts, 80);
	assert_int_equal(n, 63);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_TDT(0)), 63);
	free_all(pkts + n, 80 - n);
	srnic_txq_stop(port, txq);
}

static void
tx_vlan_insert_loads_a_context_once(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	static struct fake_tx_frame out[3];
	struct rte_mbuf *pkts[3];
	uint16_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		pkts[i] = make_packet(64, 0);
		pkts[i]->ol_flags = RTE_MBUF_F_TX_VLAN;
		pkts[i]->vlan_tci = i < 2 ? 42 : 43;
		pkts[i]->l2_len = 14;
	}
	assert_int_equal(srnic_xmit_pkts(txq, pkts, 3), 3);
	/* Context, data, data, context, data. */
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_TDT(0)), 5);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 3), 3);
	assert_true(out[0].had_context);
	assert_int_equal(out[0].ctx_vlan_macip >> IGB_TXCTX_VLAN_SHIFT, 42);
	assert_true(out[0].cmd_first & IGB_TXD_CMD_VLE);
	assert_false(out[1].had_context);
	assert_true(out[2].had_context);
	assert_int_equal(out[2].ctx_vlan_macip >> IGB_TXCTX_VLAN_SHIFT, 43);
	srnic_txq_stop(port, txq);
}

static void
tx_checksum_offload_sets_popts_and_the_l4_type(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	static struct fake_tx_frame out[1];
	struct rte_mbuf *m = make_packet(80, 0);

	(void)state;
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM;
	m->l2_len = 14;
	m->l3_len = 20;
	assert_int_equal(srnic_xmit_pkts(txq, &m, 1), 1);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 1), 1);
	assert_true(out[0].had_context);
	assert_int_equal(out[0].ctx_vlan_macip, 20 | (14 << IGB_TXCTX_MACLEN_SHIFT));
	assert_true(out[0].ctx_tucmd & IGB_TXCTX_TUCMD_IPV4);
	assert_true(out[0].ctx_tucmd & IGB_TXCTX_TUCMD_L4T_TCP);
	assert_true(out[0].olinfo_first & IGB_TXD_POPTS_IXSM);
	assert_true(out[0].olinfo_first & IGB_TXD_POPTS_TXSM);
	srnic_txq_stop(port, txq);
}

/* TSO: the context carries MSS and TCP header length, the first data
 * descriptor TSE and the payload length without the headers; a request
 * without an MSS is dropped and counted, and tx_prepare refuses it. */
static void
tx_tso_loads_mss_and_payload_length(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	static struct fake_tx_frame out[2];
	struct rte_mbuf *m = make_packet(1500, 0), *bad = make_packet(1500, 0);
	uint64_t errors = txq->errors;

	(void)state;
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_SEG;
	m->l2_len = 14;
	m->l3_len = 20;
	m->l4_len = 32;
	m->tso_segsz = 536;
	bad->ol_flags = m->ol_flags;
	bad->l2_len = 14;
	bad->l3_len = 20;
	bad->l4_len = 32;
	bad->tso_segsz = 0;
	assert_int_equal(srnic_prep_pkts(txq, &bad, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	assert_int_equal(srnic_xmit_pkts(txq, &m, 1), 1);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 2), 1);
	assert_true(out[0].had_context);
	assert_int_equal(out[0].ctx_mss_l4len,
		536u << IGB_TXCTX_MSS_SHIFT | 32u << IGB_TXCTX_L4LEN_SHIFT);
	assert_true(out[0].ctx_tucmd & IGB_TXCTX_TUCMD_IPV4);
	assert_true(out[0].ctx_tucmd & IGB_TXCTX_TUCMD_L4T_TCP);
	assert_true(out[0].cmd_first & IGB_TXD_CMD_TSE);
	assert_int_equal(out[0].olinfo_first >> IGB_TXD_PAYLEN_SHIFT, 1500 - 14 - 20 - 32);
	assert_true(out[0].olinfo_first & IGB_TXD_POPTS_IXSM);
	assert_true(out[0].olinfo_first & IGB_TXD_POPTS_TXSM);
	assert_int_equal(out[0].len, 1500);
	assert_int_equal(srnic_xmit_pkts(txq, &bad, 1), 1);
	assert_int_equal(txq->errors, errors + 1);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 2), 0);
	srnic_txq_stop(port, txq);
}

static void
tx_drops_and_counts_a_chain_the_nic_cannot_take(void **state)
{
	struct srnic_txq *txq = start_txq(256, 32);
	struct rte_mbuf *head = make_packet(10, 0);
	unsigned int before;
	uint16_t i;

	(void)state;
	for (i = 1; i < IGB_TX_MAX_SEGS + 5; i++)
		rte_pktmbuf_chain(head, make_packet(10, 0));
	before = rte_mempool_avail_count(pool);
	assert_int_equal(srnic_xmit_pkts(txq, &head, 1), 1);
	assert_int_equal(txq->errors, 1);
	assert_int_equal(txq->packets, 0);
	assert_int_equal(rte_mempool_avail_count(pool), before + IGB_TX_MAX_SEGS + 5);
	srnic_txq_stop(port, txq);
}

static void
tx_stop_frees_what_the_nic_never_sent(void **state)
{
	struct srnic_txq *txq = start_txq(64, 32);
	struct rte_mbuf *pkts[20];
	uint16_t i;

	(void)state;
	for (i = 0; i < 20; i++)
		pkts[i] = make_packet(64, 0);
	assert_int_equal(srnic_xmit_pkts(txq, pkts, 20), 20);
	srnic_txq_stop(port, txq);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void
queue_setup_refuses_bad_ring_sizes_and_small_buffers(void **state)
{
	struct rte_mempool *tiny = rte_pktmbuf_pool_create("tiny", 63, 0, 0,
		RTE_PKTMBUF_HEADROOM + 512, SOCKET_ID_ANY);

	(void)state;
	assert_int_equal(srnic_rxq_create(port, 0, 100, SOCKET_ID_ANY, NULL, pool), -EINVAL);
	assert_int_equal(srnic_rxq_create(port, 0, 16, SOCKET_ID_ANY, NULL, pool), -EINVAL);
	assert_int_equal(srnic_rxq_create(port, 0, 8192, SOCKET_ID_ANY, NULL, pool), -EINVAL);
	assert_int_equal(srnic_rxq_create(port, 1, 64, SOCKET_ID_ANY, NULL, pool), -EINVAL);
	assert_int_equal(srnic_rxq_create(port, 0, 64, SOCKET_ID_ANY, NULL, tiny), -EINVAL);
	assert_int_equal(srnic_rxq_create(port, 0, 64, SOCKET_ID_ANY, NULL, NULL), -EINVAL);
	assert_int_equal(srnic_txq_create(port, 0, 60, SOCKET_ID_ANY, NULL), -EINVAL);
	port->started = true;
	assert_int_equal(srnic_txq_create(port, 0, 64, SOCKET_ID_ANY, NULL), -EBUSY);
	port->started = false;
	rte_mempool_free(tiny);
}

static void
rx_default_refill_batch_fits_the_ring_and_the_mempool_cache(void **state)
{
	struct rte_mempool *cached = rte_pktmbuf_pool_create("cached", 1023, 250, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);

	(void)state;
	/* The unit pool has no cache: 32, or half a smaller ring. */
	assert_int_equal(srnic_rxq_create(port, 0, 32, SOCKET_ID_ANY, NULL, pool), 0);
	assert_int_equal(port->rxq[0]->free_thresh, 16);
	assert_int_equal(srnic_rxq_create(port, 0, 512, SOCKET_ID_ANY, NULL, pool), 0);
	assert_int_equal(port->rxq[0]->free_thresh, 32);
	/* A 250-mbuf cache allows 125; the ring would allow 256. */
	assert_int_equal(srnic_rxq_create(port, 0, 512, SOCKET_ID_ANY, NULL, cached), 0);
	assert_int_equal(port->rxq[0]->free_thresh, 125);
	assert_int_equal(srnic_rxq_create(port, 0, 128, SOCKET_ID_ANY, NULL, cached), 0);
	assert_int_equal(port->rxq[0]->free_thresh, 64);
	srnic_rxq_free(port->rxq[0]);
	port->rxq[0] = NULL;
	rte_mempool_free(cached);
}

static void
frames_beyond_a_buffer_need_scatter(void **state)
{
	struct srnic_rxq *rxq = start_rxq(64, 32);

	(void)state;
	assert_int_equal(rxq->buf_size, 2048);
	assert_int_equal(srnic_rxq_check_frame(port, rxq, 1518, 0), 0);
	assert_int_equal(srnic_rxq_check_frame(port, rxq, 3018, 0), -EINVAL);
	assert_int_equal(srnic_rxq_check_frame(port, rxq, 9018, RTE_ETH_RX_OFFLOAD_SCATTER), 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_SRRCTL(0)) & IGB_SRRCTL_BSIZEPKT_MASK, 2);
	srnic_rxq_stop(port, rxq);
}

/*
 * The simple burst paths against the full ones: the same descriptor
 * streams, in the same bursts, must give the same mbufs, counters and
 * descriptors.
 */

/* What a delivered mbuf says, without its address. */
struct rx_seen {
	uint32_t pkt_len;
	uint16_t data_len;
	uint16_t data_off;
	uint64_t ol_flags;
	uint32_t packet_type;
	uint16_t vlan_tci;
	uint16_t nb_segs;
	uint16_t port;
	uint16_t refcnt;
	uint8_t first_byte;
};

#define STREAM_FRAMES	300

/* Frame @k of the stream: its length, its status extras and pkt_info. */
static void
stream_frame(uint32_t k, uint32_t *len, uint32_t *status, uint32_t *pkt_info)
{
	static const uint32_t extras[] = {
		0, IGB_RXD_STAT_VP, IGB_RXD_STAT_IPCS | IGB_RXD_STAT_L4CS,
		IGB_RXD_STAT_L4CS | IGB_RXD_ERR_L4E, 0, IGB_RXD_STAT_VP | IGB_RXD_STAT_UDPCS,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};

	*len = 60 + (k * 37) % 1400;
	*status = extras[k % RTE_DIM(extras)];
	if (k % 23 == 5)
		*status |= IGB_RXD_ERR_CE;	/* dropped and counted */
	if (k % 29 == 7)
		*status |= IGB_RXD_ERR_RXE;
	*pkt_info = ((k % 7) << 4) | ((k % 3 == 0 ? IGB_RXD_PKTTYPE_TCP : 0) |
		(k % 2 ? IGB_RXD_PKTTYPE_IPV4 : IGB_RXD_PKTTYPE_IPV6));
	/* Past the frames checked by hand: every value of the type bits,
	 * with the bits around them (RSS type, 11 and up) set too. */
	if (k >= 8)
		*pkt_info = ((k * 37) & IGB_RXD_PKTTYPE_MASK) << IGB_RXD_PKTTYPE_SHIFT |
			(k & 0xf) | (k & 0x10 ? 0xfffff800u : 0);
}

/*
 * Run the stream through @rx on a fresh 64-slot queue in bursts of varied
 * sizes (partial groups, whole groups, across the ring's end), with the
 * NIC filling what room it has between bursts; records what arrived.
 * Returns the packets delivered.
 */
static uint32_t
run_rx_stream(eth_rx_burst_t rx, struct rte_mempool *mp, struct rx_seen *seen,
	uint64_t counters[4])
{
	static const uint16_t bursts[] = { 1, 3, 4, 5, 8, 32, 2, 7, 16, 6 };
	struct rte_eth_rxconf conf = { .rx_free_thresh = 16 };
	struct rte_mbuf *pkts[32];
	uint8_t frame[1500];
	uint32_t sent = 0, got = 0, b = 0;
	struct srnic_rxq *rxq;

	assert_int_equal(srnic_rxq_create(port, 0, 64, SOCKET_ID_ANY, &conf, mp), 0);
	assert_int_equal(srnic_rxq_start(port, port->rxq[0]), 0);
	rxq = port->rxq[0];
	nic.rx_head[0] = 0;
	while (got + rxq->errors < STREAM_FRAMES) {
		uint16_t i, n, room = fake_nic_rx_room(&nic, 0);

		for (i = 0; i < room && sent < STREAM_FRAMES && i < 40; i++, sent++) {
			uint16_t slot = nic.rx_head[0];
			uint32_t len, status, info;

			stream_frame(sent, &len, &status, &info);
			memset(frame, (int)(sent & 0xff), len);
			nic.rx_vlan = (uint16_t)(100 + sent);
			assert_true(fake_nic_rx_frame(&nic, 0, frame, len, status));
			rxq->ring[slot].wb.pkt_info = rte_cpu_to_le_32(info);
		}
		n = rx(rxq, pkts, bursts[b++ % RTE_DIM(bursts)]);
		for (i = 0; i < n; i++, got++) {
			struct rte_mbuf *m = pkts[i];

			seen[got] = (struct rx_seen){ .pkt_len = m->pkt_len,
				.data_len = m->data_len, .data_off = m->data_off,
				.ol_flags = m->ol_flags, .packet_type = m->packet_type,
				.vlan_tci = m->vlan_tci, .nb_segs = m->nb_segs, .port = m->port,
				.refcnt = rte_mbuf_refcnt_read(m),
				.first_byte = *rte_pktmbuf_mtod(m, uint8_t *) };
			/* Scribble, so a path that leaves a field alone shows
			 * (RX flags only: free looks at the others). */
			m->ol_flags = RTE_MBUF_F_RX_FDIR | RTE_MBUF_F_RX_IEEE1588_PTP;
			m->vlan_tci = 0xffff;
			m->packet_type = ~0u;
		}
		free_all(pkts, n);
	}
	counters[0] = rxq->packets;
	counters[1] = rxq->bytes;
	counters[2] = rxq->errors;
	counters[3] = rxq->err_crc;
	srnic_rxq_stop(port, rxq);
	srnic_rxq_free(rxq);
	port->rxq[0] = NULL;
	return got;
}

static void
rx_simple_paths_give_the_same_mbufs_as_the_full_path(void **state)
{
	static struct rx_seen full[STREAM_FRAMES], simple[STREAM_FRAMES];
	/* A pool with a cache: the simple refill takes from it directly. */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rx_paths", 511, 64, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	uint64_t c_full[4], c_simple[4];
	uint32_t n_full, n_simple, i;
	struct simple_path paths[3];
	unsigned int p, nb = simple_paths(paths);

	(void)state;
	assert_non_null(mp);
	n_full = run_rx_stream(srnic_recv_pkts, mp, full, c_full);
	assert_int_equal(rte_mempool_avail_count(mp), 511);
	/* 13 CRC errors (k % 23 == 5) and 11 RX errors (k % 29 == 7, none
	 * of which is also k % 23 == 5 below 300) are dropped. */
	assert_int_equal(c_full[2], 24);
	assert_int_equal(c_full[3], 13);
	assert_int_equal(n_full, STREAM_FRAMES - 24);
	for (p = 0; p < nb; p++) {
		print_message("%s\n", paths[p].name);
		n_simple = run_rx_stream(paths[p].rx, mp, simple, c_simple);
		assert_int_equal(rte_mempool_avail_count(mp), 511);
		assert_int_equal(n_simple, n_full);
		assert_memory_equal(c_simple, c_full, sizeof(c_full));
		for (i = 0; i < n_full; i++) {
			assert_int_equal(simple[i].pkt_len, full[i].pkt_len);
			assert_int_equal(simple[i].data_len, full[i].data_len);
			assert_int_equal(simple[i].data_off, RTE_PKTMBUF_HEADROOM);
			assert_int_equal(simple[i].data_off, full[i].data_off);
			assert_int_equal(simple[i].ol_flags, full[i].ol_flags);
			assert_int_equal(simple[i].packet_type, full[i].packet_type);
			assert_int_equal(simple[i].vlan_tci, full[i].vlan_tci);
			assert_int_equal(simple[i].nb_segs, 1);
			assert_int_equal(simple[i].nb_segs, full[i].nb_segs);
			assert_int_equal(simple[i].port, full[i].port);
			assert_int_equal(simple[i].refcnt, 1);
			assert_int_equal(simple[i].first_byte, full[i].first_byte);
		}
	}
	/* The stream has tags and checksum bits: no checksum flag without
	 * the offload, both VLAN flags with a tag. */
	assert_int_equal(full[1].ol_flags, RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED);
	assert_int_equal(full[1].vlan_tci, 101);
	assert_int_equal(full[2].ol_flags, 0);
	assert_int_equal(full[1].packet_type, RTE_PTYPE_L2_ETHER |
		RTE_PTYPE_L3_IPV4_EXT_UNKNOWN);
	assert_int_equal(full[3].packet_type, RTE_PTYPE_L2_ETHER |
		RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_TCP);
	rte_mempool_free(mp);
}

/* The vector paths look a type up in two 16-entry tables: together they
 * must give every type the scalar table gives. */
static void
rx_vector_type_lookup_splits_the_scalar_table_exactly(void **state)
{
	uint32_t bits;

	(void)state;
	for (bits = 0; bits <= IGB_RXD_PKTTYPE_MASK; bits++)
		assert_int_equal(srnic_rx_ptype_table[bits], RTE_PTYPE_L2_ETHER |
			srnic_rx_ptype_l3[bits & 0xf] | (uint32_t)srnic_rx_ptype_l4[bits >> 4] << 8);
	assert_int_equal(srnic_rx_ptype_table[(IGB_RXD_PKTTYPE_IPV6 | IGB_RXD_PKTTYPE_UDP) >>
		IGB_RXD_PKTTYPE_SHIFT], RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN |
		RTE_PTYPE_L4_UDP);
}

/* What a port gets: by offloads first, then by the CPU and EAL's SIMD
 * limit, and the reason it is scalar where it could have been vector. */
static void
burst_functions_follow_offloads_cpu_and_simd_limit(void **state)
{
	uint16_t saved = rte_vect_get_max_simd_bitwidth();
	const char *why;

	(void)state;
	assert_ptr_equal(srnic_rx_burst_for(RTE_ETH_RX_OFFLOAD_SCATTER, &why),
		srnic_recv_scattered_pkts);
	assert_non_null(strstr(why, "scatter"));
	assert_ptr_equal(srnic_rx_burst_for(RTE_ETH_RX_OFFLOAD_CHECKSUM, &why), srnic_recv_pkts);
	assert_non_null(strstr(why, "checksum"));
	assert_ptr_equal(srnic_tx_burst_for(RTE_ETH_TX_OFFLOAD_MULTI_SEGS, &why),
		srnic_xmit_pkts);
	assert_non_null(strstr(why, "single segments"));
	assert_string_equal(srnic_burst_name((const void *)srnic_recv_pkts), "Scalar");

	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_DISABLED), 0);
	assert_ptr_equal(srnic_rx_burst_for(0, &why), srnic_recv_pkts_simple);
	assert_string_equal(why, "EAL limits SIMD to 64 bits");
	assert_ptr_equal(srnic_tx_burst_for(RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE, &why),
		srnic_xmit_pkts_simple);
	assert_string_equal(srnic_burst_name((const void *)srnic_xmit_pkts_simple),
		"Scalar Simple");
#ifdef RTE_ARCH_X86
	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_128), 0);
	assert_ptr_equal(srnic_rx_burst_for(0, &why), srnic_recv_pkts_vec_sse);
	assert_null(why);
	assert_ptr_equal(srnic_tx_burst_for(0, &why), srnic_xmit_pkts_vec_sse);
	assert_string_equal(srnic_burst_name((const void *)srnic_recv_pkts_vec_sse),
		"Vector SSE");
#endif
#ifdef SRNIC_VEC_AVX2
	assert_int_equal(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_256), 0);
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2)) {
		assert_ptr_equal(srnic_rx_burst_for(0, &why), srnic_recv_pkts_vec_avx2);
		assert_ptr_equal(srnic_tx_burst_for(0, &why), srnic_xmit_pkts_vec_avx2);
		assert_string_equal(srnic_burst_name((const void *)srnic_xmit_pkts_vec_avx2),
			"Vector AVX2");
	} else {
		assert_ptr_equal(srnic_rx_burst_for(0, &why), srnic_recv_pkts_vec_sse);
	}
#endif
	assert_int_equal(rte_vect_set_max_simd_bitwidth(saved), 0);
}

/* Frames into a 32-slot queue whose pool runs dry: what the path
 * delivers and counts. */
static void
rx_refill_failure(eth_rx_burst_t rx, uint64_t *nombuf, uint16_t *first, uint16_t *after)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rx_dry", 40, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_eth_rxconf conf = { .rx_free_thresh = 8 };
	struct rte_mbuf *held[32], *more[32];
	uint8_t frame[64] = { 0 };
	struct srnic_rxq *rxq;
	uint16_t i;

	assert_non_null(mp);
	assert_int_equal(srnic_rxq_create(port, 0, 32, SOCKET_ID_ANY, &conf, mp), 0);
	assert_int_equal(srnic_rxq_start(port, port->rxq[0]), 0);
	rxq = port->rxq[0];
	nic.rx_head[0] = 0;
	for (i = 0; i < 31; i++)
		assert_true(fake_nic_rx_frame(&nic, 0, frame, sizeof(frame), 0));
	/* 8 spare mbufs: the first refill of 8 works, the next ones fail
	 * while the app holds what it got. */
	*first = rx(rxq, held, 32);
	*nombuf = rxq->nombuf;
	/* More polls while the pool is still dry count no slot twice: the
	 * shortage is what RX-nombuf tells, not the polling rate. */
	for (i = 0; i < 3; i++)
		assert_int_equal(rx(rxq, more, 32), 0);
	assert_int_equal(rxq->nombuf, *nombuf);
	assert_true(*nombuf <= 31);
	free_all(held, *first);
	/* Buffers are back: the next burst refills what is pending. */
	*after = rx(rxq, more, 32);
	assert_int_equal(rxq->nb_hold, 0);
	free_all(more, *after);
	srnic_rxq_stop(port, rxq);
	srnic_rxq_free(rxq);
	port->rxq[0] = NULL;
	assert_int_equal(rte_mempool_avail_count(mp), 40);
	rte_mempool_free(mp);
}

static void
rx_simple_paths_count_a_failed_refill_as_the_full_path_does(void **state)
{
	uint64_t nombuf_full, nombuf_simple;
	uint16_t first_full, first_simple, after_full, after_simple;
	struct simple_path paths[3];
	unsigned int p, nb = simple_paths(paths);

	(void)state;
	rx_refill_failure(srnic_recv_pkts, &nombuf_full, &first_full, &after_full);
	assert_int_equal(first_full, 31);
	assert_true(nombuf_full > 0);
	assert_int_equal(after_full, 0);
	for (p = 0; p < nb; p++) {
		print_message("%s\n", paths[p].name);
		rx_refill_failure(paths[p].rx, &nombuf_simple, &first_simple, &after_simple);
		assert_int_equal(nombuf_simple, nombuf_full);
		assert_int_equal(first_simple, first_full);
		assert_int_equal(after_simple, after_full);
	}
}

/*
 * @nb packets of varied lengths through @tx on a fresh 64-slot queue, in
 * bursts of varied sizes across the ring's end, the NIC completing after
 * each burst; records the frames and what each burst took.
 */
static void
run_tx_stream(eth_tx_burst_t tx, uint64_t offloads, struct fake_tx_frame *out,
	uint16_t *taken, uint32_t nb)
{
	static const uint16_t bursts[] = { 1, 3, 4, 5, 8, 32, 2, 7, 16, 6 };
	struct rte_mbuf *pkts[32];
	uint32_t sent = 0, frames = 0, b = 0;
	unsigned int before = rte_mempool_avail_count(pool);
	struct srnic_txq *txq;

	port->tx_offloads = offloads;
	txq = start_txq(64, 8);
	while (sent < nb) {
		uint16_t i, n = RTE_MIN(bursts[b % RTE_DIM(bursts)], nb - sent);

		for (i = 0; i < n; i++)
			pkts[i] = make_packet(60 + ((sent + i) * 53) % 1400, (uint8_t)(sent + i));
		taken[b] = tx(txq, pkts, n);
		free_all(pkts + taken[b], n - taken[b]);
		sent += taken[b++];
		/* Every other burst the NIC lags: the ring fills up. */
		if (b % 2 == 0)
			frames += fake_nic_tx_process(&nic, 0, out + frames, nb - frames);
	}
	frames += fake_nic_tx_process(&nic, 0, out + frames, nb - frames);
	assert_int_equal(frames, nb);
	assert_int_equal(txq->packets, nb);
	srnic_txq_reclaim(txq);
	srnic_txq_stop(port, txq);
	assert_int_equal(rte_mempool_avail_count(pool), before);
	port->tx_offloads = 0;
}

static void
tx_simple_paths_write_the_same_descriptors_as_the_full_path(void **state)
{
	static struct fake_tx_frame full[200], simple[200], simple_ff[200];
	static uint16_t taken_full[200], taken_simple[200], taken_ff[200];
	struct simple_path paths[3];
	unsigned int p, nb = simple_paths(paths);
	uint32_t i;

	(void)state;
	run_tx_stream(srnic_xmit_pkts, 0, full, taken_full, 200);
	for (p = 0; p < nb; p++) {
		print_message("%s\n", paths[p].name);
		run_tx_stream(paths[p].tx, 0, simple, taken_simple, 200);
		run_tx_stream(paths[p].tx, RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE, simple_ff,
			taken_ff, 200);
		for (i = 0; i < 200; i++) {
			uint32_t len = 60 + (i * 53) % 1400;

			assert_int_equal(full[i].len, len);
			assert_int_equal(full[i].data[0], (uint8_t)i);
			assert_int_equal(full[i].segs, 1);
			assert_int_equal(simple[i].len, full[i].len);
			assert_int_equal(simple[i].segs, 1);
			assert_int_equal(simple[i].cmd_first, full[i].cmd_first);
			assert_int_equal(simple[i].olinfo_first, full[i].olinfo_first);
			assert_memory_equal(simple[i].data, full[i].data, len);
			assert_int_equal(simple_ff[i].cmd_first, full[i].cmd_first);
			assert_int_equal(simple_ff[i].olinfo_first, full[i].olinfo_first);
			assert_memory_equal(simple_ff[i].data, full[i].data, len);
		}
		/* Same partial bursts when the ring was full. */
		assert_memory_equal(taken_simple, taken_full, sizeof(taken_full));
		assert_memory_equal(taken_ff, taken_full, sizeof(taken_full));
	}
}

static void
tx_simple_path_leaves_an_mbuf_still_referenced_to_the_app(void **state)
{
	static struct fake_tx_frame out[40];
	struct rte_mbuf *pkts[40];
	struct srnic_txq *txq = start_txq(64, 8);
	unsigned int before = rte_mempool_avail_count(pool);
	uint16_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		pkts[i] = make_packet(64, 0);
	rte_mbuf_refcnt_update(pkts[3], 1);	/* the app keeps a reference */
	assert_int_equal(srnic_xmit_pkts_simple(txq, pkts, 40), 40);
	assert_int_equal(fake_nic_tx_process(&nic, 0, out, 40), 40);
	srnic_txq_reclaim(txq);
	assert_int_equal(rte_mempool_avail_count(pool), before - 40 + 39);
	assert_int_equal(rte_mbuf_refcnt_read(pkts[3]), 1);
	rte_pktmbuf_free(pkts[3]);
	assert_int_equal(rte_mempool_avail_count(pool), before);
	srnic_txq_stop(port, txq);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(rx_delivers_frames_in_order_with_their_lengths),
		T(rx_refills_in_batches_with_the_tail_one_behind),
		T(rx_ring_wraps_around_many_times),
		T(rx_never_gives_the_nic_more_than_it_may_fill),
		T(rx_counts_frame_errors_and_drops_them),
		T(rx_scatter_chains_a_frame_over_several_buffers),
		T(rx_scatter_drops_a_chain_whose_last_descriptor_has_an_error),
		T(rx_scatter_drops_a_chain_longer_than_any_frame),
		T(rx_start_with_a_pool_smaller_than_the_ring_fails_cleanly),
		T(rx_reports_a_stripped_vlan_tag_and_packet_type),
		T(rx_stop_gives_every_mbuf_back),
		T(tx_writes_one_descriptor_per_segment_and_one_doorbell),
		T(tx_sends_a_chain_as_one_frame),
		T(tx_simple_path_leaves_a_chain_unsent),
		T(tx_simple_path_refusal_across_the_ring_end),
		T(tx_reclaims_sent_mbufs_in_rs_batches),
		T(tx_fast_free_returns_mbufs_without_refcount_checks),
		T(tx_full_ring_takes_what_fits_and_keeps_one_slot_free),
		T(tx_vlan_insert_loads_a_context_once),
		T(tx_checksum_offload_sets_popts_and_the_l4_type),
		T(tx_tso_loads_mss_and_payload_length),
		T(tx_drops_and_counts_a_chain_the_nic_cannot_take),
		T(tx_stop_frees_what_the_nic_never_sent),
		T(queue_setup_refuses_bad_ring_sizes_and_small_buffers),
		T(rx_default_refill_batch_fits_the_ring_and_the_mempool_cache),
		T(frames_beyond_a_buffer_need_scatter),
		T(rx_simple_paths_give_the_same_mbufs_as_the_full_path),
		T(rx_vector_type_lookup_splits_the_scalar_table_exactly),
		T(burst_functions_follow_offloads_cpu_and_simd_limit),
		T(rx_simple_paths_count_a_failed_refill_as_the_full_path_does),
		T(tx_simple_paths_write_the_same_descriptors_as_the_full_path),
		T(tx_simple_path_leaves_an_mbuf_still_referenced_to_the_app),
#undef T
	};

	test_eal_init("test_srnic_rxtx");
	pool = rte_pktmbuf_pool_create("unit", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
		SOCKET_ID_ANY);
	if (pool == NULL)
		return 1;
	return cmocka_run_group_tests_name("srnic_rxtx", tests, NULL, NULL);
}
