/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest scenarios for net_srnic against a real PF driver. Each scenario
 * prints one "ok:"/"FAIL:" line per check and exits non-zero when any
 * check failed.
 *
 * The VFs are ethdev ports: EAL probes those given with "-a ADDR", and a
 * scenario finds each by the PCI address it is given.
 *
 * Usage: test-srnic-vf [EAL args] -- SCENARIO ARGS...
 *   traffic A B COUNT SIZE      A sends COUNT frames of SIZE bytes to B
 *   filters A B                 multicast list, all-multicast, VLAN, MTU on B
 *   admin-mac A FREE            A has an admin MAC, FREE has none
 *   pf-reset A B PF_IFACE       PF down/up during traffic, then reset
 *   errors VF PF                bad input gets the documented errors
 *   probe-fails ADDR            EAL given "-a ADDR" fails, or makes no port
 *   link A DOWN_CMD UP_CMD      A's link follows the PF's link state for it
 *   port-vlan VF PEER VID       VF has port VLAN VID from its PF (vf_pf_scenarios.c)
 *   wire-rx VF0 VF1 VID SECS    count frames from the wire (vf_pf_scenarios.c)
 *   nombuf A B                  B's RX pool runs dry, then recovers (vf_nombuf_scenario.c)
 *   tso A B                     A's TSO packets reach B cut at the MSS (vf_tso_scenario.c)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_pci.h>

#include "vf_nombuf_scenario.h"
#include "vf_tso_scenario.h"
#include "vf_pf_scenarios.h"
#include "vf_util.h"

#define POOL_MBUFS	4095
#define POOL_CACHE	64

static struct rte_mempool *rx_pool_a, *rx_pool_b, *tx_pool;
/* No TX offload: the driver's simple TX path, one segment a frame. */
static const struct vf_port_opts default_opts = { .nb_desc = 512 };
/* Multi-segment TX: frames longer than a tx_pool mbuf go out chained. */
static const struct vf_port_opts chained_opts = {
	.nb_desc = 512, .tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS,
};

static struct rte_mempool *
pool(const char *name, uint16_t data_room)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create(name, POOL_MBUFS, POOL_CACHE, 0,
		data_room, SOCKET_ID_ANY);

	if (mp == NULL)
		rte_exit(EXIT_FAILURE, "mempool %s: %s\n", name, rte_strerror(rte_errno));
	return mp;
}

static void
check_pools_full(void)
{
	struct rte_mempool *pools[] = { rx_pool_a, rx_pool_b, tx_pool };

	vf_check_pools_full(pools, RTE_DIM(pools));
}

static void
spec_between(uint16_t tx, uint16_t rx, uint32_t len, struct vf_frame_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	rte_eth_macaddr_get(tx, &spec->src);
	rte_eth_macaddr_get(rx, &spec->dst);
	spec->len = len;
}

/* An extended statistic by name; UINT64_MAX when the port has none such. */
static uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, value;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) != 0 ||
			rte_eth_xstats_get_by_id(port, &id, &value, 1) != 1)
		return UINT64_MAX;
	return value;
}

static int
open_pair(const char *a, const char *b, const struct vf_port_opts *oa,
	const struct vf_port_opts *ob, uint16_t *pa, uint16_t *pb)
{
	int ret = vf_port_open(a, rx_pool_a, oa, pa);

	if (!vf_check(ret == 0, "port %s started (%d)", a, ret))
		return -1;
	ret = vf_port_open(b, rx_pool_b, ob, pb);
	if (!vf_check(ret == 0, "port %s started (%d)", b, ret)) {
		vf_port_close(*pa);
		return -1;
	}
	return 0;
}

