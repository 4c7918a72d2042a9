/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The daemon's one loop: it sleeps in poll(2) on SIGINT/SIGTERM (a
 * signalfd), every PF's mailbox interrupt and the control socket, and
 * serves the PFs after every wake-up. When a PF has no interrupt, a
 * back-off timer wakes it: often while VFs talk, less often while they are
 * quiet.
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
#define LOOP_FDS	(1 + PFD_MAX_PFS + PFD_CTL_FDS)

int
pfd_loop_run(const struct pfd_loop *l)
{
	struct pollfd fds[LOOP_FDS] = { { .fd = l->stop_fd, .events = POLLIN } };
	int backoff = BACKOFF_MIN_MS, wait, line_ms, n, nfds, first_ctl;
	struct signalfd_siginfo si;
	unsigned int i;

	/* Each PF's poll resets its own eventfd: one wake-up serves them all. */
	for (i = 0; i < l->nb_event_fd && i < PFD_MAX_PFS; i++)
		fds[1 + i] = (struct pollfd){ .fd = l->event_fd[i], .events = POLLIN };
	first_ctl = 1 + (int)i;
	while (!pfd_quit) {
		wait = !l->polled ? IDLE_POLL_MS : backoff;
		nfds = first_ctl + pfd_ctl_fds(l->ctl, fds + first_ctl, LOOP_FDS - first_ctl);
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
		pfd_ctl_run(l->ctl, fds + first_ctl, nfds - first_ctl);
		n = l->service(l->arg);
		/* Without the interrupt: sleep longer while the VFs are quiet. */
		if (n > 0)
			backoff = BACKOFF_MIN_MS;
		else if (backoff < BACKOFF_MAX_MS)
			backoff *= 2;
	}
	return 0;
}
