/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Everything a VF must ask its PF for: the reset handshake and MAC, MAC
 * changes, receive modes, the multicast list, VLAN filters and the largest
 * frame. Each request returns the PF's ACK or NACK as an error code.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "srnic_dev.h"
#include "srnic_logs.h"

/* "ip link set <pf-interface> vf <n>" for messages, or a generic hint. */
static void
pf_vf_ref(const struct srnic_port *port, char *buf, size_t len)
{
	struct srnic_pci_info pf;
	int n;

	n = srnic_pci_vf_index(port->pci.physfn, port->name);
	if (n >= 0 && srnic_pci_info_read(port->pci.physfn, &pf) == 0 &&
	    pf.netdev[0] != '\0')
		snprintf(buf, len, "ip link set %s vf %d", pf.netdev, n);
	else
		snprintf(buf, len, "the PF's VF settings");
}

/* Send one request and map the PF's answer; port lock held. */
static int
pf_request(struct srnic_port *port, const struct srnic_mbx_msg *req, const char *what)
{
	struct srnic_mbx_msg reply;
	int ret;

	if (port->reset_needed) {
		SRNIC_MBX_LOG(ERR, port, "%s: the port needs rte_eth_dev_reset() first", what);
		return -EIO;
	}
	ret = srnic_vf_mbx_request(&port->mbx, req, &reply, 1);
	switch (ret) {
	case 0:
		SRNIC_MBX_LOG(DEBUG, port, "%s: ACK", what);
		return 0;
	case -EPERM:
		SRNIC_MBX_LOG(DEBUG, port, "%s: NACK", what);
		return ret;
	case -ETIMEDOUT:
		srnic_mark_reset_needed(port, "mailbox timeout");
		SRNIC_MBX_LOG(ERR, port, "%s: the PF %s did not answer within %u ms; the port "
			"needs rte_eth_dev_reset() (is the PF interface up?)", what,
			port->pci.physfn, SRNIC_MBX_TIMEOUT_US / 1000);
		return ret;
	default:
		SRNIC_MBX_LOG(ERR, port, "%s: mailbox error %s", what, strerror(-ret));
		return ret;
	}
}

static int
set_mac_locked(struct srnic_port *port, const struct rte_ether_addr *mac)
{
	struct srnic_mbx_msg req;

	if (srnic_mbx_enc_set_mac(&req, mac->addr_bytes) < 0)
		return -EINVAL;
	return pf_request(port, &req, "set MAC");
}

static int
pick_mac(struct srnic_port *port, const uint8_t pf_mac[6], bool has_mac)
{
	struct rte_ether_addr wanted = port->mac;
	char ref[64];
	int ret;

	if (has_mac) {
		memcpy(port->mac.addr_bytes, pf_mac, RTE_ETHER_ADDR_LEN);
		port->mac_from_pf = true;
		if (!port->mac_changed || rte_is_same_ether_addr(&wanted, &port->mac))
			return 0;
		/* After a reset, ask again for the address the app had set. */
		if (set_mac_locked(port, &wanted) == 0)
			port->mac = wanted;
		return 0;
	}
	port->mac_from_pf = false;
	if (!port->mac_changed && rte_is_zero_ether_addr(&port->mac)) {
		pf_vf_ref(port, ref, sizeof(ref));
		rte_eth_random_addr(port->mac.addr_bytes);
		SRNIC_INIT_LOG(WARNING, port, "the PF gave no MAC; using random "
			RTE_ETHER_ADDR_PRT_FMT " (set one with: %s mac <addr>)",
			RTE_ETHER_ADDR_BYTES(&port->mac), ref);
	}
	/* The PF must know the address to steer frames to this VF. */
	ret = set_mac_locked(port, &port->mac);
	if (ret == -EPERM)
		SRNIC_INIT_LOG(WARNING, port, "the PF refused MAC " RTE_ETHER_ADDR_PRT_FMT,
			RTE_ETHER_ADDR_BYTES(&port->mac));
	return ret == -EPERM ? 0 : ret;
}

