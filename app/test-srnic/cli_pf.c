/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PF commands of the prompt, on the PFs named with --pf (by their order):
 *   set vf mac <pf> <vf> <mac>         set vf vlan <pf> <vf> <vlan_id>
 *   set vf trust <pf> <vf> on|off      set vf spoofchk <pf> <vf> on|off
 *   set vf link <pf> <vf> auto|up|down show pf info <pf>
 */
#include <stdio.h>
#include <string.h>

#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_errno.h>
#include <rte_srnic_pf.h>

#include "cli.h"
#include "testpmd.h"

static struct srnic_pf *
pf_of(uint16_t idx)
{
	if (idx < TP_MAX_PFS && pf_handles[idx] != NULL)
		return pf_handles[idx];
	if (cfg.nb_pfs == 0)
		printf("No PF: name PFs with --pf=ADDR when starting srnic-testpmd\n");
	else
		printf("Invalid PF %u: use 0..%u (the order of --pf)\n", idx, cfg.nb_pfs - 1);
	return NULL;
}

static void
pf_result(const char *what, uint16_t pf, uint16_t vf, int ret)
{
	if (ret == 0)
		printf("%s on PF %u VF %u: done\n", what, pf, vf);
	else
		printf("%s on PF %u VF %u failed: %s\n", what, pf, vf, rte_strerror(-ret));
}

/* set vf mac <pf> <vf> <mac> */
struct cmd_vf_mac_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t vf_kw;
	cmdline_fixed_string_t mac_kw;
	uint16_t pf;
	uint16_t vf;
	struct rte_ether_addr mac;
};

static void
cmd_vf_mac_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_vf_mac_result *r = res;
	struct srnic_pf *pf = pf_of(r->pf);

	(void)cl;
	(void)data;
	if (pf != NULL)
		pf_result("set vf mac", r->pf, r->vf, srnic_pf_set_vf_mac(pf, r->vf, &r->mac));
}

static cmdline_parse_token_string_t cmd_vf_mac_set =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_mac_result, set, "set");
static cmdline_parse_token_string_t cmd_vf_mac_vf =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_mac_result, vf_kw, "vf");
static cmdline_parse_token_string_t cmd_vf_mac_mac_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_mac_result, mac_kw, "mac");
static cmdline_parse_token_num_t cmd_vf_mac_pf =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_mac_result, pf, RTE_UINT16);
static cmdline_parse_token_num_t cmd_vf_mac_vfn =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_mac_result, vf, RTE_UINT16);
static cmdline_parse_token_etheraddr_t cmd_vf_mac_addr =
	TOKEN_ETHERADDR_INITIALIZER(struct cmd_vf_mac_result, mac);

static cmdline_parse_inst_t cmd_vf_mac = {
	.f = cmd_vf_mac_parsed, .help_str = "set vf mac <pf> <vf> <mac>: the VF's MAC",
	.tokens = { (void *)&cmd_vf_mac_set, (void *)&cmd_vf_mac_vf, (void *)&cmd_vf_mac_mac_kw,
		(void *)&cmd_vf_mac_pf, (void *)&cmd_vf_mac_vfn, (void *)&cmd_vf_mac_addr, NULL },
};

/* set vf vlan <pf> <vf> <vlan_id>: port VLAN, 0 removes it */
struct cmd_vf_num_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t vf_kw;
	cmdline_fixed_string_t what;
	uint16_t pf;
	uint16_t vf;
	uint16_t value;
};

static void
cmd_vf_vlan_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_vf_num_result *r = res;
	struct srnic_pf *pf = pf_of(r->pf);

	(void)cl;
	(void)data;
	if (pf != NULL)
		pf_result("set vf vlan", r->pf, r->vf, srnic_pf_set_vf_vlan(pf, r->vf, r->value, 0));
}

static cmdline_parse_token_string_t cmd_vf_num_set =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_num_result, set, "set");
static cmdline_parse_token_string_t cmd_vf_num_vf =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_num_result, vf_kw, "vf");
static cmdline_parse_token_string_t cmd_vf_num_what =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_num_result, what, "vlan");
static cmdline_parse_token_num_t cmd_vf_num_pf =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_num_result, pf, RTE_UINT16);
static cmdline_parse_token_num_t cmd_vf_num_vfn =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_num_result, vf, RTE_UINT16);
static cmdline_parse_token_num_t cmd_vf_num_value =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_num_result, value, RTE_UINT16);

static cmdline_parse_inst_t cmd_vf_vlan = {
	.f = cmd_vf_vlan_parsed,
	.help_str = "set vf vlan <pf> <vf> <vlan_id>: port VLAN of the VF, 0 removes it",
	.tokens = { (void *)&cmd_vf_num_set, (void *)&cmd_vf_num_vf, (void *)&cmd_vf_num_what,
		(void *)&cmd_vf_num_pf, (void *)&cmd_vf_num_vfn, (void *)&cmd_vf_num_value, NULL },
};

/* set vf trust|spoofchk|link <pf> <vf> <word> */
struct cmd_vf_word_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t vf_kw;
	cmdline_fixed_string_t what;
	uint16_t pf;
	uint16_t vf;
	cmdline_fixed_string_t word;
};

