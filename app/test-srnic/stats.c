/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics displays, in testpmd's formats so that scripts and people read
 * srnic-testpmd's output the way they read testpmd's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_pmd_srnic.h>

#include "testpmd.h"

/* testpmd's NIC statistics frame: 24 '#' each side of the title, 76 below. */
#define NIC_BORDER	"########################"

static uint64_t
rate(uint64_t now, uint64_t before, uint64_t cycles)
{
	return cycles ? (now - before) * rte_get_timer_hz() / cycles : 0;
}

void
stats_show_port(uint16_t idx)
{
	struct port_state *p = &ports[idx];
	struct rte_eth_stats st;
	uint64_t tsc = rte_get_timer_cycles(), cycles;

	if (rte_eth_stats_get(p->id, &st) < 0)
		return;
	cycles = p->last_tsc ? tsc - p->last_tsc : 0;
	printf("\n  " NIC_BORDER " NIC statistics for port %-2u " NIC_BORDER "\n", idx);
	printf("  RX-packets: %-10" PRIu64 " RX-missed: %-10" PRIu64 " RX-bytes:  %-" PRIu64 "\n",
		st.ipackets, st.imissed, st.ibytes);
	printf("  RX-errors: %" PRIu64 "\n", st.ierrors);
	printf("  RX-nombuf:  %-10" PRIu64 "\n", st.rx_nombuf);
	printf("  TX-packets: %-10" PRIu64 " TX-errors: %-10" PRIu64 " TX-bytes:  %-" PRIu64 "\n",
		st.opackets, st.oerrors, st.obytes);
	printf("\n  Throughput (since last show)\n");
	printf("  Rx-pps: %12" PRIu64 "          Rx-bps: %12" PRIu64 "\n",
		rate(st.ipackets, p->last.ipackets, cycles),
		rate(st.ibytes, p->last.ibytes, cycles) * 8);
	printf("  Tx-pps: %12" PRIu64 "          Tx-bps: %12" PRIu64 "\n",
		rate(st.opackets, p->last.opackets, cycles),
		rate(st.obytes, p->last.obytes, cycles) * 8);
	printf("  " NIC_BORDER "############################" NIC_BORDER "\n");
	p->last = st;
	p->last_tsc = tsc;
	fflush(stdout);
}

void
stats_show_all(void)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++)
		stats_show_port(i);
}

int
port_xstats_read(uint16_t port_id, struct rte_eth_xstat_name **names,
	struct rte_eth_xstat **vals)
{
	int n = rte_eth_xstats_get_names(port_id, NULL, 0);

	*names = NULL;
	*vals = NULL;
	if (n <= 0)
		return n < 0 ? n : 0;
	*names = calloc(n, sizeof(**names));
	*vals = calloc(n, sizeof(**vals));
	if (*names == NULL || *vals == NULL ||
	    rte_eth_xstats_get_names(port_id, *names, n) != n ||
	    rte_eth_xstats_get(port_id, *vals, n) != n) {
		free(*names);
		free(*vals);
		*names = NULL;
		*vals = NULL;
		return -EIO;
	}
	return n;
}

void
stats_show_xstats(uint16_t idx)
{
	struct rte_eth_xstat_name *names;
	struct rte_eth_xstat *vals;
	int n, i;

	n = port_xstats_read(ports[idx].id, &names, &vals);
	if (n < 0) {
		printf("Port %u: cannot read extended statistics\n", idx);
		return;
	}
	printf("###### NIC extended statistics for port %-2u\n", idx);
	for (i = 0; i < n; i++)
		printf("%s: %" PRIu64 "\n", names[vals[i].id].name, vals[i].value);
	free(names);
	free(vals);
	fflush(stdout);
}

static const char *
on_off(int state)
{
	return state == 1 ? "enabled" : state == 0 ? "disabled" : "unknown";
}

static void
show_link(uint16_t port_id)
{
	struct rte_eth_link link;

	if (rte_eth_link_get_nowait(port_id, &link) < 0) {
		printf("Link status: unknown\n");
		return;
	}
	printf("Link status: %s\n", link.link_status ? "up" : "down");
	printf("Link speed: %s\n", rte_eth_link_speed_to_str(link.link_speed));
	printf("Link duplex: %s\n", link.link_duplex ? "full-duplex" : "half-duplex");
	printf("Autoneg status: %s\n", link.link_autoneg ? "On" : "Off");
}

static const char *
bit_on(int mask, int bit)
{
	return (mask & bit) ? "on" : "off";
}

