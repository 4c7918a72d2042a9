/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd: a PF manager daemon.
 *
 *   srnic-pfd [EAL options] -- -c CONFIG [-s SOCKET] [--takeover]
 *   srnic-pfd --ctl SOCKET COMMAND...
 *
 * It takes its control socket (/run/srnic-pfd-<pci>.sock for one PF,
 * /run/srnic-pfd.sock for several, unless told otherwise), opens every PF
 * named in CONFIG, creates and configures their VFs, then sleeps in poll(2)
 * on the PFs' mailbox interrupts (or a back-off timer), the control socket
 * and SIGINT/SIGTERM, serving VF requests as they come. EAL must not probe
 * the PFs: give it --no-pci (or -b <pf>). Each PF is opened in a vfio
 * container of the daemon's own, with the VF token of its section.
 *
 * With --takeover it opens nothing: it takes the PFs, their state and the
 * control socket over from the daemon running on SOCKET (pfd_handover.c),
 * which then exits; VFs see no reset.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
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
	fprintf(stderr, "usage: %s [EAL options] -- -c CONFIG [-s SOCKET] [--takeover]   "
		"(default socket: " PFD_SOCKET_HOST ", or " PFD_SOCKET_PREFIX
		"<PCI address>.sock for one PF; --takeover: replace the daemon running there "
		"without resetting a PF)\n"
		"       %s --ctl SOCKET COMMAND...   (send a command to a running daemon; "
		"'help' lists them)\n", prog, prog);
}

