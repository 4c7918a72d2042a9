/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket: a UNIX stream socket (mode 0600, so root only) that
 * takes one command line a connection and answers with the command's
 * output, the library's messages, and a last line "ok" or "error: ...".
 * "srnic-pfd --ctl SOCKET COMMAND..." is the client.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_log.h>

#include "pfd.h"

static int
sockaddr_for(const char *path, struct sockaddr_un *sa)
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

int
pfd_ctl_listen(const char *path)
{
	struct sockaddr_un sa;
	int fd, ret;

	ret = sockaddr_for(path, &sa);
	if (ret < 0)
		return ret;
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
	return fd;
}

static void
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

void
pfd_ctl_serve(int lfd, struct srnic_pf *pf)
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
	write_all(c, out_buf, out_len);
	printf("srnic-pfd: -> %s\n", ret < 0 ? strerror(-ret) : "ok");
	fflush(stdout);
	free(out_buf);
	close(c);
}

int
pfd_ctl_client(const char *path, int argc, char **argv)
{
	struct sockaddr_un sa;
	char buf[4096], cur[256], last[256] = "";
	size_t keep = 0;
	ssize_t n;
	int fd, i;

	if (sockaddr_for(path, &sa) < 0)
		return 2;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "srnic-pfd: cannot reach the daemon at %s: %s (is srnic-pfd "
			"running?)\n", path, strerror(errno));
		return 2;
	}
	for (i = 0; i < argc; i++) {
		write_all(fd, argv[i], strlen(argv[i]));
		write_all(fd, i + 1 < argc ? " " : "\n", 1);
	}
	shutdown(fd, SHUT_WR);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		fwrite(buf, 1, (size_t)n, stdout);
		/* The last line of the answer is the verdict. */
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				cur[keep] = '\0';
				if (keep > 0)
					memcpy(last, cur, keep + 1);
				keep = 0;
			} else if (keep < sizeof(cur) - 1) {
				cur[keep++] = buf[i];
			}
		}
	}
	close(fd);
	return strcmp(last, "ok") == 0 ? 0 : 1;
}
