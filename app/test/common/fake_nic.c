/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>
#include <string.h>

#include <linux/pci_regs.h>

#include <rte_common.h>

#include "igb_mbx.h"
#include "fake_nic.h"

uint32_t
fake_nic_reg(const struct fake_nic *nic, uint32_t off)
{
	uint32_t v;

	memcpy(&v, nic->regs + off, 4);
	return v;
}

void
fake_nic_set_reg(struct fake_nic *nic, uint32_t off, uint32_t val)
{
	memcpy(nic->regs + off, &val, 4);
}

static bool
enable_held(const struct fake_nic *nic, uint32_t off)
{
	unsigned int i;

	for (i = 0; i < nic->nb_enable_held; i++)
		if (nic->enable_held[i] == off)
			return true;
	return false;
}

/* CTRL.RST: the VF's queues stop, whatever held them, and the bit clears. */
static void
vf_reset(struct fake_nic *nic)
{
	uint16_t q;

	nic->resets++;
	nic->nb_enable_held = 0;
	for (q = 0; q < IGB_VF_MAX_QUEUES_82576; q++) {
		fake_nic_set_reg(nic, IGB_VF_RXDCTL(q), fake_nic_reg(nic, IGB_VF_RXDCTL(q)) &
			~IGB_DCTL_ENABLE);
		fake_nic_set_reg(nic, IGB_VF_TXDCTL(q), fake_nic_reg(nic, IGB_VF_TXDCTL(q)) &
			~IGB_DCTL_ENABLE);
	}
}

/* The PF answers what the VF posted: the reset with its MAC (or a NACK
 * when it has none), anything else with an ACK. */
static void
pf_answer(struct fake_nic *nic)
{
	static const uint8_t no_mac[6];
	uint32_t w0 = fake_nic_reg(nic, IGB_VF_VMBMEM);
	uint32_t mac[2] = { 0, 0 };

	if (nic->pf_silent)
		return;
	nic->v2p_r2c |= IGB_V2P_PFACK;
	if (igb_msg_id(w0) != IGB_MSG_VF_RESET) {
		fake_nic_set_reg(nic, IGB_VF_VMBMEM, w0 | IGB_MSG_ACK | IGB_MSG_CTS);
	} else if (memcmp(nic->pf_mac, no_mac, sizeof(no_mac)) == 0) {
		fake_nic_set_reg(nic, IGB_VF_VMBMEM, IGB_MSG_VF_RESET | IGB_MSG_NACK);
	} else {
		igb_msg_put_mac(mac, nic->pf_mac);
		fake_nic_set_reg(nic, IGB_VF_VMBMEM, IGB_MSG_VF_RESET | IGB_MSG_ACK);
		fake_nic_set_reg(nic, IGB_VF_VMBMEM + 4, mac[0]);
		fake_nic_set_reg(nic, IGB_VF_VMBMEM + 8, mac[1]);
	}
	nic->v2p_r2c |= IGB_V2P_PFSTS;
}

static uint32_t
hook_read(void *ctx, uint32_t off)
{
	struct fake_nic *nic = ctx;
	uint32_t v;

	if (!(nic->pci_command & PCI_COMMAND_MEMORY))
		return 0;
	if (off != IGB_VF_V2PMAILBOX)
		return fake_nic_reg(nic, off);
	v = nic->v2p_live | nic->v2p_r2c;
	nic->v2p_r2c = 0;
	return v;
}

static void
hook_write(void *ctx, uint32_t off, uint32_t val)
{
	struct fake_nic *nic = ctx;

	if (!(nic->pci_command & PCI_COMMAND_MEMORY))
		return;
	if (off == IGB_VF_V2PMAILBOX) {
		if (val & IGB_V2P_VFU)
			nic->v2p_live |= IGB_V2P_VFU;
		if (val & (IGB_V2P_REQ | IGB_V2P_ACK))
			nic->v2p_live &= ~IGB_V2P_VFU;
		if (val & IGB_V2P_REQ)
			pf_answer(nic);
		return;
	}
	if (off == IGB_VF_CTRL && (val & IGB_VF_CTRL_RST)) {
		vf_reset(nic);
		val &= ~IGB_VF_CTRL_RST;
	}
	if (enable_held(nic, off))
		val |= IGB_DCTL_ENABLE;
	fake_nic_set_reg(nic, off, val);
}

static int
hook_pci_command(void *ctx, uint16_t *cmd, bool write)
{
	struct fake_nic *nic = ctx;

	if (write)
		nic->pci_command = *cmd;
	else
		*cmd = nic->pci_command;
	return 0;
}

static const struct srnic_bar_hooks hooks = {
	.read32 = hook_read, .write32 = hook_write, .pci_command = hook_pci_command,
};

void
fake_nic_init(struct fake_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->regs = calloc(1, IGB_VF_BAR0_SIZE);
	nic->bar.base = nic->regs;
	nic->bar.len = IGB_VF_BAR0_SIZE;
	nic->bar.hooks = &hooks;
	nic->bar.hook_ctx = nic;
	nic->pci_command = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
}

void
fake_nic_fini(struct fake_nic *nic)
{
	free(nic->regs);
	nic->regs = NULL;
}

void
fake_nic_hold_enable(struct fake_nic *nic, uint32_t dctl_reg)
{
	if (nic->nb_enable_held < RTE_DIM(nic->enable_held))
		nic->enable_held[nic->nb_enable_held++] = dctl_reg;
	fake_nic_set_reg(nic, dctl_reg, fake_nic_reg(nic, dctl_reg) | IGB_DCTL_ENABLE);
}

