/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The port registry and lifecycle: probe, scan, configure, start, stop,
 * close, reset, dev_info, and the refusing burst path of stopped ports.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>

#include "igb_pci_ids.h"
#include "srnic_dev.h"
#include "srnic_logs.h"
#include "srnic_pci_ids.h"

struct srnic_fp_ops srnic_fp_ops[SRNIC_MAX_PORTS];

static struct srnic_port *ports[SRNIC_MAX_PORTS];
/* Guards ports[] against the event thread while ports come and go. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static bool refuse_logged[SRNIC_MAX_PORTS][2];

#define SRNIC_RX_OFFLOAD_CAPA (SRNIC_RX_OFFLOAD_CHECKSUM | SRNIC_RX_OFFLOAD_SCATTER | \
			       SRNIC_RX_OFFLOAD_VLAN_STRIP)
#define SRNIC_TX_OFFLOAD_CAPA (SRNIC_TX_OFFLOAD_MULTI_SEGS | SRNIC_TX_OFFLOAD_VLAN_INSERT | \
			       SRNIC_TX_OFFLOAD_IPV4_CKSUM | SRNIC_TX_OFFLOAD_L4_CKSUM | \
			       SRNIC_TX_OFFLOAD_MBUF_FAST_FREE)

struct srnic_port *
srnic_port_get(uint16_t port_id)
{
	return port_id < SRNIC_MAX_PORTS ? ports[port_id] : NULL;
}

void
srnic_for_each_port(void (*fn)(struct srnic_port *port, void *arg), void *arg)
{
	uint16_t i;

	pthread_mutex_lock(&registry_lock);
	for (i = 0; i < SRNIC_MAX_PORTS; i++)
		if (ports[i] != NULL)
			fn(ports[i], arg);
	pthread_mutex_unlock(&registry_lock);
}

bool
srnic_dev_is_valid(uint16_t port_id)
{
	return srnic_port_get(port_id) != NULL;
}

uint16_t
srnic_dev_count(void)
{
	uint16_t i, n = 0;

	for (i = 0; i < SRNIC_MAX_PORTS; i++)
		n += ports[i] != NULL;
	return n;
}

uint16_t
srnic_burst_refuse(uint16_t port_id, uint16_t queue_id, bool rx)
{
	const struct srnic_port *port = srnic_port_get(port_id);
	const char *dir = rx ? "rx" : "tx";

	if (port == NULL) {
		rte_errno = EINVAL;
		return 0;
	}
	if (port->started) {
		rte_errno = EINVAL;
		if (!refuse_logged[port_id][rx])
			SRNIC_DRV_LOG(ERR, port, "%s burst on queue %u: the port has %u %s queues",
				dir, queue_id, rx ? port->nb_rxq : port->nb_txq, dir);
	} else {
		rte_errno = EAGAIN;
		if (!refuse_logged[port_id][rx])
			SRNIC_DRV_LOG(ERR, port, "%s burst on a stopped port: call srnic_dev_start() "
				"first%s", dir, port->reset_needed ?
				" (the port needs srnic_dev_reset())" : "");
	}
	refuse_logged[port_id][rx] = true;
	return 0;
}

void
srnic_fp_ops_set_started(struct srnic_port *port)
{
	struct srnic_fp_ops *fp = &srnic_fp_ops[port->port_id];
	bool scatter = (port->rx_offloads & SRNIC_RX_OFFLOAD_SCATTER) != 0;
	uint16_t q;

	fp->rx_burst = scatter ? srnic_recv_scattered_pkts : srnic_recv_pkts;
	fp->tx_burst = srnic_xmit_pkts;
	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		fp->rxq[q] = q < port->nb_rxq ? port->rxq[q] : NULL;
		fp->txq[q] = q < port->nb_txq ? port->txq[q] : NULL;
	}
	refuse_logged[port->port_id][0] = false;
	refuse_logged[port->port_id][1] = false;
}

void
srnic_fp_ops_set_stopped(struct srnic_port *port)
{
	struct srnic_fp_ops *fp = &srnic_fp_ops[port->port_id];

	memset(fp->rxq, 0, sizeof(fp->rxq));
	memset(fp->txq, 0, sizeof(fp->txq));
	/* Publish the NULL queues before the rings are torn down. */
	rte_smp_wmb();
}

