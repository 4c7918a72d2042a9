/* SPDX-License-Identifier: BSD-3-Clause */
/* Ports (open, configure, close), their peers, and forwarding streams. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "testpmd.h"

struct app_config cfg;
struct port_state ports[TP_MAX_PORTS];
uint16_t nb_ports;
struct fwd_stream *streams;
uint16_t nb_streams;
const struct fwd_engine *cur_engine;
struct rte_mempool *mbuf_pool;

int
port_index_of(uint16_t port_id)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++)
		if (ports[i].id == port_id)
			return i;
	return -1;
}

uint16_t
port_peer(uint16_t idx)
{
	switch (cfg.topology) {
	case TOPO_LOOP:
		return idx;
	case TOPO_CHAINED:
		return (uint16_t)((idx + 1) % nb_ports);
	default:
		/* paired: 0<->1, 2<->3; an odd last port talks to itself */
		return (idx ^ 1) < nb_ports ? idx ^ 1 : idx;
	}
}

static int
probe_ports(void)
{
	uint16_t ids[TP_MAX_PORTS];
	int i, n;

	if (cfg.nb_vfs == 0) {
		n = srnic_dev_scan(ids, TP_MAX_PORTS, NULL);
		if (n < 0)
			return n;
		if (n == 0) {
			fprintf(stderr, "no supported VF is bound to vfio-pci; bind some with "
				"usertools/srnic-devbind.py --bind vfio-pci <addr>, or name them "
				"with --vfs=\n");
			return -ENODEV;
		}
	} else {
		for (n = 0; n < cfg.nb_vfs; n++) {
			if (srnic_dev_probe(cfg.vfs[n], NULL, &ids[n]) < 0) {
				fprintf(stderr, "cannot open VF %s: %s (see the line above)\n",
					cfg.vfs[n], rte_strerror(rte_errno));
				return -rte_errno;
			}
		}
	}
	for (i = 0; i < n; i++) {
		struct srnic_dev_info info;

		ports[i].id = ids[i];
		srnic_dev_info_get(ids[i], &info);
		snprintf(ports[i].name, sizeof(ports[i].name), "%s", info.name);
		srnic_mac_addr_get(ids[i], &ports[i].mac);
	}
	nb_ports = (uint16_t)n;
	return 0;
}

static int
create_pool(void)
{
	uint32_t per_port = cfg.nb_rxq * cfg.nb_rxd + cfg.nb_txq * cfg.nb_txd;
	uint32_t n = cfg.total_mbufs;

	if (n == 0)
		n = nb_ports * per_port + (cfg.nb_cores + 1) * (cfg.mbcache + cfg.burst) +
			cfg.burst * TP_MAX_SEGS * 4 + 1024;
	mbuf_pool = rte_pktmbuf_pool_create("srnic_testpmd", n, cfg.mbcache, 0, cfg.mbuf_size,
		rte_socket_id());
	if (mbuf_pool == NULL) {
		fprintf(stderr, "cannot create a pool of %u mbufs of %u bytes: %s (reserve "
			"more hugepages or lower --total-num-mbufs)\n", n, cfg.mbuf_size,
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

static int
setup_port(struct port_state *p)
{
	struct srnic_conf conf = { .size = sizeof(conf), .mtu = cfg.mtu };
	struct srnic_rxq_conf rxc = { .size = sizeof(rxc), .free_thresh = cfg.rx_free_thresh };
	struct srnic_txq_conf txc = { .size = sizeof(txc), .free_thresh = cfg.tx_free_thresh,
		.rs_thresh = cfg.tx_rs_thresh };
	uint16_t q;
	int ret;

	if (cfg.scatter)
		conf.rx_offloads |= SRNIC_RX_OFFLOAD_SCATTER;
	/* As testpmd: fast free whenever the port offers it, since every mbuf
	 * comes from the one pool and nothing else holds a reference. */
	conf.tx_offloads = SRNIC_TX_OFFLOAD_MULTI_SEGS | SRNIC_TX_OFFLOAD_MBUF_FAST_FREE;
	ret = srnic_dev_configure(p->id, cfg.nb_rxq, cfg.nb_txq, &conf);
	for (q = 0; ret == 0 && q < cfg.nb_rxq; q++)
		ret = srnic_rx_queue_setup(p->id, q, cfg.nb_rxd, rte_socket_id(), &rxc, mbuf_pool);
	for (q = 0; ret == 0 && q < cfg.nb_txq; q++)
		ret = srnic_tx_queue_setup(p->id, q, cfg.nb_txd, rte_socket_id(), &txc);
	if (ret == 0)
		ret = srnic_dev_start(p->id);
	if (ret < 0) {
		fprintf(stderr, "port %s: setup failed: %s (see the line above)\n", p->name,
			rte_strerror(-ret));
		return ret;
	}
	if (cfg.promisc && srnic_promiscuous_enable(p->id) < 0)
		printf("Port %s: the PF refused promiscuous mode; continuing without it\n",
			p->name);
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
	ret = create_pool();
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
	}
	return 0;
}

void
ports_close(void)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++) {
		printf("Stopping and closing port %u (%s)\n", i, ports[i].name);
		srnic_dev_stop(ports[i].id);
		srnic_dev_close(ports[i].id);
	}
	nb_ports = 0;
	rte_free(streams);
	streams = NULL;
	rte_mempool_free(mbuf_pool);
	mbuf_pool = NULL;
}

/* One stream per RX queue of each port, towards the peer port. */
int
streams_setup(void)
{
	uint16_t i, q, s = 0;

	rte_free(streams);
	nb_streams = nb_ports * cfg.nb_rxq;
	streams = rte_zmalloc("streams", sizeof(*streams) * nb_streams, RTE_CACHE_LINE_SIZE);
	if (streams == NULL)
		return -ENOMEM;
	for (i = 0; i < nb_ports; i++) {
		uint16_t peer = port_peer(i);

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