void
fake_nic_pf_send(struct fake_nic *nic, const uint32_t *w, int n)
{
	int i;

	for (i = 0; i < n && i < IGB_MBX_WORDS; i++)
		fake_nic_set_reg(nic, IGB_VF_VMBMEM + 4 * i, w[i]);
	nic->v2p_r2c |= IGB_V2P_PFSTS;
}

static void *
ring_of(const struct fake_nic *nic, uint32_t bal, uint32_t bah)
{
	uint64_t iova = ((uint64_t)fake_nic_reg(nic, bah) << 32) | fake_nic_reg(nic, bal);

	return (void *)(uintptr_t)iova;
}

uint16_t
fake_nic_rx_room(const struct fake_nic *nic, uint16_t q)
{
	uint16_t n = fake_nic_reg(nic, IGB_VF_RDLEN(q)) / 16;
	uint16_t tail = fake_nic_reg(nic, IGB_VF_RDT(q));

	if (n == 0 || !(fake_nic_reg(nic, IGB_VF_RXDCTL(q)) & IGB_DCTL_ENABLE))
		return 0;
	return (uint16_t)((tail + n - nic->rx_head[q]) % n);
}

bool
fake_nic_rx_frame(struct fake_nic *nic, uint16_t q, const void *data, uint32_t len,
	uint32_t status_extra)
{
	union igb_rx_desc *ring = ring_of(nic, IGB_VF_RDBAL(q), IGB_VF_RDBAH(q));
	uint32_t buf = (fake_nic_reg(nic, IGB_VF_SRRCTL(q)) & IGB_SRRCTL_BSIZEPKT_MASK) << 10;
	uint16_t n = fake_nic_reg(nic, IGB_VF_RDLEN(q)) / 16;
	uint32_t need = (len + buf - 1) / buf, off = 0;

	if (buf == 0 || need > fake_nic_rx_room(nic, q))
		return false;
	while (off < len) {
		union igb_rx_desc *d = &ring[nic->rx_head[q]];
		uint32_t chunk = len - off < buf ? len - off : buf;
		uint32_t status = IGB_RXD_STAT_DD | status_extra;

		memcpy((void *)(uintptr_t)d->read.pkt_addr, (const uint8_t *)data + off, chunk);
		off += chunk;
		if (off == len)
			status |= IGB_RXD_STAT_EOP;
		else
			status &= ~IGB_RXD_ERR_FRAME;	/* errors only on the last */
		d->wb.pkt_info = 0;
		d->wb.hash = 0;
		d->wb.length = (uint16_t)chunk;
		d->wb.vlan = nic->rx_vlan;
		d->wb.status_error = status;	/* DD last, as the NIC does */
		nic->rx_head[q] = (uint16_t)((nic->rx_head[q] + 1) % n);
	}
	fake_nic_set_reg(nic, IGB_VF_RDH(q), nic->rx_head[q]);
	return true;
}

uint32_t
fake_nic_tx_process(struct fake_nic *nic, uint16_t q, struct fake_tx_frame *out, uint32_t max)
{
	union igb_tx_desc *ring = ring_of(nic, IGB_VF_TDBAL(q), IGB_VF_TDBAH(q));
	uint16_t n = fake_nic_reg(nic, IGB_VF_TDLEN(q)) / 16;
	uint16_t tail = fake_nic_reg(nic, IGB_VF_TDT(q));
	struct fake_tx_frame scratch, *f = NULL;
	uint32_t frames = 0;
	bool ctx = false;
	uint32_t ctx_vm = 0, ctx_tu = 0, ctx_ml = 0;

	if (n == 0 || !(fake_nic_reg(nic, IGB_VF_TXDCTL(q)) & IGB_DCTL_ENABLE))
		return 0;
	while (nic->tx_head[q] != tail) {
		union igb_tx_desc *d = &ring[nic->tx_head[q]];
		uint32_t cmd = d->data.cmd_type_len;

		if ((cmd & (0xFu << 20)) == IGB_TXD_DTYP_CTXT) {
			ctx = true;
			ctx_vm = d->ctx.vlan_macip_lens;
			ctx_tu = d->ctx.type_tucmd_mlhl;
			ctx_ml = d->ctx.mss_l4len_idx;
		} else {
			uint32_t len = cmd & IGB_TXD_DTALEN_MASK;

			if (f == NULL) {
				f = frames < max ? &out[frames] : &scratch;
				f->len = 0;
				f->segs = 0;
				f->cmd_first = cmd;
				f->olinfo_first = d->data.olinfo_status;
				f->had_context = ctx;
				f->ctx_vlan_macip = ctx_vm;
				f->ctx_tucmd = ctx_tu;
				f->ctx_mss_l4len = ctx_ml;
				ctx = false;
			}
			if (f->len + len <= sizeof(f->data))
				memcpy(f->data + f->len, (void *)(uintptr_t)d->data.buffer_addr, len);
			f->len += len;
			f->segs++;
			if (cmd & IGB_TXD_CMD_RS)
				d->data.olinfo_status |= IGB_TXD_STAT_DD;
			if (cmd & IGB_TXD_CMD_EOP) {
				frames++;
				f = NULL;
			}
		}
		nic->tx_head[q] = (uint16_t)((nic->tx_head[q] + 1) % n);
	}
	fake_nic_set_reg(nic, IGB_VF_TDH(q), nic->tx_head[q]);
	return frames;
}
