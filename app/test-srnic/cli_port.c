/* SPDX-License-Identifier: BSD-3-Clause */
/* Port commands of the prompt: show, clear, receive modes, MAC, VLAN, MTU,
 * reset. */
#include <stdio.h>
#include <string.h>

#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_ethdev.h>

#include "cli.h"
#include "testpmd.h"

/* show port info|stats|xstats <port|all> */
struct cmd_show_result {
	cmdline_fixed_string_t show;
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t what;
	cmdline_fixed_string_t which;
};

static void
show_one(uint16_t idx, void *arg)
{
	const char *what = arg;

	if (strcmp(what, "info") == 0)
		stats_show_info(idx);
	else if (strcmp(what, "stats") == 0)
		stats_show_port(idx);
	else
		stats_show_xstats(idx);
}

static void
cmd_show_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_show_result *r = res;

	(void)cl;
	(void)data;
	cli_for_ports(r->which, show_one, r->what);
}

static cmdline_parse_token_string_t cmd_show_show =
	TOKEN_STRING_INITIALIZER(struct cmd_show_result, show, "show");
static cmdline_parse_token_string_t cmd_show_port =
	TOKEN_STRING_INITIALIZER(struct cmd_show_result, port, "port");
static cmdline_parse_token_string_t cmd_show_what =
	TOKEN_STRING_INITIALIZER(struct cmd_show_result, what, "info#stats#xstats");
static cmdline_parse_token_string_t cmd_show_which =
	TOKEN_STRING_INITIALIZER(struct cmd_show_result, which, NULL);

static cmdline_parse_inst_t cmd_show = {
	.f = cmd_show_parsed, .help_str = "show port info|stats|xstats <port|all>",
	.tokens = { (void *)&cmd_show_show, (void *)&cmd_show_port, (void *)&cmd_show_what,
		(void *)&cmd_show_which, NULL },
};

/* clear port stats <port|all> */
struct cmd_clear_result {
	cmdline_fixed_string_t clear;
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t stats;
	cmdline_fixed_string_t which;
};

static void
clear_one(uint16_t idx, void *arg)
{
	(void)arg;
	stats_clear(idx);
}

static void
cmd_clear_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_clear_result *r = res;

	(void)cl;
	(void)data;
	cli_for_ports(r->which, clear_one, NULL);
}

static cmdline_parse_token_string_t cmd_clear_clear =
	TOKEN_STRING_INITIALIZER(struct cmd_clear_result, clear, "clear");
static cmdline_parse_token_string_t cmd_clear_port =
	TOKEN_STRING_INITIALIZER(struct cmd_clear_result, port, "port");
static cmdline_parse_token_string_t cmd_clear_stats =
	TOKEN_STRING_INITIALIZER(struct cmd_clear_result, stats, "stats");
static cmdline_parse_token_string_t cmd_clear_which =
	TOKEN_STRING_INITIALIZER(struct cmd_clear_result, which, NULL);

static cmdline_parse_inst_t cmd_clear = {
	.f = cmd_clear_parsed, .help_str = "clear port stats <port|all>",
	.tokens = { (void *)&cmd_clear_clear, (void *)&cmd_clear_port,
		(void *)&cmd_clear_stats, (void *)&cmd_clear_which, NULL },
};

/* set promisc|allmulti <port|all> on|off */
struct cmd_rxmode_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t mode;
	cmdline_fixed_string_t which;
	cmdline_fixed_string_t onoff;
};

static void
rxmode_one(uint16_t idx, void *arg)
{
	const struct cmd_rxmode_result *r = arg;
	bool on = strcmp(r->onoff, "on") == 0;
	uint16_t id = ports[idx].id;
	int ret;

	if (strcmp(r->mode, "promisc") == 0)
		ret = on ? rte_eth_promiscuous_enable(id) : rte_eth_promiscuous_disable(id);
	else
		ret = on ? rte_eth_allmulticast_enable(id) : rte_eth_allmulticast_disable(id);
	cli_result(r->mode, idx, ret);
}

