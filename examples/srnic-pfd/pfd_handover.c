/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Upgrading srnic-pfd without a PF or VF reset: the new daemon
 * ("srnic-pfd ... -- -c CONFIG --takeover") connects to the running one's
 * control socket and says "handover 1". The running daemon exports every
 * PF (srnic_pf_handover_export), stops serving them, and sends one message:
 * a header, with SCM_RIGHTS the control socket and each PF's vfio and
 * eventfd descriptors, then each PF's snapshot. The new daemon imports
 * them (the library checks each snapshot against the NIC) and answers
 * "taken", or "refused: why". The old one answers "taken" with "bye" and
 * exits without touching a PF; the new one serves only once it has "bye",
 * so the two never serve at once. Anything else (a refusal, a new daemon
 * that dies or stays silent for PFD_HANDOVER_MS) and the old daemon serves
 * again, as if nothing had happened: VF requests posted meanwhile wait in
 * the mailbox either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pfd.h"

#define PROTO			1
#define MAGIC			"SRNICPFD"
#define PFD_HANDOVER_MS		3000	/* the old daemon waits this long for "taken" */
#define FDS_MAX			(1 + PFD_MAX_PFS * SRNIC_PF_HANDOVER_FDS)

struct handover_pf {
	char pci[SRNIC_PF_NAME_LEN];
	uint32_t state_len;
	uint8_t has_fd[SRNIC_PF_HANDOVER_FDS];	/* which of the PF's fds came */
};

struct handover_hdr {
	char magic[8];
	uint32_t proto;
	uint32_t nb_pf;
	uint32_t nb_fds;			/* the control socket first */
	uint32_t pid;				/* of the old daemon */
	uint64_t stopped_ms;			/* CLOCK_MONOTONIC, the first export */
	uint64_t sock_dev;			/* the socket file the old daemon */
	uint64_t sock_ino;			/*   made, to remove at exit */
	struct handover_pf pf[PFD_MAX_PFS];
};

/* Read one line (without its newline) from @fd within @ms; false on EOF,
 * error or time out. */
static bool
read_line(int fd, char *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint64_t end = pfd_now_ms() + (uint64_t)ms;
	size_t used = 0;
	ssize_t n;

	while (used < len - 1) {
		int left = (int)(end - pfd_now_ms());

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return false;
		n = recv(fd, buf + used, 1, 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			return false;
		if (buf[used] == '\n')
			break;
		used++;
	}
	buf[used] = '\0';
	return true;
}

static void
say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(int fd, const char *fmt, ...)
{
	char line[PFD_LINE_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	pfd_sock_send(fd, line, (size_t)n);
}

static bool
send_fds(int fd, const void *buf, size_t len, const int *fds, unsigned int nb)
{
	char ctl[CMSG_SPACE(sizeof(int) * FDS_MAX)];
	struct iovec iov = { .iov_base = (void *)(uintptr_t)buf, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl, .msg_controllen = CMSG_SPACE(sizeof(int) * nb),
	};
	struct cmsghdr *c;

	memset(ctl, 0, sizeof(ctl));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * nb);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * nb);
	/* One message: the header and the descriptors arrive together. */
	return sendmsg(fd, &msg, MSG_NOSIGNAL) == (ssize_t)len;
}

/* Export every PF of @host into @h and @hdr, @fds; -errno said on @conn. */
static int
export_all(struct pfd_host *host, int conn, struct srnic_pf_handover *h,
	struct handover_hdr *hdr, int *fds)
{
	unsigned int i, k;
	int ret;

