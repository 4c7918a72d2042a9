/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PF library's DPDK telemetry commands, present in every application
 * that links the library (read them with dpdk-telemetry.py):
 *
 *   /srnic_pf/list              PCI addresses of the PFs this process has open
 *   /srnic_pf/info,<pf>         backend, driver, device, VF counts, MAC, link
 *   /srnic_pf/vfs,<pf>          every VF's settings, as vf0, vf1, ...
 *   /srnic_pf/vf,<pf>,<vf>      one VF's settings
 *   /srnic_pf/mbx,<pf>          every VF's mailbox counters, and their sums
 *
 * DPDK cannot take a command back, so they are registered once, when the
 * library is loaded, and find PFs by name each time. They run on EAL's
 * telemetry thread: pf_hold() keeps a PF they found from being freed by
 * srnic_pf_close() until they are done (a closed PF is no longer found),
 * and they read it only through the public getters, which take the PF's
 * lock as the mailbox service does. A bad parameter returns -EINVAL, which
 * telemetry reports as null.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_ether.h>

#include "pf_priv.h"

/* Most PFs /srnic_pf/list names: far more than a machine has igb PFs. */
#define TEL_MAX_PFS	64

/*
 * "<pf>" (@vf NULL) or "<pf>,<vf>": the PF, held (pf_release() it), and
 * the VF index, checked against the PF's VFs. NULL when either is bad.
 */
static struct srnic_pf *
param_pf(const char *params, uint16_t *vf)
{
	char buf[SRNIC_PF_NAME_LEN + 8], *comma, *end;
	struct srnic_pf *pf;
	long idx = 0;

	if (params == NULL || snprintf(buf, sizeof(buf), "%s", params) >= (int)sizeof(buf))
		return NULL;
	comma = strchr(buf, ',');
	if ((comma != NULL) != (vf != NULL))
		return NULL;
	if (comma != NULL) {
		*comma = '\0';
		idx = strtol(comma + 1, &end, 10);
		if (end == comma + 1 || *end != '\0' || idx < 0 || idx >= SRNIC_PF_MAX_VFS)
			return NULL;
	}
	pf = pf_hold(buf);
	if (pf == NULL || vf == NULL)
		return pf;
	if (idx >= srnic_pf_vf_count(pf)) {
		pf_release(pf);
		return NULL;
	}
	*vf = (uint16_t)idx;
	return pf;
}

static void
add_mac(struct rte_tel_data *d, const char *name, const struct rte_ether_addr *mac)
{
	char buf[RTE_ETHER_ADDR_FMT_SIZE];

	rte_ether_format_addr(buf, sizeof(buf), mac);
	rte_tel_data_add_dict_string(d, name, buf);
}

/* SRNIC_PF_RXMODE_* bits as an array of names. */
static void
add_rxmodes(struct rte_tel_data *d, const char *name, uint32_t modes)
{
	struct rte_tel_data *a = rte_tel_data_alloc();

	if (a == NULL)
		return;
	rte_tel_data_start_array(a, RTE_TEL_STRING_VAL);
	if (modes & SRNIC_PF_RXMODE_BROADCAST)
		rte_tel_data_add_array_string(a, "broadcast");
	if (modes & SRNIC_PF_RXMODE_MULTICAST)
		rte_tel_data_add_array_string(a, "multicast");
	if (modes & SRNIC_PF_RXMODE_PROMISC)
		rte_tel_data_add_array_string(a, "promisc");
	if (rte_tel_data_add_dict_container(d, name, a, 0) != 0)
		rte_tel_data_free(a);
}

static void
add_vlans(struct rte_tel_data *d, const struct srnic_pf_vf_info *v)
{
	struct rte_tel_data *a = rte_tel_data_alloc();
	uint16_t i;

	if (a == NULL)
		return;
	rte_tel_data_start_array(a, RTE_TEL_INT_VAL);
	for (i = 0; i < v->nb_vlans && i < SRNIC_PF_VF_MAX_VLANS; i++)
		rte_tel_data_add_array_int(a, v->vlans[i]);
	if (rte_tel_data_add_dict_container(d, "vlan_filters", a, 0) != 0)
		rte_tel_data_free(a);
}

/* One VF's settings into the started dict @d; the mailbox side only when
 * srnic serves it (vfio backend). */
