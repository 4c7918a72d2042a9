/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket's connections: one command line a connection,
 * answered with the command's output, the library's messages, and a last
 * line "ok" or "error: ...".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <rte_log.h>

#include "pfd.h"

void
pfd_ctl_init(struct pfd_ctl *c, int lfd, struct srnic_pf *pf)
{
	c->lfd = lfd;
	c->pf = pf;
}

int
pfd_ctl_fds(const struct pfd_ctl *c, struct pollfd *fds, int max)
{
	if (max < 1)
		return 0;
	fds[0] = (struct pollfd){ .fd = c->lfd, .events = POLLIN };
	return 1;
}

static void
serve_one(int lfd, struct srnic_pf *pf)
{
	struct timeval tmo = { .tv_usec = 250000 };
	char line[PFD_LINE_LEN], *argv[PFD_MAX_ARGS], *out_buf = NULL;
	size_t used = 0, out_len = 0;
	FILE *out;
	ssize_t n;
	int c, argc, ret;

	c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return;
	/* A client that never sends its line must not hold up the VFs: they
	 * give the PF one second to answer. */
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
	while (used < sizeof(line) - 1) {
		n = read(c, line + used, sizeof(line) - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
		if (memchr(line, '\n', used) != NULL)
			break;
	}
	line[used] = '\0';
	out = open_memstream(&out_buf, &out_len);
	if (out == NULL) {
		close(c);
		return;
	}
	printf("srnic-pfd: command: %s", used > 0 ? line : "(none)\n");
	argc = pfd_split(line, argv);
	/* The library explains its refusals in its log: the client gets them. */
	rte_openlog_stream(out);
	ret = pfd_command(pf, argc, argv, out);
	rte_openlog_stream(NULL);
	if (ret < 0)
		fprintf(out, "error: %s\n", strerror(-ret));
	else
		fprintf(out, "ok\n");
	fclose(out);
	pfd_sock_send(c, out_buf, out_len);
	printf("srnic-pfd: -> %s\n", ret < 0 ? strerror(-ret) : "ok");
	fflush(stdout);
	free(out_buf);
	close(c);
}

void
pfd_ctl_run(struct pfd_ctl *c, const struct pollfd *fds, int n)
{
	if (n > 0 && (fds[0].revents & POLLIN))
		serve_one(c->lfd, c->pf);
}

void
pfd_ctl_fini(struct pfd_ctl *c)
{
	(void)c;
}
