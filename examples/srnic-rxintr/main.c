/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-rxintr: the skeleton of an application that sleeps when idle, in
 * the way of DPDK's l3fwd-power. It receives on queue 0 of every port EAL
 * probed, counts and drops; once every queue came back empty IDLE_POLLS
 * times in a row it arms the queues' RX interrupts, polls once more (a
 * frame that came in between would raise no interrupt), and sleeps in
 * epoll until a queue's interrupt or a timeout wakes it.
 *
 * Usage: srnic-rxintr [EAL options] -a VF... -- [-T SECONDS]
 *        [--vfs-from-env[=NAME]]
 *   --vfs-from-env  the VFs of a Kubernetes SR-IOV device plugin variable
 *        (PCIDEVICE_..., or the only one), each given to EAL as -a
 *   -T   stop after this many seconds (default: until SIGINT/SIGTERM)
 * At the end it prints, for each port, the frames received, and how often
 * it slept and how often an interrupt woke it.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_interrupts.h>
#include <rte_mbuf.h>
#include <rte_pmd_srnic.h>

#define BURST		32
#define RING		512
#define MAX_PORTS	8
#define IDLE_POLLS	300
#define SLEEP_MS	100

static volatile bool quit;
static uint16_t port_ids[MAX_PORTS], nb_ports;
static uint64_t received[MAX_PORTS], sleeps, wakeups;

static void
on_signal(int sig)
{
	(void)sig;
	quit = true;
}

/* One pass over every port; the frames it found. */
static uint32_t
poll_ports(void)
{
	struct rte_mbuf *pkts[BURST];
	uint32_t total = 0;
	uint16_t p, n;

	for (p = 0; p < nb_ports; p++) {
		n = rte_eth_rx_burst(port_ids[p], 0, pkts, BURST);
		received[p] += n;
		total += n;
		rte_pktmbuf_free_bulk(pkts, n);
	}
	return total;
}

static void
arm(bool on)
{
	uint16_t p;

	for (p = 0; p < nb_ports; p++) {
		if (on)
			rte_eth_dev_rx_intr_enable(port_ids[p], 0);
		else
			rte_eth_dev_rx_intr_disable(port_ids[p], 0);
	}
}

static void
sleep_until_traffic(void)
{
	struct rte_epoll_event ev[MAX_PORTS];
	int n;

	arm(true);
	if (poll_ports() == 0) {
		sleeps++;
		n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, MAX_PORTS, SLEEP_MS);
		if (n > 0)
			wakeups++;
	}
	arm(false);
}

static void
receive_loop(uint64_t end)
{
	unsigned int idle = 0;

	while (!quit && rte_get_timer_cycles() < end) {
		if (poll_ports() != 0) {
			idle = 0;
		} else if (++idle >= IDLE_POLLS) {
			sleep_until_traffic();
			idle = 0;
		}
	}
}

/* Port index @p: one RX queue with its interrupt, one TX queue, started;
 * the queue's interrupt goes into this thread's epoll set. */
static int
open_port(uint16_t p, struct rte_mempool *mp)
{
	uint16_t id = port_ids[p];
	int socket = rte_eth_dev_socket_id(id);
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.rxq = 1;
	ret = rte_eth_dev_configure(id, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(id, 0, RING, socket, NULL, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(id, 0, RING, socket, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(id);
	if (ret == 0)
		ret = rte_eth_dev_rx_intr_ctl_q(id, 0, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD,
			NULL);
	return ret;
}

static int
parse_args(int argc, char **argv, unsigned int *seconds)
{
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "T:h")) != -1) {
		switch (opt) {
		case 'T':
			errno = 0;
			*seconds = (unsigned int)strtoul(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || *optarg == '-' || *seconds == 0) {
				fprintf(stderr, "srnic-rxintr: -T %s: want a number of seconds "
					"above 0\n", optarg);
				return -1;
			}
			break;
		default:
			printf("usage: %s [EAL options] -a VF... -- [-T SECONDS] "
				"[" RTE_PMD_SRNIC_VFS_FROM_ENV_OPT "[=NAME]]\n", argv[0]);
			return opt == 'h' ? 1 : -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "srnic-rxintr: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned int seconds = 0;
	struct rte_mempool *mp;
	uint16_t p, id;
	char err[256];
	int ret;

	/* Before EAL starts, so that it probes the VFs Kubernetes gave us
	 * (and so that net_srnic, not another igb VF driver, drives them). */
	if (rte_pmd_srnic_vfs_from_env(&argc, &argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "srnic-rxintr: %s\n", err);
		return 2;
	}
	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL init failed: %s\n", rte_strerror(rte_errno));
	ret = parse_args(argc - ret, argv + ret, &seconds);
	if (ret != 0)
		return ret > 0 ? 0 : 2;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	RTE_ETH_FOREACH_DEV(id) {
		if (nb_ports < MAX_PORTS)
			port_ids[nb_ports++] = id;
	}
	if (nb_ports == 0)
		rte_exit(EXIT_FAILURE, "no port: give EAL the VFs with -a <VF PCI address>; "
			"they must be bound to vfio-pci\n");
	mp = rte_pktmbuf_pool_create("rxintr", nb_ports * RING + 1024, 256, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (mp == NULL)
		rte_exit(EXIT_FAILURE, "mbuf pool: %s\n", rte_strerror(rte_errno));
	for (p = 0; p < nb_ports; p++) {
		ret = open_port(p, mp);
		if (ret < 0)
			rte_exit(EXIT_FAILURE, "port %u: cannot set it up with RX interrupts: %s\n",
				p, rte_strerror(-ret));
	}
	printf("srnic-rxintr: receiving on %u ports, sleeping when idle\n", nb_ports);
	fflush(stdout);
	receive_loop(seconds ? rte_get_timer_cycles() + seconds * rte_get_timer_hz() :
		UINT64_MAX);
	for (p = 0; p < nb_ports; p++) {
		printf("port %u: received %" PRIu64 "\n", p, received[p]);
		rte_eth_dev_stop(port_ids[p]);
		rte_eth_dev_close(port_ids[p]);
	}
	printf("slept %" PRIu64 " times, woken by an interrupt %" PRIu64 " times\n", sleeps,
		wakeups);
	/* Every mbuf comes back once the ports are closed. */
	printf("mempool: %u of %u mbufs back\n", rte_mempool_avail_count(mp), mp->size);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