static int
check_supported(const char *addr, struct srnic_pci_info *info)
{
	int ret = srnic_pci_info_read(addr, info);

	if (ret == -EINVAL) {
		SRNIC_PLAIN_LOG(ERR, "'%s' is not a PCI address (want 0000:01:10.0 or 01:10.0)",
			addr);
		return ret;
	}
	if (ret < 0) {
		SRNIC_PLAIN_LOG(ERR, "%s: no such PCI device; see usertools/srnic-devbind.py "
			"--status", addr);
		return -ENODEV;
	}
	if (srnic_pci_id_lookup(info->vendor, info->device) == NULL) {
		char ids[128];

		SRNIC_PLAIN_LOG(ERR, "%s is %04x:%04x, not a VF srnic supports (%s)%s",
			info->addr, info->vendor, info->device,
			srnic_pci_ids_describe(ids, sizeof(ids)),
			igb_is_sriov_pf(info->vendor, info->device) ?
			"; it is an SR-IOV PF: create VFs with usertools/srnic-devbind.py "
			"--create-vfs" : "");
		return -ENOTSUP;
	}
	return 0;
}

static int
check_environment(const char *name)
{
	uint16_t eth_port;
	uint16_t i;

	for (i = 0; i < SRNIC_MAX_PORTS; i++) {
		if (ports[i] != NULL && strcmp(ports[i]->name, name) == 0) {
			SRNIC_PLAIN_LOG(ERR, "%s is already probed as srnic port %u", name, i);
			return -EBUSY;
		}
	}
	if (rte_eth_dev_get_port_by_name(name, &eth_port) == 0) {
		SRNIC_PLAIN_LOG(ERR, "%s is already driven by DPDK's own driver (ethdev port "
			"%u): start EAL with --no-pci, or with -b %s", name, eth_port, name);
		return -EBUSY;
	}
	if (!rte_eal_has_hugepages()) {
		SRNIC_PLAIN_LOG(ERR, "%s: EAL runs without hugepages, which the NIC's DMA needs: "
			"reserve some (echo 256 > /sys/kernel/mm/hugepages/hugepages-2048kB/"
			"nr_hugepages), mount hugetlbfs, and drop --no-huge", name);
		return -ENOMEM;
	}
	return 0;
}

static int
free_slot(void)
{
	int i;

	for (i = 0; i < SRNIC_MAX_PORTS; i++)
		if (ports[i] == NULL)
			return i;
	return -1;
}

static void
port_free(struct srnic_port *port)
{
	int e;

	for (e = 0; e < SRNIC_EVENT_MAX; e++) {
		struct srnic_callback *cb;

		while ((cb = TAILQ_FIRST(&port->callbacks[e])) != NULL) {
			TAILQ_REMOVE(&port->callbacks[e], cb, next);
			free(cb);
		}
	}
	srnic_vfio_close(&port->vdev);
	pthread_mutex_destroy(&port->lock);
	free(port);
}

static struct srnic_port *
port_alloc(const char *name, uint16_t port_id, const struct srnic_probe_opts *opts)
{
	struct srnic_port *port = calloc(1, sizeof(*port));
	int e;

	if (port == NULL)
		return NULL;
	snprintf(port->name, sizeof(port->name), "%s", name);
	port->port_id = port_id;
	port->vdev.fd = -1;
	port->mtu = SRNIC_DEFAULT_MTU;
	port->event_period_ms = opts != NULL && opts->event_period_ms != 0 ?
		opts->event_period_ms : SRNIC_EVENT_PERIOD_MS;
	pthread_mutex_init(&port->lock, NULL);
	for (e = 0; e < SRNIC_EVENT_MAX; e++)
		TAILQ_INIT(&port->callbacks[e]);
	return port;
}

