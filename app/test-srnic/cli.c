/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The srnic-testpmd> prompt, built on DPDK's cmdline library. Commands
 * follow testpmd's spelling. The prompt polls stdin so that a signal or the
 * end of a piped script ends it cleanly.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include <rte_errno.h>

#include "cli.h"
#include "testpmd.h"

/* "all" or a port index: calls @fn for each port meant. */
int
cli_for_ports(const char *which, void (*fn)(uint16_t idx, void *arg), void *arg)
{
	char *end;
	unsigned long idx;
	uint16_t i;

	if (strcmp(which, "all") == 0) {
		for (i = 0; i < nb_ports && fn != NULL; i++)
			fn(i, arg);
		return 0;
	}
	idx = strtoul(which, &end, 10);
	if (*which == '\0' || *end != '\0' || idx >= nb_ports) {
		printf("Invalid port '%s': use 0..%d or all\n", which, nb_ports - 1);
		return -EINVAL;
	}
	if (fn != NULL)
		fn((uint16_t)idx, arg);
	return 0;
}

size_t
cli_add(cmdline_parse_ctx_t *ctx, size_t room, cmdline_parse_inst_t *const *insts, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < room; i++)
		ctx[i] = insts[i];
	return i;
}

bool
cli_port_ok(uint16_t idx)
{
	if (idx < nb_ports)
		return true;
	printf("Invalid port %u: use 0..%d\n", idx, nb_ports - 1);
	return false;
}

void
cli_result(const char *what, uint16_t idx, int ret)
{
	if (ret == 0)
		printf("%s on port %u: done\n", what, idx);
	else
		printf("%s on port %u failed: %s\n", what, idx, rte_strerror(-ret));
}

/* start [tx_first] */
struct cmd_start_result {
	cmdline_fixed_string_t start;
	cmdline_fixed_string_t tx_first;
};

static void
cmd_start_parsed(void *res, struct cmdline *cl, void *data)
{
	(void)res;
	(void)cl;
	fwd_start(data != NULL);
}

static cmdline_parse_token_string_t cmd_start_start =
	TOKEN_STRING_INITIALIZER(struct cmd_start_result, start, "start");
static cmdline_parse_token_string_t cmd_start_tx_first =
	TOKEN_STRING_INITIALIZER(struct cmd_start_result, tx_first, "tx_first");

static cmdline_parse_inst_t cmd_start = {
	.f = cmd_start_parsed, .data = NULL,
	.help_str = "start: start packet forwarding",
	.tokens = { (void *)&cmd_start_start, NULL },
};

static cmdline_parse_inst_t cmd_start_tx = {
	.f = cmd_start_parsed, .data = (void *)1,
	.help_str = "start tx_first: send a burst on every stream, then forward",
	.tokens = { (void *)&cmd_start_start, (void *)&cmd_start_tx_first, NULL },
};

/* stop, quit, help: one word each */
struct cmd_word_result {
	cmdline_fixed_string_t word;
};

static void
cmd_stop_parsed(void *res, struct cmdline *cl, void *data)
{
	(void)res;
	(void)cl;
	(void)data;
	fwd_stop();
}

static void
cmd_quit_parsed(void *res, struct cmdline *cl, void *data)
{
	(void)res;
	(void)data;
	cmdline_quit(cl);
}

static cmdline_parse_token_string_t cmd_stop_word =
	TOKEN_STRING_INITIALIZER(struct cmd_word_result, word, "stop");
static cmdline_parse_token_string_t cmd_quit_word =
	TOKEN_STRING_INITIALIZER(struct cmd_word_result, word, "quit");
static cmdline_parse_token_string_t cmd_help_word =
	TOKEN_STRING_INITIALIZER(struct cmd_word_result, word, "help");

static cmdline_parse_inst_t cmd_stop = {
	.f = cmd_stop_parsed, .help_str = "stop: stop forwarding and show forward statistics",
	.tokens = { (void *)&cmd_stop_word, NULL },
};

static cmdline_parse_inst_t cmd_quit = {
	.f = cmd_quit_parsed, .help_str = "quit: stop, close the ports and exit",
	.tokens = { (void *)&cmd_quit_word, NULL },
};

