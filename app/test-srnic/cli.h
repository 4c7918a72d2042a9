/* SPDX-License-Identifier: BSD-3-Clause */
/* Pieces shared by the prompt's command files. */
#ifndef SRNIC_TESTPMD_CLI_H
#define SRNIC_TESTPMD_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmdline_parse.h>

/* Call @fn for port @which ("all" or an index); -EINVAL after a message.
 * A NULL @fn only checks @which. */
int cli_for_ports(const char *which, void (*fn)(uint16_t idx, void *arg), void *arg);
bool cli_port_ok(uint16_t idx);
void cli_result(const char *what, uint16_t idx, int ret);

/* Each command file adds its instances to the context; returns how many. */
size_t cli_add(cmdline_parse_ctx_t *ctx, size_t room, cmdline_parse_inst_t *const *insts,
	size_t n);
size_t cli_port_commands(cmdline_parse_ctx_t *ctx, size_t room);
size_t cli_port_ctl_commands(cmdline_parse_ctx_t *ctx, size_t room);
size_t cli_fwd_commands(cmdline_parse_ctx_t *ctx, size_t room);
size_t cli_pf_commands(cmdline_parse_ctx_t *ctx, size_t room);

#endif /* SRNIC_TESTPMD_CLI_H */
