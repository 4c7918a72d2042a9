/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Advanced RX and TX descriptors, 16 bytes each, little-endian.
 * Source: hardware reference sections 4 (RX) and 5 (TX).
 */
#ifndef IGB_DESC_H
#define IGB_DESC_H

#include <stdint.h>

/* 4.1 RX read format (software to hardware). */
struct igb_rx_desc_read {
	uint64_t pkt_addr;	/* bit 0 is no-snoop on 82576: keep it even */
	uint64_t hdr_addr;	/* 0 in one-buffer mode; overlaps DD */
};

/* 4.2 RX write-back format (hardware to software). */
struct igb_rx_desc_wb {
	uint32_t pkt_info;	/* 3:0 RSS type, 16:4 packet type, 31 SPH */
	uint32_t hash;		/* RSS hash, or IP id (15:0) + csum (31:16) */
	uint32_t status_error;	/* 19:0 extended status, 31:20 errors */
	uint16_t length;	/* bytes written to this descriptor's buffer */
	uint16_t vlan;		/* tag, valid when IGB_RXD_STAT_VP */
};

union igb_rx_desc {
	struct igb_rx_desc_read read;
	struct igb_rx_desc_wb wb;
};

_Static_assert(sizeof(union igb_rx_desc) == 16, "RX descriptor is 16 bytes");

#define IGB_RXD_STAT_DD		(1u << 0)	/* descriptor done */
#define IGB_RXD_STAT_EOP	(1u << 1)	/* last descriptor of the packet */
#define IGB_RXD_STAT_IXSM	(1u << 2)
#define IGB_RXD_STAT_VP		(1u << 3)	/* 802.1Q tag in .vlan */
#define IGB_RXD_STAT_UDPCS	(1u << 4)
#define IGB_RXD_STAT_L4CS	(1u << 5)
#define IGB_RXD_STAT_IPCS	(1u << 6)
#define IGB_RXD_STAT_PIF	(1u << 7)
#define IGB_RXD_STAT_LB		(1u << 18)	/* came through internal loopback */
#define IGB_RXD_ERR_HBO		(1u << 23)
#define IGB_RXD_ERR_CE		(1u << 24)	/* CRC error */
#define IGB_RXD_ERR_SE		(1u << 25)	/* symbol error */
#define IGB_RXD_ERR_SEQ		(1u << 26)
#define IGB_RXD_ERR_CXE		(1u << 28)
#define IGB_RXD_ERR_L4E		(1u << 29)	/* L4 checksum error */
#define IGB_RXD_ERR_IPE		(1u << 30)	/* IPv4 checksum error */
#define IGB_RXD_ERR_RXE		(1u << 31)
/* Frame errors that make a packet unusable (Linux drops on these). */
#define IGB_RXD_ERR_FRAME	(IGB_RXD_ERR_CE | IGB_RXD_ERR_SE | \
				 IGB_RXD_ERR_SEQ | IGB_RXD_ERR_CXE | \
				 IGB_RXD_ERR_RXE)

#define IGB_RXD_PKTTYPE_SHIFT	4
#define IGB_RXD_PKTTYPE_MASK	0x7Fu		/* after the shift: bits 10:4 */
#define IGB_RXD_PKTTYPE_IPV4	0x010u		/* in pkt_info bits */
#define IGB_RXD_PKTTYPE_IPV6	0x040u
#define IGB_RXD_PKTTYPE_IPV6_EXT 0x080u
#define IGB_RXD_PKTTYPE_TCP	0x100u
#define IGB_RXD_PKTTYPE_UDP	0x200u
#define IGB_RXD_PKTTYPE_SCTP	0x400u
#define IGB_RXD_VLAN_ID_MASK	0x0FFFu

/* 5.1 TX data descriptor. */
struct igb_tx_desc_data {
	uint64_t buffer_addr;
	uint32_t cmd_type_len;
	uint32_t olinfo_status;
};

/* 5.2 TX context descriptor. */
struct igb_tx_desc_ctx {
	uint32_t vlan_macip_lens;
	uint32_t seqnum_seed;
	uint32_t type_tucmd_mlhl;
	uint32_t mss_l4len_idx;
};

/* Either kind as two quad words: a data descriptor's cmd_type_len and
 * olinfo_status are the low and high halves of qw[1] (little-endian). */
struct igb_tx_desc_raw {
	uint64_t qw[2];
};

union igb_tx_desc {
	struct igb_tx_desc_data data;
	struct igb_tx_desc_ctx ctx;
	struct igb_tx_desc_raw raw;
};

_Static_assert(sizeof(union igb_tx_desc) == 16, "TX descriptor is 16 bytes");

#define IGB_TXD_DTALEN_MASK	0xFFFFu		/* bytes in this buffer */
#define IGB_TXD_CMD_TSTAMP	(1u << 19)
#define IGB_TXD_DTYP_DATA	(3u << 20)
#define IGB_TXD_DTYP_CTXT	(2u << 20)
#define IGB_TXD_CMD_EOP		(1u << 24)	/* last descriptor of the packet */
#define IGB_TXD_CMD_IFCS	(1u << 25)	/* insert FCS */
#define IGB_TXD_CMD_RS		(1u << 27)	/* report status: write DD back */
#define IGB_TXD_CMD_DEXT	(1u << 29)	/* advanced format, must be 1 */
#define IGB_TXD_CMD_VLE		(1u << 30)	/* insert context VLAN tag */
#define IGB_TXD_CMD_TSE		(1u << 31)

#define IGB_TXD_STAT_DD		(1u << 0)	/* in olinfo_status */
#define IGB_TXD_IDX_SHIFT	4
#define IGB_TXD_POPTS_IXSM	(1u << 8)	/* insert IPv4 header checksum */
#define IGB_TXD_POPTS_TXSM	(1u << 9)	/* insert L4 checksum */
#define IGB_TXD_PAYLEN_SHIFT	14

#define IGB_TXCTX_MACLEN_SHIFT	9
#define IGB_TXCTX_VLAN_SHIFT	16
#define IGB_TXCTX_TUCMD_IPV4	(1u << 10)
#define IGB_TXCTX_TUCMD_L4T_UDP	(0u << 11)
#define IGB_TXCTX_TUCMD_L4T_TCP	(1u << 11)
#define IGB_TXCTX_TUCMD_L4T_SCTP (2u << 11)
#define IGB_TXCTX_L4LEN_SHIFT	8
#define IGB_TXCTX_MSS_SHIFT	16
/* Segment sizes TSO takes: up to the payload of the largest frame the MAC
 * sends; below 64 bytes a 64 KiB packet would need over a thousand. */
#define IGB_TSO_MSS_MIN		64
#define IGB_TSO_MSS_MAX		9216

/* QEMU accepts at most 64 buffers for one packet (9.3). */
#define IGB_TX_MAX_SEGS		64
/* Largest frame the 82576 accepts (SET_LPE limit, 7.6): 9728 bytes. */
#define IGB_MAX_FRAME_LEN	9728

#endif /* IGB_DESC_H */
