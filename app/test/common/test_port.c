/* SPDX-License-Identifier: BSD-3-Clause */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "test_port.h"

/* ethdev names the driver of a port through its device. */
static struct rte_driver driver = { .name = "net_srnic" };
static struct rte_device device = { .name = "srnic_test", .driver = &driver,
	.numa_node = SOCKET_ID_ANY };

/* What port_init() in srnic_ethdev.c does, with the fake NIC's BAR. */
static int
port_init(struct srnic_port *port, struct fake_nic *nic, uint16_t port_id, const char *name)
{
	snprintf(port->name, sizeof(port->name), "%s", name);
	port->port_id = port_id;
	port->bar = &nic->bar;
	port->max_queues = IGB_VF_MAX_QUEUES_82576;
	port->mtu = SRNIC_DEFAULT_MTU;
	port->event_period_ms = SRNIC_EVENT_PERIOD_MS;
	pthread_mutex_init(&port->lock, NULL);
	srnic_vf_mbx_init(&port->mbx, port->bar, port->name);
	if (srnic_vf_init(port) < 0)
		return -1;
	srnic_hw_stats_init(port);
	port->link_up = srnic_link_now(port);
	return 0;
}

int
test_port_create(struct fake_nic *nic, const char *name)
{
	static const uint8_t pf_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	struct rte_eth_dev *dev = rte_eth_dev_allocate(name);
	struct srnic_port *port;

	fake_nic_init(nic);
	memcpy(nic->pf_mac, pf_mac, sizeof(pf_mac));
	if (dev == NULL) {
		fprintf(stderr, "%s: no ethdev port left\n", name);
		return -1;
	}
	port = rte_zmalloc(name, sizeof(*port), RTE_CACHE_LINE_SIZE);
	dev->data->dev_private = port;
	dev->data->mac_addrs = rte_zmalloc(name, RTE_ETHER_ADDR_LEN, 0);
	if (port == NULL || dev->data->mac_addrs == NULL ||
	    port_init(port, nic, dev->data->port_id, name) < 0) {
		fprintf(stderr, "%s: cannot set the port up\n", name);
		rte_eth_dev_release_port(dev);
		return -1;
	}
	rte_ether_addr_copy(&port->mac, &dev->data->mac_addrs[0]);
	dev->device = &device;
	dev->dev_ops = &srnic_eth_dev_ops;
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_LSC;
	rte_eth_dev_probing_finish(dev);
	return dev->data->port_id;
}

int
test_port_count_event(uint16_t port_id, enum rte_eth_event_type type, void *arg,
	void *ret_param)
{
	RTE_SET_USED(port_id);
	RTE_SET_USED(type);
	RTE_SET_USED(ret_param);
	(*(int *)arg)++;
	return 0;
}
