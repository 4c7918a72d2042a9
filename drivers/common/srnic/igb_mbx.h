/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF <-> PF mailbox: control bits, message words, message IDs and the
 * multicast hash. Source: hardware reference section 7.
 */
#ifndef IGB_MBX_H
#define IGB_MBX_H

#include <stdint.h>

/* 7.1 one 16-dword buffer per VF */
#define IGB_MBX_WORDS			16

/* 7.2 V2PMAILBOX (VF view, VF offset 0x0C40) */
#define IGB_V2P_REQ			(1u << 0)	/* VF posted a message */
#define IGB_V2P_ACK			(1u << 1)	/* VF consumed PF message */
#define IGB_V2P_VFU			(1u << 2)	/* VF lock */
#define IGB_V2P_PFU			(1u << 3)	/* PF holds the buffer */
#define IGB_V2P_PFSTS			(1u << 4)	/* PF posted; read clears */
#define IGB_V2P_PFACK			(1u << 5)	/* PF acked; read clears */
#define IGB_V2P_RSTI			(1u << 6)	/* PF reset in progress */
#define IGB_V2P_RSTD			(1u << 7)	/* PF reset done; read clears */
/* Bits a read of V2PMAILBOX clears: a reader must remember them. */
#define IGB_V2P_R2C_BITS		(IGB_V2P_PFSTS | IGB_V2P_PFACK | IGB_V2P_RSTD)

/* 7.2 P2VMAILBOX(n) (PF view, PF offset 0x0C00 + 4n) */
#define IGB_P2V_STS			(1u << 0)	/* PF posted for VF n */
#define IGB_P2V_ACK			(1u << 1)	/* PF consumed VF message */
#define IGB_P2V_VFU			(1u << 2)	/* VF holds the buffer */
#define IGB_P2V_PFU			(1u << 3)	/* PF lock */
#define IGB_P2V_RVFU			(1u << 4)	/* force-release VF lock */

/* 7.4 message word 0 */
#define IGB_MSG_ID_MASK			0x0000FFFFu
#define IGB_MSG_INFO_SHIFT		16
#define IGB_MSG_INFO_MASK		0x00FF0000u
#define IGB_MSG_CTS			(1u << 29)	/* VF may send requests */
#define IGB_MSG_NACK			(1u << 30)
#define IGB_MSG_ACK			(1u << 31)

/* 7.5 message IDs */
#define IGB_MSG_VF_RESET		0x0001u
#define IGB_MSG_SET_MAC_ADDR		0x0002u
#define IGB_MSG_SET_MULTICAST		0x0003u
#define IGB_MSG_SET_VLAN		0x0004u
#define IGB_MSG_SET_LPE			0x0005u
#define IGB_MSG_SET_PROMISC		0x0006u
#define IGB_MSG_PF_CONTROL		0x0100u

/* SET_MAC_ADDR info values */
#define IGB_MAC_INFO_PRIMARY		0x00u
#define IGB_MAC_INFO_CLEAR_EXTRA	0x01u
#define IGB_MAC_INFO_ADD_EXTRA		0x02u
/* SET_MULTICAST: count in info bits 20:16, overflow flag = all-multicast */
#define IGB_MC_COUNT_MASK		0x1Fu
#define IGB_MC_OVERFLOW			0x80u		/* info bit 23 */
#define IGB_MC_MAX_HASHES		30
/* SET_VLAN info: add (1) or remove (0) */
#define IGB_VLAN_INFO_ADD		0x01u
#define IGB_VLAN_ID_MAX			4095
/* SET_PROMISC info flags */
#define IGB_PROMISC_UNICAST		0x01u
#define IGB_PROMISC_MULTICAST		0x02u

/* Reply lengths in words */
#define IGB_VF_RESET_REPLY_WORDS	3
#define IGB_MAC_MSG_WORDS		3

/* VF timing, as Linux igbvf (section 6) */
#define IGB_MBX_POLL_US			500
#define IGB_MBX_TIMEOUT_POLLS		2000		/* 1 s a posted operation */
#define IGB_VF_RESET_POLL_US		5
#define IGB_VF_RESET_POLLS		200

/** word 0 of a request: message ID and 8-bit info */
static inline uint32_t
igb_msg_word0(uint16_t id, uint8_t info)
{
	return (uint32_t)id | ((uint32_t)info << IGB_MSG_INFO_SHIFT);
}

static inline uint16_t
igb_msg_id(uint32_t word0)
{
	return word0 & IGB_MSG_ID_MASK;
}

static inline uint8_t
igb_msg_info(uint32_t word0)
{
	return (word0 & IGB_MSG_INFO_MASK) >> IGB_MSG_INFO_SHIFT;
}

/** Pack a MAC into words 1-2 in memory order (byte 0 in bits 7:0). */
static inline void
igb_msg_put_mac(uint32_t *words, const uint8_t mac[6])
{
	words[0] = (uint32_t)mac[0] | (uint32_t)mac[1] << 8 |
		(uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24;
	words[1] = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
}

static inline void
igb_msg_get_mac(const uint32_t *words, uint8_t mac[6])
{
	mac[0] = words[0] & 0xFF;
	mac[1] = (words[0] >> 8) & 0xFF;
	mac[2] = (words[0] >> 16) & 0xFF;
	mac[3] = (words[0] >> 24) & 0xFF;
	mac[4] = words[1] & 0xFF;
	mac[5] = (words[1] >> 8) & 0xFF;
}

/** 12-bit multicast hash of filter type 0 (7.5). */
static inline uint16_t
igb_mc_hash(const uint8_t mac[6])
{
	return ((mac[4] >> 4) | ((uint16_t)mac[5] << 4)) & 0xFFF;
}

/** MTA register index and bit of a multicast hash (PF side). */
static inline uint32_t
igb_mta_reg(uint16_t hash)
{
	return (hash >> 5) & 0x7F;
}

static inline uint32_t
igb_mta_bit(uint16_t hash)
{
	return hash & 0x1F;
}

#endif /* IGB_MBX_H */
