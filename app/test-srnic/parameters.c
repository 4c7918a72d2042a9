/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Options after EAL's "--", parsed with getopt_long. No EAL call here, so
 * the unit tests can parse without a running EAL.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_pci.h>

#include "testpmd.h"

enum {
	OPT_NB_CORES = 256, OPT_RXQ, OPT_TXQ, OPT_RXD, OPT_TXD, OPT_BURST, OPT_MBCACHE,
	OPT_TOTAL_MBUFS, OPT_MBUF_SIZE, OPT_FWD_MODE, OPT_ETH_PEER, OPT_TOPOLOGY, OPT_TXPKTS,
	OPT_TX_FIRST, OPT_STATS_PERIOD, OPT_MAX_PKTS, OPT_DURATION, OPT_AUTO_START,
	OPT_ATTACH, OPT_MTU, OPT_SCATTER, OPT_NO_PROMISC, OPT_ICMP_IP, OPT_FLOWS, OPT_HELP,
	OPT_RXFREET, OPT_TXFREET, OPT_TXRST, OPT_TX_PPS, OPT_PF, OPT_NUMA, OPT_NO_NUMA,
	OPT_SOCKET_NUM, OPT_PORT_NUMA, OPT_RING_NUMA, OPT_PORTMASK, OPT_NB_PORTS, OPT_COREMASK,
	OPT_CMDLINE_FILE, OPT_MAX_PKT_LEN, OPT_DISABLE_RSS, OPT_BURST_STATS, OPT_MULTI_FLOW,
};

static const struct option long_opts[] = {
	{ "pf", required_argument, NULL, OPT_PF },
	{ "attach", required_argument, NULL, OPT_ATTACH },
	{ "nb-cores", required_argument, NULL, OPT_NB_CORES },
	{ "rxq", required_argument, NULL, OPT_RXQ },
	{ "txq", required_argument, NULL, OPT_TXQ },
	{ "rxd", required_argument, NULL, OPT_RXD },
	{ "txd", required_argument, NULL, OPT_TXD },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "rxfreet", required_argument, NULL, OPT_RXFREET },
	{ "txfreet", required_argument, NULL, OPT_TXFREET },
	{ "txrst", required_argument, NULL, OPT_TXRST },
	{ "tx-pps", required_argument, NULL, OPT_TX_PPS },
	{ "mbcache", required_argument, NULL, OPT_MBCACHE },
	{ "total-num-mbufs", required_argument, NULL, OPT_TOTAL_MBUFS },
	{ "mbuf-size", required_argument, NULL, OPT_MBUF_SIZE },
	{ "mtu", required_argument, NULL, OPT_MTU },
	{ "enable-scatter", no_argument, NULL, OPT_SCATTER },
	{ "forward-mode", required_argument, NULL, OPT_FWD_MODE },
	{ "eth-peer", required_argument, NULL, OPT_ETH_PEER },
	{ "port-topology", required_argument, NULL, OPT_TOPOLOGY },
	{ "txpkts", required_argument, NULL, OPT_TXPKTS },
	{ "tx-first", no_argument, NULL, OPT_TX_FIRST },
	{ "stats-period", required_argument, NULL, OPT_STATS_PERIOD },
	{ "max-pkts", required_argument, NULL, OPT_MAX_PKTS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "interactive", no_argument, NULL, 'i' },
	{ "auto-start", no_argument, NULL, OPT_AUTO_START },
	{ "no-promisc", no_argument, NULL, OPT_NO_PROMISC },
	{ "icmp-ip", required_argument, NULL, OPT_ICMP_IP },
	{ "flowgen-flows", required_argument, NULL, OPT_FLOWS },
	{ "numa", no_argument, NULL, OPT_NUMA },
	{ "no-numa", no_argument, NULL, OPT_NO_NUMA },
	{ "socket-num", required_argument, NULL, OPT_SOCKET_NUM },
	{ "port-numa-config", required_argument, NULL, OPT_PORT_NUMA },
	{ "ring-numa-config", required_argument, NULL, OPT_RING_NUMA },
	{ "portmask", required_argument, NULL, OPT_PORTMASK },
	{ "nb-ports", required_argument, NULL, OPT_NB_PORTS },
	{ "coremask", required_argument, NULL, OPT_COREMASK },
	{ "cmdline-file", required_argument, NULL, OPT_CMDLINE_FILE },
	{ "max-pkt-len", required_argument, NULL, OPT_MAX_PKT_LEN },
	{ "disable-rss", no_argument, NULL, OPT_DISABLE_RSS },
	{ "record-burst-stats", no_argument, NULL, OPT_BURST_STATS },
	{ "txonly-multi-flow", no_argument, NULL, OPT_MULTI_FLOW },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

