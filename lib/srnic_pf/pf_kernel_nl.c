/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <libmnl/libmnl.h>

#include "pf_kernel_nl.h"

static struct nlmsghdr *
link_msg(void *buf, uint16_t type, uint16_t flags, uint32_t seq, unsigned int ifindex)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	memset(buf, 0, PF_NL_REQ_LEN);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	return nlh;
}

struct nlmsghdr *
pf_nl_setlink(void *buf, uint32_t seq, unsigned int ifindex, const struct pf_nl_set *set)
{
	struct nlmsghdr *nlh = link_msg(buf, RTM_SETLINK, NLM_F_ACK, seq, ifindex);
	struct nlattr *list, *info;

	list = mnl_attr_nest_start(nlh, IFLA_VFINFO_LIST);
	info = mnl_attr_nest_start(nlh, IFLA_VF_INFO);
	switch (set->attr) {
	case PF_NL_MAC: {
		struct ifla_vf_mac a = { .vf = set->vf };

		memcpy(a.mac, set->mac, 6);
		mnl_attr_put(nlh, IFLA_VF_MAC, sizeof(a), &a);
		break;
	}
	case PF_NL_VLAN: {
		struct ifla_vf_vlan a = { .vf = set->vf, .vlan = set->vlan, .qos = set->qos };

		mnl_attr_put(nlh, IFLA_VF_VLAN, sizeof(a), &a);
		break;
	}
	case PF_NL_SPOOFCHK: {
		struct ifla_vf_spoofchk a = { .vf = set->vf, .setting = set->value };

		mnl_attr_put(nlh, IFLA_VF_SPOOFCHK, sizeof(a), &a);
		break;
	}
	case PF_NL_TRUST: {
		struct ifla_vf_trust a = { .vf = set->vf, .setting = set->value };

		mnl_attr_put(nlh, IFLA_VF_TRUST, sizeof(a), &a);
		break;
	}
	case PF_NL_LINK_STATE: {
		struct ifla_vf_link_state a = { .vf = set->vf, .link_state = set->value };

		mnl_attr_put(nlh, IFLA_VF_LINK_STATE, sizeof(a), &a);
		break;
	}
	}
	mnl_attr_nest_end(nlh, info);
	mnl_attr_nest_end(nlh, list);
	return nlh;
}

struct nlmsghdr *
pf_nl_getlink(void *buf, uint32_t seq, unsigned int ifindex)
{
	struct nlmsghdr *nlh = link_msg(buf, RTM_GETLINK, 0, seq, ifindex);

	/* Ask for the VF list, without the VFs' packet counters. */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	return nlh;
}

struct parse_ctx {
	struct pf_nl_vf *vfs;
	uint16_t max;
	int count;
	int err;
	struct pf_nl_vf cur;
};

/* An attribute at least @len bytes long, or a parse error. */
static const void *
payload(const struct nlattr *a, size_t len, struct parse_ctx *ctx)
{
	if (mnl_attr_get_payload_len(a) < len) {
		ctx->err = -EINVAL;
		return NULL;
	}
	return mnl_attr_get_payload(a);
}