static void
scenario_traffic(char **argv)
{
	uint64_t count = strtoull(argv[2], NULL, 0);
	uint32_t size = (uint32_t)strtoul(argv[3], NULL, 0);
	struct rte_eth_burst_mode mode = { 0 };
	struct vf_frame_spec spec;
	struct rte_eth_stats sa, sb;
	struct vf_traffic res;
	uint16_t a, b;
	uint64_t t0, t1;

	if (open_pair(argv[0], argv[1], &default_opts, &default_opts, &a, &b) < 0)
		return;
	/* Without TX offloads the driver takes a simple TX path: a vector
	 * one where the CPU has it. */
	vf_check(rte_eth_tx_burst_mode_get(a, 0, &mode) == 0 &&
		(strcmp(mode.info, "Scalar Simple") == 0 || strncmp(mode.info, "Vector ", 7) == 0),
		"sender's TX burst mode '%s'", mode.info);
	printf("info: TX burst mode %s\n", mode.info);
	spec_between(a, b, size, &spec);
	t0 = rte_get_timer_cycles();
	vf_traffic_run(a, b, tx_pool, &spec, count, 256, 2000, &res);
	t1 = rte_get_timer_cycles();
	printf("info: %lu frames in %.2f s (%.0f frames/s)\n", (unsigned long)res.received,
		(double)(t1 - t0) / rte_get_timer_hz(),
		res.received * (double)rte_get_timer_hz() / (double)(t1 - t0));
	vf_check(res.sent == count, "sent %lu of %lu frames", (unsigned long)res.sent,
		(unsigned long)count);
	vf_check(res.received == count, "received %lu of %lu frames",
		(unsigned long)res.received, (unsigned long)count);
	vf_check(res.bad == 0, "%lu frames with wrong content or order", (unsigned long)res.bad);
	rte_eth_stats_get(a, &sa);
	rte_eth_stats_get(b, &sb);
	vf_check(sa.opackets == count && sa.obytes == count * size,
		"sender counted %lu packets %lu bytes", (unsigned long)sa.opackets,
		(unsigned long)sa.obytes);
	vf_check(sb.ipackets == count && sb.ibytes == count * size,
		"receiver counted %lu packets %lu bytes", (unsigned long)sb.ipackets,
		(unsigned long)sb.ibytes);
	vf_check(sb.ierrors == 0 && sb.rx_nombuf == 0, "receiver errors %lu nombuf %lu",
		(unsigned long)sb.ierrors, (unsigned long)sb.rx_nombuf);
	vf_check(xstat(a, "tx_hw_packets") == count, "sender NIC counted %lu packets sent",
		(unsigned long)xstat(a, "tx_hw_packets"));
	vf_check(xstat(b, "rx_hw_packets") == count, "receiver NIC counted %lu packets",
		(unsigned long)xstat(b, "rx_hw_packets"));
	vf_port_close(a);
	vf_port_close(b);
	check_pools_full();
}

/* Send @n frames of @spec from @a; how many reach @b. */
static uint64_t
burst_count(uint16_t a, uint16_t b, const struct vf_frame_spec *spec, uint64_t n)
{
	struct vf_traffic res;

	vf_traffic_run(a, b, tx_pool, spec, n, 64, 300, &res);
	vf_check(res.bad == 0, "%lu frames arrived with wrong content", (unsigned long)res.bad);
	return res.received - res.bad;
}

