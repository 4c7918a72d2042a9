/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bad-input matrix of the PF library's public API (rte_srnic_pf.h), on
 * the fake PF with two VFs: each row is a call with one bad argument, the
 * negative errno it must return, the line it must log, and proof that it
 * changed nothing: every register of the fake PF and what
 * srnic_pf_vf_info_get() says of each VF are as before.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_errno.h>

#include "srnic_pci.h"
#include "test_eal.h"
#include "test_pf.h"

#define NB_VFS	2

enum call {
	SET_MAC, SET_VLAN, VLAN_FILTER, RXMODE, SPOOFCHK, LINK, TRUST, STATS, INFO, LIST,
	TOKEN, VFS_CREATE, OPEN_OPTS, OPEN_ADDR, OPEN_OUT, CLOSE, DUMP,
};

struct row {
	const char *what;		/* what is wrong */
	enum call call;
	bool null_pf;			/* the handle is NULL */
	uint16_t vf;
	uint32_t value;			/* VLAN, bits, state, count, length */
	const struct rte_ether_addr *mac;
	int ret;			/* the negative errno */
	const char *log;		/* what the log must say */
};

static const struct rte_ether_addr multicast = {{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 }};
static const struct rte_ether_addr zero;
static const struct rte_ether_addr unicast = {{ 0x02, 0x00, 0x00, 0x00, 0x00, 0x33 }};

static const struct row rows[] = {
	{ "NULL handle", SET_MAC, true, 0, 0, &unicast, -EINVAL,
		"srnic_pf_set_vf_mac(): pf is NULL; pass the handle srnic_pf_open() gave" },
	{ "NULL handle", SET_VLAN, true, 0, 10, NULL, -EINVAL,
		"srnic_pf_set_vf_vlan(): pf is NULL" },
	{ "NULL handle", STATS, true, 0, 0, NULL, -EINVAL,
		"srnic_pf_vf_stats_get(): pf is NULL" },
	{ "NULL handle", CLOSE, true, 0, 0, NULL, -EINVAL, "srnic_pf_close(): pf is NULL" },
	{ "NULL MAC", SET_MAC, false, 0, 0, NULL, -EINVAL, "srnic_pf_set_vf_mac(): mac is NULL" },
	{ "multicast MAC", SET_MAC, false, 0, 0, &multicast, -EINVAL,
		"srnic_pf 0000:01:00.0: VF 0: MAC 01:00:5E:00:00:01 is multicast; give a unicast "
		"address, as 02:00:00:00:00:01" },
	{ "all-zero MAC", SET_MAC, false, 1, 0, &zero, -EINVAL,
		"srnic_pf 0000:01:00.0: VF 1: MAC 00:00:00:00:00:00 is all-zero" },
	{ "VF past the count", SET_MAC, false, 2, 0, &unicast, -ENODEV,
		"srnic_pf 0000:01:00.0: VF 2 does not exist: the PF has 2 VFs" },
	{ "VF past the maximum", TRUST, false, 7, 1, NULL, -ENODEV,
		"VF 7 does not exist: the PF has 2 VFs" },
	{ "VF 65535", LINK, false, 65535, SRNIC_PF_LINK_UP, NULL, -ENODEV,
		"VF 65535 does not exist" },
	{ "VLAN 4095", SET_VLAN, false, 0, 4095, NULL, -EINVAL,
		"VF 0: port VLAN 4095 priority 0 out of range (VLAN 0..4094, priority 0..7)" },
	{ "qos 8", SET_VLAN, false, 0, 100 | 8u << 16, NULL, -EINVAL,
		"VF 0: port VLAN 100 priority 8 out of range" },
	{ "VLAN filter 4096", VLAN_FILTER, false, 1, 4096, NULL, -EINVAL,
		"VF 1: VLAN 4096 out of range 0..4095" },
	{ "unknown receive mode bit", RXMODE, false, 0, 1u << 5, NULL, -EINVAL,
		"VF 0: unknown receive mode bits 0x20" },
	{ "unknown anti-spoof bit", SPOOFCHK, false, 0, 1u << 7, NULL, -EINVAL,
		"VF 0: unknown anti-spoof bits 0x80" },
	{ "unknown link state", LINK, false, 0, 3, NULL, -EINVAL,
		"VF 0: unknown link state 3 (auto, up or down)" },
	{ "NULL stats", STATS, false, 0, 0, NULL, -EINVAL,
		"srnic_pf_vf_stats_get(): stats is NULL" },
	{ "NULL info", INFO, false, 0, 0, NULL, -EINVAL,
		"srnic_pf_vf_info_get(): info is NULL" },
	{ "NULL list with room", LIST, false, 0, 4, NULL, -EINVAL,
		"srnic_pf_vf_list(): info is NULL" },
	{ "token buffer too short", TOKEN, false, 0, SRNIC_PF_TOKEN_LEN - 1, NULL, -ENOSPC,
		"a buffer of 36 bytes cannot hold the VF token: give SRNIC_PF_TOKEN_LEN (37)" },
	{ "NULL token buffer", TOKEN, false, 0, 0, NULL, -EINVAL,
		"srnic_pf_vf_token_get(): buf is NULL" },
	{ "8 VFs", VFS_CREATE, false, 0, 8, NULL, -EINVAL,
		"cannot create 8 VFs: the vfio backend allows 1..7" },
	{ "0 VFs", VFS_CREATE, false, 0, 0, NULL, -EINVAL,
		"cannot create 0 VFs: the vfio backend allows 1..7" },
	{ "opts size 0", OPEN_OPTS, false, 0, 0, NULL, -EINVAL,
		"srnic_pf_opts.size is 0; set it to sizeof(struct srnic_pf_opts)" },
	{ "opts size too big", OPEN_OPTS, false, 0, 4096, NULL, -EINVAL,
		"srnic_pf_opts.size is 4096; set it to sizeof(struct srnic_pf_opts)" },
	{ "address that is no PCI address", OPEN_ADDR, false, 0, 0, NULL, -EINVAL,
		"'eth0' is not a PCI address (want 0000:01:00.0 or 01:00.0)" },
	{ "NULL handle address", OPEN_OUT, false, 0, 0, NULL, -EINVAL,
		"srnic_pf_open(): pf (where the handle goes) is NULL" },
	{ "NULL stream", DUMP, false, 0, 0, NULL, -EINVAL, "srnic_pf_dump(): f is NULL" },
};

