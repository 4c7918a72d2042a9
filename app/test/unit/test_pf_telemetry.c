/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The /srnic_pf/ telemetry commands, called as EAL's telemetry thread
 * calls them, on PFs whose NIC is a register file: what each shows, a
 * closed PF gone from every answer, and bad parameters refused. The
 * answers are read out of DPDK's telemetry data structure (a header of
 * the driver SDK), as the telemetry socket would write them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <telemetry_data.h>

#include "fake_pf.h"
#include "pf_priv.h"
#include "test_eal.h"

#define PF_A	"0000:01:00.0"
#define PF_B	"0000:02:00.0"

static const uint8_t mac_a[6] = { 0x52, 0x54, 0x00, 0x5c, 0x00, 0x01 };
static const uint8_t mac_b[6] = { 0x52, 0x54, 0x00, 0x5c, 0x00, 0x02 };
static struct fake_pf fake_a, fake_b;
static struct srnic_pf *pf_a, *pf_b;
static struct rte_tel_data *out;

static struct srnic_pf *
open_fake(struct fake_pf *f, const char *name, const uint8_t mac[6], uint16_t nb_vfs)
{
	struct srnic_pf *pf;

	fake_pf_init(f, mac);
	pf = pf_alloc(name, NULL);
	assert_non_null(pf);
	pf->nb_vfs = nb_vfs;
	pf->max_vfs = SRNIC_PF_MAX_VFS;
	pf->pci.device = IGB_DEV_ID_82576;
	snprintf(pf->pci.driver, sizeof(pf->pci.driver), "vfio-pci");
	assert_int_equal(pf_vfio_attach(pf, &f->bar, IGB_DEV_ID_82576), 0);
	pf->ops = &pf_vfio_ops;
	assert_int_equal(pf_registry_add(pf, NULL), 0);
	srnic_pf_poll(pf);	/* the model's link-up pings */
	return pf;
}

/* Free what an answer holds, as the telemetry socket does once written. */
static void
clear(struct rte_tel_data *d)
{
	unsigned int i;

	if (d->type == RTE_TEL_DICT)
		for (i = 0; i < d->data_len; i++)
			if (d->data.dict[i].type == RTE_TEL_CONTAINER) {
				clear(d->data.dict[i].value.container.data);
				rte_tel_data_free(d->data.dict[i].value.container.data);
			}
	memset(d, 0, sizeof(*d));
}

static int
setup(void **state)
{
	(void)state;
	pf_a = open_fake(&fake_a, PF_A, mac_a, 2);
	pf_b = open_fake(&fake_b, PF_B, mac_b, 1);
	out = rte_tel_data_alloc();
	return out == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	if (pf_a != NULL)
		srnic_pf_close(pf_a);
	if (pf_b != NULL)
		srnic_pf_close(pf_b);
	pf_a = pf_b = NULL;
	fake_pf_fini(&fake_a);
	fake_pf_fini(&fake_b);
	clear(out);
	rte_tel_data_free(out);
	return 0;
}

/* Run command @name with @params into a fresh `out`; its return value. */
static int
run(const char *name, const char *params)
{
	unsigned int i;

	clear(out);
	for (i = 0; i < pf_tel_nb_cmds; i++)
		if (strcmp(pf_tel_cmds[i].name, name) == 0)
			return pf_tel_cmds[i].fn(name, params, out);
	fail_msg("no command %s", name);
	return -1;
}

static const struct tel_dict_entry *
entry(const struct rte_tel_data *d, const char *name)
{
	unsigned int i;

	assert_int_equal(d->type, RTE_TEL_DICT);
	for (i = 0; i < d->data_len; i++)
		if (strcmp(d->data.dict[i].name, name) == 0)
			return &d->data.dict[i];
	fail_msg("no entry %s", name);
	return NULL;
}

static int
int_of(const struct rte_tel_data *d, const char *name)
{
	const struct tel_dict_entry *e = entry(d, name);

	assert_int_equal(e->type, RTE_TEL_INT_VAL);
	return e->value.ival;
}

static uint64_t
u64_of(const struct rte_tel_data *d, const char *name)
{
	const struct tel_dict_entry *e = entry(d, name);

	assert_int_equal(e->type, RTE_TEL_U64_VAL);
	return e->value.u64val;
}

static const char *
str_of(const struct rte_tel_data *d, const char *name)
{
	const struct tel_dict_entry *e = entry(d, name);

	assert_int_equal(e->type, RTE_TEL_STRING_VAL);
	return e->value.sval;
}

static const struct rte_tel_data *
sub(const struct rte_tel_data *d, const char *name)
{
	const struct tel_dict_entry *e = entry(d, name);

	assert_int_equal(e->type, RTE_TEL_CONTAINER);
	return e->value.container.data;
}

