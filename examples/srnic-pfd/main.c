/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd: a PF manager daemon.
 *
 *   srnic-pfd [EAL options] -- -c CONFIG [-s SOCKET]
 *   srnic-pfd --ctl SOCKET COMMAND...
 *
 * It takes its control socket (one a PF: /run/srnic-pfd-<pci>.sock unless
 * told otherwise), opens the PF named in CONFIG, creates and configures its
 * VFs, then sleeps in poll(2) on the PF's mailbox interrupt (or a back-off timer),
 * the control socket and SIGINT/SIGTERM, serving VF requests as they come.
 * EAL must not probe the PF: give it --no-pci (or -b <pf>).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_uuid.h>

#include "pfd.h"

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [EAL options] -- -c CONFIG [-s SOCKET]   (default socket: "
		PFD_SOCKET_PREFIX "<PF's PCI address>.sock)\n"
		"       %s --ctl SOCKET COMMAND...   (send a command to a running daemon; "
		"'help' lists them)\n", prog, prog);
}

/* The options after "--"; -EINVAL with the reason said on stderr. */
static int
parse_args(int argc, char **argv, const char **config, const char **socket_path)
{
	int c;

	optind = 1;
	opterr = 0;	/* the reasons below name the option */
	while ((c = getopt(argc, argv, ":c:s:h")) != -1) {
		switch (c) {
		case 'c':
			*config = optarg;
			break;
		case 's':
			*socket_path = optarg;
			break;
		case 'h':
			return -EINVAL;
		case ':':
			fprintf(stderr, "srnic-pfd: option -%c needs a value\n", optopt);
			return -EINVAL;
		default:
			fprintf(stderr, "srnic-pfd: unknown option '-%c' after '--' (-c CONFIG, "
				"-s SOCKET)\n", optopt);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "srnic-pfd: unexpected argument '%s' after '--'\n", argv[optind]);
		return -EINVAL;
	}
	if (*config == NULL) {
		fprintf(stderr, "srnic-pfd: no configuration file: give -c CONFIG after '--'\n");
		return -EINVAL;
	}
	return 0;
}

static int
open_pf(const struct pfd_conf *conf, struct srnic_pf **pf)
{
	struct srnic_pf_opts opts = { .size = sizeof(opts) };
	int ret;

	if (conf->backoff)
		opts.flags |= SRNIC_PF_OPT_NO_INTERRUPT;
	opts.vlans_per_vf = conf->vlans_per_vf;
	if (conf->token[0] != '\0' && rte_uuid_parse(conf->token, opts.vf_token) < 0) {
		fprintf(stderr, "srnic-pfd: vf_token '%s' is not a UUID (uuidgen makes one)\n",
			conf->token);
		return -EINVAL;
	}
	ret = srnic_pf_open(conf->pci, &opts, pf);
	if (ret < 0) {
		fprintf(stderr, "srnic-pfd: cannot open PF %s: %s (see the message above)\n",
			conf->pci, strerror(-ret));
		return ret;
	}
	if (conf->vfs > 0)
		ret = srnic_pf_vfs_create(*pf, (uint16_t)conf->vfs);
	else if (conf->vfs == 0)
		ret = srnic_pf_vfs_remove(*pf);
	if (ret < 0)
		fprintf(stderr, "srnic-pfd: PF %s: cannot set %d VFs (vfs = in [pf]): %s (see "
			"the message above)\n", conf->pci, conf->vfs, strerror(-ret));
	return ret;
}

/*
 * EAL's arguments (argv[0] to argv[app - 1]), with the configuration's VF
 * token as EAL's own: EAL opens the PF, and vfio-pci lets nobody open a PF
 * whose VFs are in use (a restart under running VF applications) without
 * the token they were opened with. A different --vfio-vf-token is refused.
 * Returns the count, or -EINVAL with the reason printed.
 */