/* The library's answer, or 1 after explaining a word the command does not
 * take. */
static int
vf_word(struct srnic_pf *pf, const struct cmd_vf_word_result *r)
{
	bool on = strcmp(r->word, "on") == 0;

	if (strcmp(r->what, "trust") == 0 || strcmp(r->what, "spoofchk") == 0) {
		if (!on && strcmp(r->word, "off") != 0) {
			printf("set vf %s takes on or off, not '%s'\n", r->what, r->word);
			return 1;
		}
		return strcmp(r->what, "trust") == 0 ? srnic_pf_set_vf_trust(pf, r->vf, on) :
			srnic_pf_set_vf_spoofchk(pf, r->vf, on ? SRNIC_PF_SPOOFCHK_ALL : 0);
	}
	if (strcmp(r->word, "auto") == 0)
		return srnic_pf_set_vf_link_state(pf, r->vf, SRNIC_PF_LINK_AUTO);
	if (strcmp(r->word, "up") == 0)
		return srnic_pf_set_vf_link_state(pf, r->vf, SRNIC_PF_LINK_UP);
	if (strcmp(r->word, "down") == 0)
		return srnic_pf_set_vf_link_state(pf, r->vf, SRNIC_PF_LINK_DOWN);
	printf("set vf link takes auto, up or down, not '%s'\n", r->word);
	return 1;
}

static void
cmd_vf_word_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_vf_word_result *r = res;
	struct srnic_pf *pf = pf_of(r->pf);
	char what[sizeof(r->what) + 8];
	int ret;

	(void)cl;
	(void)data;
	if (pf == NULL)
		return;
	ret = vf_word(pf, r);
	snprintf(what, sizeof(what), "set vf %s", r->what);
	if (ret <= 0)
		pf_result(what, r->pf, r->vf, ret);
}

static cmdline_parse_token_string_t cmd_vf_word_set =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_word_result, set, "set");
static cmdline_parse_token_string_t cmd_vf_word_vf =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_word_result, vf_kw, "vf");
static cmdline_parse_token_string_t cmd_vf_word_what =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_word_result, what, "trust#spoofchk#link");
static cmdline_parse_token_num_t cmd_vf_word_pf =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_word_result, pf, RTE_UINT16);
static cmdline_parse_token_num_t cmd_vf_word_vfn =
	TOKEN_NUM_INITIALIZER(struct cmd_vf_word_result, vf, RTE_UINT16);
static cmdline_parse_token_string_t cmd_vf_word_word =
	TOKEN_STRING_INITIALIZER(struct cmd_vf_word_result, word, NULL);

static cmdline_parse_inst_t cmd_vf_word = {
	.f = cmd_vf_word_parsed,
	.help_str = "set vf trust|spoofchk <pf> <vf> on|off, set vf link <pf> <vf> auto|up|down",
	.tokens = { (void *)&cmd_vf_word_set, (void *)&cmd_vf_word_vf,
		(void *)&cmd_vf_word_what, (void *)&cmd_vf_word_pf, (void *)&cmd_vf_word_vfn,
		(void *)&cmd_vf_word_word, NULL },
};

/* show pf info <pf> */
struct cmd_pf_info_result {
	cmdline_fixed_string_t show;
	cmdline_fixed_string_t pf_kw;
	cmdline_fixed_string_t info;
	uint16_t pf;
};

static void
cmd_pf_info_parsed(void *res, struct cmdline *cl, void *data)
{
	struct cmd_pf_info_result *r = res;
	struct srnic_pf *pf = pf_of(r->pf);

	(void)cl;
	(void)data;
	if (pf != NULL)
		srnic_pf_dump(pf, stdout);
}

static cmdline_parse_token_string_t cmd_pf_info_show =
	TOKEN_STRING_INITIALIZER(struct cmd_pf_info_result, show, "show");
static cmdline_parse_token_string_t cmd_pf_info_pf_kw =
	TOKEN_STRING_INITIALIZER(struct cmd_pf_info_result, pf_kw, "pf");
static cmdline_parse_token_string_t cmd_pf_info_info =
	TOKEN_STRING_INITIALIZER(struct cmd_pf_info_result, info, "info");
static cmdline_parse_token_num_t cmd_pf_info_pf =
	TOKEN_NUM_INITIALIZER(struct cmd_pf_info_result, pf, RTE_UINT16);

static cmdline_parse_inst_t cmd_pf_info = {
	.f = cmd_pf_info_parsed, .help_str = "show pf info <pf>: the PF and its VFs",
	.tokens = { (void *)&cmd_pf_info_show, (void *)&cmd_pf_info_pf_kw,
		(void *)&cmd_pf_info_info, (void *)&cmd_pf_info_pf, NULL },
};

size_t
cli_pf_commands(cmdline_parse_ctx_t *ctx, size_t room)
{
	cmdline_parse_inst_t *const all[] = { &cmd_vf_mac, &cmd_vf_vlan, &cmd_vf_word, &cmd_pf_info };
	return cli_add(ctx, room, all, RTE_DIM(all));
}
