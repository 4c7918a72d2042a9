/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel backend's rtnetlink messages: each VF setting nests as
 * IFLA_VFINFO_LIST / IFLA_VF_INFO / IFLA_VF_* with the VF's index; the
 * link request asks for VFs without counters; a link answer (built here as
 * the kernel would) reads back VF by VF; truncated attributes are refused;
 * an error answer gives the errno and the kernel's extended-ack text.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <libmnl/libmnl.h>

#include "pf_kernel_nl.h"

struct walk {
	int depth_ok;
	uint16_t leaf_type;
	const void *leaf;
	uint16_t leaf_len;
};

static int
leaf_cb(const struct nlattr *a, void *data)
{
	struct walk *w = data;

	w->leaf_type = mnl_attr_get_type(a);
	w->leaf = mnl_attr_get_payload(a);
	w->leaf_len = mnl_attr_get_payload_len(a);
	return MNL_CB_OK;
}

static int
info_cb(const struct nlattr *a, void *data)
{
	struct walk *w = data;

	if (mnl_attr_get_type(a) == IFLA_VF_INFO) {
		w->depth_ok++;
		mnl_attr_parse_nested(a, leaf_cb, w);
	}
	return MNL_CB_OK;
}

static int
list_cb(const struct nlattr *a, void *data)
{
	struct walk *w = data;

	if (mnl_attr_get_type(a) == IFLA_VFINFO_LIST) {
		w->depth_ok++;
		mnl_attr_parse_nested(a, info_cb, w);
	}
	return MNL_CB_OK;
}

static struct walk
walk_setlink(const struct pf_nl_set *set)
{
	static char buf[PF_NL_REQ_LEN];	/* the walk points into it */
	struct nlmsghdr *nlh = pf_nl_setlink(buf, 7, 3, set);
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct walk w = { 0 };

	assert_int_equal(nlh->nlmsg_type, RTM_SETLINK);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	assert_int_equal(nlh->nlmsg_seq, 7);
	assert_int_equal(ifi->ifi_index, 3);
	assert_int_equal(mnl_attr_parse(nlh, sizeof(*ifi), list_cb, &w), MNL_CB_OK);
	assert_int_equal(w.depth_ok, 2);
	return w;
}

static void
each_vf_setting_nests_under_vfinfo_list_with_the_vf_index(void **state)
{
	struct pf_nl_set set = { .vf = 2, .attr = PF_NL_MAC, .mac = { 2, 0, 0, 0, 0, 0x11 } };
	struct walk w;

	(void)state;
	w = walk_setlink(&set);
	assert_int_equal(w.leaf_type, IFLA_VF_MAC);
	assert_int_equal(w.leaf_len, sizeof(struct ifla_vf_mac));
	assert_int_equal(((const struct ifla_vf_mac *)w.leaf)->vf, 2);
	assert_memory_equal(((const struct ifla_vf_mac *)w.leaf)->mac, set.mac, 6);

	set = (struct pf_nl_set){ .vf = 1, .attr = PF_NL_VLAN, .vlan = 100, .qos = 5 };
	w = walk_setlink(&set);
	assert_int_equal(w.leaf_type, IFLA_VF_VLAN);
	assert_int_equal(((const struct ifla_vf_vlan *)w.leaf)->vlan, 100);
	assert_int_equal(((const struct ifla_vf_vlan *)w.leaf)->qos, 5);

	set = (struct pf_nl_set){ .vf = 3, .attr = PF_NL_SPOOFCHK, .value = 0 };
	w = walk_setlink(&set);
	assert_int_equal(w.leaf_type, IFLA_VF_SPOOFCHK);
	assert_int_equal(((const struct ifla_vf_spoofchk *)w.leaf)->vf, 3);

	set = (struct pf_nl_set){ .vf = 0, .attr = PF_NL_TRUST, .value = 1 };
	w = walk_setlink(&set);
	assert_int_equal(w.leaf_type, IFLA_VF_TRUST);
	assert_int_equal(((const struct ifla_vf_trust *)w.leaf)->setting, 1);

	set = (struct pf_nl_set){ .vf = 4, .attr = PF_NL_LINK_STATE,
		.value = IFLA_VF_LINK_STATE_DISABLE };
	w = walk_setlink(&set);
	assert_int_equal(w.leaf_type, IFLA_VF_LINK_STATE);
	assert_int_equal(((const struct ifla_vf_link_state *)w.leaf)->link_state,
		IFLA_VF_LINK_STATE_DISABLE);
}

