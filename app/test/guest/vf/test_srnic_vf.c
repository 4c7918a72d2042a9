/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest scenarios for librte_net_srnic against a real PF driver. Each
 * scenario prints one "ok:"/"FAIL:" line per check and exits non-zero when
 * any check failed.
 *
 * Usage: test-srnic-vf [EAL args] -- SCENARIO ARGS...
 *   traffic A B COUNT SIZE      A sends COUNT frames of SIZE bytes to B
 *   filters A B                 multicast list, all-multicast, VLAN, MTU on B
 *   admin-mac A FREE            A has an admin MAC, FREE has none
 *   pf-reset A B PF_IFACE       PF down/up during traffic, then reset
 *   errors VF KERNEL_VF PF      bad input gets the documented errors
 *   probe-fails ADDR ERRNO      probing ADDR fails with errno ERRNO (number)
 *   link A DOWN_CMD UP_CMD      A's link follows the PF's link state for it
 *   port-vlan VF PEER VID       VF has port VLAN VID from its PF (vf_pf_scenarios.c)
 *   wire-rx VF0 VF1 VID SECS    count frames from the wire (vf_pf_scenarios.c)
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

#include "vf_pf_scenarios.h"
#include "vf_util.h"

#define POOL_MBUFS	4095
#define POOL_CACHE	64

static struct rte_mempool *rx_pool_a, *rx_pool_b, *tx_pool;
static const struct vf_port_opts default_opts = { .nb_desc = 512 };

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
	unsigned int i;

	for (i = 0; i < RTE_DIM(pools); i++)
		vf_check(rte_mempool_avail_count(pools[i]) == POOL_MBUFS,
			"mempool %s back to %u mbufs after close (has %u)", pools[i]->name,
			POOL_MBUFS, rte_mempool_avail_count(pools[i]));
}

static void
spec_between(uint16_t tx, uint16_t rx, uint32_t len, struct vf_frame_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	srnic_mac_addr_get(tx, &spec->src);
	srnic_mac_addr_get(rx, &spec->dst);
	spec->len = len;
}

static uint64_t
xstat(uint16_t port, const char *name)
{
	struct srnic_xstat_name names[64];
	struct srnic_xstat vals[64];
	int n, i;

	n = srnic_xstats_get_names(port, names, RTE_DIM(names));
	if (n < 0 || n > (int)RTE_DIM(names) || srnic_xstats_get(port, vals, n) != n)
		return UINT64_MAX;
	for (i = 0; i < n; i++)
		if (strcmp(names[i].name, name) == 0)
			return vals[i].value;
	return UINT64_MAX;
}

static int
open_pair(const char *a, const char *b, const struct vf_port_opts *ob, uint16_t *pa,
	uint16_t *pb)
{
	int ret = vf_port_open(a, rx_pool_a, &default_opts, pa);

	if (!vf_check(ret == 0, "port %s started (%d)", a, ret))
		return -1;
	ret = vf_port_open(b, rx_pool_b, ob, pb);
	if (!vf_check(ret == 0, "port %s started (%d)", b, ret)) {
		srnic_dev_close(*pa);
		return -1;
	}
	return 0;
}