static void
vf_dict(struct rte_tel_data *d, const struct srnic_pf_vf_info *v, bool vfio)
{
	rte_tel_data_add_dict_int(d, "vf", v->vf);
	rte_tel_data_add_dict_string(d, "pci_addr", v->pci_addr);
	rte_tel_data_add_dict_string(d, "driver", v->driver);
	rte_tel_data_add_dict_string(d, "netdev", v->netdev);
	rte_tel_data_add_dict_int(d, "iommu_group", v->iommu_group);
	add_mac(d, "mac", &v->mac);
	rte_tel_data_add_dict_int(d, "mac_admin", v->mac_admin);
	rte_tel_data_add_dict_int(d, "port_vlan", v->port_vlan);
	rte_tel_data_add_dict_int(d, "port_qos", v->port_qos);
	rte_tel_data_add_dict_int(d, "trust", v->trusted);
	rte_tel_data_add_dict_int(d, "spoofchk_mac", !!(v->spoofchk & SRNIC_PF_SPOOFCHK_MAC));
	rte_tel_data_add_dict_int(d, "spoofchk_vlan",
		!!(v->spoofchk & SRNIC_PF_SPOOFCHK_VLAN));
	rte_tel_data_add_dict_string(d, "link_state", pf_link_state_name(v->link_state));
	if (!vfio)
		return;
	add_rxmodes(d, "rxmode_allowed", v->rxmode_allowed);
	add_rxmodes(d, "rxmode", v->rxmode);
	/* igb VFs have no mailbox API versions: the reset handshake is all
	 * a VF driver negotiates. */
	rte_tel_data_add_dict_int(d, "handshake_done", v->cts);
	rte_tel_data_add_dict_int(d, "max_frame", v->max_frame);
	rte_tel_data_add_dict_int(d, "nb_mc", v->nb_mc);
	add_vlans(d, v);
}

static int
tel_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	char names[TEL_MAX_PFS][SRNIC_PF_NAME_LEN];
	int n, i;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	n = RTE_MIN(pf_registry_names(names, TEL_MAX_PFS), TEL_MAX_PFS);
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (i = 0; i < n; i++)
		rte_tel_data_add_array_string(d, names[i]);
	return 0;
}

static int
tel_info(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_pf *pf = param_pf(params, NULL);
	struct srnic_pf_info info;

	RTE_SET_USED(cmd);
	if (pf == NULL)
		return -EINVAL;
	srnic_pf_info_get(pf, &info);
	pf_release(pf);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", info.name);
	rte_tel_data_add_dict_string(d, "backend", info.backend_name);
	rte_tel_data_add_dict_string(d, "driver", info.driver);
	rte_tel_data_add_dict_string(d, "netdev", info.netdev);
	rte_tel_data_add_dict_int(d, "device_id", info.device_id);
	rte_tel_data_add_dict_int(d, "max_vfs", info.max_vfs);
	rte_tel_data_add_dict_int(d, "nb_vfs", info.nb_vfs);
	add_mac(d, "mac", &info.mac);
	rte_tel_data_add_dict_int(d, "link_up", info.link_up);
	rte_tel_data_add_dict_int(d, "link_speed_mbps", (int)info.link_speed_mbps);
	if (info.backend == SRNIC_PF_BACKEND_VFIO)
		rte_tel_data_add_dict_string(d, "wait", info.interrupt ? "interrupt" : "backoff");
	return 0;
}

/* VF @vf as a dict under "vf<n>" of @d. */
static void
add_vf(struct rte_tel_data *d, struct srnic_pf *pf, uint16_t vf)
{
	struct srnic_pf_vf_info v;
	struct rte_tel_data *c;
	char name[16];

	if (srnic_pf_vf_info_get(pf, vf, &v) < 0)
		return;
	c = rte_tel_data_alloc();
	if (c == NULL)
		return;
	rte_tel_data_start_dict(c);
	vf_dict(c, &v, srnic_pf_backend(pf) == SRNIC_PF_BACKEND_VFIO);
	snprintf(name, sizeof(name), "vf%u", vf);
	if (rte_tel_data_add_dict_container(d, name, c, 0) != 0)
		rte_tel_data_free(c);
}

static int
tel_vfs(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_pf *pf = param_pf(params, NULL);
	int n, vf;

	RTE_SET_USED(cmd);
	if (pf == NULL)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	n = srnic_pf_vf_count(pf);
	for (vf = 0; vf < n; vf++)
		add_vf(d, pf, (uint16_t)vf);
	pf_release(pf);
	return 0;
}

