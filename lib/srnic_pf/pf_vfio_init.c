/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset and initialise the NIC for VF pools, in the order of hardware
 * reference 8.4 (Linux igb's), trimmed to what a PF that passes no traffic
 * of its own needs: no PF rings, no RSS. Each step names its item there.
 */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "pf_priv.h"

#define RESET_SETTLE_US		10000	/* 8.4.2: wait after quiescing and after RST */
#define AUTO_RD_POLLS		10
#define MDIC_POLLS		100
#define MDIC_POLL_US		50
/* QDE: one drop-enable bit per queue. */
#define PF_ALL_QUEUES_MASK	((1u << IGB_PF_QUEUES_82576) - 1)

int
pf_vfio_mac_get(struct srnic_pf *pf, uint8_t mac[6])
{
	uint32_t lo = pf_rd(pf, IGB_RAL(0)), hi = pf_rd(pf, IGB_RAH(0));

	mac[0] = lo & 0xFF;
	mac[1] = (lo >> 8) & 0xFF;
	mac[2] = (lo >> 16) & 0xFF;
	mac[3] = (lo >> 24) & 0xFF;
	mac[4] = hi & 0xFF;
	mac[5] = (hi >> 8) & 0xFF;
	return (hi & IGB_RAH_AV) ? 0 : -ENOENT;
}

static int
phy_write(struct srnic_pf *pf, uint32_t reg, uint16_t val)
{
	uint32_t v;
	int i;

	pf_wr(pf, IGB_MDIC, IGB_MDIC_OP_WRITE | ((uint32_t)IGB_PHY_ADDR << IGB_MDIC_PHY_SHIFT) |
		(reg << IGB_MDIC_REG_SHIFT) | val);
	for (i = 0; i < MDIC_POLLS; i++) {
		v = pf_rd(pf, IGB_MDIC);
		if (v & IGB_MDIC_READY)
			return (v & IGB_MDIC_ERROR) ? -EIO : 0;
		rte_delay_us_sleep(MDIC_POLL_US);
	}
	return -ETIMEDOUT;
}

void
pf_vfio_link_start(struct srnic_pf *pf)
{
	uint32_t ctrl = pf_rd(pf, IGB_CTRL);
	int ret;

	/* Out of link reset, link forced up on the MAC side... */
	pf_wr(pf, IGB_CTRL, (ctrl | IGB_CTRL_SLU) & ~IGB_CTRL_LRST);
	/* ...and the PHY renegotiates: the link (STATUS.LU) and the LSC
	 * interrupt follow when it is done. */
	ret = phy_write(pf, IGB_PHY_BMCR, IGB_BMCR_AUTOEN | IGB_BMCR_ANRESTART |
		IGB_BMCR_FULL_DUPLEX | IGB_BMCR_SPEED_MSB);
	if (ret < 0)
		PF_LOG(WARNING, pf, "cannot restart autonegotiation through MDIC (%s); the "
			"link may stay down: check the cable and the PHY", strerror(-ret));
}

void
pf_vfio_irq_regs(struct srnic_pf *pf, bool on)
{
	if (!on) {
		pf_wr(pf, IGB_IMC, UINT32_MAX);
		pf_wr(pf, IGB_EIMC, UINT32_MAX);
		return;
	}
	/* 8.4.10: MSI-X mode; reading ICR clears it (NSICR); the "other"
	 * causes go to vector 0, which clears itself when it fires. */
	pf_wr(pf, IGB_GPIE, IGB_GPIE_MSIX_MODE | IGB_GPIE_NSICR | IGB_GPIE_PBA);
	pf_wr(pf, IGB_IVAR_MISC, (IGB_IVAR_VALID | 0u) << IGB_IVAR_MISC_OTHER_SHIFT);
	pf_wr(pf, IGB_EIAC, 1u << 0);
	(void)pf_rd(pf, IGB_ICR);
	pf_wr(pf, IGB_EIMS, 1u << 0);
	pf_wr(pf, IGB_IMS, IGB_ICR_VMMB | IGB_ICR_LSC);
}

/* 8.4.2: stop everything, then the MAC reset. */
static int
hw_reset(struct srnic_pf *pf)
{
	int i;

	pf_wr(pf, IGB_VFRE, 0);
	pf_wr(pf, IGB_VFTE, 0);
	pf_wr(pf, IGB_IMC, UINT32_MAX);
	pf_wr(pf, IGB_RCTL, 0);
	pf_wr(pf, IGB_TCTL, IGB_TCTL_PSP);
	srnic_flush(pf->vfio.bar);
	rte_delay_us_sleep(RESET_SETTLE_US);
	pf_wr(pf, IGB_CTRL, pf_rd(pf, IGB_CTRL) | IGB_CTRL_RST);
	rte_delay_us_sleep(RESET_SETTLE_US);
	/* QEMU never sets AUTO_RD: not seeing it is not an error. */
	for (i = 0; i < AUTO_RD_POLLS; i++) {
		if (pf_rd(pf, IGB_EECD) & IGB_EECD_AUTO_RD)
			break;
		rte_delay_us_sleep(1000);
	}
	pf_wr(pf, IGB_IMC, UINT32_MAX);
	(void)pf_rd(pf, IGB_ICR);
	if (pf_rd(pf, IGB_CTRL) & IGB_CTRL_RST) {
		PF_LOG(ERR, pf, "did not come out of reset (CTRL 0x%08x); is the device "
			"working? see dmesg", pf_rd(pf, IGB_CTRL));
		return -EIO;
	}
	return 0;
}

int
pf_vfio_hw_init(struct srnic_pf *pf)
{
	uint8_t mac[6];
	uint16_t q, p;
	int ret;

	ret = hw_reset(pf);
	if (ret < 0)
		return ret;
	/* 8.4.3: the driver is loaded; RAR0 holds the permanent MAC after a
	 * reset: keep it as the PF's, in the PF's pool. */
	pf_wr(pf, IGB_CTRL_EXT, pf_rd(pf, IGB_CTRL_EXT) | IGB_CTRL_EXT_DRV_LOAD);
	if (pf_vfio_mac_get(pf, mac) < 0)
		PF_LOG(WARNING, pf, "RAR0 holds no MAC after reset; VF MACs will be made "
			"from " RTE_ETHER_ADDR_PRT_FMT, mac[0], mac[1], mac[2], mac[3], mac[4],
			mac[5]);
	pf_filters_init(&pf->vfio.filt, pf->vfio.bar,
		pf->vfio.i350 ? IGB_RAR_ENTRIES_I350 : IGB_RAR_ENTRIES_82576);
	pf_rar_write(&pf->vfio.filt, PF_RAR_PF_ENTRY, mac, (uint8_t)(1u << PF_POOL));
	/* 8.4.4/8.4.7: no PF rings; every queue off until its VF enables it
	 * (after reset queue 0, VF 0's, is on). */
	for (q = 0; q < IGB_PF_QUEUES_82576; q++) {
		pf_wr(pf, IGB_RXDCTL(q), 0);
		pf_wr(pf, IGB_TXDCTL(q), 0);
	}
	pf_wr(pf, IGB_TCTL, IGB_TCTL_PSP | IGB_TCTL_RTLC | (15u << IGB_TCTL_CT_SHIFT) |
		IGB_TCTL_EN);
	/* 8.4.5: checksum status in descriptors, no RSS. Unmatched unicast
	 * would go to the PF's pool, which has no ring: drop it instead. */
	pf_wr(pf, IGB_RXCSUM, IGB_RXCSUM_IPOFL | IGB_RXCSUM_TUOFL);
	pf_wr(pf, IGB_VT_CTL, ((uint32_t)PF_POOL << IGB_VT_CTL_DEF_PL_SHIFT) |
		IGB_VT_CTL_DIS_DEF_POOL | IGB_VT_CTL_VM_REPL_EN);
	pf_wr(pf, IGB_MRQC, IGB_MRQC_MODE_VMDQ);
	/* 8.4.6: VM-to-VM switching; the anti-spoof bits follow each VF. */
	if (!pf->vfio.i350)
		pf_wr(pf, IGB_DTXCTL, pf_rd(pf, IGB_DTXCTL) | IGB_DTXCTL_VLAN_ADDED);
	pf_wr(pf, IGB_RPLOLR, IGB_RPLOLR_STRVLAN | IGB_RPLOLR_STRCRC);
	pf_wr(pf, pf->vfio.txswc, IGB_TXSWC_LOOPBACK_EN);
	for (p = 0; p < IGB_MAX_POOLS; p++) {
		pf_wr(pf, IGB_VMOLR(p), IGB_VMOLR_STRCRC);
		pf_wr(pf, IGB_VMVIR(p), 0);
	}
	/* 8.4.7: receive on; VLAN filtering decides per pool (VLVF, AUPE);
	 * jumbo frames pass globally, each pool's VMOLR limits its own. */
	pf_wr(pf, IGB_RLPML, IGB_MAX_JUMBO_FRAME);
	pf_wr(pf, IGB_RCTL, IGB_RCTL_EN | IGB_RCTL_BAM | IGB_RCTL_SECRC | IGB_RCTL_LPE |
		IGB_RCTL_VFE);
	/* A VF queue without buffers drops its frames instead of holding up
	 * the packet buffer every pool shares. */
	pf_wr(pf, IGB_QDE, PF_ALL_QUEUES_MASK);
	/* VFs receive and send only after their reset handshake. */
	pf_wr(pf, IGB_VFRE, 0);
	pf_wr(pf, IGB_VFTE, 0);
	pf_wr(pf, IGB_MBVFIMR, 0xFF);
	pf_wr(pf, IGB_VFLRE, UINT32_MAX);
	pf_wr(pf, IGB_MBVFICR, UINT32_MAX);
	pf_vfio_link_start(pf);
	pf_vfio_irq_regs(pf, pf->vfio.irq_fd >= 0);
	pf->vfio.link_up = false;
	ret = pf_policy_vfs_changed(pf, 0);
	/* 8.4.11: VFs see RSTD and may start their reset handshake. */
	pf_wr(pf, IGB_CTRL_EXT, pf_rd(pf, IGB_CTRL_EXT) | IGB_CTRL_EXT_PFRSTD);
	return ret;
}

void
pf_vfio_hw_stop(struct srnic_pf *pf)
{
	uint16_t vf;

	for (vf = 0; vf < pf->nb_vfs; vf++)
		pf->vf[vf].cts = false;
	pf_wr(pf, IGB_VFRE, 0);
	pf_wr(pf, IGB_VFTE, 0);
	pf_vfio_irq_regs(pf, false);
	/* A reset holds RSTI in every VF mailbox: VFs see their PF go away
	 * now rather than at their next request. */
	pf_wr(pf, IGB_CTRL, pf_rd(pf, IGB_CTRL) | IGB_CTRL_RST);
	rte_delay_us_sleep(RESET_SETTLE_US);
}
