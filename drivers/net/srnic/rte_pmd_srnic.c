/* SPDX-License-Identifier: BSD-3-Clause */
/* The srnic-only calls of rte_pmd_srnic.h, on ethdev port ids. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>

#include "rte_pmd_srnic.h"
#include "srnic_dev.h"
#include "srnic_logs.h"

/* The port a public call @func names, or why not, logged: these calls
 * take any port id an application holds. */
static int
public_port(const char *func, uint16_t port_id, struct srnic_port **port)
{
	const struct rte_device *dev;
	int ret = srnic_port_lookup(port_id, port);

	if (ret == -ENODEV) {
		SRNIC_PLAIN_LOG(ERR, "%s(): port %u does not exist (ports are the devices EAL "
			"probed: -a VF on its command line)", func, port_id);
	} else if (ret == -ENOTSUP) {
		dev = rte_eth_devices[port_id].device;
		SRNIC_PLAIN_LOG(ERR, "%s(): port %u belongs to %s, not to "
			RTE_PMD_SRNIC_DRIVER_NAME, func, port_id,
			dev != NULL && dev->driver != NULL ? dev->driver->name :
			"another driver");
	}
	return ret;
}

int
rte_pmd_srnic_check_events(uint16_t port_id)
{
	struct srnic_port *port;
	int ret = public_port(__func__, port_id, &port);

	if (ret < 0)
		return ret;
	/* Only the primary owns the mailbox. */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return -ENOTSUP;
	pthread_mutex_lock(&port->lock);
	srnic_events_poll_port(port);
	pthread_mutex_unlock(&port->lock);
	srnic_events_deliver(port);
	return 0;
}

int
rte_pmd_srnic_reset_needed(uint16_t port_id)
{
	struct srnic_port *port;
	int ret = public_port(__func__, port_id, &port);

	return ret < 0 ? ret : port->reset_needed;
}

int
rte_pmd_srnic_get_pf_name(uint16_t port_id, char *buf, size_t len)
{
	struct srnic_port *port;
	int ret = public_port(__func__, port_id, &port);

	if (ret < 0)
		return ret;
	/* What fits is the PF's name, as long as it is: 13 bytes hold any
	 * domain 0000 address. */
	if (buf == NULL || (size_t)snprintf(buf, len, "%s", port->pci.physfn) >= len) {
		SRNIC_DRV_LOG(ERR, port, "rte_pmd_srnic_get_pf_name(): %s cannot hold PF name "
			"'%s': give a buffer of %zu bytes or more", buf == NULL ? "a NULL buffer" :
			"the buffer", port->pci.physfn, strlen(port->pci.physfn) + 1);
		return -EINVAL;
	}
	return 0;
}

int
rte_pmd_srnic_dump_regs(uint16_t port_id, FILE *f)
{
	struct srnic_port *port;
	int ret = public_port(__func__, port_id, &port);

	if (ret < 0)
		return ret;
	if (f == NULL) {
		SRNIC_DRV_LOG(ERR, port, "rte_pmd_srnic_dump_regs(): the stream is NULL");
		return -EINVAL;
	}
	return srnic_port_dump_regs(port, f);
}