void
app_usage(const char *prog)
{
	printf("Usage: %s [EAL options] -- [options]\n"
	"  Ports are the ethdev ports EAL probed, in port id order: select VFs\n"
	"  with EAL's -a ADDR (one -a per VF, bound to vfio-pci), VF token with\n"
	"  EAL's --vfio-vf-token.\n"
	"  --vfs-from-env[=NAME]     add -a ADDR to EAL's options for every VF in\n"
	"                            the Kubernetes SR-IOV device plugin's variable\n"
	"                            NAME (PCIDEVICE_... or the resource name; no NAME:\n"
	"                            the only PCIDEVICE_* variable)\n"
	"  --pf=ADDR[,ADDR...]       PFs the 'set vf' commands act on (PF index = order)\n"
	"  --attach=ADDR[,ADDR...]   hot-plug these VFs once the --pf PFs are open: VFs\n"
	"                            of a vfio-pci PF this process serves (block them\n"
	"                            and the PF from EAL's probe with -b)\n"
	"  --portmask=0xM            forward on the ports whose ids are set in M\n"
	"  --nb-ports=N              forward on the first N of them (default all)\n"
	"  --nb-cores=N              forwarding lcores (default 1, or all of --coremask)\n"
	"  --coremask=0xM            forwarding lcores: EAL worker lcores set in M\n"
	"  --rxq=N --txq=N           queues per port (default 1)\n"
	"  --rxd=N --txd=N           descriptors per queue (default 512)\n"
	"  --burst=N                 packets per burst, 1..%d (default 32)\n"
	"  --rxfreet=N               refill RX rings in batches of N (driver default)\n"
	"  --txfreet=N --txrst=N     TX reclaim and report thresholds (driver default)\n"
	"  --mbcache=N               mempool cache per lcore (default 250)\n"
	"  --total-num-mbufs=N       mbufs in the pool (default: enough for every ring)\n"
	"  --mbuf-size=N             mbuf data room (default 2176)\n"
	"  --mtu=N --enable-scatter  MTU of every port; scatter for frames > one mbuf\n"
	"  --max-pkt-len=N           longest frame, 64..9724 (sets the MTU from it)\n"
	"  --disable-rss             no RSS even with --rxq > 1\n"
	"  --forward-mode=MODE       %s (default io)\n"
	"  --eth-peer=N,MAC          destination MAC for port N (mac, txonly, flowgen)\n"
	"  --port-topology=T         paired, chained or loop (default paired)\n"
	"  --txpkts=L[,L...]         segment lengths of generated packets (default 64)\n"
	"  --txonly-multi-flow       txonly: each packet the next UDP source port\n"
	"  --tx-pps=N                txonly/flowgen send N packets/s in all (default: max)\n"
	"  --tx-first                send a burst on every stream before forwarding\n"
	"  --stats-period=SEC        show port statistics every SEC seconds\n"
	"  --record-burst-stats      show how full RX and TX bursts were\n"
	"  --max-pkts=N              stop after N packets were received in total\n"
	"  --duration=SEC            stop after SEC seconds of forwarding\n"
	"  -i, --interactive         the srnic-testpmd> prompt\n"
	"  --auto-start              start forwarding at once (with -i)\n"
	"  --cmdline-file=FILE       run the prompt commands in FILE at start\n"
	"  --no-promisc              do not ask for promiscuous mode\n"
	"  --icmp-ip=N,A.B.C.D       IPv4 address port N answers in icmpecho mode\n"
	"  --flowgen-flows=N         flows flowgen cycles through (default 1024)\n"
	"  --numa / --no-numa        place each port's rings and mbufs on its socket\n"
	"                            (default) / all on --socket-num\n"
	"  --socket-num=N            socket of a port whose device has none; with\n"
	"                            --no-numa, of everything (default: main lcore's)\n"
	"  --port-numa-config=(P,S)[,(P,S)...]  port P's rings and mbufs on socket S\n"
	"  --ring-numa-config=(P,F,S)[,(P,F,S)...]  port P's RX (F=1), TX (F=2) or\n"
	"                            both (F=3) rings on socket S; RX mbufs follow\n",
	prog, TP_MAX_BURST, fwd_engine_names());
}

