/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What only net_srnic knows about a port, through DPDK telemetry. Every
 * other figure is ethdev's: /ethdev/info, /ethdev/stats and /ethdev/xstats
 * (with the driver's mailbox counters) work for srnic ports as for any.
 *
 *   /srnic/list           the ports net_srnic drives
 *   /srnic/port,<port>    the VF's PF, whether the PF last gave clear to
 *                         send, whether the MAC is the PF administrator's,
 *                         a mailbox timeout that holds until reset, a
 *                         reset the application still has to make
 *
 * The commands run on EAL's telemetry thread (primary process only) and
 * read the port under its lock, as the periodic event check does.
 */
#include <errno.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "srnic_dev.h"

static int
tel_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_port *port;
	uint16_t id;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	RTE_ETH_FOREACH_DEV(id)
		if (srnic_port_lookup(id, &port) == 0)
			rte_tel_data_add_array_int(d, id);
	return 0;
}

static int
tel_port(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_port *port;
	char *end;
	long id;

	RTE_SET_USED(cmd);
	if (params == NULL || *params == '\0')
		return -EINVAL;
	id = strtol(params, &end, 10);
	if (*end != '\0' || id < 0 || id >= RTE_MAX_ETHPORTS ||
	    srnic_port_lookup((uint16_t)id, &port) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	pthread_mutex_lock(&port->lock);
	rte_tel_data_add_dict_string(d, "vf", port->name);
	rte_tel_data_add_dict_string(d, "pf", port->pci.physfn);
	rte_tel_data_add_dict_int(d, "pf_clear_to_send", port->pf_link_ok);
	rte_tel_data_add_dict_int(d, "mac_from_pf", port->mac_from_pf);
	rte_tel_data_add_dict_int(d, "mbox_timed_out", port->mbx.timed_out);
	rte_tel_data_add_dict_int(d, "reset_needed", port->reset_needed);
	pthread_mutex_unlock(&port->lock);
	return 0;
}

RTE_INIT(srnic_telemetry_register)
{
	rte_telemetry_register_cmd("/srnic/list", tel_list,
		"Ports driven by net_srnic. Takes no parameters");
	rte_telemetry_register_cmd("/srnic/port", tel_port,
		"An srnic port's PF, PF clear to send, MAC from the PF, mailbox timeout, "
		"reset needed. Parameters: int port");
}
