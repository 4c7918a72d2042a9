/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forward statistics, in testpmd's format: a block per stream when ports
 * have several, a block per forwarding port, and the sum of them all.
 * Port counts are the ports' own since forwarding started (or was
 * cleared); TX-dropped is what the TX rings refused.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "testpmd.h"

/* Where forward statistics and rates since the last display count from. */
static void
stats_baseline(uint16_t idx)
{
	rte_eth_stats_get(ports[idx].id, &ports[idx].at_start);
	ports[idx].last = ports[idx].at_start;
	ports[idx].last_tsc = rte_get_timer_cycles();
}

void
stats_clear(uint16_t idx)
{
	rte_eth_stats_reset(ports[idx].id);
	rte_eth_xstats_reset(ports[idx].id);
	stats_baseline(idx);
	printf("\n  NIC statistics for port %u cleared\n", idx);
}

void
stats_fwd_begin(void)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++)
		stats_baseline(i);
}

/* "clear fwd stats": counting starts again, forwarding or not. */
void
stats_fwd_clear(void)
{
	uint16_t s;

	stats_fwd_begin();
	for (s = 0; s < nb_streams; s++) {
		struct fwd_stream *fs = &streams[s];

		fs->rx_packets = fs->tx_packets = fs->fwd_dropped = fs->rx_bad = 0;
		memset(&fs->bad_csum, 0, sizeof(fs->bad_csum));
		memset(&fs->rx_bursts, 0, sizeof(fs->rx_bursts));
		memset(&fs->tx_bursts, 0, sizeof(fs->tx_bursts));
	}
}

static void
border(char c, int n)
{
	while (n-- > 0)
		putchar(c);
}

static void
stream_block(const struct fwd_stream *fs, bool csum)
{
	if (fs->rx_packets == 0 && fs->tx_packets == 0 && fs->fwd_dropped == 0)
		return;
	printf("\n  ------- Forward Stats for RX Port=%2u/Queue=%2u -> TX Port=%2u/Queue=%2u "
		"-------\n", fs->rx_idx, fs->rx_queue, fs->tx_idx, fs->tx_queue);
	printf("  RX-packets: %-14" PRIu64 " TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64,
		fs->rx_packets, fs->tx_packets, fs->fwd_dropped);
	/* testpmd continues this line with the checksum counts. */
	if (csum) {
		printf("  RX- bad IP checksum: %-14" PRIu64 "  Rx- bad L4 checksum: %-14" PRIu64
			" Rx- bad outer L4 checksum: %-14" PRIu64 "\n", fs->bad_csum.ip,
			fs->bad_csum.l4, fs->bad_csum.outer_l4);
		printf(" RX- bad outer IP checksum: %-14" PRIu64 "\n", fs->bad_csum.outer_ip);
	} else {
		printf("\n");
	}
	if (cfg.record_burst_stats) {
		burst_spread_print(stdout, "RX", &fs->rx_bursts);
		burst_spread_print(stdout, "TX", &fs->tx_bursts);
	}
}

/* What the streams of one port add up to. */
struct port_fwd {
	uint64_t tx_dropped;
	struct csum_bad bad;
	const struct fwd_stream *rx_stream;	/* its only RX and TX streams, */
	const struct fwd_stream *tx_stream;	/* when a port has one of each */
};

static void
port_fwd_sum(uint16_t idx, struct port_fwd *pf)
{
	uint16_t s;

	memset(pf, 0, sizeof(*pf));
	for (s = 0; s < nb_streams; s++) {
		const struct fwd_stream *fs = &streams[s];

		if (fs->tx_idx == idx) {
			pf->tx_dropped += fs->fwd_dropped;
			pf->tx_stream = fs;
		}
		if (fs->rx_idx == idx) {
			pf->bad.ip += fs->bad_csum.ip;
			pf->bad.l4 += fs->bad_csum.l4;
			pf->bad.outer_ip += fs->bad_csum.outer_ip;
			pf->bad.outer_l4 += fs->bad_csum.outer_l4;
			pf->rx_stream = fs;
		}
	}
}

