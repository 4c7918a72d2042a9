/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics: the driver's per-queue counters (exact, what the app got and
 * gave), the VF's 32-bit hardware counters extended to 64 bits, mailbox
 * counters, and the register dump.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

static const uint32_t hw_regs[SRNIC_HW_STAT_MAX] = {
	[SRNIC_HW_GPRC] = IGB_VF_GPRC, [SRNIC_HW_GPTC] = IGB_VF_GPTC,
	[SRNIC_HW_GORC] = IGB_VF_GORC, [SRNIC_HW_GOTC] = IGB_VF_GOTC,
	[SRNIC_HW_MPRC] = IGB_VF_MPRC, [SRNIC_HW_GPRLBC] = IGB_VF_GPRLBC,
	[SRNIC_HW_GPTLBC] = IGB_VF_GPTLBC, [SRNIC_HW_GORLBC] = IGB_VF_GORLBC,
	[SRNIC_HW_GOTLBC] = IGB_VF_GOTLBC,
};

static const char *const hw_names[SRNIC_HW_STAT_MAX] = {
	[SRNIC_HW_GPRC] = "rx_hw_packets", [SRNIC_HW_GPTC] = "tx_hw_packets",
	[SRNIC_HW_GORC] = "rx_hw_bytes", [SRNIC_HW_GOTC] = "tx_hw_bytes",
	[SRNIC_HW_MPRC] = "rx_hw_multicast_packets",
	[SRNIC_HW_GPRLBC] = "rx_hw_loopback_packets",
	[SRNIC_HW_GPTLBC] = "tx_hw_loopback_packets",
	[SRNIC_HW_GORLBC] = "rx_hw_loopback_bytes",
	[SRNIC_HW_GOTLBC] = "tx_hw_loopback_bytes",
};

/* After probe or a reset the registers may have restarted: take the
 * current readings as the new starting point, keep the totals. */
void
srnic_hw_stats_init(struct srnic_port *port)
{
	int i;

	for (i = 0; i < SRNIC_HW_STAT_MAX; i++) {
		port->hw[i].reg = hw_regs[i];
		port->hw[i].last = srnic_read32(port->bar, hw_regs[i]);
	}
}

/* The counters wrap modulo 2^32 and are not cleared by reading: add the
 * difference since the last reading (the event thread reads often enough
 * that at most one wrap can happen in between). */
void
srnic_hw_stats_update(struct srnic_port *port)
{
	int i;

	for (i = 0; i < SRNIC_HW_STAT_MAX; i++) {
		uint32_t now = srnic_read32(port->bar, port->hw[i].reg);

		port->hw[i].total += (uint32_t)(now - port->hw[i].last);
		port->hw[i].last = now;
	}
}

int
srnic_dev_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	const struct srnic_port *port = srnic_port_of(dev);
	uint16_t q;

	st->rx_nombuf = 0;
	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		const struct srnic_rxq *rxq = port->rxq[q];
		const struct srnic_txq *txq = port->txq[q];

		if (rxq != NULL) {
			if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
				st->q_ipackets[q] = rxq->packets;
				st->q_ibytes[q] = rxq->bytes;
				st->q_errors[q] = rxq->errors;
			}
			st->ipackets += rxq->packets;
			st->ibytes += rxq->bytes;
			st->ierrors += rxq->errors;
			st->rx_nombuf += rxq->nombuf;
		}
		if (txq != NULL) {
			if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
				st->q_opackets[q] = txq->packets;
				st->q_obytes[q] = txq->bytes;
			}
			st->opackets += txq->packets;
			st->obytes += txq->bytes;
			st->oerrors += txq->errors;
		}
	}
	return 0;
}

int
srnic_dev_stats_reset(struct rte_eth_dev *dev)
{
	struct srnic_port *port = srnic_port_of(dev);
	uint16_t q;
	int i;

	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		struct srnic_rxq *rxq = port->rxq[q];
		struct srnic_txq *txq = port->txq[q];

		if (rxq != NULL) {
			rxq->packets = rxq->bytes = rxq->errors = rxq->nombuf = 0;
			rxq->err_crc = rxq->err_frame = 0;
		}
		if (txq != NULL)
			txq->packets = txq->bytes = txq->errors = 0;
	}
	pthread_mutex_lock(&port->lock);
	srnic_hw_stats_update(port);
	for (i = 0; i < SRNIC_HW_STAT_MAX; i++)
		port->hw[i].base = port->hw[i].total;
	port->mbx.sent = port->mbx.acked = port->mbx.nacked = 0;
	port->mbx.timeouts = port->mbx.pf_msgs = 0;
	pthread_mutex_unlock(&port->lock);
	return 0;
}