static int
vf_attr(const struct nlattr *a, void *data)
{
	struct parse_ctx *ctx = data;
	const void *p;

	switch (mnl_attr_get_type(a)) {
	case IFLA_VF_MAC:
		p = payload(a, sizeof(struct ifla_vf_mac), ctx);
		if (p == NULL)
			return MNL_CB_ERROR;
		ctx->cur.vf = (int32_t)((const struct ifla_vf_mac *)p)->vf;
		memcpy(ctx->cur.mac, ((const struct ifla_vf_mac *)p)->mac, 6);
		break;
	case IFLA_VF_VLAN:
		p = payload(a, sizeof(struct ifla_vf_vlan), ctx);
		if (p == NULL)
			return MNL_CB_ERROR;
		ctx->cur.vlan = (int32_t)((const struct ifla_vf_vlan *)p)->vlan;
		ctx->cur.qos = (int32_t)((const struct ifla_vf_vlan *)p)->qos;
		break;
	case IFLA_VF_SPOOFCHK:
		p = payload(a, sizeof(struct ifla_vf_spoofchk), ctx);
		if (p == NULL)
			return MNL_CB_ERROR;
		ctx->cur.spoofchk = (int32_t)((const struct ifla_vf_spoofchk *)p)->setting;
		break;
	case IFLA_VF_TRUST:
		p = payload(a, sizeof(struct ifla_vf_trust), ctx);
		if (p == NULL)
			return MNL_CB_ERROR;
		ctx->cur.trust = (int32_t)((const struct ifla_vf_trust *)p)->setting;
		break;
	case IFLA_VF_LINK_STATE:
		p = payload(a, sizeof(struct ifla_vf_link_state), ctx);
		if (p == NULL)
			return MNL_CB_ERROR;
		ctx->cur.link_state = (int32_t)((const struct ifla_vf_link_state *)p)->link_state;
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

static int
vf_info(const struct nlattr *a, void *data)
{
	struct parse_ctx *ctx = data;

	if (mnl_attr_get_type(a) != IFLA_VF_INFO)
		return MNL_CB_OK;
	memset(&ctx->cur, 0xFF, sizeof(ctx->cur));
	memset(ctx->cur.mac, 0, sizeof(ctx->cur.mac));
	if (mnl_attr_parse_nested(a, vf_attr, ctx) != MNL_CB_OK || ctx->err < 0)
		return MNL_CB_ERROR;
	ctx->count++;
	if (ctx->cur.vf >= 0 && ctx->cur.vf < ctx->max)
		ctx->vfs[ctx->cur.vf] = ctx->cur;
	return MNL_CB_OK;
}

static int
link_attr(const struct nlattr *a, void *data)
{
	struct parse_ctx *ctx = data;

	if (mnl_attr_get_type(a) != IFLA_VFINFO_LIST)
		return MNL_CB_OK;
	if (mnl_attr_parse_nested(a, vf_info, ctx) != MNL_CB_OK) {
		if (ctx->err == 0)
			ctx->err = -EINVAL;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int
pf_nl_parse_vfs(const struct nlmsghdr *nlh, struct pf_nl_vf *vfs, uint16_t max)
{
	struct parse_ctx ctx = { .vfs = vfs, .max = max };
	uint16_t i;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct ifinfomsg)))
		return -EINVAL;
	for (i = 0; i < max; i++) {
		memset(&vfs[i], 0xFF, sizeof(vfs[i]));
		memset(vfs[i].mac, 0, sizeof(vfs[i].mac));
	}
	if (mnl_attr_parse(nlh, sizeof(struct ifinfomsg), link_attr, &ctx) != MNL_CB_OK)
		return ctx.err < 0 ? ctx.err : -EINVAL;
	return ctx.err < 0 ? ctx.err : ctx.count;
}

static int
ext_ack_attr(const struct nlattr *a, void *data)
{
	char **msg = data;

	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
		*msg = (char *)(uintptr_t)mnl_attr_get_str(a);
	return MNL_CB_OK;
}

int
pf_nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const struct nlmsgerr *err;
	char *text = NULL;
	unsigned int off;

	if (len > 0)
		msg[0] = '\0';
	if (nlh->nlmsg_type != NLMSG_ERROR ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct nlmsgerr)))
		return -EPROTO;
	err = mnl_nlmsg_get_payload(nlh);
	if (err->error == 0)
		return 0;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* The TLVs follow the request, or only its header when capped. */
		off = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (mnl_nlmsg_size(off) <= nlh->nlmsg_len)
			mnl_attr_parse(nlh, off, ext_ack_attr, &text);
		if (text != NULL && len > 0)
			snprintf(msg, len, "%s", text);
	}
	return err->error < 0 ? err->error : -err->error;
}
