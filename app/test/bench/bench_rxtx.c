/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host micro-benchmark of the software cost of librte_net_srnic's RX and TX
 * paths per packet. A test double plays the NIC (it completes descriptors
 * outside the measured region), so only the driver's own work is timed.
 *
 * Usage: bench-srnic-rxtx [rx|tx|both|symbols] [PACKETS] [BURST] [PATH]
 * Prints cycles per packet at bursts 1, 4, 8 and 32 (rdtsc), or at BURST only;
 * "symbols" prints the RX and TX burst functions PATH runs, by name.
 * PATH picks the burst functions:
 *   full           srnic_recv_pkts, srnic_xmit_pkts (what offloads need)
 *   simple         the functions a port without offloads gets at start on
 *                  this CPU, with TX fast free (testpmd asks for it)
 *   simple-refcnt  the same without fast free: TX looks at refcounts
 *   scalar, sse, avx2  one simple path by name, with fast free
 * For instructions per packet, run it under callgrind with --toggle-collect
 * on the burst function (devtools/bench-rxtx.sh does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cpuflags.h>
#include <rte_cycles.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fake_nic.h"
#include "srnic_dev.h"
#include "test_eal.h"

#define RING		512
#define FRAME_LEN	64

static struct rte_mempool *pool;
static struct fake_nic nic;
static struct srnic_port port;
static volatile uint64_t sink;
static eth_rx_burst_t rx_burst;
static eth_tx_burst_t tx_burst;

/* Every burst function a path can run, by the symbol callgrind counts in. */
static const struct {
	const void *burst;
	const char *symbol;
} symbols[] = {
	{ (const void *)srnic_recv_pkts, "srnic_recv_pkts" },
	{ (const void *)srnic_xmit_pkts, "srnic_xmit_pkts" },
	{ (const void *)srnic_recv_pkts_simple, "srnic_recv_pkts_simple" },
	{ (const void *)srnic_xmit_pkts_simple, "srnic_xmit_pkts_simple" },
#ifdef RTE_ARCH_X86
	{ (const void *)srnic_recv_pkts_vec_sse, "srnic_recv_pkts_vec_sse" },
	{ (const void *)srnic_xmit_pkts_vec_sse, "srnic_xmit_pkts_vec_sse" },
#endif
#ifdef SRNIC_VEC_AVX2
	{ (const void *)srnic_recv_pkts_vec_avx2, "srnic_recv_pkts_vec_avx2" },
	{ (const void *)srnic_xmit_pkts_vec_avx2, "srnic_xmit_pkts_vec_avx2" },
#endif
};

static const char *
symbol_of(const void *burst)
{
	size_t i;

	for (i = 0; i < RTE_DIM(symbols); i++)
		if (symbols[i].burst == burst)
			return symbols[i].symbol;
	return "?";
}

/* The burst functions and TX offloads for @path; false if unknown. */
static bool
path_select(const char *path)
{
	port.tx_offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	if (strcmp(path, "full") == 0) {
		rx_burst = srnic_recv_pkts;
		tx_burst = srnic_xmit_pkts;
		port.tx_offloads = 0;
		return true;
	}
	if (strcmp(path, "scalar") == 0) {
		rx_burst = srnic_recv_pkts_simple;
		tx_burst = srnic_xmit_pkts_simple;
		return true;
	}
#ifdef RTE_ARCH_X86
	if (strcmp(path, "sse") == 0) {
		rx_burst = srnic_recv_pkts_vec_sse;
		tx_burst = srnic_xmit_pkts_vec_sse;
		return rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_1) > 0;
	}
#endif
#ifdef SRNIC_VEC_AVX2
	if (strcmp(path, "avx2") == 0) {
		rx_burst = srnic_recv_pkts_vec_avx2;
		tx_burst = srnic_xmit_pkts_vec_avx2;
		return rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2) > 0;
	}
#endif
	if (strcmp(path, "simple-refcnt") == 0)
		port.tx_offloads = 0;
	else if (strcmp(path, "simple") != 0)
		return false;
	/* What a port without offloads gets at start on this CPU. */
	rx_burst = srnic_rx_burst_for(port.rx_offloads, NULL);
	tx_burst = srnic_tx_burst_for(port.tx_offloads, NULL);
	return true;
}

static void
port_init(void)
{
	memset(&port, 0, sizeof(port));
	snprintf(port.name, sizeof(port.name), "bench");
	port.bar = &nic.bar;
	port.configured = true;
	port.nb_rxq = 1;
	port.nb_txq = 1;
	port.mtu = 1500;
}