	for (i = 0; i < host->nb_pf; i++) {
		ret = srnic_pf_handover_export(host->pf[i], &h[i]);
		if (ret == 0 && (h[i].fd[0] < 0 || h[i].fd[1] < 0 || h[i].fd[2] < 0))
			ret = -ENODEV;
		if (ret < 0) {
			say(conn, "refused: PF %s (%s) cannot be handed over: %s; the running "
				"srnic-pfd stays", host->conf->pf[i].name, host->conf->pf[i].pci,
				strerror(-ret));
			return ret;
		}
		snprintf(hdr->pf[i].pci, sizeof(hdr->pf[i].pci), "%s", host->conf->pf[i].pci);
		hdr->pf[i].state_len = (uint32_t)h[i].state_len;
		for (k = 0; k < SRNIC_PF_HANDOVER_FDS; k++) {
			hdr->pf[i].has_fd[k] = h[i].fd[k] >= 0;
			if (h[i].fd[k] >= 0)
				fds[hdr->nb_fds++] = h[i].fd[k];
		}
		if (i == 0)
			hdr->stopped_ms = h[i].stopped_ms;
	}
	return 0;
}

int
pfd_handover_give(struct pfd_host *host, int conn, int argc, char **argv)
{
	struct srnic_pf_handover h[PFD_MAX_PFS];
	struct handover_hdr hdr;
	int fds[FDS_MAX], ret = 0;
	struct ucred peer;
	socklen_t plen = sizeof(peer);
	char reply[PFD_LINE_LEN];
	unsigned int i;
	bool sent;

	if (host->sock == NULL || host->sock->fd < 0) {
		say(conn, "refused: this srnic-pfd has no control socket of its own to hand over");
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "1") != 0) {
		say(conn, "refused: this srnic-pfd hands over with protocol %d, asked for '%s'; "
			"the running srnic-pfd stays", PROTO, argc > 1 ? argv[1] : "");
		return 0;
	}
	memset(&hdr, 0, sizeof(hdr));
	memset(h, 0, sizeof(h));
	memcpy(hdr.magic, MAGIC, sizeof(hdr.magic));
	hdr.proto = PROTO;
	hdr.nb_pf = host->nb_pf;
	hdr.pid = (uint32_t)getpid();
	hdr.sock_dev = host->sock->dev;
	hdr.sock_ino = host->sock->ino;
	fds[hdr.nb_fds++] = host->sock->fd;
	if (getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &peer, &plen) < 0)
		peer.pid = 0;
	pfd_note("handover asked for by pid %d: the PFs are not served until it ends",
		(int)peer.pid);
	ret = export_all(host, conn, h, &hdr, fds);
	sent = ret == 0 && send_fds(conn, &hdr, sizeof(hdr), fds, hdr.nb_fds);
	for (i = 0; sent && i < host->nb_pf; i++)
		sent = pfd_sock_send(conn, h[i].state, h[i].state_len);
	for (i = 0; i < host->nb_pf; i++)
		free(h[i].state);
	if (ret < 0 || !sent) {
		pfd_note("handover not made (%s); serving again", ret < 0 ? strerror(-ret) :
			"the new daemon hung up");
		return 0;
	}
	if (!read_line(conn, reply, sizeof(reply), PFD_HANDOVER_MS)) {
		pfd_note("the new daemon (pid %d) hung up, or said nothing within %d ms; "
			"serving again", (int)peer.pid, PFD_HANDOVER_MS);
		return 0;
	}
	if (strcmp(reply, "taken") != 0) {
		pfd_note("the new daemon (pid %d) did not take over: %s; serving again",
			(int)peer.pid, reply);
		return 0;
	}
	say(conn, "bye");
	pfd_note("handed over to pid %d: exiting without touching the PFs", (int)peer.pid);
	return 1;
}

/* Receive the header and the descriptors; -errno, said on stderr. A
 * running daemon that refuses answers a line instead. */
