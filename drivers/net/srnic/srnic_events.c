/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port events: link changes, PF resets (RSTI/RSTD in the mailbox), PF
 * control messages, mailbox timeouts. An EAL alarm looks at each port
 * periodically from EAL's interrupt thread, where ethdev callbacks of other
 * drivers' link interrupts run too; rte_pmd_srnic_check_events() does the
 * same on demand.
 */
#include <errno.h>
#include <string.h>

#include <rte_alarm.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

static const enum rte_eth_event_type ethdev_events[SRNIC_EVENT_MAX] = {
	[SRNIC_EVENT_LINK_CHANGE] = RTE_ETH_EVENT_INTR_LSC,
	[SRNIC_EVENT_RESET_NEEDED] = RTE_ETH_EVENT_INTR_RESET,
	[SRNIC_EVENT_PF_MESSAGE] = RTE_ETH_EVENT_VF_MBOX,
};

void
srnic_event_raise(struct srnic_port *port, enum srnic_event event)
{
	port->pending_events |= 1u << event;
}

void
srnic_mark_reset_needed(struct srnic_port *port, const char *why)
{
	if (port->reset_needed)
		return;
	port->reset_needed = true;
	SRNIC_DRV_LOG(WARNING, port, "%s: the port needs rte_eth_dev_reset()", why);
	srnic_event_raise(port, SRNIC_EVENT_RESET_NEEDED);
	if (port->link_up) {
		port->link_up = false;
		srnic_event_raise(port, SRNIC_EVENT_LINK_CHANGE);
	}
}

/* A PF_CONTROL message, read as Linux igbvf reads it: CTS means the VF may
 * consider its link up; NACK without CTS asks it to initialise again;
 * neither means the PF holds the VF's link down (an administrator's link
 * state, or the PF going down). */
static void
handle_pf_message(struct srnic_port *port, uint32_t w0)
{
	SRNIC_MBX_LOG(DEBUG, port, "PF message 0x%08x", w0);
	srnic_event_raise(port, SRNIC_EVENT_PF_MESSAGE);
	if (igb_msg_id(w0) != IGB_MSG_PF_CONTROL)
		return;
	if (w0 & IGB_MSG_CTS)
		port->pf_link_ok = true;
	else if (w0 & IGB_MSG_NACK)
		srnic_mark_reset_needed(port, "the PF asked the VF to reinitialise");
	else
		port->pf_link_ok = false;
}

static bool
link_up_with(const struct srnic_port *port, uint32_t status)
{
	return !port->reset_needed && port->pf_link_ok && (status & IGB_STATUS_LU) != 0;
}

bool
srnic_link_now(const struct srnic_port *port)
{
	return link_up_with(port, srnic_read32(port->bar, IGB_VF_STATUS));
}

/* A BAR that reads all zeros or all ones may no longer be decoded: after
 * a PF reset the mailbox cannot say so, the PCI command register can. */
static bool
bar_gone(const struct srnic_port *port, uint32_t status)
{
	return (status == 0 || status == UINT32_MAX) && srnic_pci_command_lost(port);
}

void
srnic_events_poll_port(struct srnic_port *port)
{
	struct srnic_mbx_msg msg;
	uint32_t v2p, status;
	bool up;

	if (port->bar == NULL)
		return;
	status = srnic_read32(port->bar, IGB_VF_STATUS);
	if (bar_gone(port, status)) {
		/* Nothing the BAR reads means anything now, counters included. */
		srnic_mark_reset_needed(port, "the VF lost its PCI memory space or bus master "
			"(the PF was reset)");
		return;
	}
	v2p = srnic_vf_mbx_peek(&port->mbx);
	if (v2p & (IGB_V2P_RSTI | IGB_V2P_RSTD)) {
		if (v2p & IGB_V2P_RSTD)
			port->mbx.pf_resets++;
		port->mbx.sticky &= ~IGB_V2P_RSTD;
		srnic_mark_reset_needed(port, (v2p & IGB_V2P_RSTI) ? "the PF is resetting" :
			"the PF was reset");
	} else if (srnic_vf_mbx_read_pending(&port->mbx, &msg, 1) == 0) {
		handle_pf_message(port, msg.w[0]);
	}
	up = link_up_with(port, status);
	if (up != port->link_up) {
		port->link_up = up;
		SRNIC_DRV_LOG(INFO, port, "link %s", up ? "up" : "down");
		srnic_event_raise(port, SRNIC_EVENT_LINK_CHANGE);
	}
	srnic_hw_stats_update(port);
}

