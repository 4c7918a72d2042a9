/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * net_srnic: what ethdev cannot express about a srnic port.
 *
 * net_srnic is an ethdev poll-mode driver for Intel igb-family SR-IOV
 * Virtual Functions (82576 VF 8086:10ca, I350 VF 8086:1520) bound to
 * vfio-pci. Applications drive its ports with the rte_eth_* API on the port
 * ids EAL gives them: "-a <VF>" on the EAL command line selects the VFs,
 * "--vfio-vf-token" gives the VF token of a userspace PF, and
 * "-d librte_net_srnic.so" loads the driver into an application that does
 * not link it. Events come through rte_eth_dev_callback_register():
 * RTE_ETH_EVENT_INTR_LSC (link pushed by the PF), RTE_ETH_EVENT_INTR_RESET
 * (PF reset or mailbox timeout: call rte_eth_dev_reset(), then
 * rte_eth_dev_start()) and RTE_ETH_EVENT_VF_MBOX (a PF control message).
 *
 * The port functions below take an ethdev port id, as rte_pmd_ixgbe.h does.
 * They return a negative errno: -ENODEV for an invalid port id, -ENOTSUP for
 * a port of another driver. rte_pmd_srnic_vfs_from_env() helps before EAL
 * starts: it names to EAL the VFs Kubernetes gave the container.
 */
#ifndef RTE_PMD_SRNIC_H
#define RTE_PMD_SRNIC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The driver's name, as rte_eth_dev_info::driver_name reports it. */
#define RTE_PMD_SRNIC_DRIVER_NAME "net_srnic"

/**
 * Look at the mailbox and the link now, rather than at the driver's next
 * periodic look (every 100 ms), and run the ethdev callbacks of any event
 * found before returning.
 *
 * @param port_id an ethdev port of net_srnic.
 * @return 0, -ENODEV, -ENOTSUP.
 */
int rte_pmd_srnic_check_events(uint16_t port_id);

/**
 * Whether the port waits for rte_eth_dev_reset() after a PF reset or a
 * mailbox timeout (RTE_ETH_EVENT_INTR_RESET was raised).
 *
 * @param port_id an ethdev port of net_srnic.
 * @return 1 reset needed, 0 not, -ENODEV, -ENOTSUP.
 */
int rte_pmd_srnic_reset_needed(uint16_t port_id);

/**
 * The PCI address of the VF's Physical Function, e.g. "0000:01:00.0".
 *
 * @param port_id an ethdev port of net_srnic.
 * @param buf where to write it.
 * @param len size of @p buf; 13 bytes or more.
 * @return 0, -EINVAL (@p buf NULL or too small), -ENODEV, -ENOTSUP.
 */
int rte_pmd_srnic_get_pf_name(uint16_t port_id, char *buf, size_t len);

/**
 * Print every VF register a driver programs or reads, with its name, to
 * @p f (rte_eth_dev_get_reg_info() gives the same values without names).
 *
 * @param port_id an ethdev port of net_srnic.
 * @param f the stream.
 * @return 0, -EINVAL (@p f NULL), -ENODEV, -ENOTSUP.
 */
int rte_pmd_srnic_dump_regs(uint16_t port_id, FILE *f);

/** The application option rte_pmd_srnic_vfs_from_env() looks for. */
#define RTE_PMD_SRNIC_VFS_FROM_ENV_OPT "--vfs-from-env"

/**
 * Give EAL the VFs that Kubernetes' SR-IOV network device plugin allocated
 * to this container. The plugin puts their PCI addresses, comma-separated,
 * in a variable named after the resource: "PCIDEVICE_" then the resource
 * name upper-cased with every character other than a letter or a digit
 * made '_' (intel.com/srnic gives PCIDEVICE_INTEL_COM_SRNIC).
 *
 * Call it before rte_eal_init(), on main()'s arguments. It looks for
 * "--vfs-from-env[=NAME]" among the application's options (after the
 * first "--"); without it, it changes nothing. NAME is the variable, or the
 * resource name (it has a '/'); with no NAME, the environment must hold
 * exactly one PCIDEVICE_* variable. It then points @p argv at a new vector:
 * the program name, "-a ADDR" for each listed VF, then the other arguments
 * in their order, without the option. The new vector is never freed (EAL
 * keeps pointers into it).
 *
 * This runs before EAL exists: it logs nothing, and a refusal comes back
 * as a message in @p err naming the variable and its value.
 *
 * @param argc in: main()'s argc; out: the new count.
 * @param argv in: main()'s argv; out: the new vector.
 * @param err where to write the reason of a refusal.
 * @param err_len size of @p err (at least 1).
 * @return the number of VFs added (0 without the option); -EINVAL (no such
 *   variable, none or several PCIDEVICE_* variables, an empty value, a
 *   malformed address, the option twice, or a NULL argument); -ENOMEM.
 */
int rte_pmd_srnic_vfs_from_env(int *argc, char ***argv, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* RTE_PMD_SRNIC_H */