/* The options after "--"; -EINVAL with the reason said on stderr. */
static int
parse_args(int argc, char **argv, const char **config, const char **socket_path,
	bool *takeover)
{
	static const struct option longs[] = {
		{ "takeover", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;	/* the reasons below name the option */
	while ((c = getopt_long(argc, argv, ":c:s:h", longs, NULL)) != -1) {
		switch (c) {
		case 't':
			*takeover = true;
			break;
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
			if (optopt != 0)
				fprintf(stderr, "srnic-pfd: unknown option '-%c' after '--' (-c "
					"CONFIG, -s SOCKET, --takeover)\n", optopt);
			else
				fprintf(stderr, "srnic-pfd: unknown option '%s' after '--' (-c "
					"CONFIG, -s SOCKET, --takeover)\n", argv[optind - 1]);
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
open_pf(const struct pfd_pf_conf *conf, struct srnic_pf **pf)
{
	struct srnic_pf_opts opts = { .size = sizeof(opts) };
	int ret;

	if (conf->backoff)
		opts.flags |= SRNIC_PF_OPT_NO_INTERRUPT;
	opts.vlans_per_vf = conf->vlans_per_vf;
	if (conf->token[0] != '\0' && rte_uuid_parse(conf->token, opts.vf_token) < 0) {
		fprintf(stderr, "srnic-pfd: PF %s: vf_token '%s' is not a UUID (uuidgen makes "
			"one)\n", conf->name, conf->token);
		return -EINVAL;
	}
	ret = srnic_pf_open(conf->pci, &opts, pf);
	if (ret < 0) {
		fprintf(stderr, "srnic-pfd: cannot open PF %s (%s): %s (see the message above)\n",
			conf->name, conf->pci, strerror(-ret));
		return ret;
	}
	if (conf->vfs > 0)
		ret = srnic_pf_vfs_create(*pf, (uint16_t)conf->vfs);
	else if (conf->vfs == 0)
		ret = srnic_pf_vfs_remove(*pf);
	if (ret < 0)
		fprintf(stderr, "srnic-pfd: PF %s (%s): cannot set %d VFs (vfs = in its [pf]): %s "
			"(see the message above)\n", conf->name, conf->pci, conf->vfs,
			strerror(-ret));
	return ret;
}

/* Say what PF @i serves and how it waits. */
static void
pf_ready(const struct pfd_host *host, unsigned int i)
{
	struct srnic_pf *pf = host->pf[i];
	char token[SRNIC_PF_TOKEN_LEN];
	struct srnic_pf_info info;

	srnic_pf_info_get(pf, &info);
	if (info.backend != SRNIC_PF_BACKEND_VFIO ||
	    srnic_pf_vf_token_get(pf, token, sizeof(token)) < 0)
		snprintf(token, sizeof(token), "none");
	srnic_pf_dump(pf, stdout);
	pfd_note("PF %s (%s): %s backend, %u VFs, vf_token %s, waiting on %s",
		host->conf->pf[i].name, info.name, info.backend_name, info.nb_vfs, token,
		info.backend != SRNIC_PF_BACKEND_VFIO ? "nothing (Linux serves the mailbox)" :
		info.interrupt ? "the mailbox interrupt" : "a back-off timer");
}

/* Open and configure every PF of @conf, in file order; on a failure, the
 * caller closes those opened (host_close). */
static int
host_open(const struct pfd_conf *conf, const char *path, struct pfd_host *host)
{
	unsigned int i;
	int ret = 0;

	host->conf = conf;
	for (i = 0; i < conf->nb_pf && ret == 0; i++) {
		ret = open_pf(&conf->pf[i], &host->pf[i]);
		if (host->pf[i] != NULL)
			host->nb_pf = i + 1;
		if (ret == 0)
			ret = pfd_config_apply(&conf->pf[i], path, host->pf[i]);
		if (ret == 0)
			pf_ready(host, i);
	}
	return ret;
}

/* Take every PF over from the daemon on @path, serve each once at once,
 * and say how long their mailboxes went unserved. */
static int
host_take(const struct pfd_conf *conf, const char *path, struct pfd_host *host,
	struct pfd_sock *sock)
{
	struct pfd_takeover t;
	uint64_t served;
	unsigned int i;
	int ret, n, waiting = 0;

	ret = pfd_handover_take(conf, path, host, sock, &t);
	if (ret < 0)
		return ret;
	/* What the VFs posted during the handover goes first. */
	for (i = 0; i < host->nb_pf; i++) {
		n = srnic_pf_poll(host->pf[i]);
		if (n > 0)
			waiting += n;
	}
	served = pfd_now_ms();
	for (i = 0; i < host->nb_pf; i++)
		pf_ready(host, i);
	pfd_note("took over %u PF%s from pid %d in %" PRIu64 " ms; their mailboxes went "
		"unserved for %" PRIu64 " ms; %d mailbox events had waited", host->nb_pf,
		host->nb_pf == 1 ? "" : "s", t.pid, served - t.asked_ms, served - t.stopped_ms,
		waiting);
	return 0;
}

static void
host_close(struct pfd_host *host)
{
	unsigned int i;

	for (i = 0; i < host->nb_pf; i++) {
		if (host->pf[i] == NULL)
			continue;
		if (host->handed_over) {
			srnic_pf_handover_release(host->pf[i]);
			host->pf[i] = NULL;
			continue;
		}
		if (host->conf->pf[i].remove_vfs_on_exit)
			srnic_pf_vfs_remove(host->pf[i]);
		srnic_pf_close(host->pf[i]);
		host->pf[i] = NULL;
	}
	host->nb_pf = 0;
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

/* The loop's service: every PF's mailbox and link. */
static int
serve_pfs(void *arg)
{
	struct pfd_host *host = arg;
	unsigned int i;
	int n, work = 0;

	for (i = 0; i < host->nb_pf; i++) {
		n = srnic_pf_poll(host->pf[i]);
		if (n > 0)
			work += n;
	}
	return work;
}

static int
serve(struct pfd_host *host, int sfd, int lfd)
{
	struct pfd_ctl ctl;
	struct pfd_loop loop = {
		.stop_fd = sfd,
		.ctl = &ctl,
		.service = serve_pfs,
		.arg = host,
	};
	unsigned int i;
	int ret, fd;

	for (i = 0; i < host->nb_pf; i++) {
		fd = srnic_pf_event_fd(host->pf[i]);
		if (fd >= 0)
			loop.event_fd[loop.nb_event_fd++] = fd;
		else if (srnic_pf_backend(host->pf[i]) == SRNIC_PF_BACKEND_VFIO)
			loop.polled = true;
	}
	pfd_ctl_init(&ctl, lfd, host);
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
	static struct pfd_conf conf;
	const char *config = NULL, *socket_path = NULL;
	struct pfd_host host = { .nb_pf = 0 };
	struct pfd_sock sock = { .fd = -1 };
	bool takeover = false;
	int ret, sfd = -1, app;

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
	/* The configuration first: nothing is touched for a file with a fault. */
	for (app = 1; app < argc && strcmp(argv[app], "--") != 0; app++)
		;
	if (app == argc)
		fprintf(stderr, "srnic-pfd: no '--': EAL options, then '--', then -c CONFIG\n");
	if (app == argc || parse_args(argc - app, argv + app, &config, &socket_path, &takeover) < 0) {
		usage("srnic-pfd");
		return 2;
	}
	if (pfd_config_load(config, &conf) < 0) {
		fprintf(stderr, "srnic-pfd: %s: nothing done; correct the file and start again\n",
			config);
		return 1;
	}
	if (socket_path != NULL &&
	    snprintf(conf.socket, sizeof(conf.socket), "%s", socket_path) >= (int)sizeof(conf.socket)) {
		fprintf(stderr, "srnic-pfd: -s %s: longer than %zu characters; choose a shorter "
			"path\n", socket_path, sizeof(conf.socket) - 1);
		pfd_conf_free(&conf);
		return 2;
	}
	ret = rte_eal_init(app, argv);
	if (ret < 0) {
		fprintf(stderr, "srnic-pfd: EAL init failed: %s\n", strerror(rte_errno));
		pfd_conf_free(&conf);
		return 1;
	}
	unpin();
	ret = conf.socket[0] != '\0' ? 0 : pfd_sock_default(conf.nb_pf == 1 ?
		conf.pf[0].pci : NULL, conf.socket, sizeof(conf.socket));
	host.sock = &sock;
	if (ret == 0) {
		sfd = signals_fd();
		ret = sfd < 0 ? -errno : 0;
	}
	/* The socket first: a second daemon for these PFs stops here, before
	 * it resets a PF under the first one. */
	if (ret == 0 && takeover)
		ret = host_take(&conf, conf.socket, &host, &sock);
	else if (ret == 0)
		ret = pfd_sock_listen(&sock, conf.socket);
	if (ret == 0 && !takeover)
		ret = host_open(&conf, config, &host);
	if (ret == 0) {
		pfd_note("ready: %u PF%s, control socket %s", host.nb_pf, host.nb_pf == 1 ? "" :
			"s", conf.socket);
		ret = serve(&host, sfd, sock.fd);
	}
	if (host.handed_over)
		pfd_sock_forget(&sock);
	else
		pfd_sock_close(&sock);
	if (sfd >= 0)
		close(sfd);
	host_close(&host);
	pfd_conf_free(&conf);
	rte_eal_cleanup();
	return ret < 0 ? 1 : 0;
}
