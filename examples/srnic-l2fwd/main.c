/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-l2fwd: the smallest useful NFV app on srnic. Its ports are the
 * ethdev ports EAL probed, in port id order, paired (0<->1, 2<->3); each
 * frame received on a port leaves through its pair, with the pair's MAC as
 * source and that port's destination MAC.
 *
 * Usage: srnic-l2fwd [EAL options] -a VF -a VF ... -- [-d PORT,MAC]...
 *        [-T SECONDS] [--vfs-from-env[=NAME]]
 *   -a   (EAL) a VF to use, bound to vfio-pci; one -a per VF
 *   --vfs-from-env  the VFs of a Kubernetes SR-IOV device plugin variable
 *        (PCIDEVICE_..., or the only one), each given to EAL as -a
 *   -d   destination MAC of frames leaving PORT (default 02:00:00:00:00:PORT)
 *   -T   stop after this many seconds (default: until SIGINT/SIGTERM)
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
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

			n = rte_eth_rx_burst(port_ids[p], 0, pkts, BURST);
			if (n == 0)
				continue;
			for (i = 0; i < n; i++) {
				struct rte_ether_hdr *eth =
					rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);

				eth->dst_addr = dests[out];
				eth->src_addr = macs[out];
			}
			sent = rte_eth_tx_burst(port_ids[out], 0, pkts, n);
			forwarded[p] += sent;
			if (sent < n) {
				dropped[p] += n - sent;
				rte_pktmbuf_free_bulk(pkts + sent, n - sent);
			}
		}
	}
	return 0;
}

/* Port index @p (ethdev port port_ids[p]): one queue pair, started. */
static int
open_port(uint16_t p, struct rte_mempool *mp)
{
	uint16_t id = port_ids[p];
	int socket = rte_eth_dev_socket_id(id);
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_configure(id, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(id, 0, RING, socket, NULL, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(id, 0, RING, socket, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(id);
	if (ret == 0)
		ret = rte_eth_macaddr_get(id, &macs[p]);
	return ret;
}

/* Longest -T: a year, as srnic-testpmd's --duration. */
#define MAX_SECONDS	(86400u * 365)

static void
usage(const char *prog)
{
	printf("usage: %s [EAL options] -a VF -a VF... -- [-d PORT,MAC]... [-T SECONDS] "
		"[" RTE_PMD_SRNIC_VFS_FROM_ENV_OPT "[=NAME]]\n", prog);
}

/* @s as a whole decimal number in [@min, @max]: digits only. */
static int
whole_number(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

/* "PORT,MAC": the destination MAC of frames leaving PORT. */
static int
parse_dest(const char *arg)
{
	const char *comma = strchr(arg, ',');
	struct rte_ether_addr mac;
	unsigned long port;
	char num[8];

	if (comma == NULL || (size_t)(comma - arg) >= sizeof(num)) {
		fprintf(stderr, "srnic-l2fwd: -d %s: want PORT,MAC (as 1,02:00:00:00:00:01)\n",
			arg);
		return -1;
	}
	memcpy(num, arg, comma - arg);
	num[comma - arg] = '\0';
	if (whole_number(num, 0, MAX_PORTS - 1, &port) < 0) {
		fprintf(stderr, "srnic-l2fwd: -d %s: port '%s' is not a number in 0..%d\n", arg,
			num, MAX_PORTS - 1);
		return -1;
	}
	if (rte_ether_unformat_addr(comma + 1, &mac) < 0) {
		fprintf(stderr, "srnic-l2fwd: -d %s: '%s' is not a MAC address (as "
			"02:00:00:00:00:01)\n", arg, comma + 1);
		return -1;
	}
	dests[port] = mac;
	return 0;
}

/* The options after EAL's: 0, 1 for -h, or -1 with the reason said. */
static int
parse_args(int argc, char **argv, unsigned int *seconds)
{
	static const struct option long_opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long sec;
	int opt;

	for (opt = 0; opt < MAX_PORTS; opt++)
		dests[opt] = (struct rte_ether_addr){{ 0x02, 0, 0, 0, 0, (uint8_t)opt }};
	optind = 1;
	opterr = 0;	/* the reasons below name the option */
	while ((opt = getopt_long(argc, argv, ":d:T:h", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (parse_dest(optarg) < 0)
				return -1;
			break;
		case 'T':
			if (whole_number(optarg, 1, MAX_SECONDS, &sec) < 0) {
				fprintf(stderr, "srnic-l2fwd: -T %s: want a number of seconds "
					"1..%u (leave -T out to run until SIGINT)\n", optarg,
					MAX_SECONDS);
				return -1;
			}
			*seconds = (unsigned int)sec;
			break;
		case 'h':
			usage(argv[0]);
			return 1;
		case ':':
			fprintf(stderr, "srnic-l2fwd: option -%c needs a value\n", optopt);
			return -1;
		default:
			/* optopt is 0 for an unknown long option. */
			if (optopt != 0)
				fprintf(stderr, "srnic-l2fwd: unknown option '-%c' (-h lists "
					"them)\n", optopt);
			else
				fprintf(stderr, "srnic-l2fwd: unknown option '%s' (-h lists "
					"them)\n", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "srnic-l2fwd: unexpected argument '%s' (select VFs with EAL's "
			"-a ADDR before '--')\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* The ports EAL probed, in port id order; the PF of each srnic port is
 * named so the log shows where its frames go. */
static void
find_ports(void)
{
	char pf[64];
	uint16_t id;

	RTE_ETH_FOREACH_DEV(id) {
		if (nb_ports == MAX_PORTS) {
			printf("more than %d ports: using the first %d\n", MAX_PORTS, MAX_PORTS);
			break;
		}
		if (rte_pmd_srnic_get_pf_name(id, pf, sizeof(pf)) == 0)
			printf("port %u: VF of PF %s\n", nb_ports, pf);
		port_ids[nb_ports++] = id;
	}
}

int
main(int argc, char **argv)
{
	unsigned int seconds = 0, lcore;
	struct rte_mempool *mp;
	uint64_t end;
	uint16_t p;
	char err[256];
	int ret;

	/* Before EAL starts, so that it probes the VFs Kubernetes gave us. */
	if (rte_pmd_srnic_vfs_from_env(&argc, &argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "srnic-l2fwd: %s\n", err);
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
	find_ports();
	if (nb_ports == 0)
		rte_exit(EXIT_FAILURE, "no port: give EAL the VFs with -a <VF PCI address> "
			"(one -a per VF); they must be bound to vfio-pci "
			"(usertools/srnic-devbind.py --bind vfio-pci ADDR)\n");
	if (nb_ports % 2)
		rte_exit(EXIT_FAILURE, "need an even number of ports (have %u): add or drop "
			"an -a\n", nb_ports);
	mp = rte_pktmbuf_pool_create("l2fwd", nb_ports * 2 * RING + 1024, 256, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (mp == NULL)
		rte_exit(EXIT_FAILURE, "mbuf pool: %s\n", rte_strerror(rte_errno));
	for (p = 0; p < nb_ports; p++) {
		ret = open_port(p, mp);
		if (ret < 0)
			rte_exit(EXIT_FAILURE, "port %u: %s\n", p, rte_strerror(-ret));
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
		rte_eth_dev_stop(port_ids[p]);
		rte_eth_dev_close(port_ids[p]);
	}
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
