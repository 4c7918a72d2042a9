/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port control commands of the prompt, answered in testpmd's words:
 * port stop|start <port|all>, show port summary <port|all>,
 * mac_addr add|remove <port> <mac>.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "cli.h"
#include "testpmd.h"

#define LINK_WAIT_MS	3000	/* a started VF hears its link from the PF */

/* Ports a stop or start command acted on, for the link report after it. */
struct port_op {
	bool start;
	bool done[TP_MAX_PORTS];
	uint16_t nb_done;
};

static void
link_report(const struct port_op *op)
{
	uint16_t i;

	printf("Checking link statuses...\n");
	for (i = 0; i < nb_ports; i++) {
		struct rte_eth_link link = { 0 };
		char text[RTE_ETH_LINK_MAX_STR_LEN];
		int waited = 0;

		if (!op->done[i])
			continue;
		while (rte_eth_link_get_nowait(ports[i].id, &link) == 0 && !link.link_status &&
				op->start && waited < LINK_WAIT_MS) {
			rte_delay_ms(100);
			waited += 100;
		}
		rte_eth_link_to_str(text, sizeof(text), &link);
		printf("Port %u %s\n", i, text);
	}
}

static void
stop_one(uint16_t idx, void *arg)
{
	struct port_op *op = arg;
	int ret;

	/* The lcores poll the forwarding ports until "stop". */
	if (fwd_is_running() && port_is_fwd(idx)) {
		printf("Please remove port %u from forwarding configuration.\n", idx);
		return;
	}
	if (!ports[idx].started)
		return;
	ret = port_stop(idx);
	if (ret < 0) {
		printf("Port %u can not be set into stopped: %s\n", idx, rte_strerror(-ret));
		return;
	}
	op->done[idx] = true;
	op->nb_done++;
}

static void
start_one(uint16_t idx, void *arg)
{
	struct port_op *op = arg;
	int ret = port_start(idx);

	if (ret == -EALREADY) {
		printf("Port %u is now not stopped\n", idx);
		return;
	}
	if (ret < 0) {
		printf("Fail to start port %u: %s\n", idx, rte_strerror(-ret));
		return;
	}
	printf("Port %u: " RTE_ETHER_ADDR_PRT_FMT "\n", idx, RTE_ETHER_ADDR_BYTES(&ports[idx].mac));
	op->done[idx] = true;
	op->nb_done++;
}

struct cmd_port_op_result {
	cmdline_fixed_string_t port_kw;
	cmdline_fixed_string_t op;
	cmdline_fixed_string_t which;
};

static void
cmd_port_op_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_port_op_result *r = res;
	struct port_op op = { .start = strcmp(r->op, "start") == 0 };

	(void)cl;
	(void)data;
	if (!op.start)
		printf("Stopping ports...\n");
	if (cli_for_ports(r->which, op.start ? start_one : stop_one, &op) < 0)
		return;
	if (op.nb_done > 0)
		link_report(&op);
	else if (op.start)
		printf("Please stop the ports first\n");
	printf("Done\n");
}

static cmdline_parse_token_string_t cmd_port_op_port_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_port_op_result, port_kw, "port");
static cmdline_parse_token_string_t cmd_port_op_op =
	TOKEN_STRING_INITIALIZER(struct cmd_port_op_result, op, "stop#start");
static cmdline_parse_token_string_t cmd_port_op_which =
	TOKEN_STRING_INITIALIZER(struct cmd_port_op_result, which, NULL);

static cmdline_parse_inst_t cmd_port_op = {
	.f = cmd_port_op_parsed,
	.help_str = "port stop|start <port|all>: stop or start ports, keeping their setup",
	.tokens = { (void *)&cmd_port_op_port_kw, (void *)&cmd_port_op_op,
		(void *)&cmd_port_op_which, NULL },
};

/* show port summary <port|all> */
struct cmd_summary_result {
	cmdline_fixed_string_t show;
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t summary;
	cmdline_fixed_string_t which;
};

static void
summary_one(uint16_t idx, void *arg)
{
	(void)arg;
	stats_show_summary(idx);
}

static void
cmd_summary_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_summary_result *r = res;

	(void)cl;
	(void)data;
	if (cli_for_ports(r->which, NULL, NULL) < 0)
		return;
	stats_show_summary_header();
	cli_for_ports(r->which, summary_one, NULL);
}

static cmdline_parse_token_string_t cmd_summary_show =
	TOKEN_STRING_INITIALIZER(struct cmd_summary_result, show, "show");
static cmdline_parse_token_string_t cmd_summary_port =
	TOKEN_STRING_INITIALIZER(struct cmd_summary_result, port, "port");
static cmdline_parse_token_string_t cmd_summary_summary =
	TOKEN_STRING_INITIALIZER(struct cmd_summary_result, summary, "summary");
static cmdline_parse_token_string_t cmd_summary_which =
	TOKEN_STRING_INITIALIZER(struct cmd_summary_result, which, NULL);

static cmdline_parse_inst_t cmd_summary = {
	.f = cmd_summary_parsed,
	.help_str = "show port summary <port|all>: a line a port",
	.tokens = { (void *)&cmd_summary_show, (void *)&cmd_summary_port,
		(void *)&cmd_summary_summary, (void *)&cmd_summary_which, NULL },
};

/* mac_addr add|remove <port> <mac> */
struct cmd_mac_list_result {
	cmdline_fixed_string_t mac_addr;
	cmdline_fixed_string_t what;
	uint16_t port;
	struct rte_ether_addr mac;
};

static void
cmd_mac_list_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_mac_list_result *r = res;
	int ret;

	(void)cl;
	(void)data;
	if (!cli_port_ok(r->port))
		return;
	if (strcmp(r->what, "add") == 0)
		ret = rte_eth_dev_mac_addr_add(ports[r->port].id, &r->mac, 0);
	else
		ret = rte_eth_dev_mac_addr_remove(ports[r->port].id, &r->mac);
	/* testpmd says nothing when it worked. */
	if (ret < 0)
		printf("mac_addr_cmd error: (%s)\n", strerror(-ret));
}

static cmdline_parse_token_string_t cmd_mac_list_mac_addr =
	TOKEN_STRING_INITIALIZER(struct cmd_mac_list_result, mac_addr, "mac_addr");
static cmdline_parse_token_string_t cmd_mac_list_what =
	TOKEN_STRING_INITIALIZER(struct cmd_mac_list_result, what, "add#remove");
static cmdline_parse_token_num_t cmd_mac_list_port =
	TOKEN_NUM_INITIALIZER(struct cmd_mac_list_result, port, RTE_UINT16);
static cmdline_parse_token_etheraddr_t cmd_mac_list_mac =
	TOKEN_ETHERADDR_INITIALIZER(struct cmd_mac_list_result, mac);

static cmdline_parse_inst_t cmd_mac_list = {
	.f = cmd_mac_list_parsed,
	.help_str = "mac_addr add|remove <port> <mac>: another MAC the port receives",
	.tokens = { (void *)&cmd_mac_list_mac_addr, (void *)&cmd_mac_list_what,
		(void *)&cmd_mac_list_port, (void *)&cmd_mac_list_mac, NULL },
};

size_t
cli_port_ctl_commands(cmdline_parse_ctx_t *ctx, size_t room)
{
	cmdline_parse_inst_t *const all[] = { &cmd_port_op, &cmd_summary, &cmd_mac_list };

	return cli_add(ctx, room, all, RTE_DIM(all));
}
