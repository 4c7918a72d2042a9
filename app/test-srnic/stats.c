/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics displays, in testpmd's formats so that scripts and people read
 * srnic-testpmd's output the way they read testpmd's.
 */
#include <inttypes.h>
#include <stdio.h>

#include <rte_cycles.h>

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
	struct srnic_stats st;
	uint64_t tsc = rte_get_timer_cycles(), cycles;

	if (srnic_stats_get(p->id, &st) < 0)
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

void
stats_show_xstats(uint16_t idx)
{
	struct srnic_xstat_name names[128];
	struct srnic_xstat vals[128];
	int n, i;

	n = srnic_xstats_get_names(ports[idx].id, names, RTE_DIM(names));
	if (n < 0 || n > (int)RTE_DIM(names) || srnic_xstats_get(ports[idx].id, vals, n) != n) {
		printf("Port %u: cannot read extended statistics\n", idx);
		return;
	}
	printf("###### NIC extended statistics for port %-2u\n", idx);
	for (i = 0; i < n; i++)
		printf("%s: %" PRIu64 "\n", names[i].name, vals[i].value);
	fflush(stdout);
}

void
stats_show_info(uint16_t idx)
{
	struct srnic_dev_info info;
	struct srnic_link link;

	if (srnic_dev_info_get(ports[idx].id, &info) < 0 ||
	    srnic_link_get(ports[idx].id, &link) < 0)
		return;
	printf("\n********************* Infos for port %-2u *********************\n", idx);
	printf("MAC address: " RTE_ETHER_ADDR_PRT_FMT "\n", RTE_ETHER_ADDR_BYTES(&info.mac));
	printf("Device name: %s (VF %04x:%04x of PF %s)\n", info.name, info.vendor_id,
		info.device_id, info.pf_name);
	printf("Driver name: net_srnic\n");
	printf("Link status: %s\n", link.up ? "up" : "down");
	printf("Link speed: %u Mbps\n", link.speed_mbps);
	printf("Link duplex: %s\n", link.full_duplex ? "full-duplex" : "half-duplex");
	printf("Reset needed: %s\n", srnic_dev_reset_needed(ports[idx].id) ? "yes" : "no");
	printf("Max RX/TX queues: %u/%u\n", info.max_rx_queues, info.max_tx_queues);
	printf("Current RX/TX queues: %u/%u\n", cfg.nb_rxq, cfg.nb_txq);
	printf("RX/TX descriptors: %u..%u, multiple of %u\n", info.rx_desc_min,
		info.rx_desc_max, info.desc_align);
	printf("MTU range: %u..%u; max RX frame %u\n", info.min_mtu, info.max_mtu,
		info.max_rx_pktlen);
	fflush(stdout);
}

/* Where forward statistics and rates since the last display count from. */
static void
stats_baseline(uint16_t idx)
{
	srnic_stats_get(ports[idx].id, &ports[idx].at_start);
	ports[idx].last = ports[idx].at_start;
	ports[idx].last_tsc = rte_get_timer_cycles();
}

void
stats_clear(uint16_t idx)
{
	srnic_stats_reset(ports[idx].id);
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
		struct srnic_stats st;
		uint64_t rx, rxd, tx, txd = 0;

		srnic_stats_get(ports[i].id, &st);
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
