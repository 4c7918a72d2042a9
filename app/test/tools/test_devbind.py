# SPDX-License-Identifier: BSD-3-Clause
"""usertools/srnic-devbind.py against a fake sysfs tree and fake kernel.

Each test builds a small machine: a management NIC (e1000e, up and
routed), a SATA controller, a PCIe root port and an 82576 PF on Linux igb
whose VFs (8086:10ca) go to igbvf. The tool runs in-process; its sysfs
writes reach fake_kernel.FakeKernel, which moves driver links and creates
VFs the way Linux does, so every test checks the effect, not the calls.
"""

import contextlib
import errno
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

from fake_kernel import FakeKernel

HERE = os.path.dirname(os.path.abspath(__file__))
USERTOOLS = os.path.join(HERE, "..", "..", "..", "usertools")
TOOL = os.path.join(USERTOOLS, "srnic-devbind.py")
# Where srnic's driver decides which IOMMU group members block a vfio open.
DRIVER_GROUP_CHECK = os.path.join(HERE, "..", "..", "..", "drivers", "common",
                                  "srnic", "srnic_pci.c")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else sys.executable
# The built librte_net_srnic.so, whose driver info lists the supported IDs
# (meson test sets it; by hand, the tool finds a build tree by itself).
PMD_LIB = os.environ.get("SRNIC_TEST_PMD_LIB")


