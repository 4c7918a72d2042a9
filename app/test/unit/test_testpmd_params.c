/* SPDX-License-Identifier: BSD-3-Clause */
/* srnic-testpmd options: valid sets parse to the right settings, and each
 * bad value is refused with a message that names it. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>

#include "testpmd.h"

static int
parse(struct app_config *c, char *err, const char *a0, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	const char *a;

	argv[argc++] = (char *)(uintptr_t)"srnic-testpmd";
	va_start(ap, a0);
	for (a = a0; a != NULL; a = va_arg(ap, const char *))
		argv[argc++] = (char *)(uintptr_t)a;
	va_end(ap);
	argv[argc] = NULL;
	err[0] = '\0';
	return app_parse_args(argc, argv, c, err, 256);
}

static void
defaults_match_testpmd(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, err, NULL), 0);
	assert_int_equal(c.nb_cores, 1);
	assert_int_equal(c.nb_rxd, 512);
	assert_int_equal(c.burst, 32);
	assert_string_equal(c.fwd_mode, "io");
	assert_int_equal(c.topology, TOPO_PAIRED);
	assert_true(c.promisc);
	assert_int_equal(c.nb_txpkts, 1);
	assert_int_equal(c.txpkts[0], 64);
}

static void
a_full_valid_set_parses(void **state)
{
	struct app_config c;
	struct rte_ether_addr want = {{ 0x02, 0, 0, 0, 0, 0x11 }};
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, err, "--attach=0000:01:10.0,01:10.2", "--nb-cores=2",
		"--rxq=2", "--txq=2", "--rxd=1024", "--txd=256", "--burst=64", "--mbcache=128",
		"--total-num-mbufs=20000", "--forward-mode=mac", "--eth-peer=1,02:00:00:00:00:11",
		"--port-topology=chained", "--txpkts=64,64", "--tx-first", "--stats-period=2",
		"--max-pkts=1000000", "--duration=30", "-i", "--auto-start", "--no-promisc",
		"--icmp-ip=0,192.0.2.1", "--flowgen-flows=16", "--rxfreet=64",
		"--tx-pps=50000", "--pf=01:00.0", NULL), 0);
	assert_int_equal(c.nb_attach, 2);
	assert_string_equal(c.attach[1], "01:10.2");
	assert_int_equal(c.nb_cores, 2);
	assert_int_equal(c.nb_rxq, 2);
	assert_int_equal(c.nb_rxd, 1024);
	assert_int_equal(c.nb_txd, 256);
	assert_int_equal(c.burst, 64);
	assert_int_equal(c.total_mbufs, 20000);
	assert_string_equal(c.fwd_mode, "mac");
	assert_true(c.peer_set[1]);
	assert_false(c.peer_set[0]);
	assert_memory_equal(&c.peer[1], &want, 6);
	assert_int_equal(c.topology, TOPO_CHAINED);
	assert_int_equal(c.nb_txpkts, 2);
	assert_true(c.tx_first);
	assert_int_equal(c.stats_period, 2);
	assert_int_equal(c.max_pkts, 1000000);
	assert_int_equal(c.duration, 30);
	assert_true(c.interactive && c.auto_start);
	assert_false(c.promisc);
	assert_int_equal(c.icmp_ip[0], inet_addr("192.0.2.1"));
	assert_int_equal(c.flowgen_flows, 16);
	assert_int_equal(c.rx_free_thresh, 64);
	assert_int_equal(c.tx_pps, 50000);
	assert_int_equal(c.nb_pfs, 1);
	assert_string_equal(c.pfs[0], "01:00.0");
}

static void
refuse(const char *arg, const char *named)
{
	struct app_config c;
	char err[256];

	assert_int_equal(parse(&c, err, arg, NULL), -EINVAL);
	if (strstr(err, named) == NULL)
		fail_msg("'%s' gave '%s', which does not name '%s'", arg, err, named);
}

static void
bad_values_are_named(void **state)
{
	(void)state;
	refuse("--burst=0", "--burst=0");
	refuse("--burst=600", "--burst=600");
	refuse("--rxd=16", "--rxd=16");
	refuse("--rxq=0", "--rxq=0");
	refuse("--txq=99999", "--txq=99999");
	refuse("--nb-cores=x", "--nb-cores=x");
	refuse("--forward-mode=bounce", "bounce");
	refuse("--eth-peer=0", "PORT,VALUE");
	refuse("--eth-peer=0,zz:00", "zz:00");
	refuse("--eth-peer=99,02:00:00:00:00:01", "port must be");
	refuse("--port-topology=ring", "ring");
	refuse("--txpkts=10", "42 bytes");
	refuse("--txpkts=64,abc", "abc");
	refuse("--icmp-ip=0,300.1.1.1", "300.1.1.1");
	refuse("--duration=-5", "--duration=-5");
	refuse("--bogus", "--bogus");
	refuse("stray", "stray");
	/* VFs come from EAL's -a now; the old option says so. */
	refuse("--vfs=01:10.0", "EAL's -a");
	refuse("--mtu=9000", "--enable-scatter");
	refuse("--tx-pps=0", "--tx-pps=0");
	refuse("--pf=01:00.0,02:00.0,03:00.0,04:00.0,05:00.0", "at most 4");
}