void
app_config_defaults(struct app_config *c)
{
	memset(c, 0, sizeof(*c));
	c->nb_cores = 1;
	c->nb_rxq = 1;
	c->nb_txq = 1;
	c->nb_rxd = 512;
	c->nb_txd = 512;
	c->burst = 32;
	c->mbcache = 250;
	c->mbuf_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	c->mtu = 1500;
	snprintf(c->fwd_mode, sizeof(c->fwd_mode), "io");
	c->topology = TOPO_PAIRED;
	c->txpkts[0] = 64;
	c->nb_txpkts = 1;
	c->promisc = true;
	c->flowgen_flows = 1024;
	c->numa = true;
	c->socket_num = TP_SOCKET_UNSET;
	for (int i = 0; i < TP_MAX_PORTS; i++)
		c->port_numa[i] = c->rxring_numa[i] = c->txring_numa[i] = TP_SOCKET_UNSET;
}

static int
bad(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* A whole decimal number in [min, max]. */
static int
number(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0' || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* testpmd's masks: hexadecimal, "0x" optional, not 0. */
static int
hex_mask(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0' || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno != 0 || *end != '\0' || v == 0)
		return -EINVAL;
	*out = v;
	return 0;
}

static int
parse_mask(const char *opt, const char *arg, uint64_t *out, char *err, size_t errlen)
{
	if (hex_mask(arg, out) < 0)
		return bad(err, errlen, "--%s=%s: want a hexadecimal mask other than 0, "
			"bit N for %s N (0..63)", opt, arg,
			strcmp(opt, "portmask") == 0 ? "port id" : "lcore");
	return 0;
}

#define NUM(opt, field, min, max) do { \
	uint64_t v_; \
	if (number(optarg, (min), (max), &v_) < 0) \
		return bad(err, errlen, "--%s=%s: want a number from %" PRIu64 " to %" \
			PRIu64, (opt), optarg, (uint64_t)(min), (uint64_t)(max)); \
	c->field = v_; \
} while (0)

/* A comma list of PCI addresses into @list (at most @max). */
static int
parse_addrs(const char *opt, const char *arg, char (*list)[TP_NAME_LEN], uint16_t *nb,
	uint16_t max, char *err, size_t errlen)
{
	char buf[1024], *save = NULL, *tok;
	struct rte_pci_addr addr;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (*nb == max)
			return bad(err, errlen, "--%s: at most %u addresses", opt, max);
		if (strlen(tok) >= TP_NAME_LEN || rte_pci_addr_parse(tok, &addr) < 0)
			return bad(err, errlen, "--%s: '%s' is not a PCI address (as 0000:01:10.0 "
				"or 01:10.0)", opt, tok);
		snprintf(list[(*nb)++], TP_NAME_LEN, "%s", tok);
	}
	return *nb ? 0 : bad(err, errlen, "--%s: no address given", opt);
}