static int
eal_args(int app, char **argv, const struct pfd_conf *conf, char **out, char *token_arg)
{
	static const char opt[] = "--vfio-vf-token";
	bool given_token = false;
	int i, n = 0;

	if (app > PFD_MAX_EAL_ARGS) {
		fprintf(stderr, "srnic-pfd: more than %d EAL arguments\n", PFD_MAX_EAL_ARGS);
		return -EINVAL;
	}
	for (i = 0; i < app; i++) {
		const char *given = argv[i];

		if (conf->token[0] != '\0' && strncmp(given, opt, sizeof(opt) - 1) == 0) {
			const char *val = given[sizeof(opt) - 1] == '=' ? given + sizeof(opt) :
				i + 1 < app ? argv[i + 1] : "";

			if (strcasecmp(val, conf->token) != 0) {
				fprintf(stderr, "srnic-pfd: EAL's %s %s differs from vf_token = %s "
					"in [pf]: drop the EAL option (the daemon gives EAL the "
					"file's) or make them equal\n", opt, val, conf->token);
				return -EINVAL;
			}
			given_token = true;
		}
		out[n++] = argv[i];
	}
	if (conf->token[0] != '\0' && !given_token) {
		sprintf(token_arg, "%s=%s", opt, conf->token);
		out[n++] = token_arg;
	}
	out[n] = NULL;
	return n;
}

/*
 * EAL pins the main thread to its lcore. A PF daemon is no datapath: VF
 * drivers busy-wait up to a second for its answers, and a kernel VF driver
 * doing so on that very CPU would starve it into missing their deadline.
 * Let the scheduler run it anywhere.
 */
static void
unpin(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN), i;
	cpu_set_t set;

	CPU_ZERO(&set);
	for (i = 0; i < n && i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		fprintf(stderr, "srnic-pfd: cannot widen the CPU affinity (%s); keep other "
			"busy work off its lcore\n", strerror(errno));
}

static void
stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

/* Blocked before EAL starts its threads, which inherit the mask: else a
 * signal may land on one of them and kill the process outright. */
static int
block_signals(void)
{
	sigset_t set;

	stop_signals(&set);
	return pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 ? 0 : -1;
}

