/* SPDX-License-Identifier: BSD-3-Clause */
/* The srnic-only calls of rte_pmd_srnic.h, on ethdev port ids. */
#include <errno.h>
#include <stdio.h>

#include <rte_eal.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

int
rte_pmd_srnic_check_events(uint16_t port_id)
{
	struct srnic_port *port;
	int ret = srnic_port_lookup(port_id, &port);

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
	int ret = srnic_port_lookup(port_id, &port);

	return ret < 0 ? ret : port->reset_needed;
}

int
rte_pmd_srnic_get_pf_name(uint16_t port_id, char *buf, size_t len)
{
	struct srnic_port *port;
	int ret = srnic_port_lookup(port_id, &port);

	if (ret < 0)
		return ret;
	if (buf == NULL || len < sizeof(port->pci.physfn) ||
	    (size_t)snprintf(buf, len, "%s", port->pci.physfn) >= len)
		return -EINVAL;
	return 0;
}

int
rte_pmd_srnic_dump_regs(uint16_t port_id, FILE *f)
{
	struct srnic_port *port;
	int ret = srnic_port_lookup(port_id, &port);

	if (ret < 0)
		return ret;
	if (f == NULL)
		return -EINVAL;
	return srnic_port_dump_regs(port, f);
}
