/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding commands of the prompt, as testpmd spells and answers them:
 * show config fwd, show|clear fwd stats all, set nbcore|verbose|eth-peer.
 */
#include <stdio.h>
#include <string.h>

#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>

#include "cli.h"
#include "testpmd.h"

/* show config fwd */
struct cmd_three_result {
	cmdline_fixed_string_t w1;
	cmdline_fixed_string_t w2;
	cmdline_fixed_string_t w3;
};

static void
cmd_show_config_parsed(void *res, struct cmdline *cl, void *data)
{
	(void)res;
	(void)cl;
	(void)data;
	fwd_config_show();
}

static cmdline_parse_token_string_t cmd_show_w =
	TOKEN_STRING_INITIALIZER(struct cmd_three_result, w1, "show");
static cmdline_parse_token_string_t cmd_config_w =
	TOKEN_STRING_INITIALIZER(struct cmd_three_result, w2, "config");
static cmdline_parse_token_string_t cmd_config_fwd_w =
	TOKEN_STRING_INITIALIZER(struct cmd_three_result, w3, "fwd");

static cmdline_parse_inst_t cmd_show_config = {
	.f = cmd_show_config_parsed,
	.help_str = "show config fwd: streams and the lcores that poll them",
	.tokens = { (void *)&cmd_show_w, (void *)&cmd_config_w, (void *)&cmd_config_fwd_w,
		NULL },
};

/* show|clear fwd stats all */
struct cmd_fwd_stats_result {
	cmdline_fixed_string_t what;
	cmdline_fixed_string_t fwd;
	cmdline_fixed_string_t stats;
	cmdline_fixed_string_t all;
};

static void
cmd_fwd_stats_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_fwd_stats_result *r = res;

	(void)cl;
	(void)data;
	if (strcmp(r->what, "show") == 0)
		stats_fwd_show();
	else
		stats_fwd_clear();
}

static cmdline_parse_token_string_t cmd_fwd_stats_what =
	TOKEN_STRING_INITIALIZER(struct cmd_fwd_stats_result, what, "show#clear");
static cmdline_parse_token_string_t cmd_fwd_stats_fwd =
	TOKEN_STRING_INITIALIZER(struct cmd_fwd_stats_result, fwd, "fwd");
static cmdline_parse_token_string_t cmd_fwd_stats_stats =
	TOKEN_STRING_INITIALIZER(struct cmd_fwd_stats_result, stats, "stats");
static cmdline_parse_token_string_t cmd_fwd_stats_all =
	TOKEN_STRING_INITIALIZER(struct cmd_fwd_stats_result, all, "all");

static cmdline_parse_inst_t cmd_fwd_stats = {
	.f = cmd_fwd_stats_parsed,
	.help_str = "show|clear fwd stats all: forward statistics since start or clear",
	.tokens = { (void *)&cmd_fwd_stats_what, (void *)&cmd_fwd_stats_fwd,
		(void *)&cmd_fwd_stats_stats, (void *)&cmd_fwd_stats_all, NULL },
};

/* set nbcore|verbose <n> */
struct cmd_set_num_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t what;
	uint16_t n;
};

static void
set_nbcore(uint16_t n)
{
	uint16_t max = fwd_lcores_available();

	if (n == 0) {
		printf("nb fwd cores must be at least 1 - ignored\n");
		return;
	}
	if (n > max) {
		printf("nb fwd cores %u > %u (max. number of configured lcores) - ignored\n", n,
			max);
		return;
	}
	/* Taken at the next start, as testpmd does. */
	cfg.nb_cores = n;
	printf("Number of forwarding cores set to %u\n", n);
}

static void
cmd_set_num_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_set_num_result *r = res;

	(void)cl;
	(void)data;
	if (strcmp(r->what, "nbcore") == 0) {
		set_nbcore(r->n);
	} else if (r->n > UINT8_MAX) {
		printf("Verbose level %u: use 0..%u\n", r->n, UINT8_MAX);
	} else {
		printf("Change verbose level from %u to %u\n", cfg.verbose, r->n);
		cfg.verbose = (uint8_t)r->n;
	}
}

static cmdline_parse_token_string_t cmd_set_num_set =
	TOKEN_STRING_INITIALIZER(struct cmd_set_num_result, set, "set");
static cmdline_parse_token_string_t cmd_set_num_what =
	TOKEN_STRING_INITIALIZER(struct cmd_set_num_result, what, "nbcore#verbose");
static cmdline_parse_token_num_t cmd_set_num_n =
	TOKEN_NUM_INITIALIZER(struct cmd_set_num_result, n, RTE_UINT16);

static cmdline_parse_inst_t cmd_set_num = {
	.f = cmd_set_num_parsed,
	.help_str = "set nbcore <n>: forwarding lcores | set verbose <0|1|2>: print packets",
	.tokens = { (void *)&cmd_set_num_set, (void *)&cmd_set_num_what,
		(void *)&cmd_set_num_n, NULL },
};

/* set eth-peer <port> <mac> */
struct cmd_peer_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t eth_peer;
	uint16_t port;
	struct rte_ether_addr mac;
};

static void
cmd_peer_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_peer_result *r = res;

	(void)cl;
	(void)data;
	if (!cli_port_ok(r->port))
		return;
	/* The engines read it per burst: it takes effect at once. */
	cfg.peer[r->port] = r->mac;
	cfg.peer_set[r->port] = true;
}

static cmdline_parse_token_string_t cmd_peer_set =
	TOKEN_STRING_INITIALIZER(struct cmd_peer_result, set, "set");
static cmdline_parse_token_string_t cmd_peer_eth_peer =
	TOKEN_STRING_INITIALIZER(struct cmd_peer_result, eth_peer, "eth-peer");
static cmdline_parse_token_num_t cmd_peer_port =
	TOKEN_NUM_INITIALIZER(struct cmd_peer_result, port, RTE_UINT16);
static cmdline_parse_token_etheraddr_t cmd_peer_mac =
	TOKEN_ETHERADDR_INITIALIZER(struct cmd_peer_result, mac);

static cmdline_parse_inst_t cmd_peer = {
	.f = cmd_peer_parsed,
	.help_str = "set eth-peer <port> <mac>: destination MAC of packets leaving the port",
	.tokens = { (void *)&cmd_peer_set, (void *)&cmd_peer_eth_peer, (void *)&cmd_peer_port,
		(void *)&cmd_peer_mac, NULL },
};

size_t
cli_fwd_commands(cmdline_parse_ctx_t *ctx, size_t room)
{
	cmdline_parse_inst_t *const all[] = {
		&cmd_show_config, &cmd_fwd_stats, &cmd_set_num, &cmd_peer,
	};

	return cli_add(ctx, room, all, RTE_DIM(all));
}