static int
receive_hdr(int fd, struct handover_hdr *hdr, int *fds, unsigned int *nb_fds)
{
	char ctl[CMSG_SPACE(sizeof(int) * FDS_MAX)];
	struct iovec iov = { .iov_base = hdr, .iov_len = sizeof(*hdr) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl, .msg_controllen = sizeof(ctl),
	};
	struct cmsghdr *c;
	ssize_t n;

	*nb_fds = 0;
	n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
	for (c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			*nb_fds = (unsigned int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds, CMSG_DATA(c), *nb_fds * sizeof(int));
		}
	if (n > 0 && (size_t)n >= sizeof(hdr->magic) &&
	    memcmp(hdr->magic, MAGIC, sizeof(hdr->magic)) != 0) {
		fprintf(stderr, "srnic-pfd: the running daemon answered: %.*s\n", (int)n,
			(const char *)hdr);
		return -EPERM;
	}
	if (n != (ssize_t)sizeof(*hdr) || (msg.msg_flags & MSG_CTRUNC) ||
	    hdr->proto != PROTO || hdr->nb_fds != *nb_fds || hdr->nb_pf > PFD_MAX_PFS) {
		fprintf(stderr, "srnic-pfd: the running daemon's handover message is not one "
			"this srnic-pfd reads (%zd bytes, %u descriptors)\n", n, *nb_fds);
		return -EPROTO;
	}
	return 0;
}

/* Each PF of @conf must be one handed over, and no other. */
static int
same_pfs(const struct pfd_conf *conf, const struct handover_hdr *hdr, int *which)
{
	unsigned int i, j;

	if (hdr->nb_pf != conf->nb_pf) {
		fprintf(stderr, "srnic-pfd: the running daemon serves %u PFs, the file %u: take "
			"over with the same PFs, then change them\n", hdr->nb_pf, conf->nb_pf);
		return -EINVAL;
	}
	for (i = 0; i < conf->nb_pf; i++) {
		for (j = 0; j < hdr->nb_pf && strcmp(hdr->pf[j].pci, conf->pf[i].pci) != 0; j++)
			;
		if (j == hdr->nb_pf) {
			fprintf(stderr, "srnic-pfd: PF %s (%s) of the file is not served by the "
				"running daemon\n", conf->pf[i].name, conf->pf[i].pci);
			return -EINVAL;
		}
		which[i] = (int)j;
	}
	return 0;
}

/* Import the PFs in the order of @conf, each from copies of the received
 * descriptors (a handle owns its own); on failure release those taken. */
static int
import_all(const struct pfd_conf *conf, struct handover_hdr *hdr, const int *fds,
	void **state, struct pfd_host *host, char *why, size_t len)
{
	struct srnic_pf_handover h;
	unsigned int first[PFD_MAX_PFS], i, k, n = 1;
	int which[PFD_MAX_PFS], ret;

	ret = same_pfs(conf, hdr, which);
	if (ret < 0) {
		snprintf(why, len, "the new configuration has other PFs");
		return ret;
	}
	for (i = 0; i < hdr->nb_pf; i++) {
		first[i] = n;
		for (k = 0; k < SRNIC_PF_HANDOVER_FDS; k++)
			n += hdr->pf[i].has_fd[k] != 0;
	}
	for (i = 0; i < conf->nb_pf; i++) {
		const struct handover_pf *p = &hdr->pf[which[i]];

		n = first[which[i]];
		for (k = 0; k < SRNIC_PF_HANDOVER_FDS; k++)
			h.fd[k] = p->has_fd[k] ? fcntl(fds[n++], F_DUPFD_CLOEXEC, 0) : -1;
		h.state = state[which[i]];
		h.state_len = p->state_len;
		h.stopped_ms = hdr->stopped_ms;
		ret = srnic_pf_handover_import(conf->pf[i].pci, &h, &host->pf[i]);
		if (ret < 0) {
			for (k = 0; k < SRNIC_PF_HANDOVER_FDS; k++)
				if (h.fd[k] >= 0)
					close(h.fd[k]);
			snprintf(why, len, "PF %s (%s): %s (the new srnic-pfd's log says more)",
				conf->pf[i].name, conf->pf[i].pci, strerror(-ret));
			break;
		}
		host->nb_pf = i + 1;
	}
	if (ret == 0)
		return 0;
	/* Imported handles close their own copies; the old daemon keeps its. */
	for (i = 0; i < host->nb_pf; i++)
		srnic_pf_handover_release(host->pf[i]);
	host->nb_pf = 0;
	return ret;
}