static void
cmd_help_parsed(void *res, struct cmdline *cl, void *data)
{
	(void)res;
	(void)cl;
	(void)data;
	printf("Commands (port is a number or 'all' where it says so):\n"
	"  start | start tx_first | stop | quit\n"
	"  set fwd <%s>\n"
	"  show config fwd | show fwd stats all | clear fwd stats all\n"
	"  set nbcore <n> | set verbose <0|1|2> | set eth-peer <port> <mac>\n"
	"  show port info|stats|xstats|summary <port|all>\n"
	"  clear port stats <port|all>\n"
	"  port stop|start <port|all>\n"
	"  mac_addr add|remove <port> <mac>\n"
	"  set promisc <port|all> on|off\n"
	"  set allmulti <port|all> on|off\n"
	"  mac_addr set <port> <mac>\n"
	"  rx_vlan add|rm <vlan_id> <port>\n"
	"  port config mtu <port> <mtu>\n"
	"  port reset <port|all>\n"
	"PF commands (PF is the index in --pf):\n"
	"  set vf mac <pf> <vf> <mac> | set vf vlan <pf> <vf> <vlan_id>\n"
	"  set vf trust|spoofchk <pf> <vf> on|off | set vf link <pf> <vf> auto|up|down\n"
	"  show pf info <pf>\n", fwd_engine_names());
}

static cmdline_parse_inst_t cmd_help = {
	.f = cmd_help_parsed, .help_str = "help: list the commands",
	.tokens = { (void *)&cmd_help_word, NULL },
};

/* set fwd <mode> */
struct cmd_set_fwd_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t fwd;
	cmdline_fixed_string_t mode;
};

static void
cmd_set_fwd_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_set_fwd_result *r = res;

	(void)cl;
	(void)data;
	if (fwd_engine_find(r->mode) == NULL) {
		printf("Unknown forwarding mode '%s': use one of %s\n", r->mode,
			fwd_engine_names());
		return;
	}
	if (fwd_is_running()) {
		printf("Stop forwarding before changing the mode\n");
		return;
	}
	/* A known engine name always fits. */
	if (snprintf(cfg.fwd_mode, sizeof(cfg.fwd_mode), "%s", r->mode) < (int)sizeof(cfg.fwd_mode))
		printf("Set %s packet forwarding mode\n", r->mode);
}

static cmdline_parse_token_string_t cmd_set_fwd_set =
	TOKEN_STRING_INITIALIZER(struct cmd_set_fwd_result, set, "set");
static cmdline_parse_token_string_t cmd_set_fwd_fwd =
	TOKEN_STRING_INITIALIZER(struct cmd_set_fwd_result, fwd, "fwd");
static cmdline_parse_token_string_t cmd_set_fwd_mode =
	TOKEN_STRING_INITIALIZER(struct cmd_set_fwd_result, mode, NULL);

static cmdline_parse_inst_t cmd_set_fwd = {
	.f = cmd_set_fwd_parsed, .help_str = "set fwd <mode>: choose the forwarding engine",
	.tokens = { (void *)&cmd_set_fwd_set, (void *)&cmd_set_fwd_fwd,
		(void *)&cmd_set_fwd_mode, NULL },
};

static cmdline_parse_ctx_t *
build_ctx(void)
{
	static cmdline_parse_ctx_t ctx[96];
	cmdline_parse_inst_t *const base[] = {
		&cmd_start, &cmd_start_tx, &cmd_stop, &cmd_quit, &cmd_help, &cmd_set_fwd,
	};
	size_t n;

	n = cli_add(ctx, RTE_DIM(ctx) - 1, base, RTE_DIM(base));
	n += cli_port_commands(ctx + n, RTE_DIM(ctx) - 1 - n);
	n += cli_port_ctl_commands(ctx + n, RTE_DIM(ctx) - 1 - n);
	n += cli_fwd_commands(ctx + n, RTE_DIM(ctx) - 1 - n);
	n += cli_pf_commands(ctx + n, RTE_DIM(ctx) - 1 - n);
	ctx[n] = NULL;
	return ctx;
}

/* --cmdline-file: the commands of a file, before the prompt (or before
 * forwarding without -i), as testpmd runs them. */
int
cli_run_file(const char *path)
{
	struct cmdline *cl = cmdline_file_new(build_ctx(), "srnic-testpmd> ", path);

	if (cl == NULL) {
		fprintf(stderr, "cannot read commands from %s: %s\n", path, strerror(errno));
		return -errno;
	}
	cmdline_interact(cl);
	cmdline_quit(cl);
	cmdline_free(cl);
	printf("Read CLI commands from %s\n", path);
	fflush(stdout);
	return 0;
}

/* Runs the prompt until quit, the end of input or a signal. */
int
cli_run(void)
{
	struct cmdline *cl = cmdline_stdin_new(build_ctx(), "srnic-testpmd> ");

	if (cl == NULL) {
		fprintf(stderr, "cannot start the prompt\n");
		return -ENOMEM;
	}
	while (!force_quit) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		int status;

		if (poll(&pfd, 1, 200) <= 0)
			continue;
		status = cmdline_poll(cl);
		/* A script reading the output waits for each answer. */
		fflush(stdout);
		if (status < 0 || status == RDLINE_EXITED)
			break;
		if (pfd.revents & (POLLHUP | POLLERR) && !(pfd.revents & POLLIN))
			break;
	}
	printf("\n");
	cmdline_stdin_exit(cl);
	return 0;
}