/* "N,VALUE": the port number and what follows the comma. */
static int
port_and_value(const char *opt, const char *arg, uint16_t *port, const char **value,
	char *err, size_t errlen)
{
	const char *comma = strchr(arg, ',');
	char num[16];
	uint64_t p;

	if (comma == NULL || (size_t)(comma - arg) >= sizeof(num))
		return bad(err, errlen, "--%s=%s: want PORT,VALUE", opt, arg);
	memcpy(num, arg, comma - arg);
	num[comma - arg] = '\0';
	if (number(num, 0, TP_MAX_PORTS - 1, &p) < 0)
		return bad(err, errlen, "--%s=%s: port must be 0..%d", opt, arg, TP_MAX_PORTS - 1);
	*port = (uint16_t)p;
	*value = comma + 1;
	return 0;
}

static int
parse_peer(const char *arg, struct app_config *c, char *err, size_t errlen)
{
	const char *mac;
	uint16_t p;
	int ret = port_and_value("eth-peer", arg, &p, &mac, err, errlen);

	if (ret < 0)
		return ret;
	if (rte_ether_unformat_addr(mac, &c->peer[p]) < 0)
		return bad(err, errlen, "--eth-peer=%s: '%s' is not a MAC address", arg, mac);
	c->peer_set[p] = true;
	return 0;
}

static int
parse_icmp_ip(const char *arg, struct app_config *c, char *err, size_t errlen)
{
	const char *ip;
	struct in_addr a;
	uint16_t p;
	int ret = port_and_value("icmp-ip", arg, &p, &ip, err, errlen);

	if (ret < 0)
		return ret;
	if (inet_pton(AF_INET, ip, &a) != 1 || a.s_addr == 0)
		return bad(err, errlen, "--icmp-ip=%s: '%s' is not an IPv4 address", arg, ip);
	c->icmp_ip[p] = a.s_addr;
	return 0;
}

static int
parse_txpkts(const char *arg, struct app_config *c, char *err, size_t errlen)
{
	char buf[256], *save = NULL, *tok;
	uint32_t total = 0;
	uint64_t v;

	snprintf(buf, sizeof(buf), "%s", arg);
	c->nb_txpkts = 0;
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (c->nb_txpkts == TP_MAX_SEGS)
			return bad(err, errlen, "--txpkts=%s: at most %d segments", arg,
				TP_MAX_SEGS);
		if (number(tok, 1, 9000, &v) < 0)
			return bad(err, errlen, "--txpkts=%s: '%s' is not a length 1..9000", arg,
				tok);
		c->txpkts[c->nb_txpkts++] = (uint16_t)v;
		total += v;
	}
	/* The first segment holds the Ethernet, IPv4 and UDP headers. */
	if (c->nb_txpkts == 0 || c->txpkts[0] < 42 || total < 60 || total > 9000)
		return bad(err, errlen, "--txpkts=%s: the first segment needs 42 bytes of "
			"headers and the packet 60..9000 bytes", arg);
	return 0;
}

static int
parse_topology(const char *arg, struct app_config *c, char *err, size_t errlen)
{
	if (strcmp(arg, "paired") == 0)
		c->topology = TOPO_PAIRED;
	else if (strcmp(arg, "chained") == 0)
		c->topology = TOPO_CHAINED;
	else if (strcmp(arg, "loop") == 0)
		c->topology = TOPO_LOOP;
	else
		return bad(err, errlen, "--port-topology=%s: want paired, chained or loop", arg);
	return 0;
}

/*
 * testpmd's tuple lists, "(a,b),(c,d)": each tuple of @nb numbers, the
 * first a port, the last a socket, any between in [1, @mid_max].
 */