static void
cmd_rxmode_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_rxmode_result *r = res;

	(void)cl;
	(void)data;
	cli_for_ports(r->which, rxmode_one, r);
}

static cmdline_parse_token_string_t cmd_rxmode_set =
	TOKEN_STRING_INITIALIZER(struct cmd_rxmode_result, set, "set");
static cmdline_parse_token_string_t cmd_rxmode_mode =
	TOKEN_STRING_INITIALIZER(struct cmd_rxmode_result, mode, "promisc#allmulti");
static cmdline_parse_token_string_t cmd_rxmode_which =
	TOKEN_STRING_INITIALIZER(struct cmd_rxmode_result, which, NULL);
static cmdline_parse_token_string_t cmd_rxmode_onoff =
	TOKEN_STRING_INITIALIZER(struct cmd_rxmode_result, onoff, "on#off");

static cmdline_parse_inst_t cmd_rxmode = {
	.f = cmd_rxmode_parsed, .help_str = "set promisc|allmulti <port|all> on|off",
	.tokens = { (void *)&cmd_rxmode_set, (void *)&cmd_rxmode_mode,
		(void *)&cmd_rxmode_which, (void *)&cmd_rxmode_onoff, NULL },
};

/* mac_addr set <port> <mac> */
struct cmd_mac_result {
	cmdline_fixed_string_t mac_addr;
	cmdline_fixed_string_t set;
	uint16_t port;
	struct rte_ether_addr mac;
};

static void
cmd_mac_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_mac_result *r = res;
	int ret;

	(void)cl;
	(void)data;
	if (!cli_port_ok(r->port))
		return;
	ret = rte_eth_dev_default_mac_addr_set(ports[r->port].id, &r->mac);
	if (ret == 0)
		rte_eth_macaddr_get(ports[r->port].id, &ports[r->port].mac);
	cli_result("mac_addr set", r->port, ret);
}

static cmdline_parse_token_string_t cmd_mac_mac_addr =
	TOKEN_STRING_INITIALIZER(struct cmd_mac_result, mac_addr, "mac_addr");
static cmdline_parse_token_string_t cmd_mac_set =
	TOKEN_STRING_INITIALIZER(struct cmd_mac_result, set, "set");
static cmdline_parse_token_num_t cmd_mac_port =
	TOKEN_NUM_INITIALIZER(struct cmd_mac_result, port, RTE_UINT16);
static cmdline_parse_token_etheraddr_t cmd_mac_mac =
	TOKEN_ETHERADDR_INITIALIZER(struct cmd_mac_result, mac);

static cmdline_parse_inst_t cmd_mac = {
	.f = cmd_mac_parsed, .help_str = "mac_addr set <port> <mac>: ask the PF for a new MAC",
	.tokens = { (void *)&cmd_mac_mac_addr, (void *)&cmd_mac_set, (void *)&cmd_mac_port,
		(void *)&cmd_mac_mac, NULL },
};

/* rx_vlan add|rm <vlan_id> <port> */
struct cmd_vlan_result {
	cmdline_fixed_string_t rx_vlan;
	cmdline_fixed_string_t what;
	uint16_t vid;
	uint16_t port;
};

static void
cmd_vlan_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_vlan_result *r = res;
	bool add = strcmp(r->what, "add") == 0;

	(void)cl;
	(void)data;
	if (!cli_port_ok(r->port))
		return;
	cli_result(add ? "rx_vlan add" : "rx_vlan rm", r->port,
		rte_eth_dev_vlan_filter(ports[r->port].id, r->vid, add));
}

static cmdline_parse_token_string_t cmd_vlan_rx_vlan =
	TOKEN_STRING_INITIALIZER(struct cmd_vlan_result, rx_vlan, "rx_vlan");
static cmdline_parse_token_string_t cmd_vlan_what =
	TOKEN_STRING_INITIALIZER(struct cmd_vlan_result, what, "add#rm");
static cmdline_parse_token_num_t cmd_vlan_vid =
	TOKEN_NUM_INITIALIZER(struct cmd_vlan_result, vid, RTE_UINT16);
