/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rtnetlink messages of the kernel backend, built and read with libmnl:
 * RTM_SETLINK with one VF attribute (IFLA_VFINFO_LIST / IFLA_VF_INFO /
 * IFLA_VF_*), RTM_GETLINK for the VF list, and the kernel's answer
 * (error code and extended-ack text). No socket here, so host unit tests
 * can check every byte.
 */
#ifndef PF_KERNEL_NL_H
#define PF_KERNEL_NL_H

#include <stddef.h>
#include <stdint.h>

struct nlmsghdr;

enum pf_nl_attr {
	PF_NL_MAC,
	PF_NL_VLAN,
	PF_NL_SPOOFCHK,
	PF_NL_TRUST,
	PF_NL_LINK_STATE,
};

/* One VF setting for RTM_SETLINK. */
struct pf_nl_set {
	uint32_t vf;
	enum pf_nl_attr attr;
	uint8_t mac[6];		/* PF_NL_MAC */
	uint32_t vlan;		/* PF_NL_VLAN */
	uint32_t qos;		/* PF_NL_VLAN */
	uint32_t value;		/* on/off, or an IFLA_VF_LINK_STATE_* */
};

/* One VF as RTM_NEWLINK describes it; -1: the kernel did not say. */
struct pf_nl_vf {
	int32_t vf;
	uint8_t mac[6];
	int32_t vlan;
	int32_t qos;
	int32_t spoofchk;
	int32_t trust;
	int32_t link_state;
};

/* Buffer large enough for any request built here. */
#define PF_NL_REQ_LEN		512

/* Build a request in @buf (PF_NL_REQ_LEN bytes); returns its header. */
struct nlmsghdr *pf_nl_setlink(void *buf, uint32_t seq, unsigned int ifindex,
	const struct pf_nl_set *set);
struct nlmsghdr *pf_nl_getlink(void *buf, uint32_t seq, unsigned int ifindex);

/*
 * Read the VFs out of one RTM_NEWLINK message into @vfs (at most @max,
 * indexed by VF number). Returns how many VFs it lists, or -EINVAL when
 * the message is not RTM_NEWLINK or an attribute is malformed.
 */
int pf_nl_parse_vfs(const struct nlmsghdr *nlh, struct pf_nl_vf *vfs, uint16_t max);

/*
 * Read an NLMSG_ERROR message: 0 for an ACK, else the negative errno, with
 * the kernel's extended-ack text (if any) in @msg.
 */
int pf_nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t len);

#endif /* PF_KERNEL_NL_H */