static struct fake_pf fake;
static struct srnic_pf *pf;

static int
do_call(const struct row *r)
{
	struct srnic_pf *h = r->null_pf ? NULL : pf, *opened = NULL;
	struct srnic_pf_opts opts = { .size = r->value };
	struct srnic_pf_vf_stats stats;
	char token[SRNIC_PF_TOKEN_LEN];

	switch (r->call) {
	case SET_MAC: return srnic_pf_set_vf_mac(h, r->vf, r->mac);
	case SET_VLAN:
		return srnic_pf_set_vf_vlan(h, r->vf, r->value & 0xffff, r->value >> 16);
	case VLAN_FILTER: return srnic_pf_vf_vlan_filter(h, r->vf, r->value, true);
	case RXMODE: return srnic_pf_set_vf_rxmode(h, r->vf, r->value);
	case SPOOFCHK: return srnic_pf_set_vf_spoofchk(h, r->vf, r->value);
	case LINK: return srnic_pf_set_vf_link_state(h, r->vf, r->value);
	case TRUST: return srnic_pf_set_vf_trust(h, r->vf, r->value);
	case STATS: return srnic_pf_vf_stats_get(h, r->vf, h == NULL ? &stats : NULL);
	case INFO: return srnic_pf_vf_info_get(h, r->vf, NULL);
	case LIST: return srnic_pf_vf_list(h, NULL, r->value);
	case TOKEN: return srnic_pf_vf_token_get(h, r->value ? token : NULL, r->value);
	case VFS_CREATE: return srnic_pf_vfs_create(h, r->value);
	case OPEN_OPTS: return srnic_pf_open("0000:01:00.0", &opts, &opened);
	case OPEN_ADDR: return srnic_pf_open("eth0", NULL, &opened);
	case OPEN_OUT: return srnic_pf_open("0000:01:00.0", NULL, NULL);
	case CLOSE: return srnic_pf_close(h);
	case DUMP: return srnic_pf_dump(h, NULL);
	}
	return 0;
}

/* Everything a bad call could have changed. */
struct state {
	uint32_t regs[IGB_PF_BAR0_SIZE / 4];
	struct srnic_pf_vf_info vf[NB_VFS];
};

static void
snapshot(struct state *s)
{
	uint16_t vf;

	memcpy(s->regs, fake.regs, sizeof(s->regs));
	for (vf = 0; vf < NB_VFS; vf++)
		assert_int_equal(srnic_pf_vf_info_get(pf, vf, &s->vf[vf]), 0);
}

static void
each_bad_call_is_refused_said_and_changes_nothing(void **state)
{
	static struct state before, after;
	char *log = NULL;
	size_t len = 0, i;
	FILE *stream;
	int ret;

	(void)state;
	for (i = 0; i < RTE_DIM(rows); i++) {
		const struct row *r = &rows[i];

		snapshot(&before);
		stream = open_memstream(&log, &len);
		assert_non_null(stream);
		rte_openlog_stream(stream);
		rte_errno = 0;
		ret = do_call(r);
		rte_openlog_stream(NULL);
		fclose(stream);
		if (ret != r->ret || rte_errno != -r->ret || strstr(log, r->log) == NULL)
			fail_msg("row %zu (%s): returned %d, rte_errno %d, want %d; logged '%s', "
				"want '%s'", i, r->what, ret, rte_errno, r->ret, log, r->log);
		snapshot(&after);
		if (memcmp(&before, &after, sizeof(before)) != 0)
			fail_msg("row %zu (%s) changed the PF", i, r->what);
		free(log);
		log = NULL;
	}
}

static int
setup(void **state)
{
	(void)state;
	pf = test_pf_open(&fake, NB_VFS, NULL, NULL);
	assert_non_null(pf);
	assert_int_equal(srnic_pf_set_vf_mac(pf, 0, &unicast), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	test_pf_close(&fake, pf);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_bad_call_is_refused_said_and_changes_nothing,
			setup, teardown),
	};

	test_eal_init("test_bad_inputs_pf_api");
	/* No sysfs of the host's: srnic_pf_open() must refuse before it looks. */
	srnic_sysfs_root = "/nonexistent";
	return cmocka_run_group_tests_name("bad_inputs_pf_api", tests, NULL, NULL);
}
