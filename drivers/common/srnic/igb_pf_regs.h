/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PF register map (PF BAR0, 128 KiB): global control, interrupts, the
 * virtualisation and filtering block, PF queues, and the PF view of the
 * mailboxes. Source: hardware reference sections 7.2 and 8.
 */
#ifndef IGB_PF_REGS_H
#define IGB_PF_REGS_H

#define IGB_PF_BAR0_SIZE		0x20000

/* 8.1 global control */
#define IGB_CTRL			0x00000
#define  IGB_CTRL_FD			(1u << 0)
#define  IGB_CTRL_GIO_MASTER_DISABLE	(1u << 2)
#define  IGB_CTRL_LRST			(1u << 3)	/* link reset; set after reset */
#define  IGB_CTRL_SLU			(1u << 6)
#define  IGB_CTRL_RST			(1u << 26)
#define  IGB_CTRL_VME			(1u << 30)
#define IGB_STATUS			0x00008		/* bits as IGB_STATUS_* */
#define  IGB_STATUS_GIO_MASTER_ENABLE	(1u << 19)
#define IGB_EECD			0x00010
#define  IGB_EECD_AUTO_RD		(1u << 9)
#define IGB_CTRL_EXT			0x00018
#define  IGB_CTRL_EXT_PFRSTD		(1u << 14)	/* PF reset done */
#define  IGB_CTRL_EXT_EIAME		(1u << 24)
#define  IGB_CTRL_EXT_DRV_LOAD		(1u << 28)
/*
 * MDIC: the PHY's (IEEE 802.3 clause 22) registers through the MAC. Write a
 * command, then poll READY. The internal PHY answers at address 1.
 */
#define IGB_MDIC			0x00020
#define  IGB_MDIC_DATA_MASK		0xFFFFu
#define  IGB_MDIC_REG_SHIFT		16
#define  IGB_MDIC_PHY_SHIFT		21
#define  IGB_MDIC_OP_WRITE		(1u << 26)
#define  IGB_MDIC_OP_READ		(2u << 26)
#define  IGB_MDIC_READY			(1u << 28)
#define  IGB_MDIC_ERROR			(1u << 30)
#define IGB_PHY_ADDR			1
/* Clause 22 PHY register 0, basic mode control */
#define IGB_PHY_BMCR			0
#define  IGB_BMCR_SPEED_MSB		(1u << 6)	/* with LSB clear: 1000 Mb/s */
#define  IGB_BMCR_FULL_DUPLEX		(1u << 8)
#define  IGB_BMCR_ANRESTART		(1u << 9)	/* restart autonegotiation */
#define  IGB_BMCR_AUTOEN		(1u << 12)
#define  IGB_BMCR_RESET			(1u << 15)
#define IGB_ICR				0x000C0		/* read to clear */
#define IGB_ICS				0x000C8
#define IGB_IMS				0x000D0
#define IGB_IMC				0x000D8
#define IGB_IAM				0x000E0
#define  IGB_ICR_LSC			(1u << 2)
#define  IGB_ICR_RXO			(1u << 6)
#define  IGB_ICR_VMMB			(1u << 8)	/* VF mailbox or VFLR */
#define  IGB_ICR_DOUTSYNC		(1u << 28)
#define  IGB_ICR_DRSTA			(1u << 30)
#define IGB_RCTL			0x00100
#define  IGB_RCTL_EN			(1u << 1)
#define  IGB_RCTL_SBP			(1u << 2)
#define  IGB_RCTL_UPE			(1u << 3)
#define  IGB_RCTL_MPE			(1u << 4)
#define  IGB_RCTL_LPE			(1u << 5)
#define  IGB_RCTL_MO_SHIFT		12		/* 0: VF hash, filter type 0 */
#define  IGB_RCTL_BAM			(1u << 15)
#define  IGB_RCTL_VFE			(1u << 18)
#define  IGB_RCTL_SECRC			(1u << 26)
#define IGB_TCTL			0x00400
#define  IGB_TCTL_EN			(1u << 1)
#define  IGB_TCTL_PSP			(1u << 3)
#define  IGB_TCTL_CT_SHIFT		4
#define  IGB_TCTL_RTLC			(1u << 24)
#define IGB_GPIE			0x01514
#define  IGB_GPIE_NSICR			(1u << 0)
#define  IGB_GPIE_MSIX_MODE		(1u << 4)
#define  IGB_GPIE_EIAME			(1u << 30)
#define  IGB_GPIE_PBA			(1u << 31)
#define IGB_EICS			0x01520
#define IGB_EIMS			0x01524
#define IGB_EIMC			0x01528
#define IGB_EIAC			0x0152C
#define IGB_EIAM			0x01530
#define IGB_EICR			0x01580
#define IGB_EITR(n)			(0x01680 + 4 * (n))
#define IGB_IVAR0(i)			(0x01700 + 4 * (i))
#define IGB_IVAR_MISC			0x01740
/* 8.1 byte 1 of IVAR_MISC: vector of the "other" causes (LSC, VMMB, ...) */
#define  IGB_IVAR_MISC_OTHER_SHIFT	8
#define IGB_RXPBS			0x02404
#define IGB_TXPBS			0x03404
#define IGB_QDE				0x02408		/* per-queue drop enable */
#define IGB_VET				0x00038		/* VLAN EtherType */

