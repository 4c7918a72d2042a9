/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * igb VF <-> PF mailbox messages: encoding on the sending side, decoding
 * and validation on the receiving side. No register access here: the VF
 * driver and the PF library move the words; this file says what they mean.
 */
#ifndef SRNIC_MBX_PROTO_H
#define SRNIC_MBX_PROTO_H

#include <stdbool.h>
#include <stdint.h>

#include "igb_mbx.h"

/** A message as it sits in the 16-word mailbox buffer. */
struct srnic_mbx_msg {
	uint32_t w[IGB_MBX_WORDS];
	uint16_t len;		/* words that carry meaning */
};

/** A validated VF request, as the PF acts on it. */
struct srnic_mbx_req {
	uint16_t id;
	uint8_t info;
	union {
		uint8_t mac[6];			/* SET_MAC_ADDR, info PRIMARY;
						 * info CLEAR_EXTRA has none */
		struct {
			uint16_t hash[IGB_MC_MAX_HASHES];
			uint8_t count;
			bool all;		/* overflow: wants all multicast */
		} mc;				/* SET_MULTICAST */
		struct {
			uint16_t vid;
			bool add;
		} vlan;				/* SET_VLAN */
		uint32_t max_frame;		/* SET_LPE */
		uint8_t promisc;		/* SET_PROMISC flags */
	};
};

/* VF side: requests. Each returns 0, or -EINVAL for arguments the protocol
 * cannot carry. */
void srnic_mbx_enc_reset(struct srnic_mbx_msg *m);
int srnic_mbx_enc_set_mac(struct srnic_mbx_msg *m, const uint8_t mac[6]);
/* More than IGB_MC_MAX_HASHES addresses become an all-multicast request. */
int srnic_mbx_enc_set_multicast(struct srnic_mbx_msg *m, const uint8_t (*macs)[6],
	uint32_t n);
int srnic_mbx_enc_set_vlan(struct srnic_mbx_msg *m, uint16_t vid, bool add);
int srnic_mbx_enc_set_lpe(struct srnic_mbx_msg *m, uint32_t max_frame);
int srnic_mbx_enc_set_promisc(struct srnic_mbx_msg *m, uint8_t flags);

/**
 * VF side: meaning of the PF's reply to @req_word0. 0 when ACKed, -EPERM
 * when NACKed, -EPROTO when the reply is for another message.
 */
int srnic_mbx_reply_status(uint32_t req_word0, uint32_t reply_word0);

/**
 * VF side: decode the 3-word VF_RESET reply. 0 with @has_mac telling
 * whether the PF gave an address (ACK) or none (NACK); -EPROTO otherwise.
 */
int srnic_mbx_dec_reset_reply(const struct srnic_mbx_msg *m, uint8_t mac[6], bool *has_mac);

/** Reasons srnic_mbx_parse_request refuses a message. */
enum srnic_mbx_bad {
	SRNIC_MBX_OK = 0,
	SRNIC_MBX_BAD_FLAGS,		/* word 0 already has ACK/NACK/CTS */
	SRNIC_MBX_BAD_ID,		/* unknown message id */
	SRNIC_MBX_BAD_LEN,		/* fewer words than the message needs */
	SRNIC_MBX_BAD_INFO,		/* info field not valid for the id */
	SRNIC_MBX_BAD_MAC,		/* multicast, broadcast or zero MAC */
	SRNIC_MBX_BAD_VLAN,		/* VLAN id out of range */
	SRNIC_MBX_BAD_HASH,		/* hash count or value out of range */
	SRNIC_MBX_BAD_SIZE,		/* frame size out of range */
	SRNIC_MBX_BAD_MAX
};

/** Human words for a reason, for logs and counters. */
const char *srnic_mbx_bad_str(enum srnic_mbx_bad why);

/** PF side: validate and decode a VF request before anything uses it. */
enum srnic_mbx_bad srnic_mbx_parse_request(const struct srnic_mbx_msg *m,
	struct srnic_mbx_req *req);

/** PF side: reply word 0 to @req_word0: ACK or NACK, with CTS when set. */
uint32_t srnic_mbx_reply_word0(uint32_t req_word0, bool ack, bool cts);

/** PF side: the 3-word VF_RESET reply, ACK with @mac or NACK when NULL. */
void srnic_mbx_enc_reset_reply(struct srnic_mbx_msg *m, const uint8_t *mac);

/** True for a MAC a VF may own: not multicast/broadcast, not all zero. */
bool srnic_mbx_mac_is_unicast(const uint8_t mac[6]);

#endif /* SRNIC_MBX_PROTO_H */
