/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-testpmd: testpmd for srnic VFs, on the ethdev ports EAL probed
 * (select VFs with "-a"). EAL options, then "--" and the app options (see
 * --help). Without -i it forwards until --duration,
 * --max-pkts or a signal, then prints the forward statistics and exits.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_pmd_srnic.h>

#include "testpmd.h"

volatile bool force_quit;

static void
on_signal(int sig)
{
	force_quit = true;
	(void)sig;
}

/* Forward until a stop condition; statistics every --stats-period. */
static void
run_until_done(void)
{
	uint64_t hz = rte_get_timer_hz(), start = rte_get_timer_cycles();
	uint64_t next_stats = start + hz * cfg.stats_period;

	if (cfg.duration == 0 && cfg.max_pkts == 0)
		printf("Press Ctrl-C to stop forwarding ...\n");
	while (!force_quit) {
		uint64_t now;

		rte_delay_us_sleep(20000);
		now = rte_get_timer_cycles();
		if (cfg.stats_period && now >= next_stats) {
			stats_show_all();
			next_stats += hz * cfg.stats_period;
		}
		if (cfg.duration && now - start >= hz * cfg.duration)
			break;
		if (cfg.max_pkts && fwd_total_rx() >= cfg.max_pkts)
			break;
	}
	if (force_quit)
		printf("\nSignal received, preparing to exit...\n");
}

int
main(int argc, char **argv)
{
	char err[256];
	int ret, eal_args;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	/* --vfs-from-env: the VFs must reach EAL as -a before it probes. */
	if (rte_pmd_srnic_vfs_from_env(&argc, &argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "srnic-testpmd: %s\n", err);
		return 2;
	}
	eal_args = rte_eal_init(argc, argv);
	if (eal_args < 0) {
		fprintf(stderr, "srnic-testpmd: EAL init failed: %s\n", rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	argv[eal_args] = argv[0];
	ret = app_parse_args(argc - eal_args, argv + eal_args, &cfg, err, sizeof(err));
	if (ret != 0) {
		if (ret == 1) {
			app_usage(argv[0]);
		} else {
			fprintf(stderr, "srnic-testpmd: %s\n", err);
			fprintf(stderr, "Run '%s -- --help' for the options.\n", argv[0]);
		}
		rte_eal_cleanup();
		return ret == 1 ? EXIT_SUCCESS : 2;
	}
	telemetry_register();
	ret = pfs_open();
	if (ret == 0)
		ret = ports_open();
	if (ret < 0) {
		ports_close();
		pfs_close();
		rte_eal_cleanup();
		return EXIT_FAILURE;
	}
	/* A file that cannot be read ends the run before anything starts. */
	ret = cfg.cmdline_file[0] != '\0' ? cli_run_file(cfg.cmdline_file) : 0;
	if (ret == 0 && cfg.interactive) {
		if (cfg.auto_start)
			fwd_start(cfg.tx_first);
		cli_run();
	} else if (ret == 0 && fwd_start(cfg.tx_first) == 0) {
		run_until_done();
	} else {
		ret = -1;
	}
	if (fwd_is_running())
		fwd_stop();
	ports_close();
	pfs_close();
	rte_eal_cleanup();
	printf("Bye...\n");
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