int
srnic_vf_init(struct srnic_port *port)
{
	uint8_t mac[RTE_ETHER_ADDR_LEN];
	bool has_mac;
	char ref[64];
	int ret;

	ret = srnic_vf_mbx_reset(&port->mbx, mac, &has_mac);
	if (ret == -EAGAIN) {
		struct srnic_pci_info pf;

		if (srnic_pci_info_read(port->pci.physfn, &pf) < 0)
			memset(&pf, 0, sizeof(pf));
		if (strcmp(pf.driver, "vfio-pci") == 0)
			SRNIC_INIT_LOG(ERR, port, "the PF %s (driver vfio-pci) is still in reset: "
				"is its userspace PF manager (srnic-pfd) running?",
				port->pci.physfn);
		else
			SRNIC_INIT_LOG(ERR, port, "the PF %s (driver %s) is still in reset: is its "
				"interface up? (ip link set %s up)", port->pci.physfn,
				pf.driver[0] ? pf.driver : "none", pf.netdev[0] ? pf.netdev : "<pf>");
		return -ETIMEDOUT;
	}
	if (ret < 0) {
		pf_vf_ref(port, ref, sizeof(ref));
		SRNIC_INIT_LOG(ERR, port, "reset handshake with the PF %s failed: %s; is the PF "
			"interface up and its driver loaded?", port->pci.physfn,
			strerror(-ret));
		return ret == -EPROTO ? -EIO : ret;
	}
	port->reset_needed = false;
	/* A completed handshake is the PF's clear-to-send. */
	port->pf_link_ok = true;
	return pick_mac(port, mac, has_mac);
}

int
srnic_request_lpe(struct srnic_port *port, uint16_t mtu)
{
	struct srnic_mbx_msg req;
	int ret;

	/* Room for one VLAN tag on top of the MTU, as Linux igbvf asks. */
	if (srnic_mbx_enc_set_lpe(&req, srnic_mtu_to_frame(mtu) + SRNIC_VLAN_TAG_LEN) < 0)
		return -EINVAL;
	ret = pf_request(port, &req, "set max frame");
	if (ret == -EPERM)
		SRNIC_DRV_LOG(ERR, port, "the PF refused frames of %u bytes (MTU %u)",
			srnic_mtu_to_frame(mtu) + SRNIC_VLAN_TAG_LEN, mtu);
	return ret;
}

static int
request_promisc(struct srnic_port *port, bool promisc, bool allmulti)
{
	struct srnic_mbx_msg req;
	uint8_t flags = (promisc ? IGB_PROMISC_UNICAST : 0) |
		(allmulti ? IGB_PROMISC_MULTICAST : 0);

	srnic_mbx_enc_set_promisc(&req, flags);
	return pf_request(port, &req, "set receive mode");
}

static int
request_mc_list(struct srnic_port *port)
{
	struct srnic_mbx_msg req;
	int ret;

	ret = srnic_mbx_enc_set_multicast(&req,
		(const uint8_t (*)[RTE_ETHER_ADDR_LEN])port->mc, port->nb_mc);
	if (ret < 0)
		return ret;
	return pf_request(port, &req, "set multicast list");
}

static int
request_vlan(struct srnic_port *port, uint16_t vid, bool on)
{
	struct srnic_mbx_msg req;

	if (srnic_mbx_enc_set_vlan(&req, vid, on) < 0)
		return -EINVAL;
	return pf_request(port, &req, on ? "add VLAN filter" : "remove VLAN filter");
}