static void
filters_multicast(uint16_t a, uint16_t b)
{
	struct rte_ether_addr group = {{ 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 }};
	struct vf_frame_spec spec;
	uint64_t got;
	int ret;

	spec_between(a, b, 128, &spec);
	spec.dst = group;
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "multicast to an unsubscribed group: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_dev_set_mc_addr_list(b, &group, 1);
	vf_check(ret == 0, "multicast list set (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 50, "multicast to a subscribed group: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_dev_set_mc_addr_list(b, NULL, 0);
	vf_check(ret == 0, "multicast list cleared (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "multicast after clearing the list: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_allmulticast_enable(b);
	vf_check(ret == 0, "all-multicast accepted by the PF (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	printf("info: all-multicast on: %lu of 50 received\n", (unsigned long)got);
	ret = rte_eth_allmulticast_disable(b);
	vf_check(ret == 0, "all-multicast off (%d)", ret);
}

static void
filters_vlan(uint16_t a, uint16_t b)
{
	struct vf_frame_spec spec;
	uint64_t got;
	int ret;

	spec_between(a, b, 128, &spec);
	spec.vlan = 100;
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "VLAN 100 frames without a filter: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_dev_vlan_filter(b, 100, 1);
	vf_check(ret == 0, "VLAN 100 filter added (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 50, "VLAN 100 frames with the filter: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_dev_vlan_filter(b, 100, 0);
	vf_check(ret == 0, "VLAN 100 filter removed (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "VLAN 100 frames after removal: %lu of 50 received",
		(unsigned long)got);
	ret = rte_eth_dev_vlan_filter(b, 5000, 1);
	vf_check(ret == -EINVAL, "VLAN 5000 refused with -EINVAL (%d)", ret);
}

static void
filters_mtu(uint16_t a, uint16_t b)
{
	struct vf_frame_spec spec;
	uint64_t got;
	int ret;

	spec_between(a, b, 3000, &spec);
	got = burst_count(a, b, &spec, 20);
	vf_check(got == 0, "3000-byte frames at MTU 1500: %lu of 20 received",
		(unsigned long)got);
	ret = rte_eth_dev_set_mtu(b, 3000);
	vf_check(ret == 0, "MTU 3000 accepted (%d)", ret);
	got = burst_count(a, b, &spec, 20);
	vf_check(got == 20, "3000-byte frames at MTU 3000: %lu of 20 received intact",
		(unsigned long)got);
	spec.len = 9000;
	ret = rte_eth_dev_set_mtu(b, 9000);
	vf_check(ret == 0, "MTU 9000 accepted (%d)", ret);
	got = burst_count(a, b, &spec, 20);
	vf_check(got == 20, "9000-byte jumbo frames: %lu of 20 received intact",
		(unsigned long)got);
	ret = rte_eth_dev_set_mtu(b, 1500);
	vf_check(ret == 0, "MTU back to 1500 (%d)", ret);
}

static void
scenario_filters(char **argv)
{
	struct vf_port_opts ob = default_opts;
	struct vf_frame_spec spec;
	uint16_t a, b;
	uint64_t got;
	int ret;

	/* Jumbo frames span several buffers; ethdev takes VLAN filters only
	 * from a port configured to filter. */
	ob.rx_offloads = RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
	/* A sends jumbo frames, chained over tx_pool's mbufs. */
	if (open_pair(argv[0], argv[1], &chained_opts, &ob, &a, &b) < 0)
		return;
	spec_between(a, b, 128, &spec);
	got = burst_count(a, b, &spec, 100);
	vf_check(got == 100, "unicast to B's MAC: %lu of 100 received", (unsigned long)got);
	spec.dst.addr_bytes[5] ^= 0x55;
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "unicast to another MAC: %lu of 50 received", (unsigned long)got);
	ret = rte_eth_promiscuous_enable(b);
	if (ret == 0) {
		got = burst_count(a, b, &spec, 50);
		vf_check(got == 50, "promiscuous: unicast to another MAC: %lu of 50 received",
			(unsigned long)got);
		rte_eth_promiscuous_disable(b);
	} else {
		vf_check(ret == -EPERM, "promiscuous refused by the PF with -EPERM (%d)", ret);
	}
	filters_multicast(a, b);
	filters_vlan(a, b);
	filters_mtu(a, b);
	vf_port_close(a);
	vf_port_close(b);
	check_pools_full();
}

static void
scenario_admin_mac(char **argv)
{
	struct rte_ether_addr want = {{ 0x02, 0x5a, 0x5a, 0x00, 0x00, 0x01 }}, now, before;
	uint16_t a, f;
	int ret;

	ret = vf_port_open(argv[0], rx_pool_a, &default_opts, &a);
	if (!vf_check(ret == 0, "port %s started (%d)", argv[0], ret))
		return;
	rte_eth_macaddr_get(a, &before);
	ret = rte_eth_dev_default_mac_addr_set(a, &want);
	rte_eth_macaddr_get(a, &now);
	vf_check(ret == -EPERM, "MAC change on a VF with an admin MAC refused: %d", ret);
	vf_check(rte_is_same_ether_addr(&now, &before), "MAC unchanged after the refusal");
	ret = vf_port_open(argv[1], rx_pool_b, &default_opts, &f);
	if (vf_check(ret == 0, "port %s started (%d)", argv[1], ret)) {
		ret = rte_eth_dev_default_mac_addr_set(f, &want);
		rte_eth_macaddr_get(f, &now);
		vf_check(ret == 0 && rte_is_same_ether_addr(&now, &want),
			"MAC change on a VF without an admin MAC accepted (%d)", ret);
		vf_port_close(f);
	}
	vf_port_close(a);
	check_pools_full();
}

/* Events counted per port. Callbacks may run on EAL's interrupt thread,
 * where the driver looks for events every 100 ms. */
static uint32_t reset_events[RTE_MAX_ETHPORTS];
static uint32_t link_events;

static int
on_reset_needed(uint16_t port, enum rte_eth_event_type ev __rte_unused, void *arg __rte_unused,
	void *param __rte_unused)
{
	__atomic_fetch_add(&reset_events[port], 1, __ATOMIC_RELAXED);
	return 0;
}

static int
on_link_change(uint16_t port __rte_unused, enum rte_eth_event_type ev __rte_unused,
	void *arg __rte_unused, void *param __rte_unused)
{
	__atomic_fetch_add(&link_events, 1, __ATOMIC_RELAXED);
	return 0;
}

static uint32_t
events(const uint32_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

/* Remove a callback before its port goes: ethdev says -EAGAIN while the
 * callback runs on the interrupt thread. */
static void
callback_remove(uint16_t port, enum rte_eth_event_type ev, rte_eth_dev_cb_fn fn)
{
	while (rte_eth_dev_callback_unregister(port, ev, fn, NULL) == -EAGAIN)
		rte_delay_us_sleep(1000);
}

static int
run_cmd(const char *fmt, const char *arg)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	printf("info: running '%s'\n", cmd);
	fflush(stdout);
	return system(cmd);
}

/* rte_eth_dev_reset() stops the port and keeps its configuration; start
 * brings it back. Both fail while the PF is still away. */
static int
reset_until_ok(uint16_t port, uint32_t seconds)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * seconds;
	int ret;

	do {
		ret = rte_eth_dev_reset(port);
		if (ret == 0)
			ret = rte_eth_dev_start(port);
		if (ret == 0)
			return 0;
		rte_delay_us_sleep(250000);
	} while (rte_get_timer_cycles() < end);
	return ret;
}

/* Wait up to @seconds for the link to read @up. */
static bool
wait_link(uint16_t port, bool up, uint32_t seconds)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * seconds;
	struct rte_eth_link link;

	do {
		rte_pmd_srnic_check_events(port);
		if (rte_eth_link_get_nowait(port, &link) == 0 && (link.link_status != 0) == up)
			return true;
		rte_delay_us_sleep(50000);
	} while (rte_get_timer_cycles() < end);
	return false;
}

static void
scenario_pf_reset(char **argv)
{
	struct vf_frame_spec spec;
	struct vf_traffic res;
	uint16_t a, b;
	uint64_t end, up_at;
	int ret;

	if (open_pair(argv[0], argv[1], &default_opts, &default_opts, &a, &b) < 0)
		return;
	rte_eth_dev_callback_register(a, RTE_ETH_EVENT_INTR_RESET, on_reset_needed, NULL);
	rte_eth_dev_callback_register(b, RTE_ETH_EVENT_INTR_RESET, on_reset_needed, NULL);
	spec_between(a, b, 256, &spec);
	vf_traffic_run(a, b, tx_pool, &spec, 20000, 256, 2000, &res);
	vf_check(res.received == 20000 && res.bad == 0, "traffic before the PF reset: %lu",
		(unsigned long)res.received);

	run_cmd("ip link set %s down", argv[2]);
	/* Keep traffic going while the PF is away; it must not crash or hang. */
	end = rte_get_timer_cycles() + rte_get_timer_hz() * 5;
	while ((!events(&reset_events[a]) || !events(&reset_events[b])) &&
			rte_get_timer_cycles() < end) {
		rte_pmd_srnic_check_events(a);
		rte_pmd_srnic_check_events(b);
		vf_traffic_run(a, b, tx_pool, &spec, 64, 64, 50, &res);
	}
	vf_check(events(&reset_events[a]) > 0 && events(&reset_events[b]) > 0,
		"reset event on both ports after PF down (%u, %u)", events(&reset_events[a]),
		events(&reset_events[b]));
	vf_check(rte_pmd_srnic_reset_needed(a) == 1 && rte_pmd_srnic_reset_needed(b) == 1,
		"both ports report reset needed");
	run_cmd("ip link set %s up", argv[2]);
	up_at = rte_get_timer_cycles();

	ret = reset_until_ok(a, 20);
	vf_check(ret == 0, "port A reset and started after the PF came back (%d)", ret);
	ret = reset_until_ok(b, 20);
	vf_check(ret == 0, "port B reset and started after the PF came back (%d)", ret);
	vf_check(rte_pmd_srnic_reset_needed(a) == 0 && rte_pmd_srnic_reset_needed(b) == 0,
		"no reset needed any more");
	/* The PF brings the link up a little after its interface. */
	vf_check(wait_link(a, true, 10) && wait_link(b, true, 10), "link up again on both ports");
	/* For the fault table: from the PF's interface up to both ports reset,
	 * started and with their link up. */
	printf("recovery: %.2f s after the PF came back\n",
		(double)(rte_get_timer_cycles() - up_at) / (double)rte_get_timer_hz());
	/* The reset kept the MACs: the same spec still addresses B. */
	vf_traffic_run(a, b, tx_pool, &spec, 20000, 256, 3000, &res);
	vf_check(res.received == 20000 && res.bad == 0,
		"traffic after reset: %lu of 20000 received intact", (unsigned long)res.received);
	callback_remove(a, RTE_ETH_EVENT_INTR_RESET, on_reset_needed);
	callback_remove(b, RTE_ETH_EVENT_INTR_RESET, on_reset_needed);
	vf_port_close(a);
	vf_port_close(b);
	check_pools_full();
}

static void
scenario_link(char **argv)
{
	struct rte_eth_link link;
	uint32_t before;
	uint16_t a;
	int ret;

	ret = vf_port_open(argv[0], rx_pool_a, &default_opts, &a);
	if (!vf_check(ret == 0, "port %s started (%d)", argv[0], ret))
		return;
	rte_eth_dev_callback_register(a, RTE_ETH_EVENT_INTR_LSC, on_link_change, NULL);
	vf_check(wait_link(a, true, 5), "link up after start");
	before = events(&link_events);
	run_cmd("%s", argv[1]);
	vf_check(wait_link(a, false, 5), "link down after the PF set it down");
	rte_eth_link_get_nowait(a, &link);
	vf_check(!link.link_status && link.link_speed == RTE_ETH_SPEED_NUM_NONE,
		"link reads down, speed %u", link.link_speed);
	vf_check(rte_pmd_srnic_reset_needed(a) == 0, "a link-down message is not a reset");
	run_cmd("%s", argv[2]);
	vf_check(wait_link(a, true, 5), "link up again after the PF set it up");
	vf_check(events(&link_events) - before >= 2, "%u link-change events",
		events(&link_events) - before);
	callback_remove(a, RTE_ETH_EVENT_INTR_LSC, on_link_change);
	vf_port_close(a);
	check_pools_full();
}

/* What the port says of itself: the limits the errors below rely on. */
static void
errors_info(uint16_t p, const char *pf)
{
	struct rte_pci_addr want, got;
	struct rte_eth_dev_info info;
	char name[32];
	int ret;

	if (!vf_check(rte_eth_dev_info_get(p, &info) == 0, "device info"))
		return;
	vf_check(strcmp(info.driver_name, RTE_PMD_SRNIC_DRIVER_NAME) == 0, "driver %s",
		info.driver_name);
	vf_check(info.max_rx_queues >= 1 && info.max_rx_queues <= 2 &&
		info.max_tx_queues == info.max_rx_queues, "%u RX and %u TX queues",
		info.max_rx_queues, info.max_tx_queues);
	vf_check(info.rx_desc_lim.nb_min == 32 && info.rx_desc_lim.nb_max == 4096 &&
		info.rx_desc_lim.nb_align == 8, "RX rings of 32 to 4096 descriptors, by 8");
	vf_check(info.min_rx_bufsize == 1024, "RX buffers of 1024 bytes at least (%u)",
		info.min_rx_bufsize);
	/* 9728: the largest frame an 82576 VF may ask its PF for (SET_LPE). */
	vf_check(info.min_mtu == 68 && info.max_rx_pktlen == 9728,
		"MTU 68 at least, frames of 9728 bytes at most (%u, %u)", info.min_mtu,
		info.max_rx_pktlen);

	ret = rte_pmd_srnic_get_pf_name(p, name, sizeof(name));
	vf_check(ret == 0 && rte_pci_addr_parse(name, &got) == 0 &&
		rte_pci_addr_parse(pf, &want) == 0 && rte_pci_addr_cmp(&got, &want) == 0,
		"PF name %s (%d)", ret == 0 ? name : "?", ret);
	vf_check(rte_pmd_srnic_get_pf_name(p, name, 12) == -EINVAL,
		"PF name into 12 bytes: -EINVAL");
	vf_check(rte_pmd_srnic_dump_regs(p, NULL) == -EINVAL,
		"register dump to no stream: -EINVAL");
	vf_check(rte_pmd_srnic_check_events(RTE_MAX_ETHPORTS) == -ENODEV,
		"events of port %u: -ENODEV", RTE_MAX_ETHPORTS);
	vf_check(rte_pmd_srnic_reset_needed(p) == 0, "no reset needed after probe");
}

static void
errors_setup(uint16_t p)
{
	struct rte_mempool *tiny = pool("tiny", 512 + RTE_PKTMBUF_HEADROOM);
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	vf_check(rte_eth_dev_configure(p, 3, 1, &conf) == -EINVAL, "3 RX queues: -EINVAL");
	vf_check(rte_eth_dev_configure(p, 1, 1, &conf) == 0, "1 queue pair configures");
	vf_check(rte_eth_rx_queue_setup(p, 0, 100, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"100 descriptors (not a multiple of 8): -EINVAL");
	vf_check(rte_eth_rx_queue_setup(p, 0, 16, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"16 descriptors (below the minimum): -EINVAL");
	vf_check(rte_eth_tx_queue_setup(p, 0, 8192, SOCKET_ID_ANY, NULL) == -EINVAL,
		"8192 descriptors (above the maximum): -EINVAL");
	vf_check(rte_eth_rx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL, tiny) == -EINVAL,
		"mempool with 512-byte buffers: -EINVAL");
	vf_check(rte_eth_rx_queue_setup(p, 1, 512, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"RX queue 1 on a 1-queue port: -EINVAL");
	vf_check(rte_eth_dev_start(p) == -EINVAL, "start without queues: -EINVAL");
	vf_check(rte_eth_rx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL, rx_pool_a) == 0 &&
		rte_eth_tx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL) == 0, "queues set up");
	rte_mempool_free(tiny);
}

static void
errors_running(uint16_t p)
{
	struct rte_ether_addr uni = {{ 0x02, 0, 0, 0, 0, 9 }};
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	vf_check(rte_eth_dev_start(p) == 0, "port starts");
	vf_check(rte_eth_dev_set_mtu(p, 3000) == -EINVAL, "MTU 3000 without scatter: -EINVAL");
	vf_check(rte_eth_dev_set_mtu(p, 10000) == -EINVAL, "MTU 10000: -EINVAL");
	vf_check(rte_eth_dev_set_mc_addr_list(p, &uni, 1) == -EINVAL,
		"unicast in the mc list: -EINVAL");
	vf_check(rte_eth_dev_configure(p, 1, 1, &conf) == -EBUSY,
		"configure while started: -EBUSY");
}

/* errors VF PF: the other bad devices (a VF on igbvf, the PF, no
 * hugepages) make no port at all; the check runs probe-fails for them. */
static void
scenario_errors(char **argv)
{
	uint16_t p;
	int ret;

	vf_check(vf_port_find("0000:99:1f.7", &p) == -ENODEV, "no port at an unknown address");
	ret = vf_port_find(argv[0], &p);
	if (!vf_check(ret == 0, "VF %s on vfio-pci is a port (%d)", argv[0], ret))
		return;
	errors_info(p, argv[1]);
	errors_setup(p);
	errors_running(p);
	vf_check(rte_eth_dev_stop(p) == 0 && rte_eth_dev_close(p) == 0, "stop and close");
	vf_check(rte_eth_dev_close(p) == -ENODEV, "closed port is gone: -ENODEV");
	check_pools_full();
}

/* EAL took "-a ADDR" and made no port of it: the driver refused the
 * device (its log says why, which the check reads). */
static void
scenario_probe_fails(char **argv)
{
	uint16_t p;
	int ret = vf_port_find(argv[0], &p);

	vf_check(ret == -ENODEV, "no port for %s (%d)", argv[0], ret);
	if (ret == 0)
		vf_port_close(p);
}

static void
scenario_port_vlan_run(char **argv)
{
	scenario_port_vlan(argv, rx_pool_a, rx_pool_b, tx_pool);
	check_pools_full();
}

static void
scenario_wire_rx_run(char **argv)
{
	scenario_wire_rx(argv, rx_pool_a, rx_pool_b);
}

static void
scenario_nombuf_run(char **argv)
{
	scenario_nombuf(argv, rx_pool_a, rx_pool_b, tx_pool);
}

static void
scenario_tso_run(char **argv)
{
	scenario_tso(argv, rx_pool_a, rx_pool_b, tx_pool);
}

static const struct {
	const char *name;
	int args;
	void (*fn)(char **argv);
} scenarios[] = {
	{ "traffic", 4, scenario_traffic },
	{ "filters", 2, scenario_filters },
	{ "admin-mac", 2, scenario_admin_mac },
	{ "pf-reset", 3, scenario_pf_reset },
	{ "errors", 2, scenario_errors },
	{ "probe-fails", 1, scenario_probe_fails },
	{ "link", 3, scenario_link },
	{ "port-vlan", 3, scenario_port_vlan_run },
	{ "wire-rx", 4, scenario_wire_rx_run },
	{ "nombuf", 2, scenario_nombuf_run },
	{ "tso", 2, scenario_tso_run },
};

/* The scenario named after "--", read before EAL runs: EAL may fail. */
static const char *
scenario_name(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc - 1; i++)
		if (strcmp(argv[i], "--") == 0)
			return argv[i + 1];
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *name = scenario_name(argc, argv);
	int ret, i;

	ret = rte_eal_init(argc, argv);
	if (ret < 0 && name != NULL && strcmp(name, "probe-fails") == 0) {
		/* EAL fails when no device it was given probes: what
		 * probe-fails expects, the reason being in the log. */
		vf_check(true, "EAL refused to start: %s", rte_strerror(rte_errno));
		printf("%s: %d failed checks\n", name, vf_failures);
		return EXIT_SUCCESS;
	}
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL init failed: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	if (argc < 2)
		rte_exit(EXIT_FAILURE, "usage: test-srnic-vf [EAL] -- SCENARIO ARGS...\n");
	rx_pool_a = pool("rx_a", RTE_MBUF_DEFAULT_BUF_SIZE);
	rx_pool_b = pool("rx_b", RTE_MBUF_DEFAULT_BUF_SIZE);
	tx_pool = pool("tx", RTE_MBUF_DEFAULT_BUF_SIZE);
	for (i = 0; i < (int)RTE_DIM(scenarios); i++) {
		if (strcmp(argv[1], scenarios[i].name) != 0)
			continue;
		if (argc - 2 != scenarios[i].args)
			rte_exit(EXIT_FAILURE, "%s takes %d arguments\n", argv[1],
				scenarios[i].args);
		scenarios[i].fn(argv + 2);
		printf("%s: %d failed checks\n", argv[1], vf_failures);
		rte_eal_cleanup();
		return vf_failures ? EXIT_FAILURE : EXIT_SUCCESS;
	}
	rte_exit(EXIT_FAILURE, "unknown scenario '%s'\n", argv[1]);
}