static void
scenario_traffic(char **argv)
{
	uint64_t count = strtoull(argv[2], NULL, 0);
	uint32_t size = (uint32_t)strtoul(argv[3], NULL, 0);
	struct vf_frame_spec spec;
	struct srnic_stats sa, sb;
	struct vf_traffic res;
	uint16_t a, b;
	uint64_t t0, t1;

	if (open_pair(argv[0], argv[1], &default_opts, &a, &b) < 0)
		return;
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
	srnic_stats_get(a, &sa);
	srnic_stats_get(b, &sb);
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
	srnic_dev_close(a);
	srnic_dev_close(b);
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
	ret = srnic_set_mc_addr_list(b, &group, 1);
	vf_check(ret == 0, "multicast list set (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 50, "multicast to a subscribed group: %lu of 50 received",
		(unsigned long)got);
	ret = srnic_set_mc_addr_list(b, NULL, 0);
	vf_check(ret == 0, "multicast list cleared (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "multicast after clearing the list: %lu of 50 received",
		(unsigned long)got);
	ret = srnic_allmulticast_enable(b);
	vf_check(ret == 0, "all-multicast accepted by the PF (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	printf("info: all-multicast on: %lu of 50 received\n", (unsigned long)got);
	ret = srnic_allmulticast_disable(b);
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
	ret = srnic_vlan_filter_set(b, 100, true);
	vf_check(ret == 0, "VLAN 100 filter added (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 50, "VLAN 100 frames with the filter: %lu of 50 received",
		(unsigned long)got);
	ret = srnic_vlan_filter_set(b, 100, false);
	vf_check(ret == 0, "VLAN 100 filter removed (%d)", ret);
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "VLAN 100 frames after removal: %lu of 50 received",
		(unsigned long)got);
	ret = srnic_vlan_filter_set(b, 5000, true);
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
	ret = srnic_set_mtu(b, 3000);
	vf_check(ret == 0, "MTU 3000 accepted (%d)", ret);
	got = burst_count(a, b, &spec, 20);
	vf_check(got == 20, "3000-byte frames at MTU 3000: %lu of 20 received intact",
		(unsigned long)got);
	spec.len = 9000;
	ret = srnic_set_mtu(b, 9000);
	vf_check(ret == 0, "MTU 9000 accepted (%d)", ret);
	got = burst_count(a, b, &spec, 20);
	vf_check(got == 20, "9000-byte jumbo frames: %lu of 20 received intact",
		(unsigned long)got);
	ret = srnic_set_mtu(b, 1500);
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

	ob.rx_offloads = SRNIC_RX_OFFLOAD_SCATTER;
	if (open_pair(argv[0], argv[1], &ob, &a, &b) < 0)
		return;
	spec_between(a, b, 128, &spec);
	got = burst_count(a, b, &spec, 100);
	vf_check(got == 100, "unicast to B's MAC: %lu of 100 received", (unsigned long)got);
	spec.dst.addr_bytes[5] ^= 0x55;
	got = burst_count(a, b, &spec, 50);
	vf_check(got == 0, "unicast to another MAC: %lu of 50 received", (unsigned long)got);
	ret = srnic_promiscuous_enable(b);
	if (ret == 0) {
		got = burst_count(a, b, &spec, 50);
		vf_check(got == 50, "promiscuous: unicast to another MAC: %lu of 50 received",
			(unsigned long)got);
		srnic_promiscuous_disable(b);
	} else {
		vf_check(ret == -EPERM, "promiscuous refused by the PF with -EPERM (%d)", ret);
	}
	filters_multicast(a, b);
	filters_vlan(a, b);
	filters_mtu(a, b);
	srnic_dev_close(a);
	srnic_dev_close(b);
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
	srnic_mac_addr_get(a, &before);
	ret = srnic_mac_addr_set(a, &want);
	srnic_mac_addr_get(a, &now);
	vf_check(ret == -EPERM, "MAC change on a VF with an admin MAC refused: %d", ret);
	vf_check(rte_is_same_ether_addr(&now, &before), "MAC unchanged after the refusal");
	ret = vf_port_open(argv[1], rx_pool_b, &default_opts, &f);
	if (vf_check(ret == 0, "port %s started (%d)", argv[1], ret)) {
		ret = srnic_mac_addr_set(f, &want);
		srnic_mac_addr_get(f, &now);
		vf_check(ret == 0 && rte_is_same_ether_addr(&now, &want),
			"MAC change on a VF without an admin MAC accepted (%d)", ret);
		srnic_dev_close(f);
	}
	srnic_dev_close(a);
	check_pools_full();
}

static volatile int reset_events[SRNIC_MAX_PORTS];

static void
on_reset_needed(uint16_t port, enum srnic_event ev, void *arg)
{
	(void)ev;
	(void)arg;
	reset_events[port]++;
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

static int
reset_until_ok(uint16_t port, uint32_t seconds)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * seconds;
	int ret;

	do {
		ret = srnic_dev_reset(port);
		if (ret == 0)
			return 0;
		rte_delay_us_sleep(250000);
	} while (rte_get_timer_cycles() < end);
	return ret;
}

static volatile int link_events;

static void
on_link_change(uint16_t port, enum srnic_event ev, void *arg)
{
	(void)port;
	(void)ev;
	(void)arg;
	link_events++;
}