static int
parse_numa_tuples(const char *opt, const char *arg, int nb, int mid_max,
	void (*apply)(struct app_config *c, const uint64_t *v), struct app_config *c,
	char *err, size_t errlen)
{
	static const uint64_t max[] = { TP_MAX_PORTS - 1, 0, RTE_MAX_NUMA_NODES - 1 };
	const char *s = arg;
	uint64_t v[3];

	do {
		const char *close;
		char buf[64], *save = NULL, *tok;
		int i = 0;

		if (*s != '(' || (close = strchr(s, ')')) == NULL ||
				(size_t)(close - s) >= sizeof(buf))
			return bad(err, errlen, "--%s=%s: want %s", opt, arg, nb == 2 ?
				"(PORT,SOCKET)[,(PORT,SOCKET)...]" :
				"(PORT,FLAG,SOCKET)[,(PORT,FLAG,SOCKET)...]");
		memcpy(buf, s + 1, close - s - 1);
		buf[close - s - 1] = '\0';
		for (tok = strtok_r(buf, ",", &save); tok != NULL && i < nb;
				tok = strtok_r(NULL, ",", &save), i++) {
			uint64_t hi = i == 0 ? max[0] : i == nb - 1 ? max[2] : (uint64_t)mid_max;

			if (number(tok, i == 0 || i == nb - 1 ? 0 : 1, hi, &v[i]) < 0)
				return bad(err, errlen, "--%s=%s: '%s' is not a %s 0..%" PRIu64,
					opt, arg, tok, i == 0 ? "port" : i == nb - 1 ?
					"socket" : "flag (1 RX, 2 TX, 3 both)", hi);
		}
		if (i != nb || tok != NULL)
			return bad(err, errlen, "--%s=%s: each tuple has %d numbers", opt, arg,
				nb);
		apply(c, v);
		s = close + 1;
	} while (*s++ == ',');
	if (s[-1] != '\0')
		return bad(err, errlen, "--%s=%s: unexpected '%s'", opt, arg, s - 1);
	return 0;
}

static void
apply_port_numa(struct app_config *c, const uint64_t *v)
{
	c->port_numa[v[0]] = (int)v[1];
}

static void
apply_ring_numa(struct app_config *c, const uint64_t *v)
{
	if (v[1] & 1)
		c->rxring_numa[v[0]] = (int)v[2];
	if (v[1] & 2)
		c->txring_numa[v[0]] = (int)v[2];
}

