/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where each port's memory lives, as testpmd places it: a port's rings on
 * the socket of its PCI device (or where --port-numa-config and
 * --ring-numa-config put them), RX buffers from an mbuf pool on the RX
 * rings' socket, one pool per socket in use, named mb_pool_<socket>.
 * EAL backs each socket's heap with hugepages of that NUMA node, so
 * nothing here needs libnuma.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "testpmd.h"

static struct rte_mempool *pools[RTE_MAX_NUMA_NODES];

static bool
socket_known(int socket)
{
	unsigned int i;

	for (i = 0; i < rte_socket_count(); i++)
		if (rte_socket_id_by_idx(i) == socket)
			return true;
	return false;
}

static void
known_sockets(char *buf, size_t len)
{
	unsigned int i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < rte_socket_count() && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%d", i ? "," : "",
			rte_socket_id_by_idx(i));
}

/* The socket option @what asks for (for @who), refused when EAL has no
 * such socket. */
static int
checked_socket(const char *who, const char *what, int socket)
{
	char sockets[64];

	if (socket_known(socket))
		return socket;
	known_sockets(sockets, sizeof(sockets));
	fprintf(stderr, "%s: %s names socket %d, but EAL found sockets %s (see "
		"/sys/devices/system/node; --socket-mem needs memory on each socket used)\n",
		who, what, socket, sockets);
	return -EINVAL;
}

/* Pool counts as testpmd's: every ring of every port, the lcore caches,
 * and bursts in flight; --total-num-mbufs sets it for each pool. */
static uint32_t
pool_size(void)
{
	uint32_t per_port = cfg.nb_rxq * cfg.nb_rxd + cfg.nb_txq * cfg.nb_txd;

	if (cfg.total_mbufs)
		return cfg.total_mbufs;
	return nb_ports * per_port + (cfg.nb_cores + 1) * (cfg.mbcache + cfg.burst) +
		cfg.burst * TP_MAX_SEGS * 4 + 1024;
}

static struct rte_mempool *
socket_pool(int socket)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t n = pool_size();

	if (pools[socket] != NULL)
		return pools[socket];
	snprintf(name, sizeof(name), "mb_pool_%d", socket);
	printf("srnic-testpmd: create a new mbuf pool <%s>: n=%u, size=%u, socket=%d\n",
		name, n, cfg.mbuf_size, socket);
	pools[socket] = rte_pktmbuf_pool_create(name, n, cfg.mbcache, 0, cfg.mbuf_size,
		socket);
	if (pools[socket] == NULL)
		fprintf(stderr, "cannot create %s, %u mbufs of %u bytes on socket %d: %s "
			"(reserve hugepages on NUMA node %d, "
			"/sys/devices/system/node/node%d/hugepages, or lower "
			"--total-num-mbufs)\n", name, n, cfg.mbuf_size, socket,
			rte_strerror(rte_errno), socket, socket);
	return pools[socket];
}

/* The socket of a port's memory before any ring-level setting. */
static int
port_socket(uint16_t idx, const char *who)
{
	int dev_socket;

	if (!cfg.numa)
		return cfg.socket_num != TP_SOCKET_UNSET ? cfg.socket_num : (int)rte_socket_id();
	if (cfg.port_numa[idx] != TP_SOCKET_UNSET)
		return checked_socket(who, "--port-numa-config", cfg.port_numa[idx]);
	dev_socket = rte_eth_dev_socket_id(ports[idx].id);
	if (dev_socket >= 0)
		return dev_socket;
	/* A device with no NUMA node (firmware told nothing): as testpmd. */
	return cfg.socket_num != TP_SOCKET_UNSET ? cfg.socket_num : (int)rte_socket_id();
}

/* Every port's sockets and pools; a negative errno when one cannot be had. */
int
numa_place_ports(void)
{
	uint16_t i;

	if (cfg.socket_num != TP_SOCKET_UNSET &&
			checked_socket("srnic-testpmd", "--socket-num", cfg.socket_num) < 0)
		return -EINVAL;
	for (i = 0; i < nb_ports; i++) {
		struct port_state *p = &ports[i];
		char who[16];

		snprintf(who, sizeof(who), "port %u", i);
		p->socket = port_socket(i, who);
		if (p->socket < 0)
			return p->socket;
		p->rx_socket = cfg.rxring_numa[i] == TP_SOCKET_UNSET ? p->socket :
			checked_socket(who, "--ring-numa-config", cfg.rxring_numa[i]);
		p->tx_socket = cfg.txring_numa[i] == TP_SOCKET_UNSET ? p->socket :
			checked_socket(who, "--ring-numa-config", cfg.txring_numa[i]);
		if (p->rx_socket < 0 || p->tx_socket < 0)
			return -EINVAL;
		p->rx_pool = socket_pool(p->rx_socket);
		p->tx_pool = p->rx_pool ? socket_pool(p->tx_socket) : NULL;
		if (p->tx_pool == NULL)
			return -ENOMEM;
	}
	return 0;
}

void
numa_pools_free(void)
{
	int s;

	for (s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		rte_mempool_free(pools[s]);
		pools[s] = NULL;
	}
}

void
numa_show_port(uint16_t idx)
{
	const struct port_state *p = &ports[idx];

	printf("Port %u: socket %d (device's: %d), RX rings on socket %d with mbufs of %s, "
		"TX rings on socket %d\n", idx, p->socket, rte_eth_dev_socket_id(p->id),
		p->rx_socket, p->rx_pool->name, p->tx_socket);
}
