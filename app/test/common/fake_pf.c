/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>
#include <string.h>

#include "fake_pf.h"

#define REG(f, off)	((f)->regs[(off) / 4])

static bool
in_range(uint32_t off, uint32_t base, uint32_t n)
{
	return off >= base && off < base + 4 * n;
}

static void
reset(struct fake_pf *f)
{
	uint16_t vf;

	memset(f->regs, 0, IGB_PF_BAR0_SIZE);
	/* After a reset RAR0 holds the permanent address, queue 0 is on and
	 * every VF sees "PF in reset" until PFRSTD. */
	REG(f, IGB_RAL(0)) = (uint32_t)f->perm_mac[0] | (uint32_t)f->perm_mac[1] << 8 |
		(uint32_t)f->perm_mac[2] << 16 | (uint32_t)f->perm_mac[3] << 24;
	REG(f, IGB_RAH(0)) = (uint32_t)f->perm_mac[4] | (uint32_t)f->perm_mac[5] << 8 |
		IGB_RAH_AV;
	REG(f, IGB_RXDCTL(0)) = IGB_DCTL_ENABLE;
	REG(f, IGB_TXDCTL(0)) = IGB_DCTL_ENABLE;
	REG(f, IGB_VFRE) = 0xFF;
	REG(f, IGB_VFTE) = 0xFF;
	for (vf = 0; vf < FAKE_PF_VFS; vf++)
		f->v2p[vf] = IGB_V2P_RSTI;
}

static void
pf_mailbox(struct fake_pf *f, uint16_t vf, uint32_t val)
{
	uint32_t *p2v = &REG(f, IGB_P2VMAILBOX(vf));

	/* The NIC lets the PF post or acknowledge only while it holds PFU. */
	if ((val & (IGB_P2V_STS | IGB_P2V_ACK)) && !(*p2v & IGB_P2V_PFU))
		f->nb_unlocked[vf]++;
	if (val & IGB_P2V_PFU) {
		if (!f->vf_lock[vf])
			*p2v |= IGB_P2V_PFU;
	} else {
		*p2v &= ~IGB_P2V_PFU;
	}
	if (val & IGB_P2V_STS) {
		memcpy(f->posted[vf], &REG(f, IGB_PF_VMBMEM(vf)), sizeof(f->posted[vf]));
		f->nb_posted[vf]++;
		f->v2p[vf] |= IGB_V2P_PFSTS;
		if (f->on_post != NULL)
			f->on_post(f->on_post_arg, vf, f->posted[vf]);
	}
	if (val & IGB_P2V_ACK) {
		f->nb_taken[vf]++;
		f->v2p[vf] |= IGB_V2P_PFACK;
	}
}

static uint32_t
hook_read(void *ctx, uint32_t off)
{
	struct fake_pf *f = ctx;
	uint32_t v = REG(f, off);

	if (off == IGB_ICR)
		REG(f, off) = 0;
	return v;
}

static void
hook_write(void *ctx, uint32_t off, uint32_t val)
{
	struct fake_pf *f = ctx;
	uint16_t vf;

	if (in_range(off, IGB_P2VMAILBOX(0), FAKE_PF_VFS)) {
		pf_mailbox(f, (uint16_t)((off - IGB_P2VMAILBOX(0)) / 4), val);
		return;
	}
	switch (off) {
	case IGB_MBVFICR:
	case IGB_VFLRE:
	case IGB_ICR:
		REG(f, off) &= ~val;
		return;
	case IGB_CTRL:
		if (val & IGB_CTRL_RST) {
			f->resets++;
			reset(f);
			return;
		}
		break;
	case IGB_CTRL_EXT:
		if (val & IGB_CTRL_EXT_PFRSTD)
			for (vf = 0; vf < FAKE_PF_VFS; vf++)
				f->v2p[vf] = (f->v2p[vf] & ~IGB_V2P_RSTI) | IGB_V2P_RSTD;
		break;
	case IGB_MDIC:
		/* Autonegotiation completes at once: link up, LSC raised. */
		if ((val & IGB_MDIC_OP_WRITE) && ((val >> IGB_MDIC_REG_SHIFT) & 0x1F) ==
		    IGB_PHY_BMCR && (val & IGB_BMCR_ANRESTART)) {
			REG(f, IGB_STATUS) |= IGB_STATUS_LU | IGB_STATUS_SPEED_1000 |
				IGB_STATUS_FD;
			REG(f, IGB_ICR) |= IGB_ICR_LSC;
		}
		val |= IGB_MDIC_READY;
		break;
	default:
		break;
	}
	REG(f, off) = val;
}

static const struct srnic_bar_hooks hooks = { .read32 = hook_read, .write32 = hook_write };

void
fake_pf_init(struct fake_pf *f, const uint8_t perm_mac[6])
{
	memset(f, 0, sizeof(*f));
	f->regs = calloc(1, IGB_PF_BAR0_SIZE);
	memcpy(f->perm_mac, perm_mac, 6);
	reset(f);
	f->bar.base = (uint8_t *)f->regs;
	f->bar.len = IGB_PF_BAR0_SIZE;
	f->bar.hooks = &hooks;
	f->bar.hook_ctx = f;
}

void
fake_pf_fini(struct fake_pf *f)
{
	free(f->regs);
	f->regs = NULL;
}

uint32_t
fake_pf_reg(const struct fake_pf *f, uint32_t off)
{
	return REG(f, off);
}

void
fake_pf_set_reg(struct fake_pf *f, uint32_t off, uint32_t val)
{
	REG(f, off) = val;
}

void
fake_vf_send(struct fake_pf *f, uint16_t vf, const uint32_t *w, int n)
{
	int i;

	/* Whatever the VF did not write is left over from before. */
	for (i = 0; i < IGB_MBX_WORDS; i++)
		REG(f, IGB_PF_VMBMEM(vf) + 4 * i) = i < n ? w[i] : 0xDEAD0000u + i;
	REG(f, IGB_MBVFICR) |= IGB_MBVFICR_VFREQ(vf);
	REG(f, IGB_ICR) |= IGB_ICR_VMMB;
}

void
fake_vf_ack(struct fake_pf *f, uint16_t vf)
{
	REG(f, IGB_MBVFICR) |= IGB_MBVFICR_VFACK(vf);
	REG(f, IGB_ICR) |= IGB_ICR_VMMB;
}

void
fake_vf_flr(struct fake_pf *f, uint16_t vf)
{
	REG(f, IGB_VFLRE) |= 1u << vf;
	if (!f->flr_keeps_pools) {
		REG(f, IGB_VFRE) &= ~(1u << vf);
		REG(f, IGB_VFTE) &= ~(1u << vf);
	}
	REG(f, IGB_ICR) |= IGB_ICR_VMMB;
}

uint32_t
fake_vf_last(const struct fake_pf *f, uint16_t vf, int seen)
{
	return f->nb_posted[vf] > seen ? f->posted[vf][0] : 0;
}
