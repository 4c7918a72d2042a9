/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_srnic on the PCI bus: probe and remove, and the port lifecycle ops
 * (configure, info, start, stop, close, reset). The eth_dev_ops table at
 * the end lists every op in lifecycle order.
 */
#include <errno.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_malloc.h>
#include <ethdev_driver.h>
#include <ethdev_pci.h>
#include <bus_pci_driver.h>

#include "igb_pci_ids.h"
#include "srnic_dev.h"
#include "srnic_logs.h"
#include "srnic_pci_ids.h"

int
srnic_port_lookup(uint16_t port_id, struct srnic_port **port)
{
	const struct rte_eth_dev *dev;

	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	dev = &rte_eth_devices[port_id];
	if (dev->dev_ops != &srnic_eth_dev_ops)
		return -ENOTSUP;
	*port = srnic_port_of(dev);
	return 0;
}

static int
srnic_dev_configure(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	const struct rte_eth_conf *conf = &dev->data->dev_conf;
	int ret;

	ret = srnic_rx_intr_configure_check(dev);
	if (ret < 0)
		return ret;
	/* ethdev has checked the queue counts, the MTU and the offloads
	 * against dev_info; keep what a reset must restore. */
	pthread_mutex_lock(&port->lock);
	port->nb_rxq = dev->data->nb_rx_queues;
	port->nb_txq = dev->data->nb_tx_queues;
	port->mtu = dev->data->mtu;
	port->rx_offloads = conf->rxmode.offloads;
	port->tx_offloads = conf->txmode.offloads;
	port->configured = true;
	pthread_mutex_unlock(&port->lock);
	return 0;
}

static int
srnic_dev_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	const struct srnic_port *port = srnic_port_of(dev);
	const struct rte_eth_desc_lim lim = {
		.nb_max = SRNIC_RING_DESC_MAX,
		.nb_min = SRNIC_RING_DESC_MIN,
		.nb_align = IGB_RING_DESC_MULTIPLE,
		.nb_seg_max = IGB_TX_MAX_SEGS,
		.nb_mtu_seg_max = IGB_TX_MAX_SEGS,
	};

	info->max_rx_queues = port->max_queues;
	info->max_tx_queues = port->max_queues;
	info->min_rx_bufsize = SRNIC_RX_BUF_MIN;
	info->max_rx_pktlen = IGB_MAX_FRAME_LEN;
	info->min_mtu = SRNIC_MIN_MTU;
	info->max_mtu = SRNIC_MAX_MTU;
	info->max_mac_addrs = 1;
	info->rx_offload_capa = SRNIC_RX_OFFLOAD_CAPA;
	info->tx_offload_capa = SRNIC_TX_OFFLOAD_CAPA;
	info->rx_queue_offload_capa = 0;
	info->tx_queue_offload_capa = 0;
	info->rx_desc_lim = lim;
	info->tx_desc_lim = lim;
	info->speed_capa = RTE_ETH_LINK_SPEED_10M | RTE_ETH_LINK_SPEED_100M |
		RTE_ETH_LINK_SPEED_1G;
	/* 0: the queue sizes its refill batch from the ring and the mempool's
	 * cache (srnic_rxq.c); apps such as testpmd pass this default back. */
	info->default_rxconf.rx_free_thresh = 0;
	info->default_rxconf.rx_drop_en = 0;
	info->default_txconf.tx_free_thresh = SRNIC_TX_FREE_THRESH_DEFAULT;
	info->default_txconf.tx_rs_thresh = SRNIC_TX_RS_THRESH_DEFAULT;
	info->default_rxportconf.burst_size = 32;
	info->default_txportconf.burst_size = 32;
	info->default_rxportconf.ring_size = 512;
	info->default_txportconf.ring_size = 512;
	info->default_rxportconf.nb_queues = 1;
	info->default_txportconf.nb_queues = 1;
	return 0;
}

static void
set_queue_states(struct rte_eth_dev *dev, uint8_t state)
{
	uint16_t q;

	for (q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = state;
	for (q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = state;
}

/*
 * A queue that does not stop keeps its mbufs, logs why and marks the port
 * for reset (RTE_ETH_EVENT_INTR_RESET); the port stops all the same. Stop
 * still answers 0: on an error ethdev would keep the port "started", then
 * refuse to close it and skip the next start after the reset.
 */
static void
stop_queues(struct srnic_port *port)
{
	uint16_t q;

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
				"rte_eth_rx_queue_setup() for queues 0..%u", q, port->nb_rxq - 1);
			return -EINVAL;
		}
		ret = srnic_rxq_check_frame(port, port->rxq[q], frame, port->rx_offloads);
		if (ret < 0)
			return ret;
	}
	for (q = 0; q < port->nb_txq; q++) {
		if (port->txq[q] == NULL) {
			SRNIC_INIT_LOG(ERR, port, "TX queue %u is not set up: call "
				"rte_eth_tx_queue_setup() for queues 0..%u", q, port->nb_txq - 1);
			return -EINVAL;
		}
	}
	return 0;
}

