/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel backend: Linux igb drives the PF and serves the VF mailbox;
 * srnic sets what "ip link set <pf> vf N ..." sets, through rtnetlink on
 * the PF's interface (messages built by pf_kernel_nl.c). What Linux has no
 * knob for (receive modes, VF VLAN filters, mailbox counters and events,
 * the VF token) is refused by pf_api.c with a message naming this backend.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <libmnl/libmnl.h>
#include <rte_cycles.h>

#include "pf_kernel_nl.h"
#include "pf_priv.h"

/* A link dump with seven VFs is a few KiB; leave room. */
#define NL_RX_LEN		32768

static int
nl_open(struct srnic_pf *pf)
{
	struct pf_kernel *k = &pf->kern;
	int one = 1;

	k->nl = mnl_socket_open(NETLINK_ROUTE);
	if (k->nl == NULL)
		return -errno;
	if (mnl_socket_bind(k->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		mnl_socket_close(k->nl);
		k->nl = NULL;
		return err;
	}
	k->portid = mnl_socket_get_portid(k->nl);
	/* Error replies with the kernel's reason and without our request. */
	mnl_socket_setsockopt(k->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(k->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;
}

/* Send @nlh; call @cb on each answer that is not an error until the ACK
 * (or the end of a dump). Returns 0 or the kernel's negative errno, with
 * its reason in @why. */
static int
nl_talk(struct srnic_pf *pf, struct nlmsghdr *nlh,
	void (*cb)(const struct nlmsghdr *, void *), void *arg, char *why, size_t why_len)
{
	struct pf_kernel *k = &pf->kern;
	uint32_t seq = nlh->nlmsg_seq;
	char *buf;
	ssize_t n;
	int ret = 0;
	bool done = false;

	why[0] = '\0';
	if (mnl_socket_sendto(k->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	buf = malloc(NL_RX_LEN);
	if (buf == NULL)
		return -ENOMEM;
	while (!done) {
		const struct nlmsghdr *m;
		int left;

		n = mnl_socket_recvfrom(k->nl, buf, NL_RX_LEN);
		if (n < 0) {
			ret = -errno;
			break;
		}
		left = (int)n;
		for (m = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(m, left);
		     m = mnl_nlmsg_next(m, &left)) {
			if (m->nlmsg_seq != seq || m->nlmsg_pid != k->portid)
				continue;
			if (m->nlmsg_type == NLMSG_ERROR) {
				ret = pf_nl_parse_error(m, why, why_len);
				done = true;
				break;
			}
			if (m->nlmsg_type == NLMSG_DONE) {
				done = true;
				break;
			}
			if (cb != NULL)
				cb(m, arg);
			/* A GETLINK of one interface answers with one message. */
			if (!(nlh->nlmsg_flags & NLM_F_ACK) && !(m->nlmsg_flags & NLM_F_MULTI))
				done = true;
		}
	}
	free(buf);
	return ret;
}

static const char *
attr_name(enum pf_nl_attr a)
{
	static const char *const names[] = {
		[PF_NL_MAC] = "mac", [PF_NL_VLAN] = "vlan", [PF_NL_SPOOFCHK] = "spoofchk",
		[PF_NL_TRUST] = "trust", [PF_NL_LINK_STATE] = "state",
	};

	return names[a];
}

static int
vf_set(struct srnic_pf *pf, const struct pf_nl_set *set)
{
	char buf[PF_NL_REQ_LEN], why[128];
	struct nlmsghdr *nlh;
	int ret;

	nlh = pf_nl_setlink(buf, ++pf->kern.seq, pf->kern.ifindex, set);
	ret = nl_talk(pf, nlh, NULL, NULL, why, sizeof(why));
	if (ret == 0)
		return 0;
	if (ret == -EOPNOTSUPP) {
		PF_LOG(ERR, pf, "VF %u: the kernel backend cannot set '%s': Linux's %s driver of "
			"%s does not support it%s%s", set->vf, attr_name(set->attr),
			pf->pci.driver, pf->pci.netdev, why[0] ? ": " : "", why);
		return -ENOTSUP;
	}
	PF_LOG(ERR, pf, "VF %u: 'ip link set %s vf %u %s ...' failed in the kernel: %s%s%s",
		set->vf, pf->pci.netdev, set->vf, attr_name(set->attr), strerror(-ret),
		why[0] ? ": " : "", why);
	return ret;
}

static int
kern_set_mac(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac)
{
	struct pf_nl_set set = { .vf = vf, .attr = PF_NL_MAC };

	memcpy(set.mac, mac->addr_bytes, 6);
	return vf_set(pf, &set);
}

static int
kern_set_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vid, uint8_t qos)
{
	struct pf_nl_set set = { .vf = vf, .attr = PF_NL_VLAN, .vlan = vid, .qos = qos };

	return vf_set(pf, &set);
}

static int
kern_set_spoofchk(struct srnic_pf *pf, uint16_t vf, uint32_t checks)
{
	struct pf_nl_set set = { .vf = vf, .attr = PF_NL_SPOOFCHK };

	if (checks != 0 && checks != SRNIC_PF_SPOOFCHK_ALL) {
		PF_LOG(ERR, pf, "VF %u: the kernel backend turns MAC and VLAN anti-spoofing "
			"on or off together (spoofchk on|off)", vf);
		return -ENOTSUP;
	}
	set.value = checks != 0;
	return vf_set(pf, &set);
}

static int
kern_set_trust(struct srnic_pf *pf, uint16_t vf, bool on)
{
	struct pf_nl_set set = { .vf = vf, .attr = PF_NL_TRUST, .value = on };

	return vf_set(pf, &set);
}

static int
kern_set_link_state(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state st)
{
	struct pf_nl_set set = { .vf = vf, .attr = PF_NL_LINK_STATE };

	set.value = st == SRNIC_PF_LINK_UP ? IFLA_VF_LINK_STATE_ENABLE :
		st == SRNIC_PF_LINK_DOWN ? IFLA_VF_LINK_STATE_DISABLE : IFLA_VF_LINK_STATE_AUTO;
	return vf_set(pf, &set);
}

struct vfs_arg {
	struct pf_nl_vf vfs[SRNIC_PF_MAX_VFS];
	int found;
};

static void
on_link(const struct nlmsghdr *nlh, void *arg)
{
	struct vfs_arg *a = arg;
	int n = pf_nl_parse_vfs(nlh, a->vfs, SRNIC_PF_MAX_VFS);

	if (n >= 0)
		a->found = n;
}

static int
kern_vf_info(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info)
{
	char buf[PF_NL_REQ_LEN], why[128];
	struct vfs_arg a = { .found = -1 };
	const struct pf_nl_vf *v;
	int ret;

	ret = nl_talk(pf, pf_nl_getlink(buf, ++pf->kern.seq, pf->kern.ifindex), on_link, &a,
		why, sizeof(why));
	if (ret < 0 || a.found < 0) {
		PF_LOG(ERR, pf, "cannot read the VF list of %s from the kernel: %s", pf->pci.netdev,
			ret < 0 ? strerror(-ret) : "no answer");
		return ret < 0 ? ret : -EIO;
	}
	v = &a.vfs[vf];
	if (v->vf != vf)
		return 0;	/* the kernel does not list it (yet) */
	memcpy(info->mac.addr_bytes, v->mac, 6);
	info->port_vlan = v->vlan > 0 ? (uint16_t)v->vlan : 0;
	info->port_qos = v->qos > 0 ? (uint8_t)v->qos : 0;
	info->spoofchk = v->spoofchk > 0 ? SRNIC_PF_SPOOFCHK_ALL : 0;
	info->trusted = v->trust > 0;
	info->link_state = v->link_state == IFLA_VF_LINK_STATE_ENABLE ? SRNIC_PF_LINK_UP :
		v->link_state == IFLA_VF_LINK_STATE_DISABLE ? SRNIC_PF_LINK_DOWN :
		SRNIC_PF_LINK_AUTO;
	return 0;
}

static void
kern_info(struct srnic_pf *pf, struct srnic_pf_info *info)
{
	char path[128], val[32];
	uint32_t speed;

	snprintf(path, sizeof(path), "class/net/%s/address", pf->pci.netdev);
	if (srnic_sysfs_read(path, val, sizeof(val)) == 0)
		rte_ether_unformat_addr(val, &info->mac);
	snprintf(path, sizeof(path), "class/net/%s/carrier", pf->pci.netdev);
	info->link_up = srnic_sysfs_read(path, val, sizeof(val)) == 0 && val[0] == '1';
	snprintf(path, sizeof(path), "class/net/%s/speed", pf->pci.netdev);
	if (info->link_up && srnic_sysfs_read_u32(path, &speed) == 0)
		info->link_speed_mbps = speed;
}

static int
kern_poll(struct srnic_pf *pf)
{
	(void)pf;
	return 0;	/* Linux serves the mailbox */
}

static int
kern_wait(struct srnic_pf *pf, int timeout_ms)
{
	(void)pf;
	rte_delay_us_sleep((timeout_ms < 0 ? 1000u : (uint32_t)timeout_ms) * 1000u);
	return 0;
}

static void
kern_close(struct srnic_pf *pf)
{
	if (pf->kern.nl != NULL)
		mnl_socket_close(pf->kern.nl);
	pf->kern.nl = NULL;
}

const struct pf_ops pf_kernel_ops = {
	.name = "kernel",
	.set_mac = kern_set_mac,
	.set_vlan = kern_set_vlan,
	.set_spoofchk = kern_set_spoofchk,
	.set_trust = kern_set_trust,
	.set_link_state = kern_set_link_state,
	.vf_info = kern_vf_info,
	.info = kern_info,
	.poll = kern_poll,
	.wait = kern_wait,
	.close = kern_close,
};

int
pf_kernel_open(struct srnic_pf *pf)
{
	int ret;

	memset(&pf->kern, 0, sizeof(pf->kern));
	pf->ops = &pf_kernel_ops;
	if (pf->pci.netdev[0] == '\0') {
		PF_LOG(ERR, pf, "is bound to %s but has no network interface; reload the driver "
			"(modprobe -r igb && modprobe igb)", pf->pci.driver);
		return -ENODEV;
	}
	pf->kern.ifindex = if_nametoindex(pf->pci.netdev);
	if (pf->kern.ifindex == 0) {
		PF_LOG(ERR, pf, "interface %s: %s", pf->pci.netdev, strerror(errno));
		return -ENODEV;
	}
	ret = nl_open(pf);
	if (ret < 0) {
		PF_LOG(ERR, pf, "cannot open an rtnetlink socket: %s", strerror(-ret));
		return ret;
	}
	return 0;
}