static int
tel_vf(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_pf_vf_info v;
	struct srnic_pf *pf;
	uint16_t vf;
	int ret;

	RTE_SET_USED(cmd);
	pf = param_pf(params, &vf);
	if (pf == NULL)
		return -EINVAL;
	ret = srnic_pf_vf_info_get(pf, vf, &v);
	if (ret == 0) {
		rte_tel_data_start_dict(d);
		vf_dict(d, &v, srnic_pf_backend(pf) == SRNIC_PF_BACKEND_VFIO);
	}
	pf_release(pf);
	return ret;
}

/* The mailbox counters, in the order /srnic_pf/mbx shows them. */
static const struct {
	const char *name;
	size_t off;
} mbx_counters[] = {
#define MBX_COUNTER(f) { #f, offsetof(struct srnic_pf_vf_stats, f) }
	MBX_COUNTER(msgs), MBX_COUNTER(acks), MBX_COUNTER(nacks), MBX_COUNTER(bad_msgs),
	MBX_COUNTER(dropped), MBX_COUNTER(refused_not_ready), MBX_COUNTER(refused_by_app),
	MBX_COUNTER(refused_by_policy), MBX_COUNTER(mbx_busy), MBX_COUNTER(resets),
	MBX_COUNTER(flrs), MBX_COUNTER(pings),
#undef MBX_COUNTER
};

static uint64_t
mbx_counter(const struct srnic_pf_vf_stats *s, unsigned int i)
{
	return *(const uint64_t *)((const char *)s + mbx_counters[i].off);
}

/* @vals as a dict under @name of @d. */
static void
add_counters(struct rte_tel_data *d, const char *name, const uint64_t *vals)
{
	struct rte_tel_data *c = rte_tel_data_alloc();
	unsigned int i;

	if (c == NULL)
		return;
	rte_tel_data_start_dict(c);
	for (i = 0; i < RTE_DIM(mbx_counters); i++)
		rte_tel_data_add_dict_u64(c, mbx_counters[i].name, vals[i]);
	if (rte_tel_data_add_dict_container(d, name, c, 0) != 0)
		rte_tel_data_free(c);
}

static int
tel_mbx(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct srnic_pf *pf = param_pf(params, NULL);
	uint64_t vals[RTE_DIM(mbx_counters)], total[RTE_DIM(mbx_counters)] = { 0 };
	struct srnic_pf_vf_stats s;
	unsigned int i;
	char name[16];
	int n, vf;

	RTE_SET_USED(cmd);
	if (pf == NULL)
		return -EINVAL;
	/* Linux serves a kernel PF's mailbox and keeps no such counters. */
	if (srnic_pf_backend(pf) != SRNIC_PF_BACKEND_VFIO) {
		pf_release(pf);
		return -ENOTSUP;
	}
	rte_tel_data_start_dict(d);
	n = srnic_pf_vf_count(pf);
	for (vf = 0; vf < n; vf++) {
		if (srnic_pf_vf_stats_get(pf, (uint16_t)vf, &s) < 0)
			continue;
		for (i = 0; i < RTE_DIM(mbx_counters); i++) {
			vals[i] = mbx_counter(&s, i);
			total[i] += vals[i];
		}
		snprintf(name, sizeof(name), "vf%u", (uint16_t)vf);
		add_counters(d, name, vals);
	}
	pf_release(pf);
	add_counters(d, "total", total);
	return 0;
}

const struct pf_tel_cmd pf_tel_cmds[] = {
	{ "/srnic_pf/list", tel_list,
		"PCI addresses of the PFs this process has open. Takes no parameters" },
	{ "/srnic_pf/info", tel_info,
		"A PF: backend, driver, device, VFs, MAC, link. Parameters: string pf" },
	{ "/srnic_pf/vfs", tel_vfs,
		"Every VF's MAC, VLANs, trust, spoof check, link state, receive modes. "
		"Parameters: string pf" },
	{ "/srnic_pf/vf", tel_vf, "One VF's settings. Parameters: string pf, int vf" },
	{ "/srnic_pf/mbx", tel_mbx,
		"Mailbox counters of every VF and their sums (vfio backend). Parameters: string pf" },
};
const unsigned int pf_tel_nb_cmds = RTE_DIM(pf_tel_cmds);

RTE_INIT(srnic_pf_telemetry_register)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(pf_tel_cmds); i++)
		rte_telemetry_register_cmd(pf_tel_cmds[i].name, pf_tel_cmds[i].fn,
			pf_tel_cmds[i].help);
}