/* Give back the buffers of queues that did not stop, once a VF reset has
 * ended their DMA. */
static void
release_held_buffers(struct srnic_port *port)
{
	uint16_t q;

	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		if (port->rxq[q] != NULL && port->rxq[q]->held_by_nic)
			srnic_rxq_release_mbufs(port->rxq[q]);
		if (port->txq[q] != NULL && port->txq[q]->held_by_nic)
			srnic_txq_release_mbufs(port->txq[q]);
	}
}

/* Program the NIC from the stored configuration; port lock held. */
static int
start_locked(struct srnic_port *port)
{
	uint16_t q;
	int ret;

	if (port->reset_needed) {
		SRNIC_INIT_LOG(ERR, port, "the port needs rte_eth_dev_reset() before it can "
			"start");
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
	port->started = true;
	return 0;
stop:
	stop_queues(port);
	return ret;
}

static int
srnic_dev_start(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	int ret;

	/* Vectors first: if the queues then fail to start, only the
	 * vectors are to be undone. */
	ret = srnic_rx_intr_start(dev);
	if (ret < 0)
		return ret;
	pthread_mutex_lock(&port->lock);
	ret = start_locked(port);
	pthread_mutex_unlock(&port->lock);
	if (ret < 0) {
		srnic_rx_intr_stop(dev);
		return ret;
	}
	srnic_set_burst_functions(dev);
	set_queue_states(dev, RTE_ETH_QUEUE_STATE_STARTED);
	srnic_dev_link_update(dev, 0);
	return 0;
}

/*
 * ethdev's rule, which this driver keeps: stop, reset and close must not
 * run while another lcore is inside a burst on the port. ethdev points the
 * port's burst functions at dummies before calling stop, so a burst that
 * starts afterwards touches no ring.
 */
static int
srnic_dev_stop(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);

	pthread_mutex_lock(&port->lock);
	if (port->started) {
		srnic_rx_intr_stop(dev);
		stop_queues(port);
		port->started = false;
	}
	pthread_mutex_unlock(&port->lock);
	set_queue_states(dev, RTE_ETH_QUEUE_STATE_STOPPED);
	return 0;
}

static int
srnic_dev_close(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	uint16_t q;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	srnic_dev_stop(dev);
	srnic_events_stop(port);
	/* Reset the VF so the PF stops treating it as active, as Linux igbvf
	 * does when it lets go of a VF; that also ends any DMA a stuck queue
	 * might still do, so its buffers can go back. */
	if (port->bar->base != NULL)
		srnic_write32(port->bar, IGB_VF_CTRL, IGB_VF_CTRL_RST);
	release_held_buffers(port);
	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		if (q < dev->data->nb_rx_queues)
			srnic_dev_rx_queue_release(dev, q);
		if (q < dev->data->nb_tx_queues)
			srnic_dev_tx_queue_release(dev, q);
	}
	SRNIC_INIT_LOG(INFO, port, "closed port %u", port->port_id);
	pthread_mutex_destroy(&port->lock);
	return 0;
}

/*
 * After RTE_ETH_EVENT_INTR_RESET (ethdev has stopped the port): reset the
 * VF, redo the handshake with the PF, give back buffers a stuck queue kept.
 * Queues, MTU, MAC and filters stay configured: rte_eth_dev_start() brings
 * the port back as it was.
 */
static int
srnic_dev_reset(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	int ret;

	pthread_mutex_lock(&port->lock);
	ret = srnic_pci_command_restore(port);
	if (ret == 0)
		ret = srnic_vf_init(port);
	if (ret < 0) {
		port->reset_needed = true;
		goto out;
	}
	release_held_buffers(port);
	port->resets++;
	srnic_hw_stats_init(port);
	rte_ether_addr_copy(&port->mac, &dev->data->mac_addrs[0]);
	/* Say now what the link is, not at the next periodic look. */
	port->link_up = srnic_link_now(port);
	SRNIC_DRV_LOG(NOTICE, port, "reset done: start the port again");
out:
	pthread_mutex_unlock(&port->lock);
	srnic_dev_link_update(dev, 0);
	return ret;
}