/* Wait up to @seconds for the link to read @up. */
static bool
wait_link(uint16_t port, bool up, uint32_t seconds)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * seconds;
	struct srnic_link link;

	do {
		srnic_dev_check_events(port);
		if (srnic_link_get(port, &link) == 0 && link.up == up)
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
	uint64_t end;
	int ret;

	if (open_pair(argv[0], argv[1], &default_opts, &a, &b) < 0)
		return;
	srnic_callback_register(a, SRNIC_EVENT_RESET_NEEDED, on_reset_needed, NULL);
	srnic_callback_register(b, SRNIC_EVENT_RESET_NEEDED, on_reset_needed, NULL);
	spec_between(a, b, 256, &spec);
	vf_traffic_run(a, b, tx_pool, &spec, 20000, 256, 2000, &res);
	vf_check(res.received == 20000 && res.bad == 0, "traffic before the PF reset: %lu",
		(unsigned long)res.received);

	run_cmd("ip link set %s down", argv[2]);
	/* Keep traffic going while the PF is away; it must not crash or hang. */
	end = rte_get_timer_cycles() + rte_get_timer_hz() * 5;
	while ((!reset_events[a] || !reset_events[b]) && rte_get_timer_cycles() < end)
		vf_traffic_run(a, b, tx_pool, &spec, 64, 64, 50, &res);
	vf_check(reset_events[a] > 0 && reset_events[b] > 0,
		"reset-needed event on both ports after PF down (%d, %d)", reset_events[a],
		reset_events[b]);
	vf_check(srnic_dev_reset_needed(a) && srnic_dev_reset_needed(b),
		"both ports report reset needed");
	run_cmd("ip link set %s up", argv[2]);

	ret = reset_until_ok(a, 20);
	vf_check(ret == 0, "port A reset after the PF came back (%d)", ret);
	ret = reset_until_ok(b, 20);
	vf_check(ret == 0, "port B reset after the PF came back (%d)", ret);
	/* The PF brings the link up a little after its interface. */
	vf_check(wait_link(a, true, 10) && wait_link(b, true, 10), "link up again on both ports");
	spec_between(a, b, 256, &spec);
	vf_traffic_run(a, b, tx_pool, &spec, 20000, 256, 3000, &res);
	vf_check(res.received == 20000 && res.bad == 0,
		"traffic after reset: %lu of 20000 received intact", (unsigned long)res.received);
	srnic_dev_close(a);
	srnic_dev_close(b);
	check_pools_full();
}

static void
scenario_link(char **argv)
{
	struct srnic_link link;
	uint16_t a;
	int ret, before;

	ret = vf_port_open(argv[0], rx_pool_a, &default_opts, &a);
	if (!vf_check(ret == 0, "port %s started (%d)", argv[0], ret))
		return;
	srnic_callback_register(a, SRNIC_EVENT_LINK_CHANGE, on_link_change, NULL);
	vf_check(wait_link(a, true, 5), "link up after start");
	before = link_events;
	run_cmd("%s", argv[1]);
	vf_check(wait_link(a, false, 5), "link down after the PF set it down");
	srnic_link_get(a, &link);
	vf_check(!link.up && link.speed_mbps == 0, "link reads down, speed %u", link.speed_mbps);
	vf_check(!srnic_dev_reset_needed(a), "a link-down message is not a reset");
	run_cmd("%s", argv[2]);
	vf_check(wait_link(a, true, 5), "link up again after the PF set it up");
	vf_check(link_events - before >= 2, "%d link-change events", link_events - before);
	srnic_dev_close(a);
	check_pools_full();
}

static void
errors_probe(char **argv, uint16_t *port)
{
	int ret;

	vf_check(srnic_dev_probe("0000:99:1f.7", NULL, port) == -ENODEV,
		"unknown PCI address: -ENODEV");
	vf_check(srnic_dev_probe("not-an-address", NULL, port) == -EINVAL,
		"malformed PCI address: -EINVAL");
	vf_check(srnic_dev_probe(argv[2], NULL, port) == -ENOTSUP, "PF address: -ENOTSUP");
	ret = srnic_dev_probe(argv[1], NULL, port);
	vf_check(ret == -EBUSY, "VF bound to a kernel driver: -EBUSY (%d)", ret);
	ret = srnic_dev_probe(argv[0], NULL, port);
	vf_check(ret == 0, "VF on vfio-pci probes (%d)", ret);
}