/* Driver counters beyond rte_eth_stats (ethdev adds its own basic and
 * per-queue xstats in front of these). */
enum {
	XS_RX_CRC_ERRORS, XS_RX_FRAME_ERRORS, XS_MBX_SENT, XS_MBX_ACKED, XS_MBX_NACKED,
	XS_MBX_TIMEOUTS, XS_PF_MESSAGES, XS_PF_RESETS, XS_PORT_RESETS, XS_DRIVER_MAX
};

static const char *const driver_names[XS_DRIVER_MAX] = {
	[XS_RX_CRC_ERRORS] = "rx_crc_errors", [XS_RX_FRAME_ERRORS] = "rx_frame_errors",
	[XS_MBX_SENT] = "mbox_requests", [XS_MBX_ACKED] = "mbox_acks",
	[XS_MBX_NACKED] = "mbox_nacks", [XS_MBX_TIMEOUTS] = "mbox_timeouts",
	[XS_PF_MESSAGES] = "pf_messages", [XS_PF_RESETS] = "pf_resets_seen",
	[XS_PORT_RESETS] = "port_resets",
};

#define XS_COUNT (SRNIC_HW_STAT_MAX + XS_DRIVER_MAX)

int
srnic_dev_xstats_get_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
	unsigned int n)
{
	unsigned int i, k = 0;

	RTE_SET_USED(dev);
	if (names == NULL || n < XS_COUNT)
		return XS_COUNT;
	for (i = 0; i < SRNIC_HW_STAT_MAX; i++)
		snprintf(names[k++].name, RTE_ETH_XSTATS_NAME_SIZE, "%s", hw_names[i]);
	for (i = 0; i < XS_DRIVER_MAX; i++)
		snprintf(names[k++].name, RTE_ETH_XSTATS_NAME_SIZE, "%s", driver_names[i]);
	return XS_COUNT;
}

static void
rx_error_counts(const struct srnic_port *port, uint64_t *crc, uint64_t *frame)
{
	uint16_t q;

	*crc = *frame = 0;
	for (q = 0; q < SRNIC_MAX_QUEUES; q++) {
		if (port->rxq[q] != NULL) {
			*crc += port->rxq[q]->err_crc;
			*frame += port->rxq[q]->err_frame;
		}
	}
}

int
srnic_dev_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int n)
{
	struct srnic_port *port = srnic_port_of(dev);
	uint64_t drv[XS_DRIVER_MAX];
	unsigned int i, k = 0;

	if (xs == NULL || n < XS_COUNT)
		return XS_COUNT;
	pthread_mutex_lock(&port->lock);
	/* A secondary process reads the counters as the primary left them:
	 * only the primary polls the registers. */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		srnic_hw_stats_update(port);
	for (i = 0; i < SRNIC_HW_STAT_MAX; i++, k++) {
		xs[k].id = k;
		xs[k].value = port->hw[i].total - port->hw[i].base;
	}
	rx_error_counts(port, &drv[XS_RX_CRC_ERRORS], &drv[XS_RX_FRAME_ERRORS]);
	drv[XS_MBX_SENT] = port->mbx.sent;
	drv[XS_MBX_ACKED] = port->mbx.acked;
	drv[XS_MBX_NACKED] = port->mbx.nacked;
	drv[XS_MBX_TIMEOUTS] = port->mbx.timeouts;
	drv[XS_PF_MESSAGES] = port->mbx.pf_msgs;
	drv[XS_PF_RESETS] = port->mbx.pf_resets;
	drv[XS_PORT_RESETS] = port->resets;
	pthread_mutex_unlock(&port->lock);
	for (i = 0; i < XS_DRIVER_MAX; i++, k++) {
		xs[k].id = k;
		xs[k].value = drv[i];
	}
	return XS_COUNT;
}

