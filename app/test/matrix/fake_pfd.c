/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd's control socket in front of a PF library handle on the fake
 * PF (two VFs), for the bad-input matrix: "srnic-pfd --ctl SOCKET ..." then
 * reaches the daemon's own command code and the library's own checks
 * without a NIC. Prints "ready" once it listens; stops on SIGTERM.
 *
 *   fake-pfd SOCKET
 */
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "pfd.h"
#include "srnic_pci.h"
#include "test_eal.h"
#include "test_pf.h"

static int
serve_pf(void *arg)
{
	return srnic_pf_poll(arg);
}

int
main(int argc, char **argv)
{
	static struct fake_pf fake;
	static struct pfd_conf conf = {
		.pf = { { .name = "0000:01:00.0", .pci = "0000:01:00.0", .vfs = -1 } },
		.nb_pf = 1,
	};
	struct pfd_host host = { .conf = &conf, .nb_pf = 1 };
	struct pfd_sock sock = { .fd = -1 };
	struct pfd_ctl ctl;
	struct srnic_pf *pf;
	sigset_t set;
	int sfd, ret = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SOCKET\n", argv[0]);
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	/* Before EAL's threads start, so they inherit the mask. */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	test_eal_init(argv[0]);
	/* No sysfs of the host's: a VF command that reaches sysfs fails. */
	srnic_sysfs_root = "/nonexistent";
	pf = test_pf_open(&fake, 2, NULL, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (pf != NULL && sfd >= 0 && pfd_sock_listen(&sock, argv[1]) == 0) {
		struct pfd_loop loop = {
			.stop_fd = sfd,
			.polled = true,
			.ctl = &ctl,
			.service = serve_pf,
			.arg = pf,
		};

		host.pf[0] = pf;
		pfd_ctl_init(&ctl, sock.fd, &host);
		printf("ready\n");
		fflush(stdout);
		ret = pfd_loop_run(&loop) < 0;
		pfd_ctl_fini(&ctl);
	}
	pfd_sock_close(&sock);
	test_pf_close(&fake, pf);
	return ret;
}