static int
ext_mask_cb(const struct nlattr *a, void *data)
{
	if (mnl_attr_get_type(a) == IFLA_EXT_MASK)
		*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static void
link_request_asks_for_vfs_without_counters(void **state)
{
	char buf[PF_NL_REQ_LEN];
	struct nlmsghdr *nlh = pf_nl_getlink(buf, 9, 4);
	uint32_t mask = 0;

	(void)state;
	assert_int_equal(nlh->nlmsg_type, RTM_GETLINK);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
	mnl_attr_parse(nlh, sizeof(struct ifinfomsg), ext_mask_cb, &mask);
	assert_int_equal(mask, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
}

/* An RTM_NEWLINK as the kernel answers, with @n VFs. */
static struct nlmsghdr *
newlink(char *buf, int n, bool truncate_mac)
{
	struct nlmsghdr *nlh;
	struct nlattr *list, *info;
	int i;

	memset(buf, 0, 4096);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	list = mnl_attr_nest_start(nlh, IFLA_VFINFO_LIST);
	for (i = 0; i < n; i++) {
		struct ifla_vf_mac mac = { .vf = i, .mac = { 2, 0, 0, 0, 0, (uint8_t)(0x10 + i) } };
		struct ifla_vf_vlan vlan = { .vf = i, .vlan = i == 1 ? 100 : 0, .qos = 0 };
		struct ifla_vf_spoofchk sc = { .vf = i, .setting = i != 2 };
		struct ifla_vf_trust tr = { .vf = i, .setting = i == 2 };
		struct ifla_vf_link_state ls = { .vf = i, .link_state = IFLA_VF_LINK_STATE_AUTO };

		info = mnl_attr_nest_start(nlh, IFLA_VF_INFO);
		mnl_attr_put(nlh, IFLA_VF_MAC, truncate_mac ? 4 : sizeof(mac), &mac);
		mnl_attr_put(nlh, IFLA_VF_VLAN, sizeof(vlan), &vlan);
		mnl_attr_put(nlh, IFLA_VF_SPOOFCHK, sizeof(sc), &sc);
		mnl_attr_put(nlh, IFLA_VF_TRUST, sizeof(tr), &tr);
		mnl_attr_put(nlh, IFLA_VF_LINK_STATE, sizeof(ls), &ls);
		mnl_attr_nest_end(nlh, info);
	}
	mnl_attr_nest_end(nlh, list);
	return nlh;
}

static void
link_answer_reads_back_vf_by_vf(void **state)
{
	char buf[4096];
	struct pf_nl_vf vfs[4];

	(void)state;
	assert_int_equal(pf_nl_parse_vfs(newlink(buf, 3, false), vfs, 4), 3);
	assert_int_equal(vfs[1].vf, 1);
	assert_int_equal(vfs[1].mac[5], 0x11);
	assert_int_equal(vfs[1].vlan, 100);
	assert_int_equal(vfs[0].spoofchk, 1);
	assert_int_equal(vfs[2].spoofchk, 0);
	assert_int_equal(vfs[2].trust, 1);
	assert_int_equal(vfs[2].link_state, IFLA_VF_LINK_STATE_AUTO);
	assert_int_equal(vfs[3].vf, -1);	/* not listed */
	/* A list longer than the room: counted, not written past. */
	assert_int_equal(pf_nl_parse_vfs(newlink(buf, 3, false), vfs, 2), 3);
}

static void
truncated_or_foreign_answers_are_refused(void **state)
{
	char buf[4096];
	struct pf_nl_vf vfs[4];
	struct nlmsghdr *nlh;

	(void)state;
	assert_int_equal(pf_nl_parse_vfs(newlink(buf, 2, true), vfs, 4), -EINVAL);
	nlh = newlink(buf, 1, false);
	nlh->nlmsg_type = RTM_NEWADDR;
	assert_int_equal(pf_nl_parse_vfs(nlh, vfs, 4), -EINVAL);
}

static void
error_answer_gives_errno_and_the_kernel_reason(void **state)
{
	char buf[1024], why[64];
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;

	(void)state;
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = -EOPNOTSUPP;
	err->msg.nlmsg_len = sizeof(struct nlmsghdr) + 64;	/* capped: not included */
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "VF link state not supported");
	assert_int_equal(pf_nl_parse_error(nlh, why, sizeof(why)), -EOPNOTSUPP);
	assert_string_equal(why, "VF link state not supported");
	err->error = 0;
	assert_int_equal(pf_nl_parse_error(nlh, why, sizeof(why)), 0);
	nlh->nlmsg_type = RTM_NEWLINK;
	assert_int_equal(pf_nl_parse_error(nlh, why, sizeof(why)), -EPROTO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_vf_setting_nests_under_vfinfo_list_with_the_vf_index),
		cmocka_unit_test(link_request_asks_for_vfs_without_counters),
		cmocka_unit_test(link_answer_reads_back_vf_by_vf),
		cmocka_unit_test(truncated_or_foreign_answers_are_refused),
		cmocka_unit_test(error_answer_gives_errno_and_the_kernel_reason),
	};

	return cmocka_run_group_tests_name("pf_kernel_nl", tests, NULL, NULL);
}