static void
help_and_value_less_options(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, err, "--help", NULL), 1);
	assert_int_equal(parse(&c, err, "--burst", NULL), -EINVAL);
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(parse(&c, err, "--mtu=9000", "--enable-scatter", NULL), 0);
	assert_int_equal(c.mtu, 9000);
	/* --auto-start means nothing without -i: forwarding starts anyway. */
	assert_int_equal(parse(&c, err, "--auto-start", NULL), 0);
	assert_false(c.auto_start);
}

static void
numa_options_parse_as_testpmd(void **state)
{
	struct app_config c;
	char err[256];
	int i;

	(void)state;
	assert_int_equal(parse(&c, err, NULL), 0);
	assert_true(c.numa);
	assert_int_equal(c.socket_num, TP_SOCKET_UNSET);
	for (i = 0; i < TP_MAX_PORTS; i++) {
		assert_int_equal(c.port_numa[i], TP_SOCKET_UNSET);
		assert_int_equal(c.rxring_numa[i], TP_SOCKET_UNSET);
		assert_int_equal(c.txring_numa[i], TP_SOCKET_UNSET);
	}
	assert_int_equal(parse(&c, err, "--port-numa-config=(0,1),(3,0)",
		"--ring-numa-config=(0,1,0),(1,2,1),(2,3,1)", "--socket-num=1", NULL), 0);
	assert_int_equal(c.port_numa[0], 1);
	assert_int_equal(c.port_numa[3], 0);
	assert_int_equal(c.port_numa[1], TP_SOCKET_UNSET);
	assert_int_equal(c.rxring_numa[0], 0);
	assert_int_equal(c.txring_numa[0], TP_SOCKET_UNSET);
	assert_int_equal(c.rxring_numa[1], TP_SOCKET_UNSET);
	assert_int_equal(c.txring_numa[1], 1);
	assert_int_equal(c.rxring_numa[2], 1);
	assert_int_equal(c.txring_numa[2], 1);
	assert_int_equal(c.socket_num, 1);
	assert_int_equal(parse(&c, err, "--no-numa", "--socket-num=0", NULL), 0);
	assert_false(c.numa);
	assert_int_equal(c.socket_num, 0);

	refuse("--port-numa-config=0,1", "(PORT,SOCKET)");
	refuse("--port-numa-config=(0,1", "(PORT,SOCKET)");
	refuse("--port-numa-config=(0,1),", "(PORT,SOCKET)");
	refuse("--port-numa-config=(0,1)x", "unexpected 'x'");
	refuse("--port-numa-config=(0)", "2 numbers");
	refuse("--port-numa-config=(0,1,2)", "2 numbers");
	refuse("--port-numa-config=(99,0)", "'99' is not a port");
	refuse("--port-numa-config=(0,-1)", "'-1' is not a socket");
	refuse("--ring-numa-config=(0,4,1)", "'4' is not a flag");
	refuse("--ring-numa-config=(0,0,1)", "'0' is not a flag");
	refuse("--ring-numa-config=(0,1)", "3 numbers");
	refuse("--socket-num=x", "--socket-num=x");
	assert_int_equal(parse(&c, err, "--no-numa", "--port-numa-config=(0,1)", NULL),
		-EINVAL);
	assert_non_null(strstr(err, "--no-numa"));
}