/* Fill the port from the VF's BAR and sysfs, and shake hands with the PF. */
static int
port_init(struct rte_eth_dev *dev, struct rte_pci_device *pci_dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	pthread_mutexattr_t attr;
	int ret;

	snprintf(port->name, sizeof(port->name), "%s", pci_dev->device.name);
	port->port_id = dev->data->port_id;
	if (srnic_pci_info_read(port->name, &port->pci) < 0)
		memset(&port->pci, 0, sizeof(port->pci));
	port->pci.vendor = pci_dev->id.vendor_id;
	port->pci.device = pci_dev->id.device_id;
	port->bar0.base = pci_dev->mem_resource[0].addr;
	port->bar0.len = pci_dev->mem_resource[0].len;
	port->bar = &port->bar0;
	port->max_queues = pci_dev->id.device_id == IGB_DEV_ID_I350_VF ?
		IGB_VF_MAX_QUEUES_I350 : IGB_VF_MAX_QUEUES_82576;
	port->mtu = SRNIC_DEFAULT_MTU;
	port->event_period_ms = SRNIC_EVENT_PERIOD_MS;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&port->lock, &attr);
	pthread_mutexattr_destroy(&attr);

	srnic_vf_mbx_init(&port->mbx, port->bar, port->name);
	ret = srnic_vf_init(port);
	if (ret < 0)
		goto destroy;
	srnic_hw_stats_init(port);
	port->link_up = srnic_link_now(port);
	dev->data->mac_addrs = rte_zmalloc("srnic_mac", RTE_ETHER_ADDR_LEN, 0);
	if (dev->data->mac_addrs == NULL) {
		ret = -ENOMEM;
		goto destroy;
	}
	rte_ether_addr_copy(&port->mac, &dev->data->mac_addrs[0]);
	ret = srnic_events_start(port);
	if (ret < 0)
		goto destroy;	/* ethdev frees mac_addrs with the port */
	return 0;
destroy:
	pthread_mutex_destroy(&port->lock);
	return ret;
}

static int
srnic_dev_init(struct rte_eth_dev *dev)
{
	struct rte_pci_device *pci_dev = RTE_ETH_DEV_TO_PCI(dev);
	const struct srnic_pci_id *id;
	struct srnic_port *port;
	int ret;

	dev->dev_ops = &srnic_eth_dev_ops;
	dev->rx_queue_count = srnic_dev_rx_queue_count;
	dev->rx_descriptor_status = srnic_dev_rx_descriptor_status;
	dev->tx_descriptor_status = srnic_dev_tx_descriptor_status;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		/* The primary set the port up; take its burst choice. */
		srnic_set_burst_functions(dev);
		return 0;
	}
	rte_eth_copy_pci_info(dev, pci_dev);
	dev->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS | RTE_ETH_DEV_INTR_LSC;
	ret = port_init(dev, pci_dev);
	if (ret < 0)
		return ret;
	port = srnic_port_of(dev);
	id = srnic_pci_id_lookup(pci_dev->id.vendor_id, pci_dev->id.device_id);
	SRNIC_INIT_LOG(INFO, port, "%s, ethdev port %u, MAC " RTE_ETHER_ADDR_PRT_FMT "%s",
		id != NULL ? id->name : "VF", port->port_id, RTE_ETHER_ADDR_BYTES(&port->mac),
		port->mac_from_pf ? " (from the PF)" : "");
	return 0;
}

static int
srnic_dev_uninit(struct rte_eth_dev *dev)
{
	return srnic_dev_close(dev);
}

/*
 * EAL offers every 8086:10ca/1520 function to this driver. One that is not
 * on vfio-pci is left alone quietly, unless the user named it with -a:
 * then the message says which driver holds it and what to run.
 */
static int
check_usable(const struct rte_pci_device *pci_dev)
{
	const struct rte_devargs *da = pci_dev->device.devargs;
	bool asked = da != NULL && da->policy == RTE_DEV_ALLOWED;
	struct srnic_pci_info info;

	if (pci_dev->kdrv == RTE_PCI_KDRV_VFIO) {
		if (!rte_eal_has_hugepages()) {
			SRNIC_PLAIN_LOG(ERR, "%s: EAL runs without hugepages, which the NIC's DMA "
				"needs: reserve some (echo 256 > /sys/kernel/mm/hugepages/"
				"hugepages-2048kB/nr_hugepages), mount hugetlbfs, and drop "
				"--no-huge", pci_dev->device.name);
			return -ENOMEM;
		}
		return 0;
	}
	if (!asked) {
		SRNIC_PLAIN_LOG(DEBUG, "%s: not bound to vfio-pci, skipped",
			pci_dev->device.name);
		return 1;
	}
	if (srnic_pci_info_read(pci_dev->device.name, &info) < 0)
		info.driver[0] = '\0';
	if (info.driver[0] == '\0')
		SRNIC_PLAIN_LOG(ERR, "VF %s is bound to no driver; run: "
			"usertools/srnic-devbind.py --bind vfio-pci %s", pci_dev->device.name,
			pci_dev->device.name);
	else
		SRNIC_PLAIN_LOG(ERR, "VF %s is bound to %s, not vfio-pci; run: "
			"usertools/srnic-devbind.py --bind vfio-pci %s", pci_dev->device.name,
			info.driver, pci_dev->device.name);
	return -EBUSY;
}