static void
errors_setup(uint16_t p)
{
	struct rte_mempool *tiny = pool("tiny", 512 + RTE_PKTMBUF_HEADROOM);
	uint16_t other;

	vf_check(srnic_dev_probe("", NULL, &other) == -EINVAL, "empty PCI address: -EINVAL");
	vf_check(srnic_dev_configure(p, 3, 1, NULL) == -EINVAL, "3 RX queues: -EINVAL");
	vf_check(srnic_dev_configure(p, 1, 1, NULL) == 0, "1 queue pair configures");
	vf_check(srnic_rx_queue_setup(p, 0, 100, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"100 descriptors (not a multiple of 8): -EINVAL");
	vf_check(srnic_rx_queue_setup(p, 0, 16, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"16 descriptors (below the minimum): -EINVAL");
	vf_check(srnic_tx_queue_setup(p, 0, 8192, SOCKET_ID_ANY, NULL) == -EINVAL,
		"8192 descriptors (above the maximum): -EINVAL");
	vf_check(srnic_rx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL, tiny) == -EINVAL,
		"mempool with 512-byte buffers: -EINVAL");
	vf_check(srnic_rx_queue_setup(p, 1, 512, SOCKET_ID_ANY, NULL, rx_pool_a) == -EINVAL,
		"RX queue 1 on a 1-queue port: -EINVAL");
	vf_check(srnic_dev_start(p) == -EINVAL, "start without queues: -EINVAL");
	vf_check(srnic_rx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL, rx_pool_a) == 0 &&
		srnic_tx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL) == 0, "queues set up");
	rte_mempool_free(tiny);
}

static void
errors_running(uint16_t p)
{
	struct rte_ether_addr uni = {{ 0x02, 0, 0, 0, 0, 9 }};
	struct rte_mbuf *pkts[4];
	uint16_t n;

	rte_errno = 0;
	n = srnic_rx_burst(p, 0, pkts, 4);
	vf_check(n == 0 && rte_errno == EAGAIN, "RX burst on a stopped port: 0, EAGAIN");
	vf_check(srnic_dev_start(p) == 0, "port starts");
	rte_errno = 0;
	n = srnic_rx_burst(p, 1, pkts, 4);
	vf_check(n == 0 && rte_errno == EINVAL, "RX burst on queue 1: 0, EINVAL");
	rte_errno = 0;
	n = srnic_tx_burst(SRNIC_MAX_PORTS + 3, 0, pkts, 4);
	vf_check(n == 0 && rte_errno == EINVAL, "TX burst on port %d: 0, EINVAL",
		SRNIC_MAX_PORTS + 3);
	vf_check(srnic_set_mtu(p, 3000) == -EINVAL, "MTU 3000 without scatter: -EINVAL");
	vf_check(srnic_set_mtu(p, 10000) == -EINVAL, "MTU 10000: -EINVAL");
	vf_check(srnic_set_mc_addr_list(p, &uni, 1) == -EINVAL, "unicast in the mc list: -EINVAL");
	vf_check(srnic_dev_configure(p, 1, 1, NULL) == -EBUSY, "configure while started: -EBUSY");
}

static void
scenario_errors(char **argv)
{
	uint16_t p, again;

	errors_probe(argv, &p);
	if (!srnic_dev_is_valid(p))
		return;
	vf_check(srnic_dev_probe(argv[0], NULL, &again) == -EBUSY, "second probe: -EBUSY");
	errors_setup(p);
	errors_running(p);
	vf_check(srnic_dev_close(p) == 0, "close");
	vf_check(srnic_dev_close(p) == -ENODEV, "closed port is gone: -ENODEV");
	check_pools_full();
}

static void
scenario_probe_fails(char **argv)
{
	int want = -atoi(argv[1]);
	uint16_t p;
	int ret = srnic_dev_probe(argv[0], NULL, &p);

	vf_check(ret == want, "probe %s: %d (want %d)", argv[0], ret, want);
	if (ret == 0)
		srnic_dev_close(p);
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

static const struct {
	const char *name;
	int args;
	void (*fn)(char **argv);
} scenarios[] = {
	{ "traffic", 4, scenario_traffic },
	{ "filters", 2, scenario_filters },
	{ "admin-mac", 2, scenario_admin_mac },
	{ "pf-reset", 3, scenario_pf_reset },
	{ "errors", 3, scenario_errors },
	{ "probe-fails", 2, scenario_probe_fails },
	{ "link", 3, scenario_link },
	{ "port-vlan", 3, scenario_port_vlan_run },
	{ "wire-rx", 4, scenario_wire_rx_run },
};

int
main(int argc, char **argv)
{
	int ret, i;

	ret = rte_eal_init(argc, argv);
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
