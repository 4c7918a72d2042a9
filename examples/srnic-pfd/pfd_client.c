/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * "srnic-pfd --ctl SOCKET COMMAND...": send one command line to a running
 * daemon and print its answer, whose last line is the verdict.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pfd.h"

int
pfd_ctl_client(const char *path, int argc, char **argv)
{
	char buf[4096], cur[256], last[256] = "";
	size_t keep = 0;
	ssize_t n;
	int fd, i;

	fd = pfd_sock_connect(path);
	if (fd == -ENAMETOOLONG)
		return 2;
	if (fd < 0) {
		fprintf(stderr, "srnic-pfd: cannot reach the daemon at %s: %s (is srnic-pfd "
			"running?)\n", path, strerror(-fd));
		return 2;
	}
	for (i = 0; i < argc; i++) {
		pfd_sock_send(fd, argv[i], strlen(argv[i]));
		pfd_sock_send(fd, i + 1 < argc ? " " : "\n", 1);
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
