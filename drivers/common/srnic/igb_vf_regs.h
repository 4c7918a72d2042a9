/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF register map (VF BAR0, 16 KiB). Source: hardware reference section 3.
 * All registers are 32-bit little-endian, accessed aligned.
 */
#ifndef IGB_VF_REGS_H
#define IGB_VF_REGS_H

#define IGB_VF_BAR0_SIZE		0x4000

/* 3.1 control and status */
#define IGB_VF_CTRL			0x0000
#define  IGB_VF_CTRL_RST		(1u << 26)	/* VF soft reset */
#define IGB_VF_STATUS			0x0008		/* copy of the port STATUS */
#define  IGB_STATUS_FD			(1u << 0)
#define  IGB_STATUS_LU			(1u << 1)	/* link up */
#define  IGB_STATUS_TXOFF		(1u << 4)
#define  IGB_STATUS_SPEED_100		(1u << 6)
#define  IGB_STATUS_SPEED_1000		(1u << 7)
#define IGB_VF_FRTIMER			0x1048

/* 3.2 interrupts: bits 2:0 are the VF's three MSI-X vectors */
#define IGB_VF_EICS			0x1520
#define IGB_VF_EIMS			0x1524
#define IGB_VF_EIMC			0x1528
#define IGB_VF_EIAC			0x152C
#define IGB_VF_EIAM			0x1530
#define IGB_VF_EICR			0x1580
#define IGB_VF_EITR(n)			(0x1680 + 4 * (n))
#define IGB_VF_IVAR0			0x1700
#define IGB_VF_IVAR_MISC		0x1740
#define  IGB_IVAR_VALID			0x80u
/* IVAR0 byte of RX queue q (0 or 1); TX queue q is the byte above it. */
#define  IGB_VF_IVAR_RX_SHIFT(q)		(16 * (q))
#define IGB_VF_VECTOR_MASK		0x7u
#define IGB_VF_MSIX_VECTORS		3

/* 3.3 per-queue RX registers, stride 0x100 */
#define IGB_VF_QUEUE_STRIDE		0x100
#define IGB_VF_RDBAL(q)			(0x2800 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RDBAH(q)			(0x2804 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RDLEN(q)			(0x2808 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_SRRCTL(q)		(0x280C + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RDH(q)			(0x2810 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RDT(q)			(0x2818 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RXDCTL(q)		(0x2828 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_RQDPC(q)			(0x2830 + IGB_VF_QUEUE_STRIDE * (q))

/* 3.4 per-queue TX registers, stride 0x100 */
#define IGB_VF_TDBAL(q)			(0x3800 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TDBAH(q)			(0x3804 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TDLEN(q)			(0x3808 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TDH(q)			(0x3810 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TXCTL(q)			(0x3814 + IGB_VF_QUEUE_STRIDE * (q))
#define  IGB_TXCTL_DESC_WB_RO		(1u << 11)	/* relaxed-ordered write-back */
#define IGB_VF_TDT(q)			(0x3818 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TXDCTL(q)		(0x3828 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TDWBAL(q)		(0x3838 + IGB_VF_QUEUE_STRIDE * (q))
#define IGB_VF_TDWBAH(q)		(0x383C + IGB_VF_QUEUE_STRIDE * (q))

/* Ring bases must be 128-byte aligned (low 7 bits read-only, 3.3). */
#define IGB_RING_BASE_ALIGN		128
/* Ring lengths are kept a multiple of 8 descriptors (128 bytes). */
#define IGB_RING_DESC_MULTIPLE		8
/* RDLEN/TDLEN are writable in bits 19:4: at most 65535 16-byte entries. */
#define IGB_RING_LEN_MASK		0xFFFF0u

/* 3.5 SRRCTL */
#define IGB_SRRCTL_BSIZEPKT_SHIFT	10		/* 1 KiB units */
#define IGB_SRRCTL_BSIZEPKT_MASK	0x7Fu
#define IGB_SRRCTL_BSIZEHDR_SHIFT	2		/* bytes >> 6 placed at bit 8 */
#define IGB_SRRCTL_DESCTYPE_ADV_ONEBUF	(1u << 25)
#define IGB_SRRCTL_DESCTYPE_HDR_SPLIT_ALWAYS (5u << 25)
#define IGB_SRRCTL_DROP_EN		(1u << 31)

/* 3.6 RXDCTL / TXDCTL */
#define IGB_DCTL_PTHRESH_SHIFT		0
#define IGB_DCTL_HTHRESH_SHIFT		8
#define IGB_DCTL_WTHRESH_SHIFT		16
#define IGB_DCTL_THRESH_MASK		0x1Fu
#define IGB_DCTL_ENABLE			(1u << 25)
/* RXDCTL/TXDCTL bits 31:20 are reserved: keep what the NIC reads back. */
#define IGB_DCTL_RESERVED_MASK		0xFFF00000u
/* Thresholds Linux igbvf programs: prefetch 16, host 8 (write-back is 1,
 * see 82576 erratum 26). */
#define IGB_RXDCTL_PTHRESH_DEFAULT	16
#define IGB_RXDCTL_HTHRESH_DEFAULT	8

/* 3.7 statistics: 32-bit, not cleared by read, wrap modulo 2^32 */
#define IGB_VF_GPRC			0x0F10
#define IGB_VF_GPTC			0x0F14
#define IGB_VF_GORC			0x0F18
#define IGB_VF_GOTC			0x0F34
#define IGB_VF_MPRC			0x0F3C
#define IGB_VF_GPRLBC			0x0F40
#define IGB_VF_GPTLBC			0x0F44
#define IGB_VF_GORLBC			0x0F48
#define IGB_VF_GOTLBC			0x0F50

/* 3.8 mailbox, VF view */
#define IGB_VF_V2PMAILBOX		0x0C40
#define IGB_VF_VMBMEM			0x0800

/* 3.9 queue pairs a VF has in hardware (82576; QEMU receives only on 0). */
#define IGB_VF_MAX_QUEUES_82576		2
#define IGB_VF_MAX_QUEUES_I350		1

#endif /* IGB_VF_REGS_H */
