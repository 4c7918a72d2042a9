/* SPDX-License-Identifier: BSD-3-Clause */
/* Ports (open, configure, close), their peers, and forwarding streams. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <rte_pmd_srnic.h>

#include "testpmd.h"

struct app_config cfg;
struct port_state ports[TP_MAX_PORTS];
uint16_t nb_ports;
struct fwd_stream *streams;
uint16_t nb_streams;
const struct fwd_engine *cur_engine;
uint16_t fwd_ports[TP_MAX_PORTS];
uint16_t nb_fwd_ports;

int
port_index_of(uint16_t port_id)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++)
		if (ports[i].id == port_id)
			return i;
	return -1;
}

static int
fwd_position(uint16_t idx)
{
	uint16_t i;

	for (i = 0; i < nb_fwd_ports; i++)
		if (fwd_ports[i] == idx)
			return i;
	return -1;
}

bool
port_is_fwd(uint16_t idx)
{
	return fwd_position(idx) >= 0;
}

/* The topology pairs or chains the forwarding ports in their order; a
 * port that does not forward is its own peer. */
uint16_t
port_peer(uint16_t idx)
{
	int pos = fwd_position(idx);
	uint16_t n = nb_fwd_ports;

	if (pos < 0)
		return idx;
	switch (cfg.topology) {
	case TOPO_LOOP:
		return idx;
	case TOPO_CHAINED:
		return fwd_ports[(pos + 1) % n];
	default:
		/* paired: 0<->1, 2<->3; an odd last port talks to itself */
		return (pos ^ 1) < n ? fwd_ports[pos ^ 1] : idx;
	}
}

/* --portmask picks by ethdev port id, --nb-ports keeps the first N. */
static int
select_fwd_ports(void)
{
	uint16_t i;

	nb_fwd_ports = 0;
	for (i = 0; i < nb_ports; i++) {
		if (cfg.portmask != 0 && (ports[i].id >= 64 ||
				!(cfg.portmask & (UINT64_C(1) << ports[i].id))))
			continue;
		if (cfg.fwd_port_limit != 0 && nb_fwd_ports == cfg.fwd_port_limit)
			break;
		fwd_ports[nb_fwd_ports++] = i;
	}
	if (cfg.fwd_port_limit > nb_fwd_ports) {
		fprintf(stderr, "--nb-ports=%u but there are %u ports to forward on\n",
			cfg.fwd_port_limit, nb_fwd_ports);
		return -EINVAL;
	}
	if (nb_fwd_ports == 0) {
		fprintf(stderr, "--portmask=0x%" PRIx64 " selects none of the %u ports: set "
			"the bits of their port ids\n", cfg.portmask, nb_ports);
		return -EINVAL;
	}
	return 0;
}

/* Sets the port's flag only: the app resets from its own thread, on the
 * "port reset" command, as ethdev asks of RTE_ETH_EVENT_INTR_RESET. */
static int
on_reset_event(uint16_t port_id, enum rte_eth_event_type event, void *cb_arg,
	void *ret_param)
{
	int idx = port_index_of(port_id);

	(void)event;
	(void)cb_arg;
	(void)ret_param;
	if (idx >= 0)
		ports[idx].reset_needed = true;
	return 0;
}

/* VFs of a PF this process serves exist for EAL only once the PF is open
 * (vfio refuses them until the PF's user sets the VF token). */
static int
attach_devices(void)
{
	uint16_t i;
	int ret;

	for (i = 0; i < cfg.nb_attach; i++) {
		ret = rte_dev_probe(cfg.attach[i]);
		if (ret < 0) {
			fprintf(stderr, "cannot attach %s: %s (see the lines above; keep EAL "
				"off it with -b %s)\n", cfg.attach[i], rte_strerror(-ret),
				cfg.attach[i]);
			return ret;
		}
	}
	return 0;
}

/* Names what EAL was given, since EAL stays silent about a device that
 * no driver takes (one bound to a kernel driver, say). */
static void
no_port_error(void)
{
	struct rte_devargs *da;
	char named[256] = "";
	size_t used = 0;

	RTE_EAL_DEVARGS_FOREACH(NULL, da) {
		if (da->policy == RTE_DEV_ALLOWED && used < sizeof(named))
			used += snprintf(named + used, sizeof(named) - used, " %s", da->name);
	}
	fprintf(stderr, "no port%s%s: give EAL the VFs with -a <VF PCI address> (one -a "
		"per VF, before '--'); they must be bound to vfio-pci "
		"(usertools/srnic-devbind.py --bind vfio-pci ADDR)\n",
		used ? " from" : "", named);
}

