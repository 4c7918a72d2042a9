/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_pmd_srnic_vfs_from_env() with the environment passed in, so that
 * tests give it their own variables instead of the process's.
 */
#ifndef SRNIC_VF_ENV_H
#define SRNIC_VF_ENV_H

#include <stddef.h>

/* What the Kubernetes SR-IOV network device plugin's variables begin with. */
#define SRNIC_VF_ENV_PREFIX "PCIDEVICE_"

int srnic_vfs_from_env(int *argc, char ***argv, char *const *envp,
	char *err, size_t err_len);

#endif /* SRNIC_VF_ENV_H */