int
srnic_apply_filters(struct srnic_port *port)
{
	uint16_t vid;
	int ret;

	if (port->promisc || port->allmulti) {
		ret = request_promisc(port, port->promisc, port->allmulti);
		if (ret < 0)
			return ret;
	}
	if (port->nb_mc > 0) {
		ret = request_mc_list(port);
		if (ret < 0)
			return ret;
	}
	for (vid = 0; vid <= IGB_VLAN_ID_MAX; vid++) {
		if (!(port->vlans[vid / 64] & (1ULL << (vid % 64))))
			continue;
		ret = request_vlan(port, vid, true);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* Run @body under the port lock: an eth_dev_op that talks to the PF. */
#define WITH_PORT_LOCKED(dev, port, body) do { \
	struct srnic_port *port = srnic_port_of(dev); \
	int ret_; \
	pthread_mutex_lock(&port->lock); \
	ret_ = (body); \
	pthread_mutex_unlock(&port->lock); \
	return ret_; \
} while (0)

static int
mac_set_locked(struct srnic_port *port, const struct rte_ether_addr *mac)
{
	char ref[64];
	int ret;

	if (!rte_is_valid_assigned_ether_addr(mac)) {
		SRNIC_DRV_LOG(ERR, port, RTE_ETHER_ADDR_PRT_FMT " is not a unicast address",
			RTE_ETHER_ADDR_BYTES(mac));
		return -EINVAL;
	}
	/* ethdev sets the port's own address again at every start: the PF
	 * already steers it here, and one that refuses any request (an
	 * administrator's MAC on an untrusted VF) would refuse even that. */
	if (rte_is_same_ether_addr(mac, &port->mac))
		return 0;
	ret = set_mac_locked(port, mac);
	if (ret == -EPERM) {
		pf_vf_ref(port, ref, sizeof(ref));
		SRNIC_DRV_LOG(ERR, port, "the PF refused MAC " RTE_ETHER_ADDR_PRT_FMT ": the "
			"administrator set this VF's MAC and the VF is not trusted (to allow it: "
			"%s trust on, or change it there: %s mac <addr>)",
			RTE_ETHER_ADDR_BYTES(mac), ref, ref);
		return ret;
	}
	if (ret == 0) {
		port->mac = *mac;
		port->mac_changed = true;
	}
	return ret;
}

int
srnic_dev_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *mac)
{
	WITH_PORT_LOCKED(dev, port, mac_set_locked(port, mac));
}

static int
rx_mode_locked(struct srnic_port *port, bool promisc, bool allmulti)
{
	int ret = request_promisc(port, promisc, allmulti);

	if (ret == -EPERM) {
		SRNIC_DRV_LOG(ERR, port, "the PF refused %s mode%s",
			promisc ? "promiscuous" : "all-multicast",
			promisc ? " (Linux's igb PF never allows unicast promiscuous for VFs)" : "");
		return ret;
	}
	if (ret == 0) {
		port->promisc = promisc;
		port->allmulti = allmulti;
	}
	return ret;
}

int
srnic_dev_promiscuous_enable(struct rte_eth_dev *dev)
{
	WITH_PORT_LOCKED(dev, port, rx_mode_locked(port, true, port->allmulti));
}

int
srnic_dev_promiscuous_disable(struct rte_eth_dev *dev)
{
	WITH_PORT_LOCKED(dev, port, rx_mode_locked(port, false, port->allmulti));
}

int
srnic_dev_allmulticast_enable(struct rte_eth_dev *dev)
{
	WITH_PORT_LOCKED(dev, port, rx_mode_locked(port, port->promisc, true));
}

int
srnic_dev_allmulticast_disable(struct rte_eth_dev *dev)
{
	WITH_PORT_LOCKED(dev, port, rx_mode_locked(port, port->promisc, false));
}