static int
probe_ports(void)
{
	uint16_t id, n = 0;
	int ret;

	ret = attach_devices();
	if (ret < 0)
		return ret;
	RTE_ETH_FOREACH_DEV(id) {
		struct port_state *p;

		if (n == TP_MAX_PORTS) {
			fprintf(stderr, "more than %d ports: select fewer with EAL's -a\n",
				TP_MAX_PORTS);
			return -ENOSPC;
		}
		p = &ports[n];
		p->id = id;
		if (rte_eth_dev_get_name_by_port(id, p->name) < 0)
			snprintf(p->name, sizeof(p->name), "port %u", id);
		rte_eth_macaddr_get(id, &p->mac);
		/* An event raised during the probe came before the callback. */
		p->reset_needed = rte_pmd_srnic_reset_needed(id) == 1;
		n++;
	}
	if (n == 0) {
		no_port_error();
		return -ENODEV;
	}
	nb_ports = n;
	return 0;
}

/* --max-pkt-len: the MTU is the frame less the overhead the driver says
 * it adds (header, CRC, any tags it counts). */
static uint16_t
port_mtu(const struct rte_eth_dev_info *info)
{
	uint32_t overhead = TP_FRAME_OVERHEAD;

	if (cfg.max_pkt_len == 0)
		return cfg.mtu;
	if (info->max_mtu != UINT16_MAX && info->max_rx_pktlen > info->max_mtu)
		overhead = info->max_rx_pktlen - info->max_mtu;
	return (uint16_t)(cfg.max_pkt_len - overhead);
}

static void
port_conf(const struct rte_eth_dev_info *info, struct rte_eth_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->rxmode.mtu = port_mtu(info);
	/* As testpmd: spread over several RX queues by IP hash unless told not
	 * to, with what of it the port offers. */
	if (cfg.nb_rxq > 1 && !cfg.disable_rss && (info->flow_type_rss_offloads & RTE_ETH_RSS_IP)) {
		conf->rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf->rx_adv_conf.rss_conf.rss_hf = info->flow_type_rss_offloads & RTE_ETH_RSS_IP;
	}
	if (cfg.scatter)
		conf->rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
	/* The prompt's rx_vlan commands need the filter on the port. */
	conf->rxmode.offloads |= info->rx_offload_capa & RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
	/* As testpmd: fast free whenever the port offers it, since every mbuf
	 * comes from the one pool and nothing else holds a reference. */
	conf->txmode.offloads = info->tx_offload_capa &
		(RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE);
}

static int
setup_queues(struct port_state *p, const struct rte_eth_dev_info *info,
	const struct rte_eth_conf *conf)
{
	struct rte_eth_rxconf rxc = info->default_rxconf;
	struct rte_eth_txconf txc = info->default_txconf;
	uint16_t q;
	int ret = 0;

	if (cfg.rx_free_thresh)
		rxc.rx_free_thresh = cfg.rx_free_thresh;
	if (cfg.tx_free_thresh)
		txc.tx_free_thresh = cfg.tx_free_thresh;
	if (cfg.tx_rs_thresh)
		txc.tx_rs_thresh = cfg.tx_rs_thresh;
	rxc.offloads = conf->rxmode.offloads;
	txc.offloads = conf->txmode.offloads;
	for (q = 0; ret == 0 && q < cfg.nb_rxq; q++)
		ret = rte_eth_rx_queue_setup(p->id, q, cfg.nb_rxd, p->rx_socket, &rxc,
			p->rx_pool);
	for (q = 0; ret == 0 && q < cfg.nb_txq; q++)
		ret = rte_eth_tx_queue_setup(p->id, q, cfg.nb_txd, p->tx_socket, &txc);
	return ret;
}

