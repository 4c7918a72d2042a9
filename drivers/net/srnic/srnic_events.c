/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port events: link changes, PF resets (RSTI/RSTD in the mailbox), PF
 * control messages, mailbox timeouts. A control thread looks at every port
 * periodically; srnic_dev_check_events() does the same on demand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_lcore.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

#define MAX_CALLBACKS 16

static pthread_t event_thread;
static bool thread_running;
static volatile bool thread_stop;
static uint32_t thread_period_ms = SRNIC_EVENT_PERIOD_MS;
/* Guards every port's callback lists. */
static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const event_names[SRNIC_EVENT_MAX] = {
	[SRNIC_EVENT_LINK_CHANGE] = "link change",
	[SRNIC_EVENT_RESET_NEEDED] = "reset needed",
	[SRNIC_EVENT_PF_MESSAGE] = "PF message",
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
	SRNIC_DRV_LOG(WARNING, port, "%s: the port needs srnic_dev_reset()", why);
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

bool
srnic_link_now(const struct srnic_port *port)
{
	return !port->reset_needed && port->pf_link_ok &&
		(srnic_read32(port->bar, IGB_VF_STATUS) & IGB_STATUS_LU) != 0;
}

void
srnic_events_poll_port(struct srnic_port *port)
{
	struct srnic_mbx_msg msg;
	uint32_t v2p;
	bool up;

	if (port->bar == NULL)
		return;
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
	up = srnic_link_now(port);
	if (up != port->link_up) {
		port->link_up = up;
		SRNIC_DRV_LOG(INFO, port, "link %s", up ? "up" : "down");
		srnic_event_raise(port, SRNIC_EVENT_LINK_CHANGE);
	}
	srnic_hw_stats_update(port);
}

void
srnic_events_deliver(struct srnic_port *port)
{
	struct srnic_callback copy[MAX_CALLBACKS];
	struct srnic_callback *cb;
	uint32_t pending;
	int e, n;

	pthread_mutex_lock(&port->lock);
	pending = port->pending_events;
	port->pending_events = 0;
	pthread_mutex_unlock(&port->lock);
	for (e = 0; e < SRNIC_EVENT_MAX; e++) {
		if (!(pending & (1u << e)))
			continue;
		n = 0;
		pthread_mutex_lock(&cb_lock);
		TAILQ_FOREACH(cb, &port->callbacks[e], next)
			if (n < MAX_CALLBACKS)
				copy[n++] = *cb;
		pthread_mutex_unlock(&cb_lock);
		SRNIC_DRV_LOG(DEBUG, port, "event: %s (%d callbacks)", event_names[e], n);
		while (n-- > 0)
			copy[n].cb(port->port_id, (enum srnic_event)e, copy[n].arg);
	}
}

static void
poll_one(struct srnic_port *port, void *arg)
{
	(void)arg;
	/* A control call holding the lock is talking to the PF: skip this
	 * round rather than read its mailbox replies. */
	if (pthread_mutex_trylock(&port->lock) != 0)
		return;
	srnic_events_poll_port(port);
	pthread_mutex_unlock(&port->lock);
	srnic_events_deliver(port);
}

static void *
event_loop(void *arg)
{
	(void)arg;
	while (!thread_stop) {
		srnic_for_each_port(poll_one, NULL);
		usleep(thread_period_ms * 1000);
	}
	return NULL;
}

int
srnic_events_start(uint32_t period_ms)
{
	int ret;

	if (period_ms < thread_period_ms)
		thread_period_ms = period_ms;
	if (thread_running)
		return 0;
	thread_stop = false;
	ret = rte_ctrl_thread_create(&event_thread, "srnic-events", NULL, event_loop, NULL);
	if (ret != 0) {
		SRNIC_PLAIN_LOG(ERR, "cannot start the event thread: %s", strerror(ret));
		return -ret;
	}
	thread_running = true;
	return 0;
}

void
srnic_events_stop(void)
{
	if (!thread_running)
		return;
	thread_stop = true;
	pthread_join(event_thread, NULL);
	thread_running = false;
	thread_period_ms = SRNIC_EVENT_PERIOD_MS;
}

int
srnic_dev_check_events(uint16_t port_id)
{
	struct srnic_port *port = srnic_port_get(port_id);

	if (port == NULL) {
		rte_errno = ENODEV;
		return -ENODEV;
	}
	pthread_mutex_lock(&port->lock);
	srnic_events_poll_port(port);
	pthread_mutex_unlock(&port->lock);
	srnic_events_deliver(port);
	return 0;
}

int
srnic_link_get(uint16_t port_id, struct srnic_link *link)
{
	struct srnic_port *port = srnic_port_get(port_id);
	uint32_t status;

	if (port == NULL || link == NULL) {
		rte_errno = ENODEV;
		return -ENODEV;
	}
	status = srnic_read32(port->bar, IGB_VF_STATUS);
	memset(link, 0, sizeof(*link));
	link->up = port->link_up;
	link->full_duplex = (status & IGB_STATUS_FD) != 0;
	if (link->up)
		link->speed_mbps = (status & IGB_STATUS_SPEED_1000) ? 1000 :
			(status & IGB_STATUS_SPEED_100) ? 100 : 10;
	return 0;
}

int
srnic_callback_register(uint16_t port_id, enum srnic_event event, srnic_event_cb cb, void *arg)
{
	struct srnic_port *port = srnic_port_get(port_id);
	struct srnic_callback *c;

	if (port == NULL || cb == NULL || (unsigned int)event >= SRNIC_EVENT_MAX) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	c->event = event;
	c->cb = cb;
	c->arg = arg;
	pthread_mutex_lock(&cb_lock);
	TAILQ_INSERT_TAIL(&port->callbacks[event], c, next);
	pthread_mutex_unlock(&cb_lock);
	return 0;
}

int
srnic_callback_unregister(uint16_t port_id, enum srnic_event event, srnic_event_cb cb,
	void *arg)
{
	struct srnic_port *port = srnic_port_get(port_id);
	struct srnic_callback *c;

	if (port == NULL || (unsigned int)event >= SRNIC_EVENT_MAX) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&cb_lock);
	TAILQ_FOREACH(c, &port->callbacks[event], next) {
		if (c->cb == cb && c->arg == arg) {
			TAILQ_REMOVE(&port->callbacks[event], c, next);
			pthread_mutex_unlock(&cb_lock);
			free(c);
			return 0;
		}
	}
	pthread_mutex_unlock(&cb_lock);
	rte_errno = ENOENT;
	return -ENOENT;
}
