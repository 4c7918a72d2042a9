/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VF's PCI command register across a PF reset. Resetting the PF (as
 * vfio-pci does when the PF's user closes it) resets its VFs' config space
 * too, and the kernel gives back only the PF's: the VF's command register
 * comes back without memory space and bus master. The VF then answers its
 * BAR with nothing (reads 0 on the emulated NIC), so neither the mailbox's
 * reset bits nor a VF reset can get through, and it does no DMA. The event
 * check looks here when the BAR seems to be gone; a port reset turns both
 * bits back on before it talks to the NIC.
 */
#include <errno.h>
#include <string.h>

#include <linux/pci_regs.h>

#include <bus_pci_driver.h>
#include <ethdev_driver.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

#define SRNIC_PCI_COMMAND_NEEDED	(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER)

/* Through the test double when there is one, else through EAL's access to
 * the device this process probed (the port's private data is shared
 * between processes; the rte_pci_device is not). */
static int
pci_command_access(const struct srnic_port *port, uint16_t *cmd, bool write)
{
	struct rte_device *rdev = rte_eth_devices[port->port_id].device;
	struct rte_pci_device *pdev;
	int ret;

	if (port->bar->hooks != NULL)
		return port->bar->hooks->pci_command != NULL ?
			port->bar->hooks->pci_command(port->bar->hook_ctx, cmd, write) : -ENOTSUP;
	if (rdev == NULL)
		return -ENODEV;
	pdev = RTE_DEV_TO_PCI(rdev);
	ret = write ? rte_pci_write_config(pdev, cmd, sizeof(*cmd), PCI_COMMAND) :
		rte_pci_read_config(pdev, cmd, sizeof(*cmd), PCI_COMMAND);
	if (ret < 0)
		return ret;
	return ret == (int)sizeof(*cmd) ? 0 : -EIO;
}

bool
srnic_pci_command_lost(const struct srnic_port *port)
{
	uint16_t cmd;

	if (pci_command_access(port, &cmd, false) < 0)
		return false;
	return (cmd & SRNIC_PCI_COMMAND_NEEDED) != SRNIC_PCI_COMMAND_NEEDED;
}

int
srnic_pci_command_restore(const struct srnic_port *port)
{
	uint16_t cmd;
	int ret;

	ret = pci_command_access(port, &cmd, false);
	if (ret == -ENOTSUP)
		return 0;
	if (ret < 0)
		goto fail;
	if ((cmd & SRNIC_PCI_COMMAND_NEEDED) == SRNIC_PCI_COMMAND_NEEDED)
		return 0;
	SRNIC_DRV_LOG(NOTICE, port, "PCI command 0x%04x lacks memory space or bus master "
		"(the PF was reset): turning them back on", cmd);
	cmd |= SRNIC_PCI_COMMAND_NEEDED;
	ret = pci_command_access(port, &cmd, true);
	if (ret == 0)
		return 0;
fail:
	SRNIC_DRV_LOG(ERR, port, "cannot access the VF's PCI command register: %s",
		strerror(-ret));
	return ret;
}