static int
setup_port(struct port_state *p)
{
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	int ret;

	ret = rte_eth_dev_info_get(p->id, &info);
	if (ret == 0 && (cfg.nb_rxq > info.max_rx_queues || cfg.nb_txq > info.max_tx_queues)) {
		fprintf(stderr, "port %s: --rxq=%u --txq=%u, but it has %u RX and %u TX "
			"queues\n", p->name, cfg.nb_rxq, cfg.nb_txq, info.max_rx_queues,
			info.max_tx_queues);
		return -EINVAL;
	}
	if (ret == 0) {
		port_conf(&info, &conf);
		ret = rte_eth_dev_configure(p->id, cfg.nb_rxq, cfg.nb_txq, &conf);
	}
	if (ret == 0)
		ret = setup_queues(p, &info, &conf);
	if (ret == 0)
		ret = rte_eth_dev_callback_register(p->id, RTE_ETH_EVENT_INTR_RESET,
			on_reset_event, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(p->id);
	if (ret < 0) {
		fprintf(stderr, "port %s: setup failed: %s (see the line above)\n", p->name,
			rte_strerror(-ret));
		return ret;
	}
	p->started = true;
	rte_eth_macaddr_get(p->id, &p->mac);
	if (cfg.promisc) {
		ret = rte_eth_promiscuous_enable(p->id);
		if (ret == -EPERM)
			printf("Port %s: the PF refused promiscuous mode; continuing without "
				"it\n", p->name);
		else if (ret < 0)
			printf("Port %s: no promiscuous mode (%s); continuing without it\n",
				p->name, rte_strerror(-ret));
	}
	return 0;
}

/* Reset after RTE_ETH_EVENT_INTR_RESET (or at any time) and start again:
 * the port keeps its configuration, queues, MAC and filters. */
int
port_reset(uint16_t idx)
{
	struct port_state *p = &ports[idx];
	int ret;

	p->started = false;
	ret = rte_eth_dev_reset(p->id);
	if (ret < 0)
		return ret;
	ret = rte_eth_dev_start(p->id);
	if (ret < 0) {
		printf("Port %u: reset, but it does not start again\n", idx);
		return ret;
	}
	p->started = true;
	p->reset_needed = false;
	rte_eth_macaddr_get(p->id, &p->mac);
	return 0;
}

/* "port stop": the port keeps its configuration and queues. */
int
port_stop(uint16_t idx)
{
	int ret;

	if (!ports[idx].started)
		return 0;
	ret = rte_eth_dev_stop(ports[idx].id);
	if (ret == 0)
		ports[idx].started = false;
	return ret;
}

int
port_start(uint16_t idx)
{
	int ret;

	if (ports[idx].started)
		return -EALREADY;
	ret = rte_eth_dev_start(ports[idx].id);
	if (ret < 0)
		return ret;
	ports[idx].started = true;
	rte_eth_macaddr_get(ports[idx].id, &ports[idx].mac);
	return 0;
}

int
ports_open(void)
{
	uint16_t i;
	int ret;

	ret = probe_ports();
	if (ret < 0)
		return ret;
	ret = select_fwd_ports();
	if (ret == 0)
		ret = numa_place_ports();
	if (ret < 0)
		return ret;
	for (i = 0; i < nb_ports; i++) {
		ret = setup_port(&ports[i]);
		if (ret < 0)
			return ret;
		if (!cfg.peer_set[i])
			cfg.peer[i] = ports[port_peer(i)].mac;
		printf("Port %u: %s, MAC " RTE_ETHER_ADDR_PRT_FMT ", peer " RTE_ETHER_ADDR_PRT_FMT
			"\n", i, ports[i].name, RTE_ETHER_ADDR_BYTES(&ports[i].mac),
			RTE_ETHER_ADDR_BYTES(&cfg.peer[i]));
		numa_show_port(i);
	}
	/* Scripts reading a log wait for these lines before they look. */
	fflush(stdout);
	return 0;
}

void
ports_close(void)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++) {
		printf("Stopping and closing port %u (%s)\n", i, ports[i].name);
		rte_eth_dev_stop(ports[i].id);
		rte_eth_dev_callback_unregister(ports[i].id, RTE_ETH_EVENT_INTR_RESET,
			on_reset_event, NULL);
		rte_eth_dev_close(ports[i].id);
	}
	nb_ports = 0;
	rte_free(streams);
	streams = NULL;
	numa_pools_free();
}

/* One stream per RX queue of each forwarding port, towards its peer. */
int
streams_setup(void)
{
	uint16_t f, q, s = 0;

	rte_free(streams);
	nb_streams = nb_fwd_ports * cfg.nb_rxq;
	streams = rte_zmalloc("streams", sizeof(*streams) * nb_streams, RTE_CACHE_LINE_SIZE);
	if (streams == NULL)
		return -ENOMEM;
	for (f = 0; f < nb_fwd_ports; f++) {
		uint16_t i = fwd_ports[f], peer = port_peer(i);

		for (q = 0; q < cfg.nb_rxq; q++, s++) {
			streams[s].rx_idx = i;
			streams[s].rx_port = ports[i].id;
			streams[s].rx_queue = q;
			streams[s].tx_idx = peer;
			streams[s].tx_port = ports[peer].id;
			streams[s].tx_queue = q % cfg.nb_txq;
			if (cur_engine->stream_init != NULL)
				cur_engine->stream_init(&streams[s]);
		}
	}
	return 0;
}
