/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket's file: a UNIX stream socket with mode 0600 (root
 * only), one a daemon, and what both ends need to talk through it. A daemon
 * takes a path only from nobody or from a daemon that died, and removes the
 * file at exit only if it is still the one it made.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_pci.h>

#include "pfd.h"

int
pfd_sock_default(const char *pci, char *path, size_t len)
{
	char name[PCI_PRI_STR_SIZE];
	struct rte_pci_addr addr;

	if (pci == NULL) {
		snprintf(path, len, "%s", PFD_SOCKET_HOST);
		return 0;
	}
	if (rte_pci_addr_parse(pci, &addr) < 0) {
		fprintf(stderr, "srnic-pfd: '%s' is not a PCI address (as 0000:01:00.0)\n", pci);
		return -EINVAL;
	}
	rte_pci_device_name(&addr, name, sizeof(name));
	snprintf(path, len, PFD_SOCKET_PREFIX "%s.sock", name);
	return 0;
}

int
pfd_sock_addr(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path)) {
		fprintf(stderr, "srnic-pfd: socket path %s is longer than %zu characters; "
			"choose a shorter one\n", path, sizeof(sa->sun_path) - 1);
		return -ENAMETOOLONG;
	}
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return 0;
}

int
pfd_sock_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd, ret;

	ret = pfd_sock_addr(path, &sa);
	if (ret < 0)
		return ret;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
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

/* Does a daemon answer on @sa? 1 yes, 0 no, or a negative errno. */
static int
answers(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), ret;

	if (fd < 0)
		return -errno;
	ret = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0 ? 0 : -errno;
	close(fd);
	/* A full backlog (EAGAIN) is a daemon too, a busy one. */
	if (ret == 0 || ret == -EAGAIN)
		return 1;
	return ret == -ECONNREFUSED ? 0 : ret;
}

/* Make @path free for bind(2): nothing there, or a socket nobody answers on. */
static int
path_free(const char *path, const struct sockaddr_un *sa)
{
	struct stat st;
	int ret;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		ret = -errno;
		fprintf(stderr, "srnic-pfd: control socket %s: %s\n", path, strerror(-ret));
		return ret;
	}
	if (!S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "srnic-pfd: %s exists and is not a socket; remove it, or "
			"give another path (-s PATH, or socket = in [pf])\n", path);
		return -EEXIST;
	}
	ret = answers(sa);
	if (ret > 0) {
		fprintf(stderr, "srnic-pfd: another srnic-pfd answers on %s; stop it first, "
			"or give this one another socket (-s PATH, or socket = in [pf])\n", path);
		return -EADDRINUSE;
	}
	if (ret < 0) {
		fprintf(stderr, "srnic-pfd: cannot tell whether a daemon answers on %s (%s); "
			"check the path and its directory\n", path, strerror(-ret));
		return ret;
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		ret = -errno;
		fprintf(stderr, "srnic-pfd: cannot remove the stale socket %s: %s\n", path,
			strerror(-ret));
		return ret;
	}
	pfd_note("removed %s, left by a daemon that is gone", path);
	return 0;
}

int
pfd_sock_listen(struct pfd_sock *s, const char *path)
{
	struct sockaddr_un sa;
	struct stat st;
	mode_t mask;
	int fd, ret;

	s->fd = -1;
	ret = pfd_sock_addr(path, &sa);
	if (ret < 0)
		return ret;
	snprintf(s->path, sizeof(s->path), "%s", path);
	ret = path_free(path, &sa);
	if (ret < 0)
		return ret;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* Mode 0600 from the start: no moment where the umask lets others in.
	 * The umask is the process's, but nothing else makes files meanwhile. */
	mask = umask(0177);
	ret = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(mask);
	if (ret < 0) {
		ret = -errno;
		fprintf(stderr, "srnic-pfd: control socket %s: %s%s\n", path, strerror(-ret),
			ret == -EADDRINUSE ? " (another daemon took it just now)" : "");
		close(fd);
		return ret;
	}
	if (stat(path, &st) < 0 || listen(fd, PFD_CTL_CLIENTS) < 0) {
		ret = -errno;
		fprintf(stderr, "srnic-pfd: control socket %s: %s\n", path, strerror(-ret));
		unlink(path);
		close(fd);
		return ret;
	}
	s->fd = fd;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	return 0;
}

void
pfd_sock_close(struct pfd_sock *s)
{
	struct stat st;

	if (s->fd < 0)
		return;
	/* Removed while still listening: no daemon can have taken it since. */
	if (stat(s->path, &st) == 0 && st.st_dev == s->dev && st.st_ino == s->ino)
		unlink(s->path);
	else
		pfd_note("%s is no longer this daemon's socket; left in place",
			s->path);
	close(s->fd);
	s->fd = -1;
}

void
pfd_sock_forget(struct pfd_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