/* 7.2 / 8.2 mailboxes as the PF sees them */
#define IGB_P2VMAILBOX(n)		(0x00C00 + 4 * (n))
#define IGB_PF_VMBMEM(n)		(0x00800 + 0x40 * (n))
#define IGB_MBVFICR			0x00C80
#define  IGB_MBVFICR_VFREQ(n)		(1u << (n))
#define  IGB_MBVFICR_VFACK(n)		(1u << (16 + (n)))
#define  IGB_MBVFICR_VFREQ_MASK		0x000000FFu
#define  IGB_MBVFICR_VFACK_MASK		0x00FF0000u
#define IGB_MBVFIMR			0x00C84
#define IGB_VFLRE			0x00C88

/* 8.2 virtualisation, filtering and switching */
#define IGB_VFRE			0x00C8C		/* bit n: pool n RX enable */
#define IGB_VFTE			0x00C90		/* bit n: pool n TX enable */
#define IGB_DTXSWC			0x03500		/* 82576 */
#define IGB_TXSWC			0x05ACC		/* I350, same layout */
#define  IGB_TXSWC_MAC_SPOOF(p)		(1u << (p))
#define  IGB_TXSWC_VLAN_SPOOF(p)	(1u << (8 + (p)))
#define  IGB_TXSWC_LOOPBACK_EN		(1u << 31)
#define IGB_LVMMC			0x03548
#define IGB_WVBR			0x03554
#define IGB_DTXCTL			0x03590
#define  IGB_DTXCTL_8023LL		(1u << 2)
#define  IGB_DTXCTL_VLAN_ADDED		(1u << 3)
#define  IGB_DTXCTL_OOS_ENABLE		(1u << 4)
#define  IGB_DTXCTL_MDP_EN		(1u << 5)
#define  IGB_DTXCTL_SPOOF_INT		(1u << 6)
#define IGB_VMVIR(n)			(0x03700 + 4 * (n))
#define  IGB_VMVIR_VLANA_DEFAULT	(1u << 30)	/* always insert */
#define  IGB_VMVIR_VLANA_NEVER		(2u << 30)
#define  IGB_VMVIR_PRIO_SHIFT		13
#define IGB_RXCSUM			0x05000
#define  IGB_RXCSUM_IPOFL		(1u << 8)
#define  IGB_RXCSUM_TUOFL		(1u << 9)
#define  IGB_RXCSUM_CRCOFL		(1u << 11)
#define  IGB_RXCSUM_PCSD		(1u << 13)
#define IGB_RLPML			0x05004
/* 7.6 largest frame a VF may ask for with SET_LPE (and RLPML's ceiling) */
#define IGB_MAX_JUMBO_FRAME		9728
#define IGB_MTA(i)			(0x05200 + 4 * (i))
#define IGB_MTA_REGS			128
#define IGB_RAL(i)			((i) < 16 ? 0x05400 + 8 * (i) : \
					 0x054E0 + 8 * ((i) - 16))