static int
mc_list_locked(struct srnic_port *port, const struct rte_ether_addr *mc, uint32_t n)
{
	uint32_t old_n = port->nb_mc;
	struct rte_ether_addr old[SRNIC_MAX_MC_ADDRS];
	uint32_t i;
	int ret;

	if (n > SRNIC_MAX_MC_ADDRS || (n > 0 && mc == NULL)) {
		SRNIC_DRV_LOG(ERR, port, "%u multicast addresses: at most %d", n,
			SRNIC_MAX_MC_ADDRS);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (!rte_is_multicast_ether_addr(&mc[i])) {
			SRNIC_DRV_LOG(ERR, port, RTE_ETHER_ADDR_PRT_FMT " is not multicast",
				RTE_ETHER_ADDR_BYTES(&mc[i]));
			return -EINVAL;
		}
	}
	memcpy(old, port->mc, sizeof(old));
	if (n > 0)
		memcpy(port->mc, mc, n * sizeof(*mc));
	port->nb_mc = n;
	ret = request_mc_list(port);
	if (ret < 0) {
		memcpy(port->mc, old, sizeof(old));
		port->nb_mc = old_n;
		if (ret == -EPERM)
			SRNIC_DRV_LOG(ERR, port, "the PF refused the multicast list");
	}
	return ret;
}

int
srnic_dev_set_mc_addr_list(struct rte_eth_dev *dev, struct rte_ether_addr *mc, uint32_t n)
{
	WITH_PORT_LOCKED(dev, port, mc_list_locked(port, mc, n));
}

static int
vlan_locked(struct srnic_port *port, uint16_t vid, bool on)
{
	char ref[64];
	int ret;

	if (vid > IGB_VLAN_ID_MAX) {
		SRNIC_DRV_LOG(ERR, port, "VLAN id %u out of range 0..%d", vid, IGB_VLAN_ID_MAX);
		return -EINVAL;
	}
	ret = request_vlan(port, vid, on);
	if (ret == -EPERM) {
		pf_vf_ref(port, ref, sizeof(ref));
		SRNIC_DRV_LOG(ERR, port, "the PF refused to %s VLAN %u (a port VLAN set with "
			"'%s vlan <id>' forbids VF VLAN filters; the PF's filter table may "
			"also be full)", on ? "add" : "remove", vid, ref);
		return ret;
	}
	if (ret == 0) {
		if (on)
			port->vlans[vid / 64] |= 1ULL << (vid % 64);
		else
			port->vlans[vid / 64] &= ~(1ULL << (vid % 64));
	}
	return ret;
}

int
srnic_dev_vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on)
{
	WITH_PORT_LOCKED(dev, port, vlan_locked(port, vid, on != 0));
}

/*
 * A VF cannot switch VLAN stripping or filtering in the NIC: the PF owns
 * both (a port VLAN strips, VLVF filters). ethdev has already recorded the
 * new offloads; the RX path reports stripped tags when VLAN_STRIP is on.
 */
int
srnic_dev_vlan_offload_set(struct rte_eth_dev *dev, int mask)
{
	struct srnic_port *port = srnic_port_of(dev);
	uint16_t q;

	RTE_SET_USED(mask);
	port->rx_offloads = dev->data->dev_conf.rxmode.offloads;
	for (q = 0; q < port->nb_rxq; q++)
		if (port->rxq[q] != NULL)
			port->rxq[q]->ol_flags_mask = port->rx_offloads;
	return 0;
}

static int
mtu_locked(struct srnic_port *port, uint16_t mtu)
{
	uint16_t q;
	int ret;

	if (mtu < SRNIC_MIN_MTU || mtu > SRNIC_MAX_MTU) {
		SRNIC_DRV_LOG(ERR, port, "MTU %u out of range %u..%u", mtu, SRNIC_MIN_MTU,
			SRNIC_MAX_MTU);
		return -EINVAL;
	}
	for (q = 0; q < port->nb_rxq; q++) {
		if (port->rxq[q] == NULL)
			continue;
		ret = srnic_rxq_check_frame(port, port->rxq[q], srnic_mtu_to_frame(mtu),
			port->rx_offloads);
		if (ret < 0)
			return ret;
	}
	if (port->started) {
		ret = srnic_request_lpe(port, mtu);
		if (ret < 0)
			return ret;
	}
	port->mtu = mtu;
	return 0;
}

int
srnic_dev_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	WITH_PORT_LOCKED(dev, port, mtu_locked(port, mtu));
}
