/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding lcores: each polls its share of the streams with the
 * current engine until told to stop.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_launch.h>
#include <rte_lcore.h>

#include "testpmd.h"

static volatile bool running;
static bool launched;
static unsigned int fwd_lcores[TP_MAX_FWD_LCORES];
static uint16_t nb_fwd_lcores;

struct lcore_work {
	uint16_t first;		/* streams [first, first + count) */
	uint16_t count;
};
static struct lcore_work work[TP_MAX_FWD_LCORES];

static int
fwd_lcore_loop(void *arg)
{
	const struct lcore_work *w = arg;
	const struct fwd_engine *eng = cur_engine;
	struct fwd_stream *fs = &streams[w->first];
	uint16_t i;

	while (running)
		for (i = 0; i < w->count; i++)
			eng->packet_fwd(&fs[i]);
	return 0;
}

/* A worker lcore forwarding may use: in --coremask when one was given. */
static bool
lcore_usable(unsigned int lc)
{
	return cfg.coremask == 0 || (lc < 64 && (cfg.coremask & (UINT64_C(1) << lc)));
}

uint16_t
fwd_lcores_available(void)
{
	unsigned int lc;
	uint16_t n = 0;

	RTE_LCORE_FOREACH_WORKER(lc)
		n += lcore_usable(lc);
	return n;
}

static int
pick_lcores(void)
{
	unsigned int lc;

	if (cfg.coremask & (UINT64_C(1) << rte_get_main_lcore())) {
		fprintf(stderr, "--coremask: lcore %u is the main lcore, which runs the prompt "
			"and statistics: leave it out\n", rte_get_main_lcore());
		return -EINVAL;
	}
	nb_fwd_lcores = 0;
	RTE_LCORE_FOREACH_WORKER(lc) {
		if (nb_fwd_lcores == cfg.nb_cores)
			break;
		if (lcore_usable(lc))
			fwd_lcores[nb_fwd_lcores++] = lc;
	}
	if (nb_fwd_lcores < cfg.nb_cores) {
		fprintf(stderr, "%u forwarding cores wanted but EAL gave %u worker lcores%s: add "
			"lcores with -l (the main lcore runs the prompt and statistics)\n",
			cfg.nb_cores, nb_fwd_lcores, cfg.coremask ? " in --coremask" : "");
		return -EINVAL;
	}
	if (nb_fwd_lcores > nb_streams)
		nb_fwd_lcores = nb_streams;	/* an lcore needs a stream */
	return 0;
}

/* Spread streams over lcores in contiguous runs, as testpmd does. */
static void
assign_streams(void)
{
	uint16_t l, first = 0;

	for (l = 0; l < nb_fwd_lcores; l++) {
		uint16_t count = nb_streams / nb_fwd_lcores + (l < nb_streams % nb_fwd_lcores);

		work[l].first = first;
		work[l].count = count;
		first += count;
	}
}

static void
send_first_burst(void)
{
	uint16_t s;
	uint32_t flow = 0;

	for (s = 0; s < nb_streams; s++) {
		struct fwd_stream *fs = &streams[s];
		struct rte_mbuf *pkts[TP_MAX_BURST];
		int n = pkt_txonly_build(ports[fs->tx_idx].tx_pool, pkts, cfg.burst, &ports[fs->tx_idx].mac,
			&cfg.peer[fs->tx_idx], cfg.txpkts, cfg.nb_txpkts, 1, &flow);

		if (n > 0)
			fwd_send(fs, pkts, (uint16_t)n);
	}
}

/* Streams, lcores and their share, from the current settings. */
static int
fwd_config_setup(void)
{
	int ret;

	cur_engine = fwd_engine_find(cfg.fwd_mode);
	ret = streams_setup();
	if (ret == 0)
		ret = pick_lcores();
	if (ret == 0)
		assign_streams();
	return ret;
}

static void
show_stream(const struct fwd_stream *fs)
{
	printf("\n  RX P=%u/Q=%u (socket %d) -> TX P=%u/Q=%u (socket %d) peer="
		RTE_ETHER_ADDR_PRT_FMT, fs->rx_idx, fs->rx_queue, ports[fs->rx_idx].socket,
		fs->tx_idx, fs->tx_queue, ports[fs->tx_idx].socket,
		RTE_ETHER_ADDR_BYTES(&cfg.peer[fs->tx_idx]));
}

static void
config_print(void)
{
	uint16_t l, s;

	printf("%s packet forwarding - ports=%u - cores=%u - streams=%u - NUMA support %s, "
		"MP allocation mode: native\n", cur_engine->name, nb_fwd_ports, nb_fwd_lcores,
		nb_streams, cfg.numa ? "enabled" : "disabled");
	for (l = 0; l < nb_fwd_lcores; l++) {
		printf("Logical Core %u (socket %u) forwards packets on %u streams:",
			fwd_lcores[l], rte_lcore_to_socket_id(fwd_lcores[l]), work[l].count);
		for (s = 0; s < work[l].count; s++)
			show_stream(&streams[work[l].first + s]);
		printf("\n");
	}
	printf("\n");
	fflush(stdout);
}

void
fwd_config_show(void)
{
	/* Rebuilding the streams would pull them from under the lcores. */
	if (!running && fwd_config_setup() < 0)
		return;
	config_print();
}

int
fwd_start(bool tx_first)
{
	uint16_t l;
	int ret;

	if (running) {
		printf("Packet forwarding already started\n");
		return 0;
	}
	for (l = 0; l < nb_fwd_ports; l++) {
		if (!ports[fwd_ports[l]].started) {
			printf("Not all ports were started: port %u is stopped (port start %u, or "
				"port reset %u after a PF reset)\n", fwd_ports[l], fwd_ports[l],
				fwd_ports[l]);
			return -EBUSY;
		}
	}
	ret = fwd_config_setup();
	if (ret < 0)
		return ret;
	config_print();
	stats_fwd_begin();
	if (tx_first)
		send_first_burst();
	running = true;
	for (l = 0; l < nb_fwd_lcores; l++)
		rte_eal_remote_launch(fwd_lcore_loop, &work[l], fwd_lcores[l]);
	launched = true;
	return 0;
}

void
fwd_stop(void)
{
	if (!launched) {
		printf("Packet forwarding not started\n");
		return;
	}
	printf("Telling cores to stop...\nWaiting for lcores to finish...\n");
	running = false;
	rte_eal_mp_wait_lcore();
	launched = false;
	stats_fwd_show();
	printf("\nDone.\n");
}

bool
fwd_is_running(void)
{
	return launched;
}

uint64_t
fwd_total_rx(void)
{
	uint64_t total = 0;
	uint16_t s;

	for (s = 0; s < nb_streams; s++)
		total += streams[s].rx_packets;
	return total;
}
