/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket's file: a UNIX stream socket with mode 0600 (root
 * only), and what both ends need to talk through it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pfd.h"

int
pfd_sock_addr(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path)) {
		fprintf(stderr, "srnic-pfd: socket path %s is too long\n", path);
		return -ENAMETOOLONG;
	}
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return 0;
}

bool
pfd_sock_send(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		/* A peer that hung up is its own business: EPIPE, not SIGPIPE. */
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

int
pfd_sock_listen(struct pfd_sock *s, const char *path)
{
	struct sockaddr_un sa;
	int fd, ret;

	s->fd = -1;
	ret = pfd_sock_addr(path, &sa);
	if (ret < 0)
		return ret;
	snprintf(s->path, sizeof(s->path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || chmod(path, 0600) < 0 ||
	    listen(fd, 4) < 0) {
		ret = -errno;
		fprintf(stderr, "srnic-pfd: control socket %s: %s\n", path, strerror(-ret));
		close(fd);
		return ret;
	}
	s->fd = fd;
	return 0;
}

void
pfd_sock_close(struct pfd_sock *s)
{
	if (s->fd < 0)
		return;
	close(s->fd);
	s->fd = -1;
	unlink(s->path);
}
