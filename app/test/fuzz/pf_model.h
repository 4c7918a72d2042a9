/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stateful PF fuzzer's own account of what the PF was asked and what
 * it answered, kept from the VFs' and the administrator's side only: the
 * MAC, VLANs, multicast hashes and modes each VF holds, whether it is
 * clear to send, and the request it has in the mailbox. The checks compare
 * the NIC's registers and the library's bookkeeping against it after every
 * step, and abort() on the first difference so that libFuzzer reports it.
 */
#ifndef PF_MODEL_H
#define PF_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "test_pf.h"

#define MODEL_VFS	SRNIC_PF_MAX_VFS
/* Messages the PF may post to one VF in one poll: ping, reply, NACK,
 * deferred ping, with room to spare for a broken server. */
#define MODEL_POSTS	8

struct model_vf {
	/* What the VF holds, as the PF's answers say. */
	uint8_t mac[6];
	bool mac_admin;
	bool trusted;
	uint16_t port_vlan;
	uint8_t port_qos;
	uint16_t nb_vlans;
	uint16_t vlans[SRNIC_PF_VF_MAX_VLANS];
	uint8_t nb_mc;
	uint16_t mc[IGB_MC_MAX_HASHES];
	bool mc_all;
	bool promisc_uc;
	bool promisc_mc;
	uint16_t max_frame;
	uint32_t rxmode_allowed;
	uint32_t spoofchk;
	enum srnic_pf_link_state link_state;
	bool cts;
	/* The mailbox as the VF sees it. */
	bool req_pending;		/* posted, not yet taken by the PF */
	uint32_t req[IGB_MBX_WORDS];	/* the buffer the PF will read */
	bool ack_pending;
	/* The PF's last message is in the buffer and not acknowledged. */
	bool pf_unread;
	uint32_t pf_last;
	/* The VF reads and acknowledges each message the moment it is
	 * posted, as a VF polling on another CPU may; an acknowledgement
	 * given during a poll may be seen in that poll or the next. */
	bool acks_at_once;
	bool acked_in_poll;
	/* Messages posted to it during the current poll. */
	uint32_t posts[MODEL_POSTS];
	int nb_posts;
	int taken_before;		/* fake.nb_taken at the start of the step */
};

struct model {
	struct fake_pf fake;
	struct srnic_pf *pf;
	uint16_t nb_vfs;
	bool in_poll;
	struct model_vf vf[FAKE_PF_VFS];
};

/* Report a broken invariant and abort. */
void model_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
#define MODEL_CHECK(cond, ...) do { if (!(cond)) model_fail(__VA_ARGS__); } while (0)

/* Put @m in the state of a PF just opened with @nb_vfs VFs (and
 * @vlans_per_vf) on a fresh fake NIC; take the VFs' state from it. */
void model_open(struct model *m, uint16_t nb_vfs, uint16_t vlans_per_vf);
void model_close(struct model *m);

/* Events. Each leaves the model in step with what the PF should now have. */
void model_vf_send(struct model *m, uint16_t vf, const uint32_t *w, int n);
void model_vf_ack(struct model *m, uint16_t vf);
void model_vf_flr(struct model *m, uint16_t vf);
void model_poll(struct model *m);
void model_admin_mac(struct model *m, uint16_t vf, const uint8_t mac[6]);
void model_admin_vlan(struct model *m, uint16_t vf, uint16_t vid, uint8_t qos);
void model_admin_vlan_filter(struct model *m, uint16_t vf, uint16_t vid, bool on);
void model_admin_trust(struct model *m, uint16_t vf, bool on);
void model_admin_link_state(struct model *m, uint16_t vf, enum srnic_pf_link_state st);
void model_admin_rxmode(struct model *m, uint16_t vf, uint32_t allowed);
void model_admin_spoofchk(struct model *m, uint16_t vf, uint32_t checks);

/* pf_model_expect.c: what the protocol and the policy say of a request. */
/* The protocol's verdict on a whole mailbox buffer, independent of srnic's
 * codec: true when it is a well-formed request. */
bool model_req_valid(const uint32_t *w);
/* Should the PF ACK @w (well formed) from VF @vf, which is clear to send? */
bool model_req_granted(const struct model *m, uint16_t vf, const uint32_t *w);
/* Apply an ACKed request to the model. */
void model_req_apply(struct model *m, uint16_t vf, const uint32_t *w);
/* Forget what VF @vf asked for (reset, FLR). */
void model_forget_requests(struct model_vf *v);
/* Not multicast, broadcast or zero: a MAC a VF may own. */
bool model_mac_unicast(const uint8_t mac[6]);
/* Who but VF @vf has @mac: true for the PF or another VF. */
bool model_mac_taken(const struct model *m, uint16_t vf, const uint8_t mac[6]);
/* May VF @vf get one more VLAN filter (@by_vf: asked by the VF)? */
bool model_vlan_room(const struct model *m, uint16_t vf, bool by_vf);
int model_vlan_find(const struct model_vf *v, uint16_t vid);

/* pf_invariants.c: registers, library bookkeeping and model agree. */
void model_check_invariants(struct model *m);

#endif /* PF_MODEL_H */