/* Tell ethdev the link as the port sees it; 0 if it changed, else -1, as
 * rte_eth_linkstatus_set() answers. The port's view is current: the event
 * check keeps it, so there is nothing to wait for. */
int
srnic_dev_link_update(struct rte_eth_dev *dev, int wait_to_complete)
{
	struct srnic_port *port = srnic_port_of(dev);
	struct rte_eth_link link;
	uint32_t status;

	memset(&link, 0, sizeof(link));
	link.link_autoneg = RTE_ETH_LINK_AUTONEG;
	if (port->link_up) {
		status = srnic_read32(port->bar, IGB_VF_STATUS);
		link.link_status = RTE_ETH_LINK_UP;
		link.link_duplex = (status & IGB_STATUS_FD) ? RTE_ETH_LINK_FULL_DUPLEX :
			RTE_ETH_LINK_HALF_DUPLEX;
		link.link_speed = (status & IGB_STATUS_SPEED_1000) ? RTE_ETH_SPEED_NUM_1G :
			(status & IGB_STATUS_SPEED_100) ? RTE_ETH_SPEED_NUM_100M :
			RTE_ETH_SPEED_NUM_10M;
	}
	RTE_SET_USED(wait_to_complete);
	return rte_eth_linkstatus_set(dev, &link);
}

void
srnic_events_deliver(struct srnic_port *port)
{
	struct rte_eth_dev *dev = &rte_eth_devices[port->port_id];
	uint32_t pending;
	int e;

	pthread_mutex_lock(&port->lock);
	pending = port->pending_events;
	port->pending_events = 0;
	pthread_mutex_unlock(&port->lock);
	if (pending & (1u << SRNIC_EVENT_LINK_CHANGE))
		srnic_dev_link_update(dev, 0);
	for (e = 0; e < SRNIC_EVENT_MAX; e++) {
		if (!(pending & (1u << e)))
			continue;
		SRNIC_DRV_LOG(DEBUG, port, "event %d for ethdev callbacks", e);
		rte_eth_dev_callback_process(dev, ethdev_events[e], NULL);
	}
}

static void
event_alarm(void *arg)
{
	struct srnic_port *port = arg;

	/* A control call holding the lock is talking to the PF: skip this
	 * round rather than read its mailbox replies. */
	if (pthread_mutex_trylock(&port->lock) == 0) {
		srnic_events_poll_port(port);
		pthread_mutex_unlock(&port->lock);
		srnic_events_deliver(port);
	}
	if (rte_eal_alarm_set(port->event_period_ms * 1000ULL, event_alarm, port) != 0)
		SRNIC_DRV_LOG(ERR, port, "cannot re-arm the event check: link and PF resets "
			"are now seen only through rte_pmd_srnic_check_events()");
}

int
srnic_events_start(struct srnic_port *port)
{
	int ret = rte_eal_alarm_set(port->event_period_ms * 1000ULL, event_alarm, port);

	if (ret != 0) {
		SRNIC_INIT_LOG(ERR, port, "cannot start the periodic event check: %s",
			strerror(-ret));
		return ret;
	}
	port->event_alarm_set = true;
	return 0;
}

/* Waits for a running check to finish (unless called from one). */
void
srnic_events_stop(struct srnic_port *port)
{
	if (!port->event_alarm_set)
		return;
	rte_eal_alarm_cancel(event_alarm, port);
	port->event_alarm_set = false;
}