static cmdline_parse_token_num_t cmd_vlan_port =
	TOKEN_NUM_INITIALIZER(struct cmd_vlan_result, port, RTE_UINT16);

static cmdline_parse_inst_t cmd_vlan = {
	.f = cmd_vlan_parsed, .help_str = "rx_vlan add|rm <vlan_id> <port>: VLAN filter",
	.tokens = { (void *)&cmd_vlan_rx_vlan, (void *)&cmd_vlan_what, (void *)&cmd_vlan_vid,
		(void *)&cmd_vlan_port, NULL },
};

/* port config mtu <port> <mtu> */
struct cmd_mtu_result {
	cmdline_fixed_string_t port_kw;
	cmdline_fixed_string_t config;
	cmdline_fixed_string_t mtu_kw;
	uint16_t port;
	uint16_t mtu;
};

static void
cmd_mtu_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_mtu_result *r = res;

	(void)cl;
	(void)data;
	if (cli_port_ok(r->port))
		cli_result("port config mtu", r->port,
			rte_eth_dev_set_mtu(ports[r->port].id, r->mtu));
}

static cmdline_parse_token_string_t cmd_mtu_port_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_mtu_result, port_kw, "port");
static cmdline_parse_token_string_t cmd_mtu_config =
	TOKEN_STRING_INITIALIZER(struct cmd_mtu_result, config, "config");
static cmdline_parse_token_string_t cmd_mtu_mtu_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_mtu_result, mtu_kw, "mtu");
static cmdline_parse_token_num_t cmd_mtu_port =
	TOKEN_NUM_INITIALIZER(struct cmd_mtu_result, port, RTE_UINT16);
static cmdline_parse_token_num_t cmd_mtu_mtu =
	TOKEN_NUM_INITIALIZER(struct cmd_mtu_result, mtu, RTE_UINT16);

static cmdline_parse_inst_t cmd_mtu = {
	.f = cmd_mtu_parsed, .help_str = "port config mtu <port> <mtu>",
	.tokens = { (void *)&cmd_mtu_port_kw, (void *)&cmd_mtu_config,
		(void *)&cmd_mtu_mtu_kw, (void *)&cmd_mtu_port, (void *)&cmd_mtu_mtu, NULL },
};

/* port reset <port|all> */
struct cmd_reset_result {
	cmdline_fixed_string_t port_kw;
	cmdline_fixed_string_t reset;
	cmdline_fixed_string_t which;
};

static void
reset_one(uint16_t idx, void *arg)
{
	(void)arg;
	cli_result("port reset", idx, port_reset(idx));
}

static void
cmd_reset_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_reset_result *r = res;

	(void)cl;
	(void)data;
	if (fwd_is_running()) {
		printf("Stop forwarding before resetting ports\n");
		return;
	}
	cli_for_ports(r->which, reset_one, NULL);
}

static cmdline_parse_token_string_t cmd_reset_port_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_reset_result, port_kw, "port");
static cmdline_parse_token_string_t cmd_reset_reset =
	TOKEN_STRING_INITIALIZER(struct cmd_reset_result, reset, "reset");
static cmdline_parse_token_string_t cmd_reset_which =
	TOKEN_STRING_INITIALIZER(struct cmd_reset_result, which, NULL);

static cmdline_parse_inst_t cmd_reset = {
	.f = cmd_reset_parsed, .help_str = "port reset <port|all>: recover after a PF reset",
	.tokens = { (void *)&cmd_reset_port_kw, (void *)&cmd_reset_reset,
		(void *)&cmd_reset_which, NULL },
};

size_t
cli_port_commands(cmdline_parse_ctx_t *ctx, size_t room)
{
	cmdline_parse_inst_t *const all[] = {
		&cmd_show, &cmd_clear, &cmd_rxmode, &cmd_mac, &cmd_vlan, &cmd_mtu, &cmd_reset,
	};
	return cli_add(ctx, room, all, RTE_DIM(all));
}