int
srnic_dev_probe(const char *pci_addr, const struct srnic_probe_opts *opts, uint16_t *port_id)
{
	struct srnic_pci_info info;
	struct srnic_port *port;
	int slot, ret;

	if (pci_addr == NULL || port_id == NULL)
		return srnic_fail(-EINVAL);
	if (opts != NULL && opts->size < offsetof(struct srnic_probe_opts, event_period_ms) +
			sizeof(opts->event_period_ms)) {
		SRNIC_PLAIN_LOG(ERR, "%s: srnic_probe_opts.size is %u: set it to sizeof()",
			pci_addr, opts->size);
		return srnic_fail(-EINVAL);
	}
	ret = check_supported(pci_addr, &info);
	if (ret < 0)
		return srnic_fail(ret);

	pthread_mutex_lock(&registry_lock);
	ret = check_environment(info.addr);
	if (ret < 0)
		goto unlock;
	slot = free_slot();
	if (slot < 0) {
		SRNIC_PLAIN_LOG(ERR, "%s: all %d srnic ports are in use; close one first",
			info.addr, SRNIC_MAX_PORTS);
		ret = -ENOSPC;
		goto unlock;
	}
	port = port_alloc(info.addr, (uint16_t)slot, opts);
	if (port == NULL) {
		ret = -ENOMEM;
		goto unlock;
	}
	ret = srnic_vfio_open(&port->vdev, info.addr, "VF");
	if (ret < 0)
		goto free_port;
	port->bar = &port->vdev.bar0;
	port->max_queues = info.device == IGB_DEV_ID_I350_VF ?
		IGB_VF_MAX_QUEUES_I350 : IGB_VF_MAX_QUEUES_82576;
	srnic_vf_mbx_init(&port->mbx, port->bar, port->name);
	ret = srnic_vf_init(port);
	if (ret < 0)
		goto free_port;
	srnic_hw_stats_init(port);
	port->link_up = srnic_link_now(port);

	ret = srnic_events_start(port->event_period_ms);
	if (ret < 0)
		goto free_port;
	srnic_fp_ops_set_stopped(port);
	ports[slot] = port;
	*port_id = (uint16_t)slot;
	pthread_mutex_unlock(&registry_lock);
	SRNIC_INIT_LOG(INFO, port, "probed as port %d, MAC " RTE_ETHER_ADDR_PRT_FMT "%s",
		slot, RTE_ETHER_ADDR_BYTES(&port->mac), port->mac_from_pf ? " (from the PF)" : "");
	return 0;

free_port:
	port_free(port);
unlock:
	pthread_mutex_unlock(&registry_lock);
	return srnic_fail(ret);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
srnic_dev_scan(uint16_t *port_ids, uint16_t max, const struct srnic_probe_opts *opts)
{
	char path[PATH_MAX], *names[256];
	struct srnic_pci_info info;
	struct dirent *e;
	int n = 0, found = 0, i, ret = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/bus/pci/drivers/vfio-pci", srnic_sysfs_root);
	d = opendir(path);
	if (d == NULL)
		return 0;	/* vfio-pci not loaded: nothing bound to it */
	while ((e = readdir(d)) != NULL && n < (int)RTE_DIM(names)) {
		uint16_t id;

		if (srnic_pci_info_read(e->d_name, &info) < 0 ||
		    srnic_pci_id_lookup(info.vendor, info.device) == NULL ||
		    srnic_dev_get_port_by_name(info.addr, &id) == 0)
			continue;
		names[n] = strdup(info.addr);
		if (names[n] != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		uint16_t id;

		if (found < max && ret == 0) {
			int r = srnic_dev_probe(names[i], opts, &id);

			if (r == 0)
				port_ids[found++] = id;
			else
				ret = r;
		}
		free(names[i]);
	}
	return ret < 0 ? srnic_fail(ret) : found;
}

int
srnic_dev_get_port_by_name(const char *pci_addr, uint16_t *port_id)
{
	char name[PCI_PRI_STR_SIZE];
	uint16_t i;

	if (srnic_pci_canonical(pci_addr, name) < 0)
		return -ENODEV;
	for (i = 0; i < SRNIC_MAX_PORTS; i++) {
		if (ports[i] != NULL && strcmp(ports[i]->name, name) == 0) {
			*port_id = i;
			return 0;
		}
	}
	return -ENODEV;
}

int
srnic_dev_info_get(uint16_t port_id, struct srnic_dev_info *info)
{
	struct srnic_port *port = srnic_port_get(port_id);

	if (port == NULL || info == NULL)
		return srnic_fail(-ENODEV);
	memset(info, 0, sizeof(*info));
	snprintf(info->name, sizeof(info->name), "%s", port->name);
	snprintf(info->pf_name, sizeof(info->pf_name), "%s", port->vdev.info.physfn);
	info->vendor_id = port->vdev.info.vendor;
	info->device_id = port->vdev.info.device;
	info->numa_node = SOCKET_ID_ANY;
	info->max_rx_queues = port->max_queues;
	info->max_tx_queues = port->max_queues;
	info->rx_desc_min = SRNIC_RING_DESC_MIN;
	info->rx_desc_max = SRNIC_RING_DESC_MAX;
	info->tx_desc_min = SRNIC_RING_DESC_MIN;
	info->tx_desc_max = SRNIC_RING_DESC_MAX;
	info->desc_align = IGB_RING_DESC_MULTIPLE;
	info->min_rx_bufsize = SRNIC_RX_BUF_MIN;
	info->max_rx_pktlen = IGB_MAX_FRAME_LEN;
	info->min_mtu = SRNIC_MIN_MTU;
	info->max_mtu = SRNIC_MAX_MTU;
	info->max_tx_segs = IGB_TX_MAX_SEGS;
	info->rx_offload_capa = SRNIC_RX_OFFLOAD_CAPA;
	info->tx_offload_capa = SRNIC_TX_OFFLOAD_CAPA;
	info->mac = port->mac;
	return 0;
}

static int
check_conf(const struct srnic_port *port, uint16_t nb_rxq, uint16_t nb_txq,
	const struct srnic_conf *conf)
{
	if (nb_rxq == 0 || nb_rxq > port->max_queues || nb_txq == 0 ||
	    nb_txq > port->max_queues) {
		SRNIC_INIT_LOG(ERR, port, "%u RX and %u TX queues asked; the VF has 1 to %u of "
			"each", nb_rxq, nb_txq, port->max_queues);
		return -EINVAL;
	}
	if (conf == NULL)
		return 0;
	if (conf->size < offsetof(struct srnic_conf, tx_offloads) + sizeof(conf->tx_offloads)) {
		SRNIC_INIT_LOG(ERR, port, "srnic_conf.size is %u: set it to sizeof()", conf->size);
		return -EINVAL;
	}
	if (conf->mtu != 0 && (conf->mtu < SRNIC_MIN_MTU || conf->mtu > SRNIC_MAX_MTU)) {
		SRNIC_INIT_LOG(ERR, port, "MTU %u out of range %u..%u", conf->mtu, SRNIC_MIN_MTU,
			SRNIC_MAX_MTU);
		return -EINVAL;
	}
	if ((conf->rx_offloads & ~SRNIC_RX_OFFLOAD_CAPA) ||
	    (conf->tx_offloads & ~SRNIC_TX_OFFLOAD_CAPA)) {
		SRNIC_INIT_LOG(ERR, port, "unsupported offloads: rx 0x%" PRIx64 " tx 0x%" PRIx64
			" (see srnic_dev_info.rx/tx_offload_capa)",
			conf->rx_offloads & ~SRNIC_RX_OFFLOAD_CAPA,
			conf->tx_offloads & ~SRNIC_TX_OFFLOAD_CAPA);
		return -EINVAL;
	}
	return 0;
}

int
srnic_dev_configure(uint16_t port_id, uint16_t nb_rxq, uint16_t nb_txq,
	const struct srnic_conf *conf)
{
	struct srnic_port *port = srnic_port_get(port_id);
	uint16_t q;
	int ret;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	if (port->started) {
		SRNIC_INIT_LOG(ERR, port, "configure on a started port: stop it first");
		ret = -EBUSY;
		goto out;
	}
	ret = check_conf(port, nb_rxq, nb_txq, conf);
	if (ret < 0)
		goto out;
	/* Queues beyond the new counts go away with their memory. */
	for (q = nb_rxq; q < SRNIC_MAX_QUEUES; q++) {
		srnic_rxq_free(port->rxq[q]);
		port->rxq[q] = NULL;
	}
	for (q = nb_txq; q < SRNIC_MAX_QUEUES; q++) {
		srnic_txq_free(port->txq[q]);
		port->txq[q] = NULL;
	}
	port->nb_rxq = nb_rxq;
	port->nb_txq = nb_txq;
	port->mtu = conf != NULL && conf->mtu != 0 ? conf->mtu : SRNIC_DEFAULT_MTU;
	port->rx_offloads = conf != NULL ? conf->rx_offloads : 0;
	port->tx_offloads = conf != NULL ? conf->tx_offloads : 0;
	port->configured = true;
out:
	pthread_mutex_unlock(&port->lock);
	return ret < 0 ? srnic_fail(ret) : 0;
}

int
srnic_rx_queue_setup(uint16_t port_id, uint16_t queue_id, uint16_t nb_desc, int socket_id,
	const struct srnic_rxq_conf *conf, struct rte_mempool *mp)
{
	struct srnic_port *port = srnic_port_get(port_id);
	int ret;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	ret = srnic_rxq_create(port, queue_id, nb_desc, socket_id, conf, mp);
	pthread_mutex_unlock(&port->lock);
	return ret < 0 ? srnic_fail(ret) : 0;
}

int
srnic_tx_queue_setup(uint16_t port_id, uint16_t queue_id, uint16_t nb_desc, int socket_id,
	const struct srnic_txq_conf *conf)
{
	struct srnic_port *port = srnic_port_get(port_id);
	int ret;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	ret = srnic_txq_create(port, queue_id, nb_desc, socket_id, conf);
	pthread_mutex_unlock(&port->lock);
	return ret < 0 ? srnic_fail(ret) : 0;
}

static void
stop_queues(struct srnic_port *port)
{
	uint16_t q;

	srnic_fp_ops_set_stopped(port);
	for (q = 0; q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL)
			srnic_rxq_stop(port, port->rxq[q]);
	for (q = 0; q < port->nb_txq; q++)
		if (port->txq[q] != NULL)
			srnic_txq_stop(port, port->txq[q]);
}

static int
check_queues_ready(struct srnic_port *port)
{
	uint32_t frame = srnic_mtu_to_frame(port->mtu);
	uint16_t q;
	int ret;

	for (q = 0; q < port->nb_rxq; q++) {
		if (port->rxq[q] == NULL) {
			SRNIC_INIT_LOG(ERR, port, "RX queue %u is not set up: call "
				"srnic_rx_queue_setup() for queues 0..%u", q, port->nb_rxq - 1);
			return -EINVAL;
		}
		ret = srnic_rxq_check_frame(port, port->rxq[q], frame, port->rx_offloads);
		if (ret < 0)
			return ret;
	}
	for (q = 0; q < port->nb_txq; q++) {
		if (port->txq[q] == NULL) {
			SRNIC_INIT_LOG(ERR, port, "TX queue %u is not set up: call "
				"srnic_tx_queue_setup() for queues 0..%u", q, port->nb_txq - 1);
			return -EINVAL;
		}
	}
	return 0;
}

/* Program the NIC from the stored configuration; port lock held. */
static int
start_locked(struct srnic_port *port)
{
	uint16_t q;
	int ret;

	if (!port->configured) {
		SRNIC_INIT_LOG(ERR, port, "start before srnic_dev_configure()");
		return -EINVAL;
	}
	if (port->reset_needed) {
		SRNIC_INIT_LOG(ERR, port, "the port needs srnic_dev_reset() before it can start");
		return -EIO;
	}
	ret = check_queues_ready(port);
	if (ret < 0)
		return ret;
	ret = srnic_request_lpe(port, port->mtu);
	if (ret < 0)
		return ret;
	ret = srnic_apply_filters(port);
	if (ret < 0)
		return ret;
	for (q = 0; q < port->nb_txq; q++) {
		ret = srnic_txq_start(port, port->txq[q]);
		if (ret < 0)
			goto stop;
	}
	for (q = 0; q < port->nb_rxq; q++) {
		ret = srnic_rxq_start(port, port->rxq[q]);
		if (ret < 0)
			goto stop;
	}
	srnic_fp_ops_set_started(port);
	port->started = true;
	return 0;
stop:
	stop_queues(port);
	return ret;
}

int
srnic_dev_start(uint16_t port_id)
{
	struct srnic_port *port = srnic_port_get(port_id);
	int ret = 0;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	if (!port->started)
		ret = start_locked(port);
	pthread_mutex_unlock(&port->lock);
	return ret < 0 ? srnic_fail(ret) : 0;
}

int
srnic_dev_stop(uint16_t port_id)
{
	struct srnic_port *port = srnic_port_get(port_id);

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	if (port->started) {
		stop_queues(port);
		port->started = false;
	}
	pthread_mutex_unlock(&port->lock);
	return 0;
}

int
srnic_dev_close(uint16_t port_id)
{
	struct srnic_port *port = srnic_port_get(port_id);
	uint16_t q;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	srnic_dev_stop(port_id);
	pthread_mutex_lock(&registry_lock);
	ports[port_id] = NULL;
	pthread_mutex_unlock(&registry_lock);
	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		srnic_rxq_free(port->rxq[q]);
		srnic_txq_free(port->txq[q]);
	}
	/* Reset the VF so the PF stops treating it as active, as Linux igbvf
	 * does when it lets go of a VF. */
	if (port->bar != NULL && port->bar->base != NULL)
		srnic_write32(port->bar, IGB_VF_CTRL, IGB_VF_CTRL_RST);
	SRNIC_INIT_LOG(INFO, port, "closed port %u", port_id);
	port_free(port);
	if (srnic_dev_count() == 0)
		srnic_events_stop();
	return 0;
}

int
srnic_dev_reset(uint16_t port_id)
{
	struct srnic_port *port = srnic_port_get(port_id);
	bool was_started;
	int ret;

	if (port == NULL)
		return srnic_fail(-ENODEV);
	pthread_mutex_lock(&port->lock);
	was_started = port->started;
	if (port->started) {
		stop_queues(port);
		port->started = false;
	}
	ret = srnic_vf_init(port);
	if (ret < 0) {
		port->reset_needed = true;
		goto out;
	}
	port->reset_needed = false;
	port->resets++;
	srnic_hw_stats_init(port);
	/* Say now what the link is, not at the event thread's next look. */
	port->link_up = srnic_link_now(port);
	if (was_started)
		ret = start_locked(port);
	SRNIC_DRV_LOG(NOTICE, port, "reset %s%s", ret == 0 ? "done" : "failed",
		was_started && ret == 0 ? ", port started again" : "");
out:
	pthread_mutex_unlock(&port->lock);
	return ret < 0 ? srnic_fail(ret) : 0;
}

bool
srnic_dev_reset_needed(uint16_t port_id)
{
	const struct srnic_port *port = srnic_port_get(port_id);

	return port != NULL && port->reset_needed;
}