/* Registers in the dump: everything a VF driver programs or reads. */
static const struct {
	const char *name;
	uint32_t off;
} dump_regs[] = {
	{ "CTRL", IGB_VF_CTRL }, { "STATUS", IGB_VF_STATUS },
	{ "V2PMAILBOX", IGB_VF_V2PMAILBOX }, { "EIMS", IGB_VF_EIMS },
	{ "EIAC", IGB_VF_EIAC }, { "EIAM", IGB_VF_EIAM }, { "IVAR0", IGB_VF_IVAR0 },
	{ "IVAR_MISC", IGB_VF_IVAR_MISC },
	{ "RDBAL0", IGB_VF_RDBAL(0) }, { "RDBAH0", IGB_VF_RDBAH(0) },
	{ "RDLEN0", IGB_VF_RDLEN(0) }, { "SRRCTL0", IGB_VF_SRRCTL(0) },
	{ "RDH0", IGB_VF_RDH(0) }, { "RDT0", IGB_VF_RDT(0) }, { "RXDCTL0", IGB_VF_RXDCTL(0) },
	{ "RDBAL1", IGB_VF_RDBAL(1) }, { "RDBAH1", IGB_VF_RDBAH(1) },
	{ "RDLEN1", IGB_VF_RDLEN(1) }, { "SRRCTL1", IGB_VF_SRRCTL(1) },
	{ "RDH1", IGB_VF_RDH(1) }, { "RDT1", IGB_VF_RDT(1) }, { "RXDCTL1", IGB_VF_RXDCTL(1) },
	{ "TDBAL0", IGB_VF_TDBAL(0) }, { "TDBAH0", IGB_VF_TDBAH(0) },
	{ "TDLEN0", IGB_VF_TDLEN(0) }, { "TDH0", IGB_VF_TDH(0) }, { "TDT0", IGB_VF_TDT(0) },
	{ "TXDCTL0", IGB_VF_TXDCTL(0) }, { "TDWBAL0", IGB_VF_TDWBAL(0) },
	{ "TDBAL1", IGB_VF_TDBAL(1) }, { "TDBAH1", IGB_VF_TDBAH(1) },
	{ "TDLEN1", IGB_VF_TDLEN(1) }, { "TDH1", IGB_VF_TDH(1) }, { "TDT1", IGB_VF_TDT(1) },
	{ "TXDCTL1", IGB_VF_TXDCTL(1) },
	{ "GPRC", IGB_VF_GPRC }, { "GPTC", IGB_VF_GPTC }, { "GORC", IGB_VF_GORC },
	{ "GOTC", IGB_VF_GOTC }, { "MPRC", IGB_VF_MPRC },
};

int
srnic_dev_get_reg(struct rte_eth_dev *dev, struct rte_dev_reg_info *info)
{
	struct srnic_port *port = srnic_port_of(dev);
	uint32_t *data = info->data;
	uint32_t i;

	info->length = RTE_DIM(dump_regs);
	info->width = sizeof(uint32_t);
	info->offset = 0;
	info->version = port->pci.device;
	if (data == NULL)
		return 0;
	/* V2PMAILBOX reads clear bits: go through the mailbox's sticky copy. */
	pthread_mutex_lock(&port->lock);
	for (i = 0; i < RTE_DIM(dump_regs); i++)
		data[i] = dump_regs[i].off == IGB_VF_V2PMAILBOX ?
			srnic_vf_mbx_peek(&port->mbx) :
			srnic_read32(port->bar, dump_regs[i].off);
	pthread_mutex_unlock(&port->lock);
	return 0;
}

int
srnic_port_dump_regs(struct srnic_port *port, FILE *f)
{
	struct rte_eth_dev *dev = &rte_eth_devices[port->port_id];
	uint32_t data[RTE_DIM(dump_regs)];
	struct rte_dev_reg_info info = { .data = data };
	uint32_t i;

	srnic_dev_get_reg(dev, &info);
	fprintf(f, "net_srnic port %u (%s) registers (VF %04x):\n", port->port_id,
		port->name, info.version);
	for (i = 0; i < info.length; i++)
		fprintf(f, "  %-12s 0x%04x = 0x%08" PRIx32 "\n", dump_regs[i].name,
			dump_regs[i].off, data[i]);
	return 0;
}
