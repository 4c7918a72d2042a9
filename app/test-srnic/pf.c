/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PFs named with --pf, opened through librte_srnic_pf so that the
 * prompt's "set vf" commands can configure their VFs. A PF on vfio-pci is
 * a userspace PF: its mailbox service runs on a thread of its own, with
 * the VF token given to EAL (--vfio-vf-token) so this process's own VFs
 * are accepted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_srnic_pf.h>

#include "testpmd.h"

struct srnic_pf *pf_handles[TP_MAX_PFS];

int
pfs_open(void)
{
	struct srnic_pf_opts opts;
	uint16_t i;
	int ret;

	memset(&opts, 0, sizeof(opts));
	opts.size = sizeof(opts);
	rte_eal_vfio_get_vf_token(opts.vf_token);
	for (i = 0; i < cfg.nb_pfs; i++) {
		ret = srnic_pf_open(cfg.pfs[i], &opts, &pf_handles[i]);
		if (ret < 0) {
			fprintf(stderr, "cannot open PF %s: %s (see the line above)\n", cfg.pfs[i],
				rte_strerror(-ret));
			return ret;
		}
		if (srnic_pf_backend(pf_handles[i]) == SRNIC_PF_BACKEND_VFIO) {
			ret = srnic_pf_service_start(pf_handles[i]);
			if (ret < 0) {
				fprintf(stderr, "PF %s: cannot start its mailbox service: %s\n",
					cfg.pfs[i], rte_strerror(-ret));
				return ret;
			}
		}
		printf("PF %u: %s, %s backend\n", i, cfg.pfs[i],
			srnic_pf_backend_name(srnic_pf_backend(pf_handles[i])));
	}
	return 0;
}

void
pfs_close(void)
{
	uint16_t i;

	for (i = 0; i < TP_MAX_PFS; i++) {
		if (pf_handles[i] == NULL)
			continue;
		if (srnic_pf_backend(pf_handles[i]) == SRNIC_PF_BACKEND_VFIO)
			srnic_pf_service_stop(pf_handles[i]);
		srnic_pf_close(pf_handles[i]);
		pf_handles[i] = NULL;
	}
}