static int
parse_one(int opt, struct app_config *c, char *err, size_t errlen)
{
	switch (opt) {
	case OPT_PF:
		return parse_addrs("pf", optarg, c->pfs, &c->nb_pfs, TP_MAX_PFS, err, errlen);
	case OPT_ATTACH:
		return parse_addrs("attach", optarg, c->attach, &c->nb_attach, TP_MAX_PORTS,
			err, errlen);
	case OPT_NB_CORES:
		NUM("nb-cores", nb_cores, 1, TP_MAX_FWD_LCORES);
		c->nb_cores_given = true;
		break;
	case OPT_PORTMASK: return parse_mask("portmask", optarg, &c->portmask, err, errlen);
	case OPT_COREMASK: return parse_mask("coremask", optarg, &c->coremask, err, errlen);
	case OPT_NB_PORTS: NUM("nb-ports", fwd_port_limit, 1, TP_MAX_PORTS); break;
	case OPT_CMDLINE_FILE:
		if (*optarg == '\0' || strlen(optarg) >= sizeof(c->cmdline_file))
			return bad(err, errlen, "--cmdline-file: want a path of 1..%zu characters",
				sizeof(c->cmdline_file) - 1);
		snprintf(c->cmdline_file, sizeof(c->cmdline_file), "%s", optarg);
		break;
	case OPT_MAX_PKT_LEN:
		NUM("max-pkt-len", max_pkt_len, RTE_ETHER_MIN_LEN, TP_MAX_MTU + TP_FRAME_OVERHEAD);
		c->mtu = c->max_pkt_len - TP_FRAME_OVERHEAD;
		break;
	case OPT_DISABLE_RSS: c->disable_rss = true; break;
	case OPT_BURST_STATS: c->record_burst_stats = true; break;
	case OPT_MULTI_FLOW: c->txonly_multi_flow = true; break;
	case OPT_RXQ: NUM("rxq", nb_rxq, 1, TP_MAX_QUEUES); break;
	case OPT_TXQ: NUM("txq", nb_txq, 1, TP_MAX_QUEUES); break;
	case OPT_RXD: NUM("rxd", nb_rxd, 32, 4096); break;
	case OPT_TXD: NUM("txd", nb_txd, 32, 4096); break;
	case OPT_BURST: NUM("burst", burst, 1, TP_MAX_BURST); break;
	case OPT_MBCACHE: NUM("mbcache", mbcache, 0, 512); break;
	case OPT_RXFREET: NUM("rxfreet", rx_free_thresh, 1, 4095); break;
	case OPT_TXFREET: NUM("txfreet", tx_free_thresh, 1, 4095); break;
	case OPT_TXRST: NUM("txrst", tx_rs_thresh, 1, 2048); break;
	case OPT_TOTAL_MBUFS: NUM("total-num-mbufs", total_mbufs, 1024, 1u << 24); break;
	case OPT_MBUF_SIZE: NUM("mbuf-size", mbuf_size, 1024 + RTE_PKTMBUF_HEADROOM, 65535);
		break;
	case OPT_MTU:
		NUM("mtu", mtu, 68, TP_MAX_MTU);
		c->max_pkt_len = 0;	/* the last of --mtu and --max-pkt-len counts */
		break;
	case OPT_SCATTER: c->scatter = true; break;
	case OPT_FWD_MODE:
		if (fwd_engine_find(optarg) == NULL)
			return bad(err, errlen, "--forward-mode=%s: want one of %s", optarg,
				fwd_engine_names());
		snprintf(c->fwd_mode, sizeof(c->fwd_mode), "%s", optarg);
		break;
	case OPT_ETH_PEER: return parse_peer(optarg, c, err, errlen);
	case OPT_TOPOLOGY: return parse_topology(optarg, c, err, errlen);
	case OPT_TXPKTS: return parse_txpkts(optarg, c, err, errlen);
	case OPT_TX_FIRST: c->tx_first = true; break;
	case OPT_STATS_PERIOD: NUM("stats-period", stats_period, 1, 86400); break;
	case OPT_MAX_PKTS: NUM("max-pkts", max_pkts, 1, UINT64_MAX); break;
	case OPT_DURATION: NUM("duration", duration, 1, 86400 * 365); break;
	case 'i': c->interactive = true; break;
	case OPT_AUTO_START: c->auto_start = true; break;
	case OPT_NO_PROMISC: c->promisc = false; break;
	case OPT_ICMP_IP: return parse_icmp_ip(optarg, c, err, errlen);
	case OPT_FLOWS: NUM("flowgen-flows", flowgen_flows, 1, 1u << 24); break;
	case OPT_TX_PPS: NUM("tx-pps", tx_pps, 1, 1000000000); break;
	case OPT_NUMA: c->numa = true; break;
	case OPT_NO_NUMA: c->numa = false; break;
	case OPT_SOCKET_NUM: NUM("socket-num", socket_num, 0, RTE_MAX_NUMA_NODES - 1); break;
	case OPT_PORT_NUMA:
		return parse_numa_tuples("port-numa-config", optarg, 2, 0, apply_port_numa, c,
			err, errlen);
	case OPT_RING_NUMA:
		return parse_numa_tuples("ring-numa-config", optarg, 3, 3, apply_ring_numa, c,
			err, errlen);
	default: return bad(err, errlen, "unknown option (see --help)");
	}
	return 0;
}