/* Taken through a file descriptor, so the loop sleeps in one place. */
static int
signals_fd(void)
{
	sigset_t set;

	stop_signals(&set);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* The loop's service: the PF's mailbox and link. */
static int
serve_pf(void *arg)
{
	return srnic_pf_poll(arg);
}

static int
serve(struct srnic_pf *pf, int sfd, int lfd)
{
	struct pfd_ctl ctl;
	struct pfd_loop loop = {
		.stop_fd = sfd,
		.event_fd = srnic_pf_event_fd(pf),
		.polled = srnic_pf_backend(pf) == SRNIC_PF_BACKEND_VFIO,
		.ctl = &ctl,
		.service = serve_pf,
		.arg = pf,
	};
	int ret;

	pfd_ctl_init(&ctl, lfd, pf);
	ret = pfd_loop_run(&loop);
	pfd_ctl_fini(&ctl);
	if (ret > 0)
		pfd_note("signal %d, stopping", ret);
	else if (ret < 0)
		fprintf(stderr, "srnic-pfd: poll failed: %s\n", strerror(-ret));
	return ret < 0 ? ret : 0;
}

int
main(int argc, char **argv)
{
	struct pfd_conf conf = { .vfs = -1 };
	const char *config = NULL, *socket_path = NULL;
	char token[SRNIC_PF_TOKEN_LEN];
	struct srnic_pf_info info;
	struct srnic_pf *pf = NULL;
	struct pfd_sock sock = { .fd = -1 };
	char *eal_argv[PFD_MAX_EAL_ARGS + 2];
	char eal_token[sizeof("--vfio-vf-token=") + SRNIC_PF_TOKEN_LEN];
	int ret, sfd = -1, app, eal_argc;

	if (argc >= 2 && strcmp(argv[1], "--ctl") == 0) {
		if (argc < 4) {
			fprintf(stderr, "srnic-pfd: --ctl needs the daemon's socket and a command "
				"('help' lists them)\n");
			usage(argv[0]);
			return 2;
		}
		return pfd_ctl_client(argv[2], argc - 3, argv + 3);
	}
	if (block_signals() < 0) {
		fprintf(stderr, "srnic-pfd: cannot block SIGINT/SIGTERM\n");
		return 1;
	}
	/* Every socket write says MSG_NOSIGNAL; this covers any other pipe. */
	signal(SIGPIPE, SIG_IGN);
	/* The configuration first: its VF token is also EAL's (see eal_args). */
	for (app = 1; app < argc && strcmp(argv[app], "--") != 0; app++)
		;
	if (app == argc)
		fprintf(stderr, "srnic-pfd: no '--': EAL options, then '--', then -c CONFIG\n");
	if (app == argc || parse_args(argc - app, argv + app, &config, &socket_path) < 0) {
		usage("srnic-pfd");
		return 2;
	}
	if (pfd_config_load(config, &conf) < 0) {
		fprintf(stderr, "srnic-pfd: %s: nothing done; correct the file and start again\n",
			config);
		return 1;
	}
	eal_argc = eal_args(app, argv, &conf, eal_argv, eal_token);
	if (eal_argc < 0) {
		pfd_conf_free(&conf);
		return 2;
	}
	ret = rte_eal_init(eal_argc, eal_argv);
	if (ret < 0) {
		fprintf(stderr, "srnic-pfd: EAL init failed: %s\n", strerror(rte_errno));
		pfd_conf_free(&conf);
		return 1;
	}
	unpin();
	if (socket_path != NULL &&
	    snprintf(conf.socket, sizeof(conf.socket), "%s", socket_path) >= (int)sizeof(conf.socket)) {
		fprintf(stderr, "srnic-pfd: -s %s: longer than %zu characters; choose a shorter "
			"path\n", socket_path, sizeof(conf.socket) - 1);
		pfd_conf_free(&conf);
		rte_eal_cleanup();
		return 2;
	}
	ret = conf.socket[0] != '\0' ? 0 :
		pfd_sock_default(conf.pci, conf.socket, sizeof(conf.socket));
	/* The socket first: a second daemon for this PF stops here, before
	 * it resets the PF under the first one. */
	if (ret == 0) {
		sfd = signals_fd();
		ret = sfd < 0 ? -errno : pfd_sock_listen(&sock, conf.socket);
	}
	if (ret == 0)
		ret = open_pf(&conf, &pf);
	if (ret == 0)
		ret = pfd_config_apply(&conf, config, pf);
	if (ret == 0) {
		srnic_pf_info_get(pf, &info);
		if (info.backend != SRNIC_PF_BACKEND_VFIO ||
		    srnic_pf_vf_token_get(pf, token, sizeof(token)) < 0)
			snprintf(token, sizeof(token), "none");
		srnic_pf_dump(pf, stdout);
		pfd_note("ready: PF %s, %s backend, %u VFs, waiting on %s, vf_token %s, "
			"control socket %s", info.name, info.backend_name, info.nb_vfs,
			info.backend != SRNIC_PF_BACKEND_VFIO ? "nothing (Linux serves the mailbox)" :
			info.interrupt ? "the mailbox interrupt" : "a back-off timer", token,
			conf.socket);
		ret = serve(pf, sfd, sock.fd);
	}
	pfd_sock_close(&sock);
	if (sfd >= 0)
		close(sfd);
	if (pf != NULL) {
		if (conf.remove_vfs_on_exit)
			srnic_pf_vfs_remove(pf);
		srnic_pf_close(pf);
	}
	pfd_conf_free(&conf);
	rte_eal_cleanup();
	return ret < 0 ? 1 : 0;
}