/* Cycles per packet of the RX burst at @burst; the NIC refills the
 * ring between measured calls. */
static double
bench_rx(uint16_t burst, uint64_t packets)
{
	static const uint8_t frame[FRAME_LEN];
	struct rte_mbuf *pkts[32];
	struct srnic_rxq *rxq;
	uint64_t done = 0, cycles = 0;

	if (srnic_rxq_create(&port, 0, RING, SOCKET_ID_ANY, NULL, pool) < 0 ||
	    srnic_rxq_start(&port, port.rxq[0]) < 0)
		exit(1);
	rxq = port.rxq[0];
	nic.rx_head[0] = 0;
	while (done < packets) {
		uint16_t i, n;
		uint64_t t0;

		while (fake_nic_rx_room(&nic, 0) > 0)
			fake_nic_rx_frame(&nic, 0, frame, FRAME_LEN, 0);
		do {
			t0 = rte_rdtsc_precise();
			n = rx_burst(rxq, pkts, burst);
			cycles += rte_rdtsc_precise() - t0;
			for (i = 0; i < n; i++)
				sink += pkts[i]->pkt_len;
			rte_pktmbuf_free_bulk(pkts, n);
			done += n;
		} while (n == burst && done < packets);
	}
	srnic_rxq_stop(&port, rxq);
	srnic_rxq_free(rxq);
	port.rxq[0] = NULL;
	return (double)cycles / done;
}

/* Cycles per packet of the TX burst at @burst, reclaim included; the
 * NIC completes what was sent after each call. */
static double
bench_tx(uint16_t burst, uint64_t packets)
{
	struct rte_mbuf *pkts[32];
	struct srnic_txq *txq;
	uint64_t done = 0, cycles = 0;

	if (srnic_txq_create(&port, 0, RING, SOCKET_ID_ANY, NULL) < 0 ||
	    srnic_txq_start(&port, port.txq[0]) < 0)
		exit(1);
	txq = port.txq[0];
	nic.tx_head[0] = 0;
	while (done < packets) {
		uint16_t i, n;
		uint64_t t0;

		if (rte_pktmbuf_alloc_bulk(pool, pkts, burst) < 0)
			exit(1);
		for (i = 0; i < burst; i++) {
			pkts[i]->data_len = FRAME_LEN;
			pkts[i]->pkt_len = FRAME_LEN;
		}
		t0 = rte_rdtsc_precise();
		n = tx_burst(txq, pkts, burst);
		cycles += rte_rdtsc_precise() - t0;
		if (n < burst)
			rte_pktmbuf_free_bulk(pkts + n, burst - n);
		done += n;
		fake_nic_tx_process(&nic, 0, NULL, 0);
	}
	srnic_txq_stop(&port, txq);
	srnic_txq_free(txq);
	port.txq[0] = NULL;
	return (double)cycles / done;
}

int
main(int argc, char **argv)
{
	static const uint16_t bursts[] = { 1, 4, 8, 32 };
	const char *what = argc > 1 ? argv[1] : "both";
	uint64_t packets = argc > 2 ? strtoull(argv[2], NULL, 0) : 2000000;
	unsigned int only = argc > 3 ? (unsigned int)atoi(argv[3]) : 0;
	const char *path = argc > 4 ? argv[4] : "simple";
	unsigned int i;

	test_eal_init("bench-srnic-rxtx");
	pool = rte_pktmbuf_pool_create("bench", 4095, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
		SOCKET_ID_ANY);
	if (pool == NULL)
		return 1;
	fake_nic_init(&nic);
	port_init();
	if (!path_select(path)) {
		fprintf(stderr, "bench-srnic-rxtx: unknown path %s, or one this CPU cannot run "
			"(full, simple, simple-refcnt, scalar, sse, avx2)\n", path);
		return 2;
	}
	if (strcmp(what, "symbols") == 0) {
		printf("%s %s\n", symbol_of((const void *)rx_burst),
			symbol_of((const void *)tx_burst));
		return 0;
	}
	for (i = 0; i < RTE_DIM(bursts); i++) {
		if (only != 0 && bursts[i] != only)
			continue;
		if (strcmp(what, "tx") != 0)
			printf("rx burst %2u: %7.1f cycles/packet\n", bursts[i],
				bench_rx(bursts[i], packets));
		if (strcmp(what, "rx") != 0)
			printf("tx burst %2u: %7.1f cycles/packet\n", bursts[i],
				bench_tx(bursts[i], packets));
	}
	fake_nic_fini(&nic);
	return 0;
}