static bool
numa_configured(const struct app_config *c)
{
	for (int i = 0; i < TP_MAX_PORTS; i++)
		if (c->port_numa[i] != TP_SOCKET_UNSET || c->rxring_numa[i] != TP_SOCKET_UNSET ||
				c->txring_numa[i] != TP_SOCKET_UNSET)
			return true;
	return false;
}

/* --coremask picks the forwarding lcores; without --nb-cores, all of them
 * forward. */
static int
check_coremask(struct app_config *c, char *err, size_t errlen)
{
	unsigned int in_mask = (unsigned int)__builtin_popcountll(c->coremask);

	if (c->coremask == 0)
		return 0;
	if (!c->nb_cores_given)
		c->nb_cores = (uint16_t)in_mask;
	else if (c->nb_cores > in_mask)
		return bad(err, errlen, "--nb-cores=%u but --coremask=0x%" PRIx64 " has %u "
			"lcores", c->nb_cores, c->coremask, in_mask);
	return 0;
}

/* A frame must fit one mbuf unless scatter is on. The VLAN tag a frame
 * may carry beyond the MTU counts too. */
static int
check_frame_fits(const struct app_config *c, char *err, size_t errlen)
{
	uint32_t frame = c->max_pkt_len ? c->max_pkt_len + RTE_VLAN_HLEN :
		(uint32_t)c->mtu + TP_FRAME_OVERHEAD + RTE_VLAN_HLEN;

	if (c->scatter || frame <= (uint32_t)(c->mbuf_size - RTE_PKTMBUF_HEADROOM))
		return 0;
	if (c->max_pkt_len)
		return bad(err, errlen, "--max-pkt-len=%u needs frames of %u bytes: add "
			"--enable-scatter or --mbuf-size=%u", c->max_pkt_len, frame,
			RTE_ALIGN_CEIL(frame, 1024) + RTE_PKTMBUF_HEADROOM);
	return bad(err, errlen, "--mtu=%u needs frames of %u bytes: add --enable-scatter "
		"or --mbuf-size=%u", c->mtu, frame,
		RTE_ALIGN_CEIL(frame, 1024) + RTE_PKTMBUF_HEADROOM);
}

/*
 * Parse app options (argv[0] is the program). 0 on success, 1 when --help
 * was given, -EINVAL with a message naming the bad value in @err.
 */
int
app_parse_args(int argc, char **argv, struct app_config *c, char *err, size_t errlen)
{
	int opt, ret;

	app_config_defaults(c);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":i", long_opts, NULL)) != -1) {
		if (opt == OPT_HELP)
			return 1;
		/* Scripts written for the old port API name their VFs this way. */
		if (opt == '?' && strncmp(argv[optind - 1], "--vfs", 5) == 0)
			return bad(err, errlen, "'%s': there is no --vfs; select VFs with EAL's "
				"-a ADDR (one per VF) before '--'", argv[optind - 1]);
		if (opt == '?')
			return bad(err, errlen, "unknown option '%s' (see --help)", argv[optind - 1]);
		if (opt == ':')
			return bad(err, errlen, "option '%s' needs a value", argv[optind - 1]);
		ret = parse_one(opt, c, err, errlen);
		if (ret < 0)
			return ret;
	}
	if (optind < argc)
		return bad(err, errlen, "unexpected argument '%s' (select VFs with EAL's -a "
			"before '--')", argv[optind]);
	if (!c->numa && numa_configured(c))
		return bad(err, errlen, "--port-numa-config and --ring-numa-config place "
			"memory per port, which --no-numa turns off: drop one of them");
	if (c->auto_start && !c->interactive)
		c->auto_start = false;	/* forwarding starts by itself without -i */
	ret = check_coremask(c, err, errlen);
	if (ret < 0)
		return ret;
	return check_frame_fits(c, err, errlen);
}