static void
testpmd_port_and_core_options_parse(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, err, "--portmask=0x5", "--nb-ports=2", "--coremask=6",
		"--cmdline-file=/tmp/cmds.txt", "--disable-rss", "--record-burst-stats",
		"--txonly-multi-flow", NULL), 0);
	assert_int_equal(c.portmask, 0x5);
	assert_int_equal(c.fwd_port_limit, 2);
	assert_int_equal(c.coremask, 0x6);
	/* Without --nb-cores, every lcore of the mask forwards. */
	assert_int_equal(c.nb_cores, 2);
	assert_string_equal(c.cmdline_file, "/tmp/cmds.txt");
	assert_true(c.disable_rss && c.record_burst_stats && c.txonly_multi_flow);
	assert_int_equal(parse(&c, err, "--coremask=0xF0", "--nb-cores=3", NULL), 0);
	assert_int_equal(c.nb_cores, 3);
	assert_int_equal(parse(&c, err, NULL), 0);
	assert_int_equal(c.portmask, 0);
	assert_int_equal(c.fwd_port_limit, 0);
	assert_false(c.disable_rss || c.record_burst_stats || c.txonly_multi_flow);

	refuse("--portmask=0", "hexadecimal mask");
	refuse("--portmask=0xZZ", "--portmask=0xZZ");
	refuse("--coremask=-1", "--coremask=-1");
	refuse("--nb-ports=0", "--nb-ports=0");
	refuse("--nb-ports=33", "--nb-ports=33");
	refuse("--cmdline-file=", "--cmdline-file");
	assert_int_equal(parse(&c, err, "--coremask=0x3", "--nb-cores=3", NULL), -EINVAL);
	assert_string_equal(err, "--nb-cores=3 but --coremask=0x3 has 2 lcores");
}

static void
max_pkt_len_sets_the_mtu(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	assert_int_equal(parse(&c, err, "--max-pkt-len=1518", NULL), 0);
	assert_int_equal(c.max_pkt_len, 1518);
	assert_int_equal(c.mtu, 1500);
	assert_int_equal(parse(&c, err, "--max-pkt-len=600", NULL), 0);
	assert_int_equal(c.mtu, 582);
	/* The last of --mtu and --max-pkt-len counts. */
	assert_int_equal(parse(&c, err, "--max-pkt-len=600", "--mtu=1000", NULL), 0);
	assert_int_equal(c.max_pkt_len, 0);
	assert_int_equal(c.mtu, 1000);
	assert_int_equal(parse(&c, err, "--max-pkt-len=9000", "--enable-scatter", NULL), 0);
	assert_int_equal(c.mtu, 8982);
	refuse("--max-pkt-len=63", "--max-pkt-len=63");
	refuse("--max-pkt-len=9725", "--max-pkt-len=9725");
	assert_int_equal(parse(&c, err, "--max-pkt-len=9000", NULL), -EINVAL);
	assert_string_equal(err, "--max-pkt-len=9000 needs frames of 9004 bytes: add "
		"--enable-scatter or --mbuf-size=9344");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_match_testpmd),
		cmocka_unit_test(a_full_valid_set_parses),
		cmocka_unit_test(bad_values_are_named),
		cmocka_unit_test(help_and_value_less_options),
		cmocka_unit_test(numa_options_parse_as_testpmd),
		cmocka_unit_test(testpmd_port_and_core_options_parse),
		cmocka_unit_test(max_pkt_len_sets_the_mtu),
	};

	return cmocka_run_group_tests_name("testpmd_params", tests, NULL, NULL);
}
