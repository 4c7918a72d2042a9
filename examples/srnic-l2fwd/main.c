/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-l2fwd: the smallest useful NFV app on srnic. Ports are paired
 * (0<->1, 2<->3); each frame received on a port leaves through its pair,
 * with the pair's MAC as source and that port's destination MAC.
 *
 * Usage: srnic-l2fwd [EAL options, with --no-pci] -- [-p PCI,PCI...]
 *        [-d PORT,MAC]... [-T SECONDS]
 *   -p   VFs to use (default: every supported VF bound to vfio-pci)
 *   -d   destination MAC of frames leaving PORT (default 02:00:00:00:00:PORT)
 *   -T   stop after this many seconds (default: until SIGINT/SIGTERM)
 */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_pmd_srnic.h>

#define BURST		32
#define RING		512
#define MAX_PORTS	8

static volatile bool quit;
static uint16_t port_ids[MAX_PORTS], nb_ports;
static struct rte_ether_addr macs[MAX_PORTS], dests[MAX_PORTS];
static uint64_t forwarded[MAX_PORTS], dropped[MAX_PORTS];

static void
on_signal(int sig)
{
	(void)sig;
	quit = true;
}

static int
forward_loop(void *arg)
{
	struct rte_mbuf *pkts[BURST];
	uint16_t i, n, sent, p;

	(void)arg;
	while (!quit) {
		for (p = 0; p < nb_ports; p++) {
			uint16_t out = p ^ 1;

			n = srnic_rx_burst(port_ids[p], 0, pkts, BURST);
			if (n == 0)
				continue;
			for (i = 0; i < n; i++) {
				struct rte_ether_hdr *eth =
					rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);

				eth->dst_addr = dests[out];
				eth->src_addr = macs[out];
			}
			sent = srnic_tx_burst(port_ids[out], 0, pkts, n);
			forwarded[p] += sent;
			if (sent < n) {
				dropped[p] += n - sent;
				rte_pktmbuf_free_bulk(pkts + sent, n - sent);
			}
		}
	}
	return 0;
}

static int
open_port(const char *pci, uint16_t *id, struct rte_mempool *mp)
{
	int ret = pci != NULL ? srnic_dev_probe(pci, NULL, id) : 0;

	if (ret == 0)
		ret = srnic_dev_configure(*id, 1, 1, NULL);
	if (ret == 0)
		ret = srnic_rx_queue_setup(*id, 0, RING, rte_socket_id(), NULL, mp);
	if (ret == 0)
		ret = srnic_tx_queue_setup(*id, 0, RING, rte_socket_id(), NULL);
	if (ret == 0)
		ret = srnic_dev_start(*id);
	return ret;
}

static int
parse_args(int argc, char **argv, char *vfs, size_t len, unsigned int *seconds)
{
	int opt;

	for (opt = 0; opt < MAX_PORTS; opt++)
		dests[opt] = (struct rte_ether_addr){{ 0x02, 0, 0, 0, 0, (uint8_t)opt }};
	while ((opt = getopt(argc, argv, "p:d:T:h")) != -1) {
		char *comma;
		unsigned long port;

		switch (opt) {
		case 'p':
			snprintf(vfs, len, "%s", optarg);
			break;
		case 'd':
			port = strtoul(optarg, &comma, 10);
			if (*comma != ',' || port >= MAX_PORTS ||
			    rte_ether_unformat_addr(comma + 1, &dests[port]) < 0) {
				printf("-d %s: want PORT,MAC with PORT below %d\n", optarg, MAX_PORTS);
				return -1;
			}
			break;
		case 'T':
			*seconds = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			printf("usage: %s [EAL options] -- [-p PCI,PCI...] [-d PORT,MAC]... "
				"[-T SECONDS]\n", argv[0]);
			return opt == 'h' ? 1 : -1;
		}
	}
	return 0;
}

static int
probe_ports(char *vfs)
{
	char *save = NULL, *tok;
	int n;

	if (vfs[0] == '\0') {
		n = srnic_dev_scan(port_ids, MAX_PORTS, NULL);
		return n < 0 ? n : (nb_ports = (uint16_t)n, 0);
	}
	for (tok = strtok_r(vfs, ",", &save); tok != NULL && nb_ports < MAX_PORTS;
	     tok = strtok_r(NULL, ",", &save)) {
		if (srnic_dev_probe(tok, NULL, &port_ids[nb_ports]) < 0)
			return -rte_errno;
		nb_ports++;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char vfs[512] = "";
	unsigned int seconds = 0, lcore;
	struct rte_mempool *mp;
	uint64_t end;
	uint16_t p;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL init failed: %s\n", rte_strerror(rte_errno));
	ret = parse_args(argc - ret, argv + ret, vfs, sizeof(vfs), &seconds);
	if (ret != 0)
		return ret > 0 ? 0 : 2;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (probe_ports(vfs) < 0 || nb_ports < 2 || nb_ports % 2)
		rte_exit(EXIT_FAILURE, "need an even number of VFs (have %u); see the lines "
			"above\n", nb_ports);
	mp = rte_pktmbuf_pool_create("l2fwd", nb_ports * 2 * RING + 1024, 256, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (mp == NULL)
		rte_exit(EXIT_FAILURE, "mbuf pool: %s\n", rte_strerror(rte_errno));
	for (p = 0; p < nb_ports; p++) {
		if (open_port(NULL, &port_ids[p], mp) < 0)
			rte_exit(EXIT_FAILURE, "port %u: %s\n", p, rte_strerror(rte_errno));
		srnic_mac_addr_get(port_ids[p], &macs[p]);
	}
	lcore = rte_get_next_lcore(-1, 1, 0);
	if (lcore >= RTE_MAX_LCORE)
		rte_exit(EXIT_FAILURE, "give EAL a worker lcore (-l 0-1)\n");
	rte_eal_remote_launch(forward_loop, NULL, lcore);
	printf("srnic-l2fwd: forwarding between %u ports\n", nb_ports);
	end = seconds ? rte_get_timer_cycles() + seconds * rte_get_timer_hz() : UINT64_MAX;
	while (!quit && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(100000);
	quit = true;
	rte_eal_wait_lcore(lcore);
	for (p = 0; p < nb_ports; p++) {
		printf("port %u: forwarded %" PRIu64 " dropped %" PRIu64 "\n", p, forwarded[p],
			dropped[p]);
		srnic_dev_close(port_ids[p]);
	}
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