#define IGB_RAH(i)			(IGB_RAL(i) + 4)
#define  IGB_RAH_POOL_SHIFT		18		/* one-hot pool bits */
#define  IGB_RAH_POOL_MASK		(0xFFu << IGB_RAH_POOL_SHIFT)
#define  IGB_RAH_AV			(1u << 31)
#define IGB_RAR_ENTRIES_82576		24
#define IGB_RAR_ENTRIES_I350		32
#define IGB_PSRTYPE(n)			(0x05480 + 4 * (n))
#define IGB_VFTA(i)			(0x05600 + 4 * (i))
#define IGB_VFTA_REGS			128
#define IGB_MRQC			0x05818
#define  IGB_MRQC_MODE_MASK		0x7u
#define  IGB_MRQC_MODE_VMDQ		0x3u
#define  IGB_MRQC_MODE_VMDQ_RSS		0x5u
#define IGB_VT_CTL			0x0581C
#define  IGB_VT_CTL_DEF_PL_SHIFT	7
#define  IGB_VT_CTL_DEF_PL_MASK		(0x7u << 7)
#define  IGB_VT_CTL_IGNORE_MAC		(1u << 28)
#define  IGB_VT_CTL_DIS_DEF_POOL	(1u << 29)
#define  IGB_VT_CTL_VM_REPL_EN		(1u << 30)
#define IGB_VMOLR(n)			(0x05AD0 + 4 * (n))
#define  IGB_VMOLR_RLPML_MASK		0x3FFFu
#define  IGB_VMOLR_LPE			(1u << 16)
#define  IGB_VMOLR_RSSE			(1u << 17)
#define  IGB_VMOLR_AUPE			(1u << 24)	/* accept untagged */
#define  IGB_VMOLR_ROMPE		(1u << 25)	/* accept MTA hits */
#define  IGB_VMOLR_ROPE			(1u << 26)	/* accept UTA hits */
#define  IGB_VMOLR_BAM			(1u << 27)	/* accept broadcast */
#define  IGB_VMOLR_MPME			(1u << 28)	/* accept all multicast */
#define  IGB_VMOLR_STRVLAN		(1u << 30)
#define  IGB_VMOLR_STRCRC		(1u << 31)
#define IGB_RPLOLR			0x05AF0
#define  IGB_RPLOLR_STRVLAN		(1u << 30)
#define  IGB_RPLOLR_STRCRC		(1u << 31)
#define IGB_VLVF(n)			(0x05D00 + 4 * (n))
#define IGB_VLVF_ENTRIES		32
#define  IGB_VLVF_VLANID_MASK		0xFFFu
#define  IGB_VLVF_POOLSEL_SHIFT		12
#define  IGB_VLVF_POOLSEL_MASK		(0xFFu << 12)
#define  IGB_VLVF_LVLAN			(1u << 20)
#define  IGB_VLVF_VIEN			(1u << 31)	/* entry valid */
#define IGB_UTA(i)			(0x0A000 + 4 * (i))
#define IGB_UTA_REGS			128

/* PF view of VF n's block (8.2): CTRL and statistics */
#define IGB_PVF_BLOCK(n)		(0x10000 + 0x100 * (n))
#define IGB_PVFCTRL(n)			(IGB_PVF_BLOCK(n) + 0x00)
#define IGB_PVFGPRC(n)			(IGB_PVF_BLOCK(n) + 0x10)
#define IGB_PVFGPTC(n)			(IGB_PVF_BLOCK(n) + 0x14)
#define IGB_PVFGORC(n)			(IGB_PVF_BLOCK(n) + 0x18)
#define IGB_PVFGOTC(n)			(IGB_PVF_BLOCK(n) + 0x34)
#define IGB_PVFMPRC(n)			(IGB_PVF_BLOCK(n) + 0x3C)

/* 8.3 PF queue registers: any queue through the 0xC000/0xE000 window */
#define IGB_RXQ_BASE(q)			(0x0C000 + 0x40 * (q))
#define IGB_TXQ_BASE(q)			(0x0E000 + 0x40 * (q))
#define IGB_RDBAL(q)			(IGB_RXQ_BASE(q) + 0x00)
#define IGB_RDBAH(q)			(IGB_RXQ_BASE(q) + 0x04)
#define IGB_RDLEN(q)			(IGB_RXQ_BASE(q) + 0x08)
#define IGB_SRRCTL(q)			(IGB_RXQ_BASE(q) + 0x0C)
#define IGB_RDH(q)			(IGB_RXQ_BASE(q) + 0x10)
#define IGB_RDT(q)			(IGB_RXQ_BASE(q) + 0x18)
#define IGB_RXDCTL(q)			(IGB_RXQ_BASE(q) + 0x28)
#define IGB_TDBAL(q)			(IGB_TXQ_BASE(q) + 0x00)
#define IGB_TDBAH(q)			(IGB_TXQ_BASE(q) + 0x04)
#define IGB_TDLEN(q)			(IGB_TXQ_BASE(q) + 0x08)
#define IGB_TDH(q)			(IGB_TXQ_BASE(q) + 0x10)
#define IGB_TDT(q)			(IGB_TXQ_BASE(q) + 0x18)
#define IGB_TXDCTL(q)			(IGB_TXQ_BASE(q) + 0x28)
#define IGB_PF_QUEUES_82576		16
/* 82576: pool p owns queues p and p + 8 */
#define IGB_POOL_QUEUE(p, i)		((p) + 8 * (i))

#endif /* IGB_PF_REGS_H */