static void
show_vlan_offload(uint16_t port_id)
{
	int vo = rte_eth_dev_get_vlan_offload(port_id);

	if (vo < 0)
		return;
	printf("VLAN offload: \n");
	printf("  strip %s, filter %s, extend %s, qinq strip %s\n",
		bit_on(vo, RTE_ETH_VLAN_STRIP_OFFLOAD), bit_on(vo, RTE_ETH_VLAN_FILTER_OFFLOAD),
		bit_on(vo, RTE_ETH_VLAN_EXTEND_OFFLOAD), bit_on(vo, RTE_ETH_QINQ_STRIP_OFFLOAD));
}

static void
show_queue_limits(const struct rte_eth_dev_info *info)
{
	printf("Minimum size of RX buffer: %u\n", info->min_rx_bufsize);
	printf("Maximum configurable length of RX packet: %u\n", info->max_rx_pktlen);
	printf("Current number of RX queues: %u\n", info->nb_rx_queues);
	printf("Max possible RX queues: %u\n", info->max_rx_queues);
	printf("Max possible number of RXDs per queue: %u\n", info->rx_desc_lim.nb_max);
	printf("Min possible number of RXDs per queue: %u\n", info->rx_desc_lim.nb_min);
	printf("RXDs number alignment: %u\n", info->rx_desc_lim.nb_align);
	printf("Current number of TX queues: %u\n", info->nb_tx_queues);
	printf("Max possible TX queues: %u\n", info->max_tx_queues);
	printf("Max possible number of TXDs per queue: %u\n", info->tx_desc_lim.nb_max);
	printf("Min possible number of TXDs per queue: %u\n", info->tx_desc_lim.nb_min);
	printf("TXDs number alignment: %u\n", info->tx_desc_lim.nb_align);
	printf("Max segment number per packet: %u\n", info->tx_desc_lim.nb_seg_max);
	printf("Max segment number per MTU/TSO: %u\n", info->tx_desc_lim.nb_mtu_seg_max);
}

void
stats_show_info(uint16_t idx)
{
	const struct port_state *p = &ports[idx];
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;
	char pf[TP_NAME_LEN];
	uint16_t mtu = 0;

	if (rte_eth_dev_info_get(p->id, &info) < 0 || rte_eth_macaddr_get(p->id, &mac) < 0)
		return;
	rte_eth_dev_get_mtu(p->id, &mtu);
	printf("\n********************* Infos for port %-2u *********************\n", idx);
	printf("MAC address: " RTE_ETHER_ADDR_PRT_FMT "\n", RTE_ETHER_ADDR_BYTES(&mac));
	/* Only a srnic port knows its PF; other drivers answer -ENOTSUP. */
	if (rte_pmd_srnic_get_pf_name(p->id, pf, sizeof(pf)) == 0)
		printf("Device name: %s (VF of PF %s)\n", p->name, pf);
	else
		printf("Device name: %s\n", p->name);
	printf("Driver name: %s\n", info.driver_name);
	printf("Connect to socket: %d\n", rte_eth_dev_socket_id(p->id));
	printf("memory allocation on the socket: %d\n", p->socket);
	show_link(p->id);
	printf("MTU: %u\n", mtu);
	printf("Promiscuous mode: %s\n", on_off(rte_eth_promiscuous_get(p->id)));
	printf("Allmulticast mode: %s\n", on_off(rte_eth_allmulticast_get(p->id)));
	printf("Maximum number of MAC addresses: %u\n", info.max_mac_addrs);
	printf("Maximum number of MAC addresses of hash filtering: %u\n",
		info.max_hash_mac_addrs);
	show_vlan_offload(p->id);
	show_queue_limits(&info);
	/* srnic's own: the driver raised RTE_ETH_EVENT_INTR_RESET. */
	printf("Reset needed: %s\n", p->reset_needed ? "yes" : "no");
	fflush(stdout);
}

/* "show port summary": testpmd's table, one line a port. */
void
stats_show_summary_header(void)
{
	printf("Number of available ports: %u\n", nb_ports);
	printf("%-4s %-17s %-12s %-14s %-8s %s\n", "Port", "MAC Address", "Name", "Driver",
		"Status", "Link");
}

void
stats_show_summary(uint16_t idx)
{
	struct rte_eth_dev_info info;
	struct rte_eth_link link;
	struct rte_ether_addr mac;

	if (rte_eth_dev_info_get(ports[idx].id, &info) < 0 ||
	    rte_eth_macaddr_get(ports[idx].id, &mac) < 0 ||
	    rte_eth_link_get_nowait(ports[idx].id, &link) < 0)
		return;
	printf("%-4u " RTE_ETHER_ADDR_PRT_FMT " %-12s %-14s %-8s %s\n", idx,
		RTE_ETHER_ADDR_BYTES(&mac), ports[idx].name, info.driver_name,
		link.link_status ? "up" : "down", rte_eth_link_speed_to_str(link.link_speed));
}