/* VF @vf of the fake behind @pf sends @n words; the PF serves once. */
static void
vf_send(struct fake_pf *f, struct srnic_pf *pf, uint16_t vf, int n, uint32_t w0, uint32_t w1)
{
	const uint32_t w[2] = { w0, w1 };

	fake_vf_send(f, vf, w, n);
	srnic_pf_poll(pf);
}

static void
list_names_the_open_pfs_and_forgets_a_closed_one(void **state)
{
	(void)state;
	assert_int_equal(run("/srnic_pf/list", NULL), 0);
	assert_int_equal(out->type, RTE_TEL_ARRAY_STRING);
	assert_int_equal(out->data_len, 2);
	assert_string_equal(out->data.array[0].sval, PF_A);
	assert_string_equal(out->data.array[1].sval, PF_B);
	assert_int_equal(srnic_pf_close(pf_b), 0);
	pf_b = NULL;
	assert_int_equal(run("/srnic_pf/list", NULL), 0);
	assert_int_equal(out->data_len, 1);
	assert_string_equal(out->data.array[0].sval, PF_A);
	/* Every command that names it now refuses it. */
	assert_int_equal(run("/srnic_pf/info", PF_B), -EINVAL);
	assert_int_equal(run("/srnic_pf/vfs", PF_B), -EINVAL);
	assert_int_equal(run("/srnic_pf/vf", PF_B ",0"), -EINVAL);
	assert_int_equal(run("/srnic_pf/mbx", PF_B), -EINVAL);
}

static void
info_shows_backend_device_vfs_mac_and_link(void **state)
{
	(void)state;
	/* The short PCI address names the same PF. */
	assert_int_equal(run("/srnic_pf/info", "02:00.0"), 0);
	assert_string_equal(str_of(out, "name"), PF_B);
	assert_string_equal(str_of(out, "backend"), "vfio");
	assert_string_equal(str_of(out, "driver"), "vfio-pci");
	assert_int_equal(int_of(out, "device_id"), 0x10c9);
	assert_int_equal(int_of(out, "max_vfs"), SRNIC_PF_MAX_VFS);
	assert_int_equal(int_of(out, "nb_vfs"), 1);
	assert_string_equal(str_of(out, "mac"), "52:54:00:5C:00:02");
	assert_int_equal(int_of(out, "link_up"), 1);
	assert_string_equal(str_of(out, "wait"), "backoff");
}

static void
vf_shows_administrator_settings_and_the_handshake(void **state)
{
	const struct rte_ether_addr mac = {{ 0x02, 0, 0, 0, 0, 0x41 }};
	const struct rte_tel_data *vlans, *modes;

	(void)state;
	assert_int_equal(srnic_pf_set_vf_mac(pf_a, 1, &mac), 0);
	assert_int_equal(srnic_pf_set_vf_trust(pf_a, 1, true), 0);
	assert_int_equal(srnic_pf_set_vf_spoofchk(pf_a, 1, SRNIC_PF_SPOOFCHK_MAC), 0);
	assert_int_equal(srnic_pf_set_vf_link_state(pf_a, 1, SRNIC_PF_LINK_UP), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf_a, 1, 300, true), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf_a, 1, 301, true), 0);
	assert_int_equal(srnic_pf_set_vf_vlan(pf_a, 0, 100, 3), 0);
	assert_int_equal(run("/srnic_pf/vf", PF_A ",1"), 0);
	assert_int_equal(int_of(out, "vf"), 1);
	assert_string_equal(str_of(out, "mac"), "02:00:00:00:00:41");
	assert_int_equal(int_of(out, "mac_admin"), 1);
	assert_int_equal(int_of(out, "trust"), 1);
	assert_int_equal(int_of(out, "spoofchk_mac"), 1);
	assert_int_equal(int_of(out, "spoofchk_vlan"), 0);
	assert_string_equal(str_of(out, "link_state"), "up");
	assert_int_equal(int_of(out, "port_vlan"), 0);
	assert_int_equal(int_of(out, "handshake_done"), 0);
	vlans = sub(out, "vlan_filters");
	assert_int_equal(vlans->type, RTE_TEL_ARRAY_INT);
	assert_int_equal(vlans->data_len, 2);
	assert_int_equal(vlans->data.array[0].ival, 300);
	assert_int_equal(vlans->data.array[1].ival, 301);
	modes = sub(out, "rxmode_allowed");
	assert_int_equal(modes->data_len, 2);
	assert_string_equal(modes->data.array[0].sval, "broadcast");
	assert_string_equal(modes->data.array[1].sval, "multicast");

	/* VF 1 resets: its driver is now in touch. Both VFs under vfs. */
	vf_send(&fake_a, pf_a, 1, 1, IGB_MSG_VF_RESET, 0);
	assert_int_equal(run("/srnic_pf/vfs", PF_A), 0);
	assert_int_equal(out->data_len, 2);
	assert_int_equal(int_of(sub(out, "vf1"), "handshake_done"), 1);
	assert_int_equal(int_of(sub(out, "vf0"), "port_vlan"), 100);
	assert_int_equal(int_of(sub(out, "vf0"), "port_qos"), 3);
	assert_int_equal(int_of(sub(out, "vf0"), "trust"), 0);
}