static int
connect_to(const char *path)
{
	struct timeval tv = { .tv_sec = PFD_HANDOVER_MS / 1000 + 2 };
	int fd;

	fd = pfd_sock_connect(path);
	if (fd == -ENAMETOOLONG)
		return fd;
	if (fd < 0) {
		fprintf(stderr, "srnic-pfd: --takeover: no daemon answers at %s (%s): start "
			"without --takeover\n", path, strerror(-fd));
		return -ENOENT;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int
read_states(int fd, const struct handover_hdr *hdr, void **state)
{
	unsigned int i;
	ssize_t n;

	for (i = 0; i < hdr->nb_pf; i++) {
		state[i] = malloc(hdr->pf[i].state_len > 0 ? hdr->pf[i].state_len : 1);
		if (state[i] == NULL)
			return -ENOMEM;
		n = recv(fd, state[i], hdr->pf[i].state_len, MSG_WAITALL);
		if (n != (ssize_t)hdr->pf[i].state_len) {
			fprintf(stderr, "srnic-pfd: the running daemon sent %zd of %u bytes of PF "
				"%s's state\n", n, hdr->pf[i].state_len, hdr->pf[i].pci);
			return -EPROTO;
		}
	}
	return 0;
}

int
pfd_handover_take(const struct pfd_conf *conf, const char *path, struct pfd_host *host,
	struct pfd_sock *sock, struct pfd_takeover *t)
{
	void *state[PFD_MAX_PFS] = { NULL };
	int fds[FDS_MAX], fd, ret;
	struct handover_hdr hdr;
	unsigned int nb_fds = 0, i;
	char why[PFD_LINE_LEN] = "", reply[64];
	uint64_t asked = pfd_now_ms();

	host->conf = conf;
	fd = connect_to(path);
	if (fd < 0)
		return fd;
	say(fd, "handover %d", PROTO);
	pfd_note("asked the daemon on %s to hand over", path);
	ret = receive_hdr(fd, &hdr, fds, &nb_fds);
	if (ret == 0)
		ret = read_states(fd, &hdr, state);
	if (ret == 0)
		ret = import_all(conf, &hdr, fds, state, host, why, sizeof(why));
	for (i = 0; i < PFD_MAX_PFS; i++)
		free(state[i]);
	if (ret < 0 && why[0] != '\0')
		say(fd, "refused: %s", why);
	else if (ret == 0)
		say(fd, "taken");
	/* The new daemon serves only once the old one has let go. */
	if (ret == 0 && (!read_line(fd, reply, sizeof(reply), PFD_HANDOVER_MS + 2000) ||
			 strcmp(reply, "bye") != 0)) {
		fprintf(stderr, "srnic-pfd: the running daemon did not let go of the PFs (it "
			"went on serving them); nothing taken over\n");
		for (i = 0; i < host->nb_pf; i++)
			srnic_pf_handover_release(host->pf[i]);
		host->nb_pf = 0;
		ret = -ETIMEDOUT;
	}
	close(fd);
	/* The handles hold copies; of what came, only the socket stays. */
	for (i = ret == 0 ? 1 : 0; i < nb_fds; i++)
		close(fds[i]);
	if (ret < 0) {
		if (why[0] != '\0')
			fprintf(stderr, "srnic-pfd: not taken over: %s; the running srnic-pfd "
				"stays\n", why);
		return ret;
	}
	snprintf(sock->path, sizeof(sock->path), "%s", path);
	sock->fd = fds[0];
	sock->dev = (dev_t)hdr.sock_dev;
	sock->ino = (ino_t)hdr.sock_ino;
	t->pid = (int)hdr.pid;
	t->stopped_ms = hdr.stopped_ms;
	t->asked_ms = asked;
	return 0;
}
