/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket's connections: one command line a connection,
 * answered with the command's output, the library's messages, and a last
 * line "ok" or "error: ...". Connections are non-blocking and served by
 * the daemon's one loop, between two services of the VFs' mailbox: a line
 * is taken as it comes, and one that is not whole within PFD_CTL_LINE_MS,
 * or is longer than PFD_LINE_LEN - 1 characters, is refused and not run.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_log.h>

#include "pfd.h"

uint64_t
pfd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
pfd_ctl_init(struct pfd_ctl *c, int lfd, struct pfd_host *host)
{
	int i;

	c->lfd = lfd;
	c->host = host;
	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		c->conn[i].fd = -1;
}

int
pfd_ctl_fds(const struct pfd_ctl *c, struct pollfd *fds, int max)
{
	int i;

	if (max < PFD_CTL_FDS)
		return 0;
	/* Slot i + 1 is connection i, free or not: poll(2) skips fd -1. */
	fds[0] = (struct pollfd){ .fd = c->lfd, .events = POLLIN };
	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		fds[1 + i] = (struct pollfd){ .fd = c->conn[i].fd, .events = POLLIN };
	return PFD_CTL_FDS;
}

int
pfd_ctl_timeout(const struct pfd_ctl *c)
{
	uint64_t now = pfd_now_ms(), first = UINT64_MAX;
	int i;

	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		if (c->conn[i].fd >= 0 && c->conn[i].deadline_ms < first)
			first = c->conn[i].deadline_ms;
	if (first == UINT64_MAX)
		return -1;
	return first <= now ? 0 : (int)(first - now);
}

static void
conn_close(struct pfd_ctl_conn *k)
{
	close(k->fd);
	k->fd = -1;
	k->used = 0;
}

/* Answer "error: <why>" and close; the daemon's log says so too. */
static void __rte_format_printf(2, 3)
refuse(struct pfd_ctl_conn *k, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "error: ");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	pfd_note("control client refused: %s", msg + n);
	strcat(msg, "\n");
	pfd_sock_send(k->fd, msg, strlen(msg));
	conn_close(k);
}

/* Run the line of @k and send the answer. */
static void
run(struct pfd_ctl *c, struct pfd_ctl_conn *k)
{
	char *argv[PFD_MAX_ARGS], *out_buf = NULL;
	size_t out_len = 0;
	FILE *out;
	int argc, ret;

	k->line[k->used] = '\0';
	pfd_note("command: %.*s", (int)strcspn(k->line, "\n"), k->line);
	out = open_memstream(&out_buf, &out_len);
	if (out == NULL) {
		refuse(k, "srnic-pfd is out of memory; command not run");
		return;
	}
	argc = pfd_split(k->line, argv);
	if (argc > 0 && strcmp(argv[0], "handover") == 0) {
		fclose(out);
		free(out_buf);
		/* The exchange is its own: descriptors, then a word each way. */
		if (pfd_handover_give(c->host, k->fd, argc, argv) > 0) {
			c->host->handed_over = true;
			pfd_quit = true;
		}
		conn_close(k);
		return;
	}
	/* The library explains its refusals in its log: the client gets them. */
	rte_openlog_stream(out);
	if (argc < 0) {
		fprintf(out, "more than %d words; not run\n", PFD_MAX_ARGS);
		ret = -E2BIG;
	} else {
		ret = pfd_command(c->host, argc, argv, out);
	}
	rte_openlog_stream(NULL);
	if (ret < 0)
		fprintf(out, "error: %s\n", strerror(-ret));
	else
		fprintf(out, "ok\n");
	fclose(out);
	/* The socket takes a few hundred KiB: an answer that does not fit
	 * goes to a client that does not read, and is cut. */
	if (!pfd_sock_send(k->fd, out_buf, out_len))
		pfd_note("the control client did not take its whole answer (it hung up, or "
			"does not read)");
	pfd_note("-> %s", ret < 0 ? strerror(-ret) : "ok");
	free(out_buf);
	conn_close(k);
}

/* Take what connection @k sent; run its line once it is whole. */
static void
receive(struct pfd_ctl *c, struct pfd_ctl_conn *k)
{
	char *nl;
	ssize_t n;

	n = recv(k->fd, k->line + k->used, PFD_LINE_LEN - k->used, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0 || (n == 0 && k->used == 0)) {
		conn_close(k);
		return;
	}
	if (n == 0) {		/* the client shut its side: the line ends here */
		run(c, k);
		return;
	}
	nl = memchr(k->line + k->used, '\n', (size_t)n);
	k->used += (size_t)n;
	if (nl != NULL) {
		k->used = (size_t)(nl - k->line) + 1;
		run(c, k);
	} else if (k->used == PFD_LINE_LEN) {
		refuse(k, "command line longer than %d characters; not run (one command "
			"a line, each shorter)", PFD_LINE_LEN - 1);
	}
}

static void
take_connection(struct pfd_ctl *c)
{
	struct pfd_ctl_conn *k = NULL;
	int fd, i;

	fd = accept4(c->lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	for (i = 0; i < PFD_CTL_CLIENTS && k == NULL; i++)
		if (c->conn[i].fd < 0)
			k = &c->conn[i];
	if (k == NULL) {
		struct pfd_ctl_conn busy = { .fd = fd };

		refuse(&busy, "srnic-pfd is serving other commands; try again");
		return;
	}
	k->fd = fd;
	k->used = 0;
	k->deadline_ms = pfd_now_ms() + PFD_CTL_LINE_MS;
	/* A line that came with the connection runs now, before the VFs are
	 * served again: a handover asked for while the daemon was busy (or
	 * stopped) finds the mailboxes as they were. */
	receive(c, k);
}

void
pfd_ctl_run(struct pfd_ctl *c, const struct pollfd *fds, int n)
{
	uint64_t now;
	int i;

	if (n < PFD_CTL_FDS)
		return;
	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		if (c->conn[i].fd >= 0 && fds[1 + i].fd == c->conn[i].fd &&
		    (fds[1 + i].revents & (POLLIN | POLLHUP | POLLERR)))
			receive(c, &c->conn[i]);
	now = pfd_now_ms();
	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		if (c->conn[i].fd >= 0 && now >= c->conn[i].deadline_ms)
			refuse(&c->conn[i], "command line not whole within %d ms; not run "
				"(send it at once, ending in a newline)", PFD_CTL_LINE_MS);
	if (fds[0].revents & POLLIN)
		take_connection(c);
}

void
pfd_ctl_fini(struct pfd_ctl *c)
{
	int i;

	for (i = 0; i < PFD_CTL_CLIENTS; i++)
		if (c->conn[i].fd >= 0)
			conn_close(&c->conn[i]);
}