static void
mbx_counts_requests_and_refusals_by_reason(void **state)
{
	const uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	const struct rte_tel_data *v0, *v1, *total;

	(void)state;
	vf_send(&fake_a, pf_a, 0, 2, add, 10);		/* before its reset */
	vf_send(&fake_a, pf_a, 0, 1, IGB_MSG_VF_RESET, 0);
	vf_send(&fake_a, pf_a, 0, 2, add, 20);		/* allowed */
	vf_send(&fake_a, pf_a, 0, 2, add, 5000);	/* malformed */
	assert_int_equal(srnic_pf_set_vf_vlan(pf_a, 1, 7, 0), 0);
	vf_send(&fake_a, pf_a, 1, 1, IGB_MSG_VF_RESET, 0);
	vf_send(&fake_a, pf_a, 1, 2, add, 30);		/* it has a port VLAN */
	assert_int_equal(run("/srnic_pf/mbx", PF_A), 0);
	v0 = sub(out, "vf0");
	v1 = sub(out, "vf1");
	total = sub(out, "total");
	assert_int_equal(u64_of(v0, "msgs"), 4);
	assert_int_equal(u64_of(v0, "resets"), 1);
	assert_int_equal(u64_of(v0, "acks"), 2);
	assert_int_equal(u64_of(v0, "nacks"), 2);
	assert_int_equal(u64_of(v0, "refused_not_ready"), 1);
	assert_int_equal(u64_of(v0, "bad_msgs"), 1);
	assert_int_equal(u64_of(v0, "refused_by_policy"), 0);
	assert_int_equal(u64_of(v1, "msgs"), 2);
	assert_int_equal(u64_of(v1, "refused_by_policy"), 1);
	assert_int_equal(u64_of(v1, "refused_by_app"), 0);
	assert_int_equal(u64_of(total, "msgs"), 6);
	assert_int_equal(u64_of(total, "acks"), 3);
	assert_int_equal(u64_of(total, "resets"), 2);
}

static void
bad_parameters_are_refused(void **state)
{
	static const char *const one_pf[] = {
		NULL, "", "nonsense", "0000:09:00.0", PF_A ",0", PF_A ",",
		"0000:01:00.0.0000:01:00.0.0000:01:00.0",
	};
	static const char *const pf_vf[] = {
		NULL, PF_A, PF_A ",", PF_A ",x", PF_A ",1x", PF_A ",-1", PF_A ",2",
		PF_A ",7", PF_B ",1", PF_A ",0,0", "0000:09:00.0,0",
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < RTE_DIM(one_pf); i++) {
		assert_int_equal(run("/srnic_pf/info", one_pf[i]), -EINVAL);
		assert_int_equal(run("/srnic_pf/vfs", one_pf[i]), -EINVAL);
		assert_int_equal(run("/srnic_pf/mbx", one_pf[i]), -EINVAL);
	}
	for (i = 0; i < RTE_DIM(pf_vf); i++)
		if (run("/srnic_pf/vf", pf_vf[i]) != -EINVAL)
			fail_msg("/srnic_pf/vf,%s was not refused", pf_vf[i]);
	/* The last VF of each PF is still shown. */
	assert_int_equal(run("/srnic_pf/vf", PF_A ",1"), 0);
	assert_int_equal(run("/srnic_pf/vf", "02:00.0,0"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(list_names_the_open_pfs_and_forgets_a_closed_one,
			setup, teardown),
		cmocka_unit_test_setup_teardown(info_shows_backend_device_vfs_mac_and_link,
			setup, teardown),
		cmocka_unit_test_setup_teardown(vf_shows_administrator_settings_and_the_handshake,
			setup, teardown),
		cmocka_unit_test_setup_teardown(mbx_counts_requests_and_refusals_by_reason,
			setup, teardown),
		cmocka_unit_test_setup_teardown(bad_parameters_are_refused, setup, teardown),
	};

	test_eal_init("test_pf_telemetry");
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_CRIT);
	return cmocka_run_group_tests_name("pf_telemetry", tests, NULL, NULL);
}
