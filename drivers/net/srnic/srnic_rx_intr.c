/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RX interrupts (intr_conf.rxq), for applications that sleep when idle:
 * each RX queue gets an MSI-X vector of its own through vfio, the one EAL
 * pairs with that queue's eventfd (vector 1 + queue; vector 0 is EAL's
 * "other" vector, which stays silent: the mailbox is polled). The vector is
 * masked until the application arms it with rte_eth_dev_rx_intr_enable(),
 * and its cause clears itself when the message goes out.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_interrupts.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

static uint32_t
queue_vector(uint16_t q)
{
	return RTE_INTR_VEC_RXTX_OFFSET + q;
}

static uint32_t
vector_bits(uint16_t nb_rxq)
{
	uint32_t bits = 0;
	uint16_t q;

	for (q = 0; q < nb_rxq; q++)
		bits |= 1u << queue_vector(q);
	return bits;
}

/* Every vector masked, then the queues' map and which causes clear
 * themselves when their message goes out. */
static void
program_vectors(const struct srnic_port *port, uint32_t ivar, uint32_t auto_clear)
{
	srnic_write32(port->bar, IGB_VF_EIMC, IGB_VF_VECTOR_MASK);
	srnic_write32(port->bar, IGB_VF_IVAR0, ivar);
	srnic_write32(port->bar, IGB_VF_EIAC, auto_clear);
}

int
srnic_rx_intr_configure_check(struct rte_eth_dev *dev)
{
	const struct srnic_port *port = srnic_port_of(dev);

	if (!dev->data->dev_conf.intr_conf.rxq)
		return 0;
	if (dev->intr_handle == NULL || !rte_intr_cap_multiple(dev->intr_handle)) {
		SRNIC_DRV_LOG(ERR, port, "RX interrupts need a vector per queue, which EAL "
			"gives only to a VF on vfio-pci with MSI-X; leave intr_conf.rxq at 0");
		return -ENOTSUP;
	}
	if (queue_vector(dev->data->nb_rx_queues - 1) >= IGB_VF_MSIX_VECTORS) {
		SRNIC_DRV_LOG(ERR, port, "RX interrupts for %u queues: the VF has vectors "
			"for %u", dev->data->nb_rx_queues,
			IGB_VF_MSIX_VECTORS - RTE_INTR_VEC_RXTX_OFFSET);
		return -EINVAL;
	}
	return 0;
}

int
srnic_rx_intr_start(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	struct rte_intr_handle *ih = dev->intr_handle;
	uint16_t nb = dev->data->nb_rx_queues, q;
	uint32_t ivar = 0;
	int ret;

	if (!dev->data->dev_conf.intr_conf.rxq)
		return 0;
	ret = rte_intr_efd_enable(ih, nb);
	if (ret == 0)
		ret = rte_intr_vec_list_alloc(ih, "srnic_rx_intr", nb);
	for (q = 0; ret == 0 && q < nb; q++)
		ret = rte_intr_vec_list_index_set(ih, q, (int)queue_vector(q));
	if (ret == 0)
		ret = rte_intr_enable(ih);
	if (ret != 0) {
		/* EAL answers -errno, or -1 with rte_errno set. */
		int err = (ret == -1 && rte_errno != 0) ? rte_errno : -ret;

		SRNIC_INIT_LOG(ERR, port, "cannot set up the RX queues' MSI-X vectors: %s",
			rte_strerror(err));
		srnic_rx_intr_stop(dev);
		return -err;
	}
	for (q = 0; q < nb; q++)
		ivar |= (queue_vector(q) | IGB_IVAR_VALID) << IGB_VF_IVAR_RX_SHIFT(q);
	program_vectors(port, ivar, vector_bits(nb));
	return 0;
}

void
srnic_rx_intr_stop(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	struct rte_intr_handle *ih = dev->intr_handle;

	if (!dev->data->dev_conf.intr_conf.rxq || ih == NULL)
		return;
	program_vectors(port, 0, 0);
	rte_intr_disable(ih);
	rte_intr_efd_disable(ih);
	rte_intr_vec_list_free(ih);
}

int
srnic_dev_rx_queue_intr_enable(struct rte_eth_dev *dev, uint16_t q)
{
	srnic_write32(srnic_port_of(dev)->bar, IGB_VF_EIMS, 1u << queue_vector(q));
	return 0;
}

int
srnic_dev_rx_queue_intr_disable(struct rte_eth_dev *dev, uint16_t q)
{
	srnic_write32(srnic_port_of(dev)->bar, IGB_VF_EIMC, 1u << queue_vector(q));
	return 0;
}
