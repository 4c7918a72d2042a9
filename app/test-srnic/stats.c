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

static const char *nic_line =
	"  ############################################################################\n";

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
	printf("\n  ######################## NIC statistics for port %-2u #######################\n",
		idx);
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
	printf("%s", nic_line);
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
	if (link.link_speed == RTE_ETH_SPEED_NUM_UNKNOWN)
		printf("Link speed: unknown\n");
	else
		printf("Link speed: %u Mbps\n", link.link_speed);
	printf("Link duplex: %s\n", link.link_duplex ? "full-duplex" : "half-duplex");
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
	printf("Reset needed: %s\n", p->reset_needed ? "yes" : "no");
	printf("Max RX/TX queues: %u/%u\n", info.max_rx_queues, info.max_tx_queues);
	printf("Current RX/TX queues: %u/%u\n", info.nb_rx_queues, info.nb_tx_queues);
	printf("RX/TX descriptors: %u..%u, multiple of %u\n", info.rx_desc_lim.nb_min,
		info.rx_desc_lim.nb_max, info.rx_desc_lim.nb_align);
	printf("MTU range: %u..%u; max RX frame %u\n", info.min_mtu, info.max_mtu,
		info.max_rx_pktlen);
	fflush(stdout);
}

/* Where forward statistics and rates since the last display count from. */
static void
stats_baseline(uint16_t idx)
{
	rte_eth_stats_get(ports[idx].id, &ports[idx].at_start);
	ports[idx].last = ports[idx].at_start;
	ports[idx].last_tsc = rte_get_timer_cycles();
}

void
stats_clear(uint16_t idx)
{
	rte_eth_stats_reset(ports[idx].id);
	rte_eth_xstats_reset(ports[idx].id);
	stats_baseline(idx);
	printf("\n  NIC statistics for port %u cleared\n", idx);
}

void
stats_fwd_begin(void)
{
	uint16_t i;

	for (i = 0; i < nb_ports; i++)
		stats_baseline(i);
}

static void
fwd_block(const char *title, uint64_t rx, uint64_t rx_drop, uint64_t tx, uint64_t tx_drop,
	char fill)
{
	printf("\n  %s\n", title);
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 "RX-total: %" PRIu64 "\n",
		rx, rx_drop, rx + rx_drop);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 "TX-total: %" PRIu64 "\n",
		tx, tx_drop, tx + tx_drop);
	printf("  ");
	for (int i = 0; i < 76; i++)
		putchar(fill);
	printf("\n");
}

void
stats_fwd_end(void)
{
	uint64_t tot_rx = 0, tot_rxd = 0, tot_tx = 0, tot_txd = 0;
	char title[96];
	uint16_t i, s;

	for (i = 0; i < nb_ports; i++) {
		struct rte_eth_stats st;
		uint64_t rx, rxd, tx, txd = 0;

		if (rte_eth_stats_get(ports[i].id, &st) < 0)
			st = ports[i].at_start;
		rx = st.ipackets - ports[i].at_start.ipackets;
		rxd = st.imissed - ports[i].at_start.imissed;
		tx = st.opackets - ports[i].at_start.opackets;
		for (s = 0; s < nb_streams; s++)
			if (streams[s].tx_idx == i)
				txd += streams[s].fwd_dropped;
		snprintf(title, sizeof(title),
			"---------------------- Forward statistics for port %-2u ----------------------",
			i);
		fwd_block(title, rx, rxd, tx, txd, '-');
		tot_rx += rx;
		tot_rxd += rxd;
		tot_tx += tx;
		tot_txd += txd;
	}
	fwd_block("+++++++++++++++ Accumulated forward statistics for all ports+++++++++++++++",
		tot_rx, tot_rxd, tot_tx, tot_txd, '+');
	fflush(stdout);
}
