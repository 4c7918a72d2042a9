/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics through DPDK telemetry, for dpdk-telemetry.py and friends:
 *   /srnic_testpmd/ports          port indexes
 *   /srnic_testpmd/stats,<port>   basic statistics of a port
 *   /srnic_testpmd/xstats,<port>  extended statistics of a port
 *   /srnic_testpmd/fwd            forwarding mode, state and totals
 */
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "testpmd.h"

static int
port_param(const char *params)
{
	char *end;
	long idx;

	if (params == NULL || *params == '\0')
		return -1;
	idx = strtol(params, &end, 10);
	return (*end == '\0' && idx >= 0 && idx < nb_ports) ? (int)idx : -1;
}

static int
tel_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	uint16_t i;

	(void)cmd;
	(void)params;
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (i = 0; i < nb_ports; i++)
		rte_tel_data_add_array_int(d, i);
	return 0;
}

static int
tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int idx = port_param(params);
	struct rte_eth_stats st;

	(void)cmd;
	if (idx < 0 || rte_eth_stats_get(ports[idx].id, &st) < 0)
		return -1;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", ports[idx].name);
	rte_tel_data_add_dict_u64(d, "ipackets", st.ipackets);
	rte_tel_data_add_dict_u64(d, "opackets", st.opackets);
	rte_tel_data_add_dict_u64(d, "ibytes", st.ibytes);
	rte_tel_data_add_dict_u64(d, "obytes", st.obytes);
	rte_tel_data_add_dict_u64(d, "imissed", st.imissed);
	rte_tel_data_add_dict_u64(d, "ierrors", st.ierrors);
	rte_tel_data_add_dict_u64(d, "oerrors", st.oerrors);
	rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	return 0;
}

static int
tel_xstats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rte_eth_xstat_name *names;
	struct rte_eth_xstat *vals;
	int idx = port_param(params), n, i;

	(void)cmd;
	if (idx < 0)
		return -1;
	n = port_xstats_read(ports[idx].id, &names, &vals);
	if (n < 0)
		return -1;
	rte_tel_data_start_dict(d);
	for (i = 0; i < n; i++)
		rte_tel_data_add_dict_u64(d, names[vals[i].id].name, vals[i].value);
	free(names);
	free(vals);
	return 0;
}

static int
tel_fwd(const char *cmd, const char *params, struct rte_tel_data *d)
{
	uint64_t tx = 0, dropped = 0;
	uint16_t s;

	(void)cmd;
	(void)params;
	for (s = 0; s < nb_streams && streams != NULL; s++) {
		tx += streams[s].tx_packets;
		dropped += streams[s].fwd_dropped;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "mode", cfg.fwd_mode);
	rte_tel_data_add_dict_int(d, "running", fwd_is_running());
	rte_tel_data_add_dict_int(d, "ports", nb_ports);
	rte_tel_data_add_dict_int(d, "streams", nb_streams);
	rte_tel_data_add_dict_u64(d, "rx_packets", streams != NULL ? fwd_total_rx() : 0);
	rte_tel_data_add_dict_u64(d, "tx_packets", tx);
	rte_tel_data_add_dict_u64(d, "fwd_dropped", dropped);
	return 0;
}

void
telemetry_register(void)
{
	rte_telemetry_register_cmd("/srnic_testpmd/ports", tel_ports,
		"Port indexes of srnic-testpmd. Takes no parameters");
	rte_telemetry_register_cmd("/srnic_testpmd/stats", tel_stats,
		"Basic statistics of a port. Parameters: int port");
	rte_telemetry_register_cmd("/srnic_testpmd/xstats", tel_xstats,
		"Extended statistics of a port. Parameters: int port");
	rte_telemetry_register_cmd("/srnic_testpmd/fwd", tel_fwd,
		"Forwarding mode, state and totals. Takes no parameters");
}
