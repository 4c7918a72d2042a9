# SPDX-License-Identifier: BSD-3-Clause
"""A fake sysfs/procfs tree and the kernel's reactions to writes into it.

The tree is laid out like the real one (devices under sys/devices, with
sys/bus/pci/devices, driver, iommu_group, physfn and virtfnN as relative
symlinks), so the tool under test reads it as it reads /sys. Writing to a
plain file changes nothing by itself; FakeKernel.sysfs() returns the
tool's Sysfs with write() routed through react(), which does what the
kernel would: move the driver link on unbind and drivers_probe, create and
remove VFs on sriov_numvfs, fail the way the kernel fails.
"""

import errno
import os
import shutil

PARENT = "devices/pci0000:00"
# The small pci.ids the tool names devices from in the tests.
PCI_IDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pci.ids")
RELEASE = "6.1.0-fake"
# The modules.alias lines of the fake kernel: which module drives what.
MODULE_ALIASES = (
    ("pci:v00008086d000010C9sv*sd*bc*sc*i*", "igb"),
    ("pci:v00008086d000010CAsv*sd*bc*sc*i*", "igbvf"),
    ("pci:v00008086d000010D3sv*sd*bc*sc*i*", "e1000e"),
    ("pci:v00001AF4d00001041sv*sd*bc*sc*i*", "virtio_pci"),
    ("pci:v*d*sv*sd*bc01sc06i01*", "ahci"),
    ("pci:v*d*sv*sd*bc01sc08i02*", "nvme"),
)
# How the emulated 82576 lays out its VFs (First VF Offset, VF Stride).
VF_OFFSET = 0x80
VF_STRIDE = 2


def oserror(code):
    return OSError(code, os.strerror(code))