def load_tool():
    spec = importlib.util.spec_from_file_location("srnic_devbind", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


devbind = load_tool()

PF = "0000:01:00.0"
VF0 = "0000:01:10.0"
VF1 = "0000:01:10.2"
VF2 = "0000:01:10.4"
MGMT = "0000:00:02.0"
SATA = "0000:00:1f.2"
PORT = "0000:00:01.0"
VIRTIO = "0000:00:03.0"
NVME = "0000:03:00.0"
SMBUS = "0000:00:1f.3"


class DevbindCase(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        if PMD_LIB:
            env = mock.patch.dict(os.environ, SRNIC_PMD_PATH=PMD_LIB)
            env.start()
            self.addCleanup(env.stop)
        self.k = k = FakeKernel(tmp.name)
        k.load_driver("igb", module="igb", netdev=True, sriov=True)
        k.load_driver("igbvf", module="igbvf", netdev=True)
        k.load_driver("e1000e", module="e1000e", netdev=True)
        k.load_driver("ahci", module="ahci")
        k.load_driver("pcieport")
        k.load_driver("pci-stub", module="pci_stub")
        k.load_driver("vfio-pci", module="vfio_pci", sriov=True)
        k.put("module/vfio_pci/parameters/enable_sriov", "N\n")
        k.add_device(PORT, "8086", "7c00", cls="0x060400", driver="pcieport")
        k.add_device(MGMT, "8086", "10d3", driver="e1000e", native="e1000e",
                     ifname="enp0s2")
        k.set_up("enp0s2")
        k.add_route("enp0s2")
        k.add_device(SATA, "8086", "2922", cls="0x010601", driver="ahci")
        k.add_device(PF, "8086", "10c9", driver="igb", native="igb",
                     totalvfs=7, ifname="eth0", vf=("8086", "10ca", "igbvf"))
        self.fs = k.sysfs(devbind)

    def run_tool(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = devbind.main(list(args), fs=self.fs)
        return rc, out.getvalue(), err.getvalue()

    def ok(self, *args):
        rc, out, err = self.run_tool(*args)
        self.assertEqual(rc, 0, f"{args} failed: {err}")
        return out

    def refused(self, *args):
        """Run, expect exit 1 with one error line on stderr; return it."""
        rc, out, err = self.run_tool(*args)
        self.assertEqual(rc, 1, f"{args} did not fail: {out}")
        lines = err.splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("srnic-devbind.py: error: "))
        return lines[0]

    def refused_untouched(self, *args):
        """refused(), and no write reached sysfs: every driver is kept."""
        addrs = os.listdir(self.k.sys("bus/pci/devices"))
        before = self.drivers(*addrs)
        err = self.refused(*args)
        self.assertEqual(self.k.writes, [])
        self.assertEqual(self.drivers(*addrs), before)
        return err

    def group_of(self, addr):
        return os.path.basename(os.readlink(
            self.k.sys(f"bus/pci/devices/{addr}/iommu_group")))

    def drivers(self, *addrs):
        return [self.k.driver(a) for a in addrs]

    def make_vfs(self, n, driver=None):
        self.k.sriov_write(PF, n)
        vfs = [self.k.vf_addr(PF, i) for i in range(n)]
        for vf in vfs if driver else []:
            self.k.detach(vf)
            self.k.attach(vf, driver)
        self.k.writes.clear()
        return vfs

    def section(self, out, title):
        """Lines of one --status section."""
        block = out.split("\n" + title + "\n", 1)[1].split("\n\n", 1)[0]
        return block.splitlines()[1:]

    def titles(self, out):
        """Section titles of --status, in order (the lines underlined)."""
        lines = out.splitlines()
        return [a for a, b in zip(lines, lines[1:])
                if b and b == "=" * len(a)]

    def line_of(self, lines, addr):
        found = [line for line in lines if line.startswith(addr + " ")]
        self.assertEqual(len(found), 1, f"{addr} in {lines}")
        return found[0]

    def extras(self, line):
        """The words of srnic's own part of a status line, in brackets."""
        self.assertTrue(line.endswith("]"), line)
        return line[line.rindex(" [") + 2:-1].split()

    def script_env(self):
        """The environment that points the script at this fake machine."""
        return dict(os.environ, SRNIC_SYSFS_ROOT=self.k.sys_root,
                    SRNIC_PROC_ROOT=self.k.proc_root,
                    SRNIC_PCI_IDS=self.k.pci_ids,
                    SRNIC_MODULES_ROOT=self.k.modules_root)


class TestStatus(DevbindCase):
    DPDK = "Network devices using DPDK-compatible driver"
    KERNEL = "Network devices using kernel driver"
    OTHER = "Other Network devices"

    def test_status_groups_nics_by_driver_class(self):
        vfs = self.make_vfs(3)
        self.k.detach(vfs[0])
        self.k.attach(vfs[0], "vfio-pci")
        self.k.detach(vfs[1])
        out = self.ok("--status")
        self.assertEqual(self.titles(out)[:3],
                         [self.DPDK, self.KERNEL, self.OTHER])
        self.assertEqual([x.split()[0] for x in self.section(out, self.DPDK)],
                         [vfs[0]])
        self.assertEqual(
            [x.split()[0] for x in self.section(out, self.KERNEL)],
            [MGMT, PF, vfs[2]])
        self.assertEqual(
            [x.split()[0] for x in self.section(out, self.OTHER)], [vfs[1]])

    def test_status_lists_only_network_class_devices(self):
        out = self.ok("--status")
        self.assertNotIn(SATA, out)
        self.assertNotIn(PORT, out)

    def test_empty_sections_are_left_out_as_dpdk_devbind_leaves_them(self):
        out = self.ok("--status")
        self.assertTrue(out.startswith(f"\n{self.KERNEL}\n"
                                       f"{'=' * len(self.KERNEL)}\n{MGMT} "),
                        out)
        self.assertEqual(self.titles(out), [self.KERNEL])

    def test_a_group_without_devices_says_so(self):
        out = self.ok("--status-dev", "crypto")
        self.assertTrue(out.startswith("\nNo 'Crypto' devices detected\n"
                                       "============================\n"),
                        out)

    def test_pf_line_has_dpdk_devbinds_columns_then_srnics(self):
        out = self.ok("--status")
        group = self.group_of(PF)
        self.assertEqual(
            self.line_of(self.section(out, self.KERNEL), PF),
            f"{PF} '82576 Gigabit Network Connection 10c9' if=eth0 drv=igb "
            f"unused=vfio-pci [8086:10c9 PF vfs=0/7 iommu_group={group}]")

    def test_vf_lines_name_their_pf_and_the_pf_line_counts_vfs(self):
        vfs = self.make_vfs(2)
        self.k.detach(vfs[1])
        self.k.attach(vfs[1], "vfio-pci")
        out = self.ok("-s")
        pf = self.line_of(self.section(out, self.KERNEL), PF)
        self.assertIn("PF vfs=2/7", " ".join(self.extras(pf)))
        vf = self.line_of(self.section(out, self.DPDK), vfs[1])
        self.assertEqual(vf.split(" [")[0], f"{vfs[1]} '82576 Virtual "
                         "Function 10ca' drv=vfio-pci unused=igbvf")
        self.assertEqual(self.extras(vf)[:3], ["8086:10ca", "VF", f"pf={PF}"])

    def test_a_device_pci_ids_does_not_name_is_shown_as_lspci_shows_it(self):
        self.k.add_device("0000:02:00.1", "8086", "152d")
        out = self.ok("--status")
        line = self.line_of(self.section(out, self.OTHER), "0000:02:00.1")
        self.assertTrue(line.startswith("0000:02:00.1 'Device 152d 152d' "),
                        line)

    def test_pci_ids_subsystem_lines_do_not_rename_devices(self):
        ids = devbind.PciIds(self.k.pci_ids)
        self.assertEqual(ids.device("8086", "10c9"),
                         "82576 Gigabit Network Connection")
        self.assertEqual(ids.device("8086", "a03c"), "Device a03c")
        self.assertEqual(ids.class_name(0x010601), "SATA controller")
        self.assertEqual(ids.class_name(0x0c0500), None)

    def test_without_pci_ids_devices_are_named_by_id_with_a_note(self):
        self.k.pci_ids = os.path.join(self.tmp, "no-pci.ids")
        self.fs = self.k.sysfs(devbind)
        out = self.ok("--status")
        self.assertIn(f"{PF} 'Device 10c9 10c9' ", out)
        self.assertIn("note: no pci.ids (install the pci.ids package, or set "
                      "SRNIC_PCI_IDS): devices are named by their IDs", out)

    def test_unused_lists_the_kernel_module_then_loaded_dpdk_drivers(self):
        self.k.load_driver("igb_uio", module="igb_uio")
        self.k.load_driver("uio_pci_generic", module="uio_pci_generic")
        vfs = self.make_vfs(2)
        self.k.detach(vfs[0])
        self.k.detach(vfs[1])
        self.k.attach(vfs[1], "uio_pci_generic")
        out = self.ok("--status")
        self.assertIn(f"{vfs[0]} '82576 Virtual Function 10ca' unused=igbvf,"
                      "igb_uio,vfio-pci,uio_pci_generic [",
                      self.line_of(self.section(out, self.OTHER), vfs[0]))
        self.assertIn(" drv=uio_pci_generic unused=igbvf,igb_uio,vfio-pci [",
                      self.line_of(self.section(out, self.DPDK), vfs[1]))

    def test_unused_without_modules_alias_has_the_dpdk_drivers_only(self):
        os.remove(os.path.join(self.k.modules_root, "6.1.0-fake",
                               "modules.alias"))
        self.k.detach(PF)
        out = self.ok("--status")
        self.assertIn(" unused=vfio-pci [",
                      self.line_of(self.section(out, self.OTHER), PF))

    def test_a_module_named_with_underscore_is_the_driver_with_dash(self):
        self.k.load_driver("virtio-pci", module="virtio_pci",
                           netdev="virtio")
        self.k.add_device(VIRTIO, "1af4", "1041", driver="virtio-pci",
                          ifname="ens3")
        out = self.ok("--status")
        self.assertIn(f"{VIRTIO} 'Virtio 1.0 network device 1041' if=ens3 "
                      "drv=virtio-pci unused=vfio-pci [",
                      self.line_of(self.section(out, self.KERNEL), VIRTIO))

    def test_status_marks_up_and_routed_interfaces_active(self):
        vfs = self.make_vfs(2)
        self.k.set_up("eth10", operstate="down")    # admin up, no carrier
        self.k.add_route("eth11")
        out = self.ok("--status")
        lines = self.section(out, self.KERNEL)
        mgmt = self.line_of(lines, MGMT)
        self.assertIn(" drv=e1000e unused=vfio-pci *Active* [", mgmt)
        self.assertEqual(self.extras(mgmt)[-1], "active=up,routed")
        self.assertEqual(self.extras(self.line_of(lines, vfs[0]))[-1],
                         "active=up")
        self.assertEqual(self.extras(self.line_of(lines, vfs[1]))[-1],
                         "active=routed")
        self.assertNotIn("ctive", self.line_of(lines, PF))

    def test_status_counts_ipv6_routes_but_not_loopback(self):
        zero = "0" * 32
        line = (f"fe80{zero[4:]} 40 {zero} 00 {zero} 00000100 00000001 "
                "00000000 00000001 {}\n")
        self.k.put_proc("net/ipv6_route",
                        line.format("eth0") + line.format("lo"))
        out = self.ok("--status")
        pf = self.line_of(self.section(out, self.KERNEL), PF)
        self.assertIn("*Active*", pf)
        self.assertEqual(self.extras(pf)[-1], "active=routed")

    def test_status_notes_missing_vfio_and_iommu(self):
        self.assertNotIn("note:", self.ok("--status"))
        os.rename(self.k.sys("module/vfio_pci"), self.k.sys("vfio_pci.off"))
        self.k.put_proc("modules", "igb 1 0 - Live 0x0\n")
        for g in os.listdir(self.k.sys("kernel/iommu_groups")):
            os.rename(self.k.sys(f"kernel/iommu_groups/{g}"),
                      self.k.sys(f"group{g}.off"))
        out = self.ok("--status")
        self.assertIn("note: vfio-pci is not loaded (modprobe vfio-pci)", out)
        self.assertIn("note: no IOMMU groups", out)

    def test_status_is_the_default_action(self):
        self.assertEqual(self.ok(), self.ok("--status"))

    def test_status_dev_net_is_status(self):
        self.assertEqual(self.ok("--status-dev", "net"), self.ok("--status"))

    def test_status_dev_misc_lists_other_devices_but_not_bridges(self):
        self.k.detach(SATA)
        self.k.add_device(SMBUS, "8086", "2930", cls="0x0c0500",
                          driver="pcieport")
        out = self.ok("--status-dev", "misc")
        self.assertEqual(self.titles(out), ["Misc devices using kernel driver",
                                            "Other Misc devices"])
        self.assertEqual(self.section(out, "Other Misc devices"), [
            f"{SATA} '82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller "
            f"[AHCI mode] 2922' unused=ahci,vfio-pci [8086:2922 "
            f"iommu_group={self.group_of(SATA)}]"])
        for addr in (PORT, MGMT, PF):
            self.assertNotIn(addr, out)
        self.assertNotIn("srnic-supported", out)

    def test_status_dev_crypto_lists_crypto_and_coprocessors(self):
        self.k.add_device("0000:04:00.0", "8086", "37c8", cls="0x0b4000")
        self.k.add_device("0000:04:00.1", "8086", "1234", cls="0x108000")
        out = self.ok("--status-dev", "crypto")
        self.assertEqual(
            [x.split()[0] for x in self.section(out, "Other Crypto devices")],
            ["0000:04:00.0", "0000:04:00.1"])


class TestDeviceNames(DevbindCase):
    def setUp(self):
        super().setUp()
        self.vfs = self.make_vfs(3)

    def unbound_by(self, *names):
        self.ok("--unbind", *names)
        return sorted(a for a in [PF, MGMT] + self.vfs
                      if self.k.driver(a) is None)

    def test_full_address(self):
        self.assertEqual(self.unbound_by(VF1), [VF1])

    def test_short_address_gets_domain_0000(self):
        self.assertEqual(self.unbound_by("01:10.2"), [VF1])

    def test_address_is_case_insensitive(self):
        self.k.add_device("0000:03:0a.0", "8086", "10ca", driver="igbvf")
        self.ok("--unbind", "03:0A.0")
        self.assertIsNone(self.k.driver("0000:03:0a.0"))

    def test_interface_name(self):
        ifname = os.listdir(self.k.sys(f"bus/pci/devices/{VF2}/net"))[0]
        self.assertEqual(self.unbound_by(ifname), [VF2])

    def test_glob_over_short_addresses(self):
        self.assertEqual(self.unbound_by("01:10.*"), self.vfs)

    def test_glob_over_full_addresses(self):
        self.assertEqual(self.unbound_by("0000:01:10.[02]"), [VF0, VF1])

    def test_glob_over_interface_names(self):
        self.assertEqual(self.unbound_by("eth1[01]"), [VF0, VF1])

    def test_a_device_named_twice_is_moved_once(self):
        out = self.ok("--bind", "vfio-pci", VF0, "01:10.0", "01:10.*")
        self.assertEqual(out.count(VF0), 1)
        self.assertEqual(self.drivers(*self.vfs), ["vfio-pci"] * 3)

    def test_unknown_address_is_refused_before_any_change(self):
        err = self.refused("--unbind", VF0, "01:11.6")
        self.assertIn("unknown device 01:11.6", err)
        self.assertEqual(self.k.writes, [])
        self.assertEqual(self.k.driver(VF0), "igbvf")

    def test_unknown_name_is_refused(self):
        err = self.refused("--unbind", "wlan7")
        self.assertIn("unknown device wlan7", err)

    def test_glob_matching_nothing_is_refused(self):
        err = self.refused("--unbind", "02:*")
        self.assertIn("'02:*'", err)
        self.assertEqual(self.k.writes, [])


class TestBind(DevbindCase):
    def setUp(self):
        super().setUp()
        self.vfs = self.make_vfs(2)

    def test_bind_writes_override_unbind_probe_then_clears_override(self):
        self.ok("--bind", "vfio-pci", VF0)
        dev = f"bus/pci/devices/{VF0}"
        self.assertEqual(self.k.writes, [
            (f"{dev}/driver_override", "vfio-pci"),
            ("bus/pci/drivers/igbvf/unbind", VF0),
            ("bus/pci/drivers_probe", VF0),
            (f"{dev}/driver_override", "\n"),
        ])
        self.assertEqual(self.k.get(f"{dev}/driver_override"), "(null)")

    def test_vf_goes_to_vfio_then_back_to_igbvf(self):
        out = self.ok("--bind", "vfio-pci", VF0)
        self.assertIn(f"{VF0}: igbvf -> vfio-pci", out)
        self.assertEqual(self.k.driver(VF0), "vfio-pci")
        self.assertFalse(os.path.exists(self.k.sys("class/net/eth10")))
        self.ok("--bind", "igbvf", VF0)
        self.assertEqual(self.k.driver(VF0), "igbvf")
        self.assertTrue(os.path.exists(self.k.sys("class/net/eth10")))

    def test_unbind_leaves_the_device_without_driver(self):
        out = self.ok("--unbind", VF0, VF1)
        self.assertEqual(self.drivers(VF0, VF1), [None, None])
        self.assertIn(f"{VF1}: igbvf -> no driver", out)
        self.assertEqual([w[0] for w in self.k.writes],
                         ["bus/pci/drivers/igbvf/unbind"] * 2)

    def test_bind_none_unbinds(self):
        self.ok("-b", "none", VF0)
        self.assertIsNone(self.k.driver(VF0))

    def test_bind_from_no_driver_skips_the_unbind(self):
        self.k.detach(VF0)
        self.ok("--bind", "igbvf", VF0)
        self.assertEqual(self.k.driver(VF0), "igbvf")
        self.assertNotIn("unbind", " ".join(w[0] for w in self.k.writes))

    def test_device_already_on_the_driver_is_left_alone(self):
        out = self.ok("--bind", "igbvf", VF0)
        self.assertIn(f"{VF0}: already on igbvf", out)
        self.assertEqual(self.k.writes, [])

    def test_group_members_on_safe_drivers_or_none_do_not_block(self):
        group = self.group_of(VF0)
        for addr, drv in (("0000:01:1f.0", "pcieport"),
                          ("0000:01:1f.1", "vfio-pci"),
                          ("0000:01:1f.3", None)):
            self.k.add_device(addr, "8086", "abcd", cls="0x060400",
                              driver=drv, group=group)
        self.ok("--bind", "vfio-pci", VF0)
        self.assertEqual(self.k.driver(VF0), "vfio-pci")

    def test_group_members_bound_in_the_same_command_do_not_block(self):
        group = self.group_of(VF0)
        self.k.add_device("0000:01:1f.0", "8086", "10ca", driver="igbvf",
                          group=group)
        self.ok("--bind", "vfio-pci", VF0, "01:1f.0")
        self.assertEqual(self.drivers(VF0, "0000:01:1f.0"), ["vfio-pci"] * 2)

    def test_noiommu_mode_binds_with_a_warning(self):
        self.k.add_device("0000:05:00.0", "8086", "10ca", driver="igbvf",
                          group=None)
        for g in os.listdir(self.k.sys("kernel/iommu_groups")):
            os.rename(self.k.sys(f"kernel/iommu_groups/{g}"),
                      self.k.sys(f"group{g}.off"))
        os.makedirs(self.k.sys("module/vfio/parameters"))
        self.k.put("module/vfio/parameters/enable_unsafe_noiommu_mode", "Y\n")
        rc, out, err = self.run_tool("--bind", "vfio-pci", "05:00.0")
        self.assertEqual(rc, 0, err)
        self.assertIn("warning: no IOMMU", err)
        self.assertIn("DMA to any memory", err)
        self.assertEqual(self.k.driver("0000:05:00.0"), "vfio-pci")


class TestRefusals(DevbindCase):
    """Each refusal: exit 1, one stderr line, no write to sysfs."""

    def setUp(self):
        super().setUp()
        self.vfs = self.make_vfs(2)

    def test_up_interface_needs_force(self):
        self.k.set_up("eth10")
        err = self.refused_untouched("--bind", "vfio-pci", VF0)
        self.assertIn(f"refusing to bind vfio-pci to {VF0} (eth10)", err)
        self.assertIn("interface eth10 is up", err)
        self.assertIn("--force", err)
        self.ok("--bind", "vfio-pci", "--force", VF0)
        self.assertEqual(self.k.driver(VF0), "vfio-pci")

    def test_routed_interface_needs_force(self):
        err = self.refused_untouched("--unbind", "enp0s2")
        self.assertIn(f"refusing to unbind {MGMT} (enp0s2)", err)
        self.assertIn("interface enp0s2 is up and routed", err)
        self.ok("--unbind", "--force", "enp0s2")
        self.assertIsNone(self.k.driver(MGMT))

    def test_only_route_without_up_still_needs_force(self):
        self.k.add_route("eth11")
        err = self.refused_untouched("--unbind", VF1)
        self.assertIn("interface eth11 is routed", err)

    def test_pf_with_vfs_needs_force_to_leave_its_driver(self):
        err = self.refused_untouched("--unbind", PF)
        self.assertIn("its 2 VFs go away", err)
        self.assertIn(f"--remove-vfs {PF}", err)
        self.ok("--unbind", "--force", PF)
        self.assertIsNone(self.k.driver(PF))

    def test_open_vfio_group_needs_force(self):
        self.k.detach(VF0)
        self.k.attach(VF0, "vfio-pci")
        group = self.group_of(VF0)
        self.k.open_vfio_group(4242, "srnic-testpmd", group)
        err = self.refused_untouched("--bind", "igbvf", VF0)
        self.assertIn(f"/dev/vfio/{group} is open in process 4242 "
                      "(srnic-testpmd)", err)

    def test_vfio_pci_not_loaded(self):
        os.rename(self.k.sys("module/vfio_pci"), self.k.sys("vfio_pci.off"))
        self.k.put_proc("modules", "igb 1 0 - Live 0x0\n")
        err = self.refused_untouched("--bind", "vfio-pci", VF0)
        self.assertIn("vfio-pci module is not loaded", err)
        self.assertIn("modprobe vfio-pci", err)

    def test_vfio_pci_counts_as_loaded_from_proc_modules(self):
        os.rename(self.k.sys("module/vfio_pci"), self.k.sys("vfio_pci.off"))
        self.k.put_proc("modules", "vfio_pci 16384 0 - Live 0x0\n")
        self.ok("--bind", "vfio-pci", VF0)

    def test_no_iommu(self):
        for g in os.listdir(self.k.sys("kernel/iommu_groups")):
            os.rename(self.k.sys(f"kernel/iommu_groups/{g}"),
                      self.k.sys(f"group{g}.off"))
        err = self.refused_untouched("--bind", "vfio-pci", VF0)
        self.assertIn("no IOMMU", err)
        self.assertIn("intel_iommu=on", err)
        self.assertIn("enable_unsafe_noiommu_mode=1", err)
        self.assertIn("DMA to any memory", err)

    def test_device_without_group_while_iommu_is_on(self):
        self.k.add_device("0000:05:00.0", "8086", "10ca", driver="igbvf",
                          group=None)
        err = self.refused_untouched("--bind", "vfio-pci", "05:00.0")
        self.assertIn("0000:05:00.0 has no IOMMU group", err)

    def test_non_viable_group_lists_the_other_members(self):
        group = self.group_of(VF0)
        self.k.add_device("0000:01:1f.0", "8086", "10ca", driver="igbvf",
                          group=group)
        self.k.add_device("0000:01:1f.1", "8086", "10d3", driver="e1000e",
                          group=group)
        self.k.add_device("0000:01:1f.2", "8086", "7c00", cls="0x060400",
                          driver="pcieport", group=group)
        err = self.refused_untouched("--bind", "vfio-pci", VF0)
        self.assertIn(f"IOMMU group {group} of {VF0} is not viable", err)
        self.assertIn("0000:01:1f.0 (igbvf), 0000:01:1f.1 (e1000e) must",
                      err)
        self.assertNotIn("0000:01:1f.2", err)

    def test_pci_stub_group_member_blocks_as_in_the_driver(self):
        group = self.group_of(VF0)
        self.k.add_device("0000:01:1f.2", "8086", "10ca", driver="pci-stub",
                          group=group)
        err = self.refused_untouched("--bind", "vfio-pci", VF0)
        self.assertIn(f"IOMMU group {group} of {VF0} is not viable", err)
        self.assertIn("0000:01:1f.2 (pci-stub) must be bound to vfio-pci "
                      "or to no driver", err)

    def test_group_rule_is_the_drivers_rule(self):
        """The drivers srnic's vfio open lets share a group are the ones
        this tool lets share it: no answer here that the driver reverses."""
        with open(DRIVER_GROUP_CHECK) as f:
            source = f.read()
        body = source.split("\nsrnic_pci_group_blockers(", 1)[1]
        body = body.split("\n}\n", 1)[0]
        allowed = set(re.findall(r'strcmp\(drv, "([^"]+)"\) == 0', body))
        self.assertTrue(allowed, "no driver names found in the check")
        self.assertEqual(devbind.GROUP_SAFE_DRIVERS, allowed)

    def test_unknown_driver(self):
        err = self.refused_untouched("--bind", "igbvff", VF0)
        self.assertIn("unknown driver 'igbvff'", err)
        self.assertIn("modprobe igbvff", err)

    def test_checks_cover_every_device_before_the_first_move(self):
        self.k.set_up("eth11")
        err = self.refused_untouched("--bind", "vfio-pci", VF0, VF1)
        self.assertIn("eth11", err)


class TestNonNetworkDevices(DevbindCase):
    """Storage and other devices that are not NICs (PCI class 0x02) stay
    on their driver unless --force says otherwise."""

    def test_sata_controller_is_refused_naming_class_and_driver(self):
        err = self.refused_untouched("--unbind", "00:1f.2")
        self.assertEqual(err, "srnic-devbind.py: error: refusing to unbind "
                         f"{SATA}: it is not a network device: class 0x0106 "
                         "(SATA controller), driver ahci; add --force to do "
                         "it anyway")

    def test_a_glob_over_a_chipset_slot_changes_nothing(self):
        self.k.load_driver("i801_smbus", module="i2c_i801")
        self.k.add_device(SMBUS, "8086", "2930", cls="0x0c0500",
                          driver="i801_smbus")
        err = self.refused_untouched("--bind", "vfio-pci", "00:1f.*")
        self.assertIn(f"refusing to bind vfio-pci to {SATA}", err)

    def test_a_device_on_no_driver_is_still_refused(self):
        self.k.detach(SATA)
        err = self.refused_untouched("--bind", "vfio-pci", SATA)
        self.assertIn("it is not a network device: class 0x0106 (SATA "
                      "controller), no driver;", err)

    def test_a_class_pci_ids_does_not_name_is_shown_by_its_code(self):
        self.k.add_device(SMBUS, "8086", "2930", cls="0x0c0500")
        err = self.refused_untouched("--bind", "vfio-pci", SMBUS)
        self.assertIn("network device: class 0x0c05, no driver;", err)

    def test_without_pci_ids_the_class_is_shown_by_its_code(self):
        self.k.pci_ids = os.path.join(self.tmp, "no-pci.ids")
        self.fs = self.k.sysfs(devbind)
        err = self.refused_untouched("--unbind", SATA)
        self.assertIn("network device: class 0x0106, driver ahci;", err)

    def test_force_moves_a_non_network_device(self):
        self.ok("--unbind", "--force", SATA)
        self.assertIsNone(self.k.driver(SATA))


class TestDisksInUse(DevbindCase):
    """A controller whose disks are mounted, swapped on or held stays on
    its driver unless --force says otherwise."""
    SATA_HOST = "ata1/host0/target0:0:0/0:0:0:0/block"

    def setUp(self):
        super().setUp()
        self.k.load_driver("nvme", module="nvme")
        self.k.add_device(NVME, "144d", "a808", cls="0x010802",
                          driver="nvme")
        self.k.add_disk(NVME, "nvme/nvme0", "nvme0n1", ["p1", "p2"])
        self.k.add_disk(SATA, self.SATA_HOST, "sda", ["1", "2"], major=8)

    def reasons(self, addr):
        return devbind.busy_reasons(self.fs, addr, set())

    def test_disks_are_found_below_their_controller(self):
        owners = devbind.class_owners(self.fs, "block")
        self.assertEqual(owners, {
            "nvme0n1": NVME, "nvme0n1p1": NVME, "nvme0n1p2": NVME,
            "sda": SATA, "sda1": SATA, "sda2": SATA})

    def test_nvme_with_a_mounted_namespace_needs_force(self):
        self.k.mount("/dev/nvme0n1p2", "/srv/data")
        err = self.refused_untouched("--unbind", NVME)
        self.assertIn(f"refusing to unbind {NVME}: it is not a network "
                      "device: class 0x0108 (Non-Volatile memory "
                      "controller), driver nvme; nvme0n1p2 is mounted on "
                      "/srv/data; add --force", err)
        self.ok("--unbind", "--force", NVME)
        self.assertIsNone(self.k.driver(NVME))

    def test_mount_point_escapes_are_read(self):
        self.k.mount("/dev/nvme0n1p1", "/srv/my\\040data")
        self.assertEqual(self.reasons(NVME),
                         ["nvme0n1p1 is mounted on /srv/my data"])

    def test_sata_partition_used_as_swap(self):
        self.k.put_proc("swaps", "Filename\tType\tSize\tUsed\tPriority\n"
                        "/dev/sda2\tpartition\t1048572\t0\t-2\n")
        self.assertEqual(self.reasons(SATA), ["sda2 is used as swap"])
        self.assertEqual(self.reasons(NVME), [])

    def test_root_shown_as_dev_root_is_matched_by_its_number(self):
        number = self.k.get("class/block/sda1/dev")
        self.k.mount("/dev/root", "/", number=number)
        self.assertEqual(self.reasons(SATA), ["sda1 is mounted on /"])

    def test_a_partition_held_by_device_mapper(self):
        os.makedirs(self.k.sys("class/block/nvme0n1p1/holders/dm-0"))
        self.assertEqual(self.reasons(NVME), ["nvme0n1p1 is held by dm-0"])

    def test_mounts_of_other_disks_do_not_count(self):
        self.k.mount("/dev/sdb1", "/mnt")
        self.k.mount("tmpfs", "/tmp")
        self.assertEqual(self.reasons(NVME) + self.reasons(SATA), [])


class TestNestedInterfaces(DevbindCase):
    """A VM's management NIC on virtio-pci: its interface sits in
    virtioN/net/, not in the PCI function's own net/."""

    def setUp(self):
        super().setUp()
        self.k.load_driver("virtio-pci", module="virtio_pci",
                           netdev="virtio")
        self.k.add_device(VIRTIO, "1af4", "1041", driver="virtio-pci",
                          ifname="ens3")
        self.k.writes.clear()

    def test_interface_below_virtio_is_found(self):
        self.assertTrue(os.path.isdir(self.k.sys(
            f"bus/pci/devices/{VIRTIO}/virtio0/net/ens3")))
        self.assertEqual(devbind.ifnames_of(self.fs, VIRTIO), ["ens3"])

    def test_unbinding_the_up_and_routed_vm_nic_needs_force(self):
        self.k.set_up("ens3")
        self.k.add_route("ens3")
        err = self.refused_untouched("--unbind", VIRTIO)
        self.assertIn(f"refusing to unbind {VIRTIO} (ens3): interface ens3 "
                      "is up and routed", err)
        self.ok("--unbind", "--force", VIRTIO)
        self.assertIsNone(self.k.driver(VIRTIO))

    def test_nested_interface_name_names_its_device(self):
        self.ok("--bind", "vfio-pci", "ens3")
        self.assertEqual(self.k.driver(VIRTIO), "vfio-pci")

    def test_a_bridge_does_not_own_the_interfaces_behind_it(self):
        below = self.k.sys(f"bus/pci/devices/{PORT}/0000:02:00.0/net/eth9")
        os.makedirs(below)
        os.symlink(below, self.k.sys("class/net/eth9"))
        self.assertEqual(devbind.ifnames_of(self.fs, PORT), [])
        self.assertEqual(devbind.ifnames_of(self.fs, "0000:02:00.0"),
                         ["eth9"])


class TestRestoreOnFailure(DevbindCase):
    def setUp(self):
        super().setUp()
        self.vfs = self.make_vfs(3)

    def test_failed_third_bind_puts_all_three_back(self):
        self.k.detach(VF1)                      # one starts on no driver
        self.k.refuse.add((VF2, "vfio-pci"))
        rc, out, err = self.run_tool("--bind", "vfio-pci", VF0, VF1, VF2)
        self.assertEqual(rc, 1)
        self.assertEqual(self.drivers(VF0, VF1, VF2), ["igbvf", None, "igbvf"])
        self.assertEqual(err.splitlines(), [
            f"srnic-devbind.py: error: vfio-pci did not take {VF2} (it is "
            "now on no driver); the kernel log (dmesg) says why"])
        self.assertIn(f"undone: {VF0} back on igbvf", out)
        for vf in self.vfs:
            self.assertEqual(
                self.k.get(f"bus/pci/devices/{vf}/driver_override"), "(null)")

    def test_failed_write_restores_and_clears_the_override(self):
        self.k.fail_writes["bus/pci/drivers_probe"] = errno.EIO
        rc, out, err = self.run_tool("--bind", "vfio-pci", VF0)
        self.assertEqual(rc, 1)
        self.assertIn("drivers_probe failed: Input/output error", err)
        # The probe that would restore it fails too: say so, loudly.
        self.assertIn(f"could not undo ({VF0} back on igbvf)", err)
        self.assertEqual(self.k.get(f"bus/pci/devices/{VF0}/driver_override"),
                         "(null)")
        del self.k.fail_writes["bus/pci/drivers_probe"]
        self.k.writes.clear()
        self.ok("--bind", "igbvf", VF0)
        self.assertEqual(self.k.driver(VF0), "igbvf")

    def test_failed_unbind_leaves_everything_in_place(self):
        self.k.fail_writes["bus/pci/drivers/igbvf/unbind"] = errno.EBUSY
        rc, _, err = self.run_tool("--unbind", VF0, VF1)
        self.assertEqual(rc, 1)
        self.assertIn("Device or resource busy", err)
        self.assertEqual(self.drivers(*self.vfs), ["igbvf"] * 3)


class TestVfs(DevbindCase):
    def numvfs(self):
        return int(self.k.get(f"bus/pci/devices/{PF}/sriov_numvfs"))

    def vf_links(self):
        d = self.k.sys(f"bus/pci/devices/{PF}")
        return sorted(os.path.basename(os.readlink(f"{d}/{n}"))
                      for n in os.listdir(d) if n.startswith("virtfn"))

    def test_create_vfs_on_a_kernel_pf(self):
        out = self.ok("--create-vfs", "2", "01:00.0")
        self.assertEqual(self.numvfs(), 2)
        self.assertEqual(self.vf_links(), [VF0, VF1])
        self.assertEqual(self.drivers(VF0, VF1), ["igbvf", "igbvf"])
        self.assertIn(f"{PF}: 2 VFs: {VF0} {VF1}", out)
        self.assertEqual(self.k.writes,
                         [(f"bus/pci/devices/{PF}/sriov_numvfs", "2")])

    def test_create_vfs_and_bind_them_to_vfio(self):
        self.ok("--create-vfs", "3", "--bind-vfio", "eth0")
        self.assertEqual(self.drivers(VF0, VF1, VF2), ["vfio-pci"] * 3)

    def test_changing_the_count_goes_through_zero(self):
        self.make_vfs(1)
        self.ok("--create-vfs", "3", PF)
        numvfs = f"bus/pci/devices/{PF}/sriov_numvfs"
        self.assertEqual(self.k.writes, [(numvfs, "0"), (numvfs, "3")])
        self.assertEqual(self.numvfs(), 3)

    def test_same_count_only_binds(self):
        self.make_vfs(2)
        out = self.ok("--create-vfs", "2", "--bind-vfio", PF)
        self.assertIn(f"{PF}: already has 2 VFs", out)
        self.assertNotIn("sriov_numvfs", " ".join(w[0] for w in
                                                   self.k.writes))
        self.assertEqual(self.drivers(VF0, VF1), ["vfio-pci"] * 2)

    def test_remove_vfs(self):
        self.make_vfs(3)
        out = self.ok("--remove-vfs", PF)
        self.assertEqual(self.numvfs(), 0)
        self.assertEqual(self.vf_links(), [])
        self.assertFalse(os.path.lexists(self.k.sys(f"bus/pci/devices/{VF0}")))
        self.assertIn(f"{PF}: VFs removed", out)

    def test_remove_when_there_are_none(self):
        out = self.ok("--remove-vfs", PF)
        self.assertIn(f"{PF}: has no VFs", out)
        self.assertEqual(self.k.writes, [])

    def test_userspace_pf_with_enable_sriov_gets_vfio_vfs(self):
        self.k.detach(PF)
        self.k.attach(PF, "vfio-pci")
        self.k.put("module/vfio_pci/parameters/enable_sriov", "Y\n")
        self.ok("--create-vfs", "2", "--bind-vfio", PF)
        self.assertEqual(self.drivers(VF0, VF1), ["vfio-pci"] * 2)

    def test_more_than_totalvfs_is_refused(self):
        err = self.refused("--create-vfs", "8", PF)
        self.assertIn(f"{PF} supports at most 7 VFs (sriov_totalvfs), "
                      "asked for 8", err)
        self.assertEqual(self.k.writes, [])

    def test_zero_vfs_is_refused(self):
        err = self.refused("--create-vfs", "0", PF)
        self.assertIn("--remove-vfs", err)

    def test_pf_without_driver_is_refused(self):
        self.k.detach(PF)
        err = self.refused("--create-vfs", "2", PF)
        self.assertIn(f"{PF} has no driver", err)
        self.assertIn("through the PF's driver", err)
        self.assertEqual(self.k.writes, [])

    def test_vfio_pf_without_enable_sriov_is_refused(self):
        self.k.detach(PF)
        self.k.attach(PF, "vfio-pci")
        err = self.refused("--create-vfs", "2", PF)
        self.assertIn("enable_sriov=1", err)
        self.assertIn("modprobe vfio-pci enable_sriov=1", err)
        self.assertEqual(self.k.writes, [])

    def test_pf_driver_without_sriov_support(self):
        self.k.detach(PF)
        self.k.attach(PF, "pci-stub")
        err = self.refused("--create-vfs", "2", PF)
        self.assertIn("pci-stub does not let sysfs change its VFs", err)
        self.assertEqual(self.numvfs(), 0)

    def test_vf_or_plain_device_is_not_a_pf(self):
        self.make_vfs(1)
        self.assertIn(f"{VF0} is a VF (of {PF})",
                      self.refused("--create-vfs", "1", VF0))
        self.assertIn(f"{MGMT} is not an SR-IOV PF",
                      self.refused("--remove-vfs", MGMT))

    def test_removing_a_busy_vf_needs_force(self):
        self.make_vfs(2)
        self.k.set_up("eth11")
        err = self.refused("--remove-vfs", PF)
        self.assertIn(f"refusing to remove the VFs of {PF}: {VF1} (eth11)",
                      err)
        self.assertEqual(self.k.writes, [])
        self.ok("--remove-vfs", "--force", PF)
        self.assertEqual(self.numvfs(), 0)

    def test_replacing_busy_vfs_needs_force(self):
        self.make_vfs(2)
        self.k.add_route("eth10")
        err = self.refused("--create-vfs", "4", PF)
        self.assertIn("interface eth10 is routed", err)
        self.assertEqual(self.numvfs(), 2)

    def test_bind_vfio_checks_vfio_before_creating(self):
        os.rename(self.k.sys("module/vfio_pci"), self.k.sys("vfio_pci.off"))
        self.k.put_proc("modules", "")
        err = self.refused("--create-vfs", "2", "--bind-vfio", PF)
        self.assertIn("modprobe vfio-pci", err)
        self.assertEqual(self.numvfs(), 0)

    def test_failed_vf_bind_removes_the_new_vfs(self):
        self.k.refuse.add((VF1, "vfio-pci"))
        rc, out, err = self.run_tool("--create-vfs", "2", "--bind-vfio", PF)
        self.assertEqual(rc, 1)
        self.assertIn(f"vfio-pci did not take {VF1}", err)
        self.assertEqual(self.numvfs(), 0)
        self.assertEqual(self.vf_links(), [])
        self.assertEqual(self.k.driver(PF), "igb")
        self.assertIn(f"undone: {PF} back to 0 VFs", out)

    def test_failed_change_restores_the_old_vfs_and_their_drivers(self):
        self.make_vfs(1, driver="vfio-pci")
        # The new VF 1 lands in a group shared with a kernel-driven device.
        self.k.next_group = 500
        self.k.add_group(501)
        self.k.add_device("0000:07:00.0", "8086", "10d3", driver="e1000e",
                          group=501)
        rc, _, err = self.run_tool("--create-vfs", "2", "--bind-vfio", PF)
        self.assertEqual(rc, 1)
        self.assertIn("IOMMU group 501", err)
        self.assertIn("0000:07:00.0 (e1000e)", err)
        self.assertEqual(self.numvfs(), 1)
        self.assertEqual(self.k.driver(VF0), "vfio-pci")


@unittest.skipUnless(PMD_LIB, "SRNIC_TEST_PMD_LIB not given (run through "
                     "meson test)")
class TestSupportedIds(DevbindCase):
    """Which IDs --status marks comes from the driver info in the built
    librte_net_srnic, found through SRNIC_PMD_PATH or beside the script."""
    KERNEL = TestStatus.KERNEL
    OTHER = TestStatus.OTHER

    def lib_copy(self, folder, change=None):
        """PMD_LIB copied as folder/librte_net_srnic.so, its info changed by
        change=(old, new) bytes."""
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "librte_net_srnic.so")
        with open(PMD_LIB, "rb") as f:
            data = f.read()
        if change:
            self.assertEqual(data.count(change[0]), 1, change[0])
            data = data.replace(*change)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def status_with(self, pmd_path):
        with mock.patch.dict(os.environ, SRNIC_PMD_PATH=pmd_path):
            return self.ok("--status")

    def footer(self, out):
        return [line for line in out.splitlines()
                if line.startswith(("srnic-supported:", "note: srnic"))]

    def test_ids_are_read_from_the_built_library(self):
        self.assertEqual(devbind.lookup_supported_ids(),
                         ({("8086", "10ca"), ("8086", "1520")}, PMD_LIB,
                          None))
        self.assertEqual(devbind.srnic_supported_ids(),
                         {("8086", "10ca"), ("8086", "1520")})

    def test_built_in_list_matches_the_driver(self):
        self.assertEqual(devbind.FALLBACK_SUPPORTED_IDS,
                         devbind.lookup_supported_ids()[0])

    def test_status_names_the_library_the_marks_come_from(self):
        self.assertEqual(self.footer(self.ok("--status")), [
            f"srnic-supported: 8086:10ca 8086:1520 (driver info in "
            f"{PMD_LIB})"])

    def test_marks_follow_the_driver_info_not_the_built_in_list(self):
        vfs = self.make_vfs(1)
        self.k.add_device("0000:02:00.0", "8086", "10cb")
        lib = self.lib_copy(os.path.join(self.tmp, "lib"),
                            (b'"device": "10ca"', b'"device": "10cb"'))
        out = self.status_with(lib)
        kernel = self.section(out, self.KERNEL)
        none = self.section(out, self.OTHER)
        self.assertNotIn("srnic-supported", self.line_of(kernel, vfs[0]))
        self.assertIn("srnic-supported", self.line_of(none, "0000:02:00.0"))

    def test_pmd_path_may_name_the_library_folder(self):
        folder = os.path.dirname(PMD_LIB)
        with mock.patch.dict(os.environ, SRNIC_PMD_PATH=f"/nowhere:{folder}"):
            _, source, problem = devbind.lookup_supported_ids()
        self.assertEqual((source, problem),
                         (os.path.join(folder, "librte_net_srnic.so"), None))

    def test_missing_library_falls_back_with_a_note(self):
        self.make_vfs(1)
        missing = os.path.join(self.tmp, "none.so")
        out = self.status_with(missing)
        self.assertIn("srnic-supported",
                      self.line_of(self.section(out, self.KERNEL), VF0))
        self.assertEqual(self.footer(out), [
            "note: srnic-supported marks use the tool's built-in list "
            f"(8086:10ca 8086:1520): {missing}: no such file; set "
            "SRNIC_PMD_PATH to librte_net_srnic.so"])

    def test_library_without_info_falls_back_with_a_note(self):
        path = os.path.join(self.tmp, "librte_net_srnic.so")
        with open(path, "w") as f:
            f.write("not a library\n")
        footer = self.footer(self.status_with(path))
        self.assertEqual(len(footer), 1, footer)
        self.assertIn(f"built-in list (8086:10ca 8086:1520): {path}: not an "
                      "ELF file", footer[0])

    def run_copy(self, top, tools=("srnic-devbind.py", "srnic-pmdinfo.py")):
        """--status from a copy of the tools in top/usertools, run as a
        user runs it: SRNIC_PMD_PATH unset."""
        folder = os.path.join(top, "usertools")
        os.makedirs(folder, exist_ok=True)
        for name in tools:
            shutil.copy(os.path.join(USERTOOLS, name), folder)
        env = self.script_env()
        env.pop("SRNIC_PMD_PATH", None)
        p = subprocess.run([PYTHON, os.path.join(folder, "srnic-devbind.py"),
                            "--status"], env=env, capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def test_build_tree_beside_the_script_comes_first(self):
        top = os.path.join(self.tmp, "src")
        built = self.lib_copy(os.path.join(top, "build-x", "drivers", "net",
                                           "srnic"))
        self.lib_copy(os.path.join(top, "lib"),
                      (b'"device": "10ca"', b'"device": "10cb"'))
        self.assertEqual(self.footer(self.run_copy(top)), [
            f"srnic-supported: 8086:10ca 8086:1520 (driver info in "
            f"{built})"])

    def test_install_prefix_libdir_is_searched(self):
        top = os.path.join(self.tmp, "prefix")
        installed = self.lib_copy(os.path.join(top, "lib", "x86_64-linux-gnu"),
                                  (b'"device": "10ca"', b'"device": "10cb"'))
        self.assertEqual(self.footer(self.run_copy(top)), [
            f"srnic-supported: 8086:10cb 8086:1520 (driver info in "
            f"{installed})"])

    def test_without_pmdinfo_beside_it_the_tool_still_works(self):
        out = self.run_copy(os.path.join(self.tmp, "alone"),
                            tools=("srnic-devbind.py",))
        footer = self.footer(out)
        self.assertEqual(len(footer), 1, footer)
        self.assertIn("cannot load srnic-pmdinfo.py", footer[0])


class TestCommandLine(DevbindCase):
    """The script as a user runs it, its roots moved by the environment."""

    def run_script(self, *args):
        return subprocess.run([PYTHON, TOOL] + list(args),
                              env=self.script_env(),
                              capture_output=True, text=True, timeout=60)

    def test_environment_moves_the_sysfs_and_proc_roots(self):
        self.make_vfs(1)
        self.k.add_route("eth10")
        p = self.run_script("--status")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"{VF0} '82576 Virtual Function 10ca' if=eth10 "
                      "drv=igbvf unused=vfio-pci *Active* [8086:10ca VF "
                      f"pf={PF} ", p.stdout)
        self.assertIn("active=routed]", p.stdout)

    def test_error_is_one_stderr_line_and_exit_1(self):
        p = self.run_script("--unbind", "01:17.0")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)
        self.assertIn("unknown device 01:17.0", p.stderr)
        self.assertEqual(p.stdout, "")

    def test_usage_errors_exit_2(self):
        for args in (["--bind", "vfio-pci"], [PF], ["--bind-vfio", PF],
                     ["--unbind", "--remove-vfs", PF]):
            with self.subTest(args=args):
                p = self.run_script(*args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn("usage:", p.stderr)


if __name__ == "__main__":
    unittest.main()