/* The counts a port block shows and the sum adds up. */
struct fwd_counts {
	uint64_t rx;
	uint64_t rx_dropped;
	uint64_t rx_nombuf;
	uint64_t tx;
	uint64_t tx_dropped;
};

static void
counts_add(struct fwd_counts *sum, const struct fwd_counts *c)
{
	sum->rx += c->rx;
	sum->rx_dropped += c->rx_dropped;
	sum->rx_nombuf += c->rx_nombuf;
	sum->tx += c->tx;
	sum->tx_dropped += c->tx_dropped;
}

static void
rx_tx_lines(const struct fwd_counts *c, bool tx)
{
	if (!tx)
		printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 "RX-total: %" PRIu64
			"\n", c->rx, c->rx_dropped, c->rx + c->rx_dropped);
	else
		printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 "TX-total: %" PRIu64
			"\n", c->tx, c->tx_dropped, c->tx + c->tx_dropped);
}

/* A forwarding port's block, and its counts for the sum. */
static void
port_block(uint16_t idx, bool csum, bool one_stream, struct fwd_counts *c)
{
	struct rte_eth_stats st, *base = &ports[idx].at_start;
	struct port_fwd pf;
	uint64_t rx_errors;

	if (rte_eth_stats_get(ports[idx].id, &st) < 0)
		st = *base;
	port_fwd_sum(idx, &pf);
	c->rx = st.ipackets - base->ipackets;
	c->rx_dropped = st.imissed - base->imissed;
	c->rx_nombuf = st.rx_nombuf - base->rx_nombuf;
	c->tx = st.opackets - base->opackets;
	c->tx_dropped = pf.tx_dropped;
	rx_errors = st.ierrors - base->ierrors;
	printf("\n  ---------------------- Forward statistics for port %-2u "
		"----------------------\n", idx);
	rx_tx_lines(c, false);
	if (csum) {
		printf("  Bad-ipcsum: %-14" PRIu64 " Bad-l4csum: %-14" PRIu64
			"Bad-outer-l4csum: %-14" PRIu64 "\n", pf.bad.ip, pf.bad.l4, pf.bad.outer_l4);
		printf("  Bad-outer-ipcsum: %-14" PRIu64 "\n", pf.bad.outer_ip);
	}
	/* As testpmd: only when there is something to see. */
	if (rx_errors + c->rx_nombuf > 0) {
		printf("  RX-error: %" PRIu64 "\n", rx_errors);
		printf("  RX-nombufs: %-14" PRIu64 "\n", c->rx_nombuf);
	}
	rx_tx_lines(c, true);
	if (cfg.record_burst_stats && one_stream) {
		if (pf.rx_stream != NULL)
			burst_spread_print(stdout, "RX", &pf.rx_stream->rx_bursts);
		if (pf.tx_stream != NULL)
			burst_spread_print(stdout, "TX", &pf.tx_stream->tx_bursts);
	}
	printf("  ");
	border('-', 76);
	printf("\n");
}

void
stats_fwd_show(void)
{
	bool csum = cur_engine == &csum_engine, one_stream = nb_streams <= nb_fwd_ports;
	struct fwd_counts sum = { 0 };
	uint16_t s, f;

	if (!one_stream)
		for (s = 0; s < nb_streams; s++)
			stream_block(&streams[s], csum);
	for (f = 0; f < nb_fwd_ports; f++) {
		struct fwd_counts c;

		port_block(fwd_ports[f], csum, one_stream, &c);
		counts_add(&sum, &c);
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for all ports"
		"+++++++++++++++\n");
	rx_tx_lines(&sum, false);
	rx_tx_lines(&sum, true);
	if (sum.rx_nombuf > 0)
		printf("  RX-nombufs: %-14" PRIu64 "\n", sum.rx_nombuf);
	printf("  ");
	border('+', 76);
	printf("\n");
	fflush(stdout);
}