class FakeKernel:
    def __init__(self, root):
        self.sys_root = os.path.join(root, "sys")
        self.proc_root = os.path.join(root, "proc")
        for d in ("bus/pci/devices", "bus/pci/drivers", "kernel/iommu_groups",
                  "module", "class/net", "class/block", PARENT):
            os.makedirs(self.sys(d))
        os.makedirs(os.path.join(self.proc_root, "net"))
        self.put("bus/pci/drivers_probe", "")
        self.put_proc("net/route", "Iface\tDestination\tGateway\tFlags\t"
                      "RefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n")
        self.put_proc("modules", "")
        os.makedirs(os.path.join(self.proc_root, "sys/kernel"))
        self.put_proc("sys/kernel/osrelease", f"{RELEASE}\n")
        self.modules_root = os.path.join(root, "lib/modules")
        os.makedirs(os.path.join(self.modules_root, RELEASE))
        with open(os.path.join(self.modules_root, RELEASE, "modules.alias"),
                  "w") as f:
            f.write("# Aliases extracted from modules themselves.\n")
            f.writelines(f"alias {p} {m}\n" for p, m in MODULE_ALIASES)
        self.writes = []          # (path relative to sys, value) in order
        self.fail_writes = {}     # path relative to sys -> errno
        self.refuse = set()       # (addr, driver): that probe fails
        self.native = {}          # addr -> driver chosen without override
        self.netdev_drivers = {}  # driver -> where its net/ sits ("" or
                                  # a child device such as virtio)
        self.netdev_dir = {}      # addr -> folder its interface lives in
        self.sriov_drivers = set()  # drivers with sriov_configure
        self.ifname = {}          # addr -> its interface name, once given
        self.vf_spec = {}         # PF addr -> (vendor, device, native)
        self.iommu = True         # False: devices get no IOMMU group
        self.pci_ids = PCI_IDS    # what the tool's Sysfs names devices from
        self.next_group = 100
        self.next_eth = 10
        self.next_child = 0       # the N of virtioN
        self.next_minor = 0       # of block devices

    # Files.

    def sys(self, rel):
        return os.path.join(self.sys_root, rel)

    def put(self, rel, text):
        with open(self.sys(rel), "w") as f:
            f.write(text)

    def get(self, rel):
        with open(self.sys(rel)) as f:
            return f.read().strip()

    def put_proc(self, rel, text, append=False):
        with open(os.path.join(self.proc_root, rel), "a" if append else "w") \
                as f:
            f.write(text)

    def link(self, rel, target):
        os.symlink(target, self.sys(rel))

    def unlink(self, rel):
        if os.path.lexists(self.sys(rel)):
            os.unlink(self.sys(rel))

    # Building the machine.

    def load_driver(self, name, module=None, netdev=False, sriov=False):
        """netdev: the driver gives each device an interface, in net/
        below the device (True) or below a child device named netdev
        plus a number ("virtio": virtio0/net/<if>, as virtio-pci does)."""
        os.makedirs(self.sys(f"bus/pci/drivers/{name}"))
        for f in ("bind", "unbind", "new_id"):
            self.put(f"bus/pci/drivers/{name}/{f}", "")
        if module:
            os.makedirs(self.sys(f"module/{module}/parameters"))
            self.put_proc("modules", f"{module} 16384 0 - Live 0x0\n",
                          append=True)
        if netdev:
            self.netdev_drivers[name] = "" if netdev is True else netdev
        if sriov:
            self.sriov_drivers.add(name)

    def add_group(self, group):
        os.makedirs(self.sys(f"kernel/iommu_groups/{group}/devices"),
                    exist_ok=True)

    def add_device(self, addr, vendor, device, cls="0x020000", driver=None,
                   native=None, group="new", totalvfs=None, ifname=None,
                   vf=None):
        """A PCI function; group "new" gives it an IOMMU group of its own,
        None none. totalvfs makes it a PF whose VFs are vf = (vendor,
        device, native driver)."""
        d = f"{PARENT}/{addr}"
        os.makedirs(self.sys(d))
        self.put(f"{d}/vendor", f"0x{vendor}\n")
        self.put(f"{d}/device", f"0x{device}\n")
        self.put(f"{d}/class", f"{cls}\n")
        self.put(f"{d}/driver_override", "(null)\n")
        code = int(cls, 16)
        self.put(f"{d}/modalias", f"pci:v0000{vendor.upper()}d0000"
                 f"{device.upper()}sv0000{vendor.upper()}sd00000000"
                 f"bc{code >> 16:02X}sc{code >> 8 & 0xff:02X}"
                 f"i{code & 0xff:02X}\n")
        self.link(f"bus/pci/devices/{addr}", f"../../../{d}")
        if group == "new" and not self.iommu:
            group = None
        elif group == "new":
            group = self.next_group
            self.next_group += 1
        if group is not None:
            self.add_group(group)
            self.link(f"{d}/iommu_group", f"../../../kernel/iommu_groups/"
                      f"{group}")
            self.link(f"kernel/iommu_groups/{group}/devices/{addr}",
                      f"../../../../{d}")
        if totalvfs is not None:
            self.put(f"{d}/sriov_totalvfs", f"{totalvfs}\n")
            self.put(f"{d}/sriov_numvfs", "0\n")
            self.vf_spec[addr] = vf
        if ifname:
            self.ifname[addr] = ifname
        if native:
            self.native[addr] = native
        if driver:
            self.attach(addr, driver)

    def driver(self, addr):
        path = self.sys(f"bus/pci/devices/{addr}/driver")
        return os.path.basename(os.readlink(path)) \
            if os.path.lexists(path) else None

    def attach(self, addr, drv):
        d = f"{PARENT}/{addr}"
        self.link(f"{d}/driver", f"../../../bus/pci/drivers/{drv}")
        self.link(f"bus/pci/drivers/{drv}/{addr}", f"../../../../{d}")
        if drv in self.netdev_drivers:
            if addr not in self.ifname:
                self.ifname[addr] = f"eth{self.next_eth}"
                self.next_eth += 1
            ifname = self.ifname[addr]
            child = self.netdev_drivers[drv]
            if child:
                child = f"{child}{self.next_child}"
                self.next_child += 1
            top = os.path.join(d, child) if child else f"{d}/net"
            self.netdev_dir[addr] = top
            n = os.path.join(d, child, "net", ifname)
            os.makedirs(self.sys(n))
            self.put(f"{n}/operstate", "down\n")
            self.put(f"{n}/flags", "0x1002\n")
            self.link(f"class/net/{ifname}", f"../../{n}")

    def detach(self, addr):
        drv = self.driver(addr)
        d = f"{PARENT}/{addr}"
        if os.path.exists(self.sys(f"{d}/sriov_numvfs")):
            # A PF driver takes its VFs with it when it lets go (igb does).
            self.set_numvfs(addr, 0)
        self.unlink(f"{d}/driver")
        self.unlink(f"bus/pci/drivers/{drv}/{addr}")
        top = self.netdev_dir.pop(addr, None)
        if top is not None:
            self.unlink(f"class/net/{self.ifname[addr]}")
            shutil.rmtree(self.sys(top))

    def add_disk(self, addr, under, disk, partitions=(), major=259):
        """A disk below the device, in under/disk (nvme/nvme0 for an NVMe
        namespace, host0/.../block for a SATA disk), with its partitions
        (disk + suffix), each in class/block with a dev number."""
        top = f"{PARENT}/{addr}/{under}/{disk}"
        for i, name in enumerate([disk] + [disk + p for p in partitions]):
            d = top if i == 0 else f"{top}/{name}"
            os.makedirs(self.sys(f"{d}/holders"))
            self.put(f"{d}/dev", f"{major}:{self.next_minor}\n")
            self.next_minor += 1
            self.link(f"class/block/{name}", f"../../{d}")

    def mount(self, dev, where, number=None):
        """dev mounted on where (escaped as /proc/mounts escapes it), in
        /proc/mounts; with number ('8:1'), in /proc/self/mountinfo too."""
        self.put_proc("mounts", f"{dev} {where} ext4 rw,relatime 0 0\n",
                      append=True)
        if number:
            os.makedirs(os.path.join(self.proc_root, "self"), exist_ok=True)
            self.put_proc("self/mountinfo", f"25 1 {number} / {where} "
                          f"rw,relatime shared:1 - ext4 {dev} rw\n",
                          append=True)

    # Interface and process state.

    def set_up(self, ifname, operstate="up"):
        self.put(f"class/net/{ifname}/flags", "0x1003\n")
        self.put(f"class/net/{ifname}/operstate", f"{operstate}\n")

    def add_route(self, ifname):
        self.put_proc("net/route", f"{ifname}\t0000000A\t00000000\t0001\t0"
                      "\t0\t0\t00FFFFFF\t0\t0\t0\n", append=True)

    def open_vfio_group(self, pid, comm, group):
        os.makedirs(os.path.join(self.proc_root, f"{pid}/fd"))
        self.put_proc(f"{pid}/comm", f"{comm}\n")
        os.symlink(f"/dev/vfio/{group}",
                   os.path.join(self.proc_root, f"{pid}/fd/7"))

    # The kernel's side of writes.

    def react(self, rel, value):
        """Apply a write; False when it is a plain file the write fills."""
        parts = rel.split("/")
        if rel == "bus/pci/drivers_probe":
            self.probe(value.strip())
        elif parts[:3] == ["bus", "pci", "drivers"] and len(parts) == 5:
            drv, op, addr = parts[3], parts[4], value.strip()
            if op == "unbind":
                if self.driver(addr) != drv:
                    raise oserror(errno.ENODEV)
                self.detach(addr)
            elif op == "bind":
                if self.driver(addr) is not None:
                    raise oserror(errno.EBUSY)
                self.attach(addr, drv)
        elif parts[:3] == ["bus", "pci", "devices"] and len(parts) == 5 \
                and parts[4] == "sriov_numvfs":
            self.sriov_write(parts[3], int(value))
        elif parts[:3] == ["bus", "pci", "devices"] and len(parts) == 5 \
                and parts[4] == "driver_override":
            self.put(rel, (value.strip() or "(null)") + "\n")
        else:
            return False
        return True

    def probe(self, addr):
        if not os.path.lexists(self.sys(f"bus/pci/devices/{addr}")):
            raise oserror(errno.ENODEV)
        if self.driver(addr) is not None:
            return
        override = self.get(f"bus/pci/devices/{addr}/driver_override")
        drv = self.native.get(addr) if override == "(null)" else override
        if drv is None or (addr, drv) in self.refuse or \
                not os.path.isdir(self.sys(f"bus/pci/drivers/{drv}")):
            return
        self.attach(addr, drv)

    def sriov_write(self, pf, n):
        d = f"bus/pci/devices/{pf}"
        cur = int(self.get(f"{d}/sriov_numvfs"))
        if n > int(self.get(f"{d}/sriov_totalvfs")):
            raise oserror(errno.ERANGE)
        if n == cur:
            return
        drv = self.driver(pf)
        if drv not in self.sriov_drivers:
            raise oserror(errno.ENOENT)
        if drv == "vfio-pci" and \
                self.get("module/vfio_pci/parameters/enable_sriov") != "Y":
            raise oserror(errno.ENOENT)
        if n and cur:
            raise oserror(errno.EBUSY)
        self.set_numvfs(pf, n)

    def vf_addr(self, pf, i):
        dom, bus, devfn = pf.split(":")
        rid = int(bus, 16) << 8 | int(devfn[:2], 16) << 3 | int(devfn[3])
        rid += VF_OFFSET + VF_STRIDE * i
        return f"{dom}:{rid >> 8:02x}:{rid >> 3 & 0x1f:02x}.{rid & 7}"

    def set_numvfs(self, pf, n):
        d = f"{PARENT}/{pf}"
        cur = int(self.get(f"{d}/sriov_numvfs"))
        for i in reversed(range(cur)):
            self.remove_vf(pf, i)
        if n == 0:
            self.put(f"{d}/sriov_numvfs", "0\n")
            return
        vendor, device, native = self.vf_spec[pf]
        on_vfio = self.driver(pf) == "vfio-pci"
        for i in range(n):
            vf = self.vf_addr(pf, i)
            self.add_device(vf, vendor, device, native=native)
            self.link(f"{PARENT}/{vf}/physfn", f"../{pf}")
            self.link(f"{d}/virtfn{i}", f"../{vf}")
            if on_vfio:
                # The kernel pins a vfio-pci PF's VFs to vfio-pci.
                self.put(f"{PARENT}/{vf}/driver_override", "vfio-pci\n")
            self.probe(vf)
        self.put(f"{d}/sriov_numvfs", f"{n}\n")

    def remove_vf(self, pf, i):
        d = f"{PARENT}/{pf}"
        vf = os.path.basename(os.readlink(self.sys(f"{d}/virtfn{i}")))
        if self.driver(vf):
            self.detach(vf)
        group = self.sys(f"{PARENT}/{vf}/iommu_group")
        if os.path.lexists(group):
            shutil.rmtree(os.path.realpath(group))
        shutil.rmtree(self.sys(f"{PARENT}/{vf}"))
        self.unlink(f"bus/pci/devices/{vf}")
        self.unlink(f"{d}/virtfn{i}")
        self.native.pop(vf, None)
        self.ifname.pop(vf, None)

    def sysfs(self, devbind):
        """The tool's Sysfs on this tree, its writes seen by this kernel."""
        kernel = self

        class FakeSysfs(devbind.Sysfs):
            def write(self, rel, value):
                kernel.writes.append((rel, value))
                code = kernel.fail_writes.get(rel)
                if code:
                    raise oserror(code)
                if not kernel.react(rel, value):
                    super().write(rel, value)

        return FakeSysfs(self.sys_root, self.proc_root, self.pci_ids,
                         self.modules_root)
