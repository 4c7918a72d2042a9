/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The daemon's one loop: it sleeps in poll(2) on SIGINT/SIGTERM (a
 * signalfd), the PF's mailbox interrupt and the control socket, and serves
 * the PF after every wake-up. Without the interrupt, a back-off timer wakes
 * it: often while the VFs talk, less often while they are quiet.
 */
#include <errno.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "pfd.h"

#define BACKOFF_MIN_MS	1
#define BACKOFF_MAX_MS	64
/* Serve the PF at least this often, for link changes without an interrupt. */
#define IDLE_POLL_MS	1000
#define LOOP_FDS	(2 + PFD_CTL_FDS)

int
pfd_loop_run(const struct pfd_loop *l)
{
	struct pollfd fds[LOOP_FDS] = {
		{ .fd = l->stop_fd, .events = POLLIN },
		{ .fd = l->event_fd, .events = POLLIN },
	};
	int backoff = BACKOFF_MIN_MS, wait, line_ms, n, nfds;
	struct signalfd_siginfo si;

	while (!pfd_quit) {
		wait = l->event_fd >= 0 || !l->polled ? IDLE_POLL_MS : backoff;
		nfds = 2 + pfd_ctl_fds(l->ctl, fds + 2, LOOP_FDS - 2);
		/* A control client's line deadline wakes the loop too. */
		line_ms = pfd_ctl_timeout(l->ctl);
		if (line_ms >= 0 && line_ms < wait)
			wait = line_ms;
		if (poll(fds, (nfds_t)nfds, wait) < 0) {
			if (errno != EINTR)
				return -errno;
			continue;
		}
		if ((fds[0].revents & POLLIN) && read(l->stop_fd, &si, sizeof(si)) == sizeof(si))
			return (int)si.ssi_signo;
		pfd_ctl_run(l->ctl, fds + 2, nfds - 2);
		n = l->service(l->arg);
		/* Without the interrupt: sleep longer while the VFs are quiet. */
		if (n > 0)
			backoff = BACKOFF_MIN_MS;
		else if (backoff < BACKOFF_MAX_MS)
			backoff *= 2;
	}
	return 0;
}