static int
srnic_pci_probe(struct rte_pci_driver *drv, struct rte_pci_device *pci_dev)
{
	int ret;

	RTE_SET_USED(drv);
	ret = check_usable(pci_dev);
	if (ret != 0)
		return ret;
	ret = rte_pci_map_device(pci_dev);
	if (ret != 0) {
		SRNIC_PLAIN_LOG(ERR, "%s: vfio-pci would not open the VF; when its PF is "
			"managed from userspace (srnic-pfd), pass the PF's VF token with EAL's "
			"--vfio-vf-token (see the EAL messages above)", pci_dev->device.name);
		return ret < 0 ? ret : -ENODEV;
	}
	ret = rte_eth_dev_pci_generic_probe(pci_dev, sizeof(struct srnic_port),
		srnic_dev_init);
	if (ret != 0)
		rte_pci_unmap_device(pci_dev);
	return ret;
}

static int
srnic_pci_remove(struct rte_pci_device *pci_dev)
{
	int ret = rte_eth_dev_pci_generic_remove(pci_dev, srnic_dev_uninit);

	if (ret == 0)
		rte_pci_unmap_device(pci_dev);
	return ret;
}

const struct eth_dev_ops srnic_eth_dev_ops = {
	.dev_configure = srnic_dev_configure,
	.dev_infos_get = srnic_dev_infos_get,
	.rx_queue_setup = srnic_dev_rx_queue_setup,
	.tx_queue_setup = srnic_dev_tx_queue_setup,
	.rx_queue_release = srnic_dev_rx_queue_release,
	.tx_queue_release = srnic_dev_tx_queue_release,
	.dev_start = srnic_dev_start,
	.dev_stop = srnic_dev_stop,
	.dev_close = srnic_dev_close,
	.dev_reset = srnic_dev_reset,
	.link_update = srnic_dev_link_update,
	.stats_get = srnic_dev_stats_get,
	.stats_reset = srnic_dev_stats_reset,
	.xstats_get = srnic_dev_xstats_get,
	.xstats_get_names = srnic_dev_xstats_get_names,
	.xstats_reset = srnic_dev_stats_reset,
	.promiscuous_enable = srnic_dev_promiscuous_enable,
	.promiscuous_disable = srnic_dev_promiscuous_disable,
	.allmulticast_enable = srnic_dev_allmulticast_enable,
	.allmulticast_disable = srnic_dev_allmulticast_disable,
	.mac_addr_set = srnic_dev_mac_addr_set,
	.set_mc_addr_list = srnic_dev_set_mc_addr_list,
	.vlan_filter_set = srnic_dev_vlan_filter_set,
	.vlan_offload_set = srnic_dev_vlan_offload_set,
	.mtu_set = srnic_dev_mtu_set,
	.get_reg = srnic_dev_get_reg,
	.rxq_info_get = srnic_dev_rxq_info_get,
	.txq_info_get = srnic_dev_txq_info_get,
	.rx_burst_mode_get = srnic_dev_rx_burst_mode_get,
	.tx_burst_mode_get = srnic_dev_tx_burst_mode_get,
	.tx_done_cleanup = srnic_dev_tx_done_cleanup,
	.rx_queue_intr_enable = srnic_dev_rx_queue_intr_enable,
	.rx_queue_intr_disable = srnic_dev_rx_queue_intr_disable,
};

/* The devices EAL matches against: the list srnic_pci_id_table holds too. */
#define SRNIC_RTE_PCI_ID(vendor, device, name) { RTE_PCI_DEVICE(vendor, device) },

static const struct rte_pci_id srnic_pci_id_map[] = {
	SRNIC_PCI_ID_LIST(SRNIC_RTE_PCI_ID)
	{ .vendor_id = 0 },
};

/* No NEED_MAPPING: probe maps the BAR itself, after telling the user why
 * a VF cannot be used. */
static struct rte_pci_driver srnic_pci_driver = {
	.id_table = srnic_pci_id_map,
	.drv_flags = 0,
	.probe = srnic_pci_probe,
	.remove = srnic_pci_remove,
};

RTE_PMD_REGISTER_PCI(net_srnic, srnic_pci_driver);
RTE_PMD_REGISTER_PCI_TABLE(net_srnic, srnic_pci_id_map);
RTE_PMD_REGISTER_KMOD_DEP(net_srnic, "vfio-pci");
