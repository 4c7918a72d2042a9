#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Show which driver owns each NIC, move NICs between drivers, manage VFs.

srnic's VF driver reaches a NIC through vfio-pci. This tool moves PCI
functions between vfio-pci and kernel drivers, creates and removes SR-IOV
VFs on a PF, and refuses the moves that would break something: a device
that is not a NIC, an interface or a disk that is in use, a device the
IOMMU cannot isolate, an IOMMU group shared with a kernel driver. A change
that fails part way is undone.

It reads and writes sysfs and procfs only; besides, it reads device names
from pci.ids and which kernel modules drive a device from modules.alias.
Where all of these are can be moved (for tests) with SRNIC_SYSFS_ROOT,
SRNIC_PROC_ROOT, SRNIC_PCI_IDS and SRNIC_MODULES_ROOT. Which devices srnic
supports it reads from the driver info built into librte_net_srnic (through
srnic-pmdinfo.py, beside this file); SRNIC_PMD_PATH says where that library
is.
"""

import argparse
import errno
import fnmatch
import glob
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time

PROG = "srnic-devbind.py"
VFIO = "vfio-pci"
PCI_CLASS_NETWORK = 0x02
IFF_UP = 0x1
# Drivers that may share an IOMMU group with a device srnic opens through
# vfio: exactly the ones srnic's driver accepts there
# (srnic_pci_group_blockers() in drivers/common/srnic/srnic_pci.c), so that
# a group this tool calls viable is one the driver then opens. A unit test
# holds the two lists together. The kernel would also take pci-stub
# members; srnic's driver does not, so neither does this tool.
GROUP_SAFE_DRIVERS = {VFIO, "pcieport"}
# VFs appear when the sriov_numvfs write returns, but their driver probe
# can lag behind: wait this long for the virtfnN links to settle.
VF_SETTLE_SECONDS = 5.0
PCI_ADDR = re.compile(r"^(?:[0-9a-f]{4,}:)?[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$")
FULL_PCI_ADDR = re.compile(r"^[0-9a-f]{4,}:[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$")
PMD_LIB = "librte_net_srnic.so"
# Used only when no librte_net_srnic with driver info is found; a unit test
# checks it against the built driver.
FALLBACK_SUPPORTED_IDS = {("8086", "10ca"), ("8086", "1520")}


def pmdinfo_module():
    """srnic-pmdinfo.py, which lives beside this file, as a module."""
    here = os.path.dirname(os.path.realpath(__file__))
    path = os.path.join(here, "srnic-pmdinfo.py")
    spec = importlib.util.spec_from_file_location("srnic_pmdinfo", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ldconfig_libraries(name):
    """Paths of name in the dynamic linker's cache (ldconfig -p)."""
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig")
         if os.path.exists(p)), None)
    if ldconfig is None:
        return []
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split(" => ", 1)[1].strip() for line in out.splitlines()
            if line.strip().startswith(name) and " => " in line]


def newest_first(paths):
    def mtime(path):
        try:
            return os.path.getmtime(path)
        except OSError:
            return 0
    return sorted(paths, key=mtime, reverse=True)


def pmd_library_candidates():
    """Where librte_net_srnic.so may be, in the order to try them.

    SRNIC_PMD_PATH, when set, is the only place looked at: a ':'-separated
    list of library files or of folders holding one. Otherwise: a build
    tree beside this script's source tree (build*/, newest first), the
    libdir of the prefix this script is installed in, ldconfig's cache
    (asked only when the others have nothing).
    """
    env = os.environ.get("SRNIC_PMD_PATH")
    if env:
        yield from (os.path.join(p, PMD_LIB) if os.path.isdir(p) else p
                    for p in env.split(":") if p)
        return
    top = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    yield from newest_first(glob.glob(os.path.join(
        top, "build*", "drivers", "net", "srnic", PMD_LIB)))
    # A runtime-only install has the versioned name (.so.0) alone.
    for pattern in (("lib*", PMD_LIB + "*"), ("lib*", "*", PMD_LIB + "*")):
        yield from sorted(glob.glob(os.path.join(top, *pattern)))
    yield from ldconfig_libraries(PMD_LIB)


def lookup_supported_ids():
    """(ids, source, problem): the (vendor, device) pairs srnic's VF driver
    drives, read from the driver info in the first librte_net_srnic that
    has it (source: its path). When none has, ids is the built-in list,
    source None and problem says why."""
    try:
        pmdinfo = pmdinfo_module()
    except (OSError, ImportError, SyntaxError) as e:
        return FALLBACK_SUPPORTED_IDS, None, \
            f"cannot load srnic-pmdinfo.py ({e})"
    problems, tried = [], set()
    for path in pmd_library_candidates():
        if path in tried:
            continue
        tried.add(path)
        try:
            infos = pmdinfo.read_driver_info(path)
        except pmdinfo.PmdInfoError as e:
            problems.append(str(e))
            continue
        return ({(i["vendor"], i["device"]) for info in infos
                 for i in info["pci_ids"]}, path, None)
    if not problems:
        problems.append(f"no {PMD_LIB} found (in a build tree beside this "
                        "script, the install libdir or ldconfig's cache)")
    return FALLBACK_SUPPORTED_IDS, None, "; ".join(dict.fromkeys(problems))


def srnic_supported_ids():
    """(vendor, device) pairs that srnic's VF driver drives, as lower-case
    hex text: from the driver's embedded info when its library is found,
    else from the built-in list."""
    return lookup_supported_ids()[0]


class DevbindError(Exception):
    """A refusal or failure: its text is the one line the user sees."""


class Sysfs:
    """Every file the tool touches, below two movable roots; the pci.ids
    database it names devices from (None: the first of PCI_IDS_PATHS that
    exists); the folder of the kernels' modules.alias files.

    Paths are relative to the sysfs (or procfs) root. All writes go through
    write(), so that a test can put a fake kernel behind it.
    """

    def __init__(self, sys_root="/sys", proc_root="/proc", pci_ids=None,
                 modules_root="/lib/modules"):
        self.sys_root = sys_root
        self.proc_root = proc_root
        self.pci_ids = pci_ids
        self.modules_root = modules_root

    @classmethod
    def from_env(cls):
        return cls(os.environ.get("SRNIC_SYSFS_ROOT", "/sys"),
                   os.environ.get("SRNIC_PROC_ROOT", "/proc"),
                   os.environ.get("SRNIC_PCI_IDS"),
                   os.environ.get("SRNIC_MODULES_ROOT", "/lib/modules"))

    def path(self, rel):
        return os.path.join(self.sys_root, rel)

    def proc_path(self, rel):
        return os.path.join(self.proc_root, rel)

    @staticmethod
    def _read(path):
        try:
            with open(path) as f:
                return f.read().strip()
        except OSError:
            return None

    @staticmethod
    def _listdir(path):
        try:
            return sorted(os.listdir(path))
        except OSError:
            return []

    def read(self, rel):
        return self._read(self.path(rel))

    def read_proc(self, rel):
        return self._read(self.proc_path(rel))

    def listdir(self, rel):
        return self._listdir(self.path(rel))

    def listdir_proc(self, rel):
        return self._listdir(self.proc_path(rel))

    def exists(self, rel):
        return os.path.exists(self.path(rel))

    def link_name(self, rel):
        """Last component of a symlink's target (a driver, group, address)."""
        try:
            return os.path.basename(os.readlink(self.path(rel)))
        except OSError:
            return None

    def realpath(self, rel):
        return os.path.realpath(self.path(rel))

    def proc_link(self, rel):
        try:
            return os.readlink(self.proc_path(rel))
        except OSError:
            return None

    def write(self, rel, value):
        with open(self.path(rel), "w") as f:
            f.write(value)


def write(fs, rel, value, hints=None):
    """fs.write, its failure told as one line; hints: errno -> advice."""
    try:
        fs.write(rel, value)
    except OSError as e:
        shown = value.strip() or "an empty line"
        hint = (hints or {}).get(e.errno)
        raise DevbindError(f"writing {shown} to {fs.path(rel)} failed: "
                           f"{e.strerror or e}"
                           + (f" ({hint})" if hint else "")) from e


# Names from pci.ids.

class PciIds:
    """Device and class names from a pci.ids file: the database lspci
    reads (Debian's pci.ids package). Without one, names are the IDs, as
    lspci shows them ("Device 10ca")."""

    def __init__(self, path=None):
        self.path = path
        self.devices = {}   # (vendor, device) -> name
        self.classes = {}   # class, or (class, subclass) -> name
        if path is not None:
            self._parse(path)

    def _parse(self, path):
        vendor = cls = None
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#") or \
                        line.startswith("\t\t"):
                    continue    # subsystems and programming interfaces
                code, _, name = line.strip().partition(" ")
                if line.startswith("C "):
                    code, _, name = line[2:].partition(" ")
                    vendor, cls = None, code.lower()
                    self.classes[cls] = name.strip()
                elif not line.startswith("\t"):
                    vendor, cls = code.lower(), None
                elif vendor is not None:
                    self.devices[(vendor, code.lower())] = name.strip()
                elif cls is not None:
                    self.classes[(cls, code.lower())] = name.strip()

    def device(self, vendor, device):
        return self.devices.get((vendor, device), f"Device {device}")

    def class_name(self, code):
        """Name of a class code (0x010601): its subclass's, else its
        class's, else None."""
        cls, sub = f"{code >> 16:02x}", f"{code >> 8 & 0xff:02x}"
        return self.classes.get((cls, sub)) or self.classes.get(cls)


PCI_IDS_PATHS = ("/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids",
                 "/usr/share/pci.ids")
_pci_ids = {}


def pci_ids(fs):
    """The PciIds of fs.pci_ids (or of the first file of PCI_IDS_PATHS),
    read once; its path is None when there is no such file."""
    paths = [fs.pci_ids] if fs.pci_ids else PCI_IDS_PATHS
    path = next((p for p in paths if os.path.isfile(p)), None)
    if path not in _pci_ids:
        try:
            _pci_ids[path] = PciIds(path)
        except OSError:
            _pci_ids[path] = PciIds()
    return _pci_ids[path]


# Facts about one PCI function.

def dev_dir(addr):
    return f"bus/pci/devices/{addr}"


def driver_of(fs, addr):
    return fs.link_name(f"{dev_dir(addr)}/driver")


def iommu_group_of(fs, addr):
    return fs.link_name(f"{dev_dir(addr)}/iommu_group")


def class_owners(fs, cls):
    """{name: PCI address} for the devices of class cls (net, block) that
    sit below a PCI function, at any depth: virtio puts its interface in
    virtioN/net/, a disk sits below its controller's host and target. Each
    belongs to the nearest PCI function above it, so a bridge does not
    claim the interfaces of the devices behind it."""
    owners = {}
    for name in fs.listdir(f"class/{cls}"):
        parts = fs.realpath(f"class/{cls}/{name}").split(os.sep)
        owner = next((p for p in reversed(parts) if FULL_PCI_ADDR.match(p)),
                     None)
        if owner is not None:
            owners[name] = owner
    return owners


def ifnames_of(fs, addr):
    return sorted(n for n, a in class_owners(fs, "net").items() if a == addr)


def pci_id_of(fs, addr):
    ids = [fs.read(f"{dev_dir(addr)}/{name}") or "?"
           for name in ("vendor", "device")]
    return tuple(i[2:] if i.startswith("0x") else i for i in ids)


def class_of(fs, addr):
    """The class code (0x020000), or None when unreadable."""
    try:
        return int(fs.read(f"{dev_dir(addr)}/class"), 16)
    except (TypeError, ValueError):
        return None


def is_nic(fs, addr):
    code = class_of(fs, addr)
    return code is not None and code >> 16 == PCI_CLASS_NETWORK


def describe_class(fs, addr):
    """'class 0x0106 (SATA controller)', named from pci.ids when it can."""
    code = class_of(fs, addr)
    if code is None:
        return "class unknown"
    name = pci_ids(fs).class_name(code)
    shown = f"class 0x{code >> 8:04x}"
    return f"{shown} ({name})" if name else shown


def sriov_counts(fs, addr):
    """(sriov_numvfs, sriov_totalvfs), or None when addr is not a PF."""
    try:
        return (int(fs.read(f"{dev_dir(addr)}/sriov_numvfs")),
                int(fs.read(f"{dev_dir(addr)}/sriov_totalvfs")))
    except (TypeError, ValueError):
        return None


def physfn_of(fs, addr):
    return fs.link_name(f"{dev_dir(addr)}/physfn")


def vfs_of(fs, pf):
    """PCI addresses of a PF's VFs, VF 0 first."""
    links = [n for n in fs.listdir(dev_dir(pf)) if re.match(r"virtfn\d+$", n)]
    links.sort(key=lambda n: int(n[len("virtfn"):]))
    return [fs.link_name(f"{dev_dir(pf)}/{n}") for n in links]


def all_devices(fs):
    return fs.listdir("bus/pci/devices")


def describe_driver(drv):
    return drv if drv else "no driver"


# What makes a device busy.

def routed_ifnames(fs):
    """Interfaces that carry an IPv4 or IPv6 route."""
    names = set()
    for line in (fs.read_proc("net/route") or "").splitlines()[1:]:
        if line.split():
            names.add(line.split()[0])
    for line in (fs.read_proc("net/ipv6_route") or "").splitlines():
        words = line.split()
        # The loopback carries the host's own addresses in IPv6: ignore it.
        if len(words) == 10 and words[9] != "lo":
            names.add(words[9])
    return names


def iface_activity(fs, ifname, routed):
    """Why an interface counts as in use: a list like ['up', 'routed']."""
    why = []
    flags = fs.read(f"class/net/{ifname}/flags")
    try:
        up = int(flags, 16) & IFF_UP
    except (TypeError, ValueError):
        up = False
    if up or fs.read(f"class/net/{ifname}/operstate") == "up":
        why.append("up")
    if ifname in routed:
        why.append("routed")
    return why


def vfio_group_users(fs, group):
    """'pid (comm)' of every process holding /dev/vfio/<group> open."""
    wanted = {f"/dev/vfio/{group}", f"/dev/vfio/noiommu-{group}"}
    users = []
    for pid in fs.listdir_proc(""):
        if not pid.isdigit():
            continue
        for fd in fs.listdir_proc(f"{pid}/fd"):
            if fs.proc_link(f"{pid}/fd/{fd}") in wanted:
                comm = fs.read_proc(f"{pid}/comm") or "?"
                users.append(f"{pid} ({comm})")
                break
    return users


def unescape_mount_field(text):
    """/proc/mounts writes a space in a path as \\040 (octal escapes)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def block_users(fs):
    """(device name or None, 'major:minor' or None, what uses it) for
    every mount and swap area. /proc/mounts names the device (as /dev/X);
    /proc/self/mountinfo gives its number too, which still matches when
    the name does not (/dev/root)."""
    users = []
    for line in (fs.read_proc("mounts") or "").splitlines():
        words = line.split()
        if len(words) > 1 and words[0].startswith("/dev/"):
            users.append((os.path.basename(words[0]), None,
                          f"mounted on {unescape_mount_field(words[1])}"))
    for line in (fs.read_proc("self/mountinfo") or "").splitlines():
        words = line.split()
        if len(words) > 4:
            users.append((None, words[2],
                          f"mounted on {unescape_mount_field(words[4])}"))
    for line in (fs.read_proc("swaps") or "").splitlines()[1:]:
        words = line.split()
        if words and words[0].startswith("/dev/"):
            users.append((os.path.basename(words[0]), None, "used as swap"))
    return users


def block_busy_reasons(fs, addr):
    """Mounts, swap areas and holders (LVM, RAID, dm-crypt) of the disks
    and partitions below addr: an NVMe namespace, a SATA disk."""
    users = block_users(fs)
    reasons = []
    for name, owner in sorted(class_owners(fs, "block").items()):
        if owner != addr:
            continue
        number = fs.read(f"class/block/{name}/dev")
        for what in dict.fromkeys(w for n, num, w in users
                                  if n == name or (num and num == number)):
            reasons.append(f"{name} is {what}")
        holders = fs.listdir(f"class/block/{name}/holders")
        if holders:
            reasons.append(f"{name} is held by {', '.join(holders)}")
    return reasons


def busy_reasons(fs, addr, routed):
    """Why taking addr from its driver would hurt someone; empty if not."""
    reasons = block_busy_reasons(fs, addr)
    for ifname in ifnames_of(fs, addr):
        why = iface_activity(fs, ifname, routed)
        if why:
            reasons.append(f"interface {ifname} is {' and '.join(why)}")
    group = iommu_group_of(fs, addr)
    if driver_of(fs, addr) == VFIO and group is not None:
        users = vfio_group_users(fs, group)
        if users:
            reasons.append(f"/dev/vfio/{group} is open in process "
                           f"{', '.join(users)}")
    counts = sriov_counts(fs, addr)
    if counts and counts[0] and driver_of(fs, addr):
        reasons.append(f"its {counts[0]} VFs go away with its driver "
                       f"(remove them first: --remove-vfs {addr})")
    return reasons


def not_nic_reason(fs, addr):
    """Why moving addr is not this tool's business, or None for a NIC."""
    if is_nic(fs, addr):
        return None
    drv = driver_of(fs, addr)
    return (f"it is not a network device: {describe_class(fs, addr)}, "
            + (f"driver {drv}" if drv else "no driver"))


def refuse_if_busy(fs, addr, action, routed):
    """Refuse to move addr when it is in use or is not a NIC at all."""
    reasons = [r for r in [not_nic_reason(fs, addr)] if r] + \
        busy_reasons(fs, addr, routed)
    if reasons:
        ifs = ifnames_of(fs, addr)
        name = f"{addr} ({', '.join(ifs)})" if ifs else addr
        raise DevbindError(f"refusing to {action} {name}: {'; '.join(reasons)}"
                           "; add --force to do it anyway")


# What must hold before a device goes to a driver.

def module_loaded(fs, module):
    if fs.exists(f"module/{module}"):
        return True
    return any(line.split()[0] == module
               for line in (fs.read_proc("modules") or "").splitlines()
               if line.split())


def check_driver(fs, drv):
    # A name, not a path: the kernel's driver_override takes any string,
    # and "../devices" would name a folder that exists.
    if drv in ("", ".", "..") or "/" in drv:
        raise DevbindError(f"'{drv}' is not a driver name (as vfio-pci or "
                           "igbvf; 'none' unbinds)")
    if drv == VFIO and not module_loaded(fs, "vfio_pci"):
        raise DevbindError("the vfio-pci module is not loaded; "
                           "load it first: modprobe vfio-pci")
    if not fs.exists(f"bus/pci/drivers/{drv}"):
        raise DevbindError(f"unknown driver '{drv}': no "
                           f"{fs.path('bus/pci/drivers/' + drv)} (is the "
                           f"name right and its module loaded? "
                           f"modprobe {drv})")


def check_iommu(fs):
    """Refuse vfio-pci without an IOMMU, unless no-IOMMU mode is chosen."""
    if fs.listdir("kernel/iommu_groups"):
        return
    if fs.read("module/vfio/parameters/enable_unsafe_noiommu_mode") in \
            ("Y", "1"):
        print(f"{PROG}: warning: no IOMMU; vfio runs in no-IOMMU mode, "
              "where the device can DMA to any memory: only for trusted "
              "devices and software", file=sys.stderr)
        return
    raise DevbindError(
        "no IOMMU (" + fs.path("kernel/iommu_groups") + " is empty), so "
        "vfio-pci cannot isolate the device: enable VT-d/AMD-Vi in the "
        "firmware and boot with intel_iommu=on or amd_iommu=on; the "
        "alternative, 'modprobe vfio enable_unsafe_noiommu_mode=1', lets "
        "the device DMA to any memory and suits trusted setups only")


def check_group(fs, addr, joining):
    """The IOMMU group of addr is usable by vfio once the devices in
    joining are on vfio-pci: every other member has no driver or a safe
    one."""
    group = iommu_group_of(fs, addr)
    if group is None:
        if fs.listdir("kernel/iommu_groups"):
            raise DevbindError(f"{addr} has no IOMMU group, so vfio-pci "
                               "cannot take it")
        return
    others = []
    for member in fs.listdir(f"kernel/iommu_groups/{group}/devices"):
        drv = driver_of(fs, member)
        if member in joining or drv is None or drv in GROUP_SAFE_DRIVERS:
            continue
        others.append(f"{member} ({drv})")
    if others:
        raise DevbindError(
            f"IOMMU group {group} of {addr} is not viable for srnic: its "
            f"other members {', '.join(others)} must be bound to vfio-pci "
            "or to no driver first (give them in the same command, or "
            "--unbind them)")


# Changing drivers.

def set_driver(fs, addr, target):
    """Move addr to driver target (None: no driver)."""
    old = driver_of(fs, addr)
    if old == target:
        return
    if target is not None:
        # Set before the unbind, so that whatever probes the device in
        # between (udev, a rescan) can only hand it to the target driver.
        write(fs, f"{dev_dir(addr)}/driver_override", target)
    try:
        if old is not None:
            write(fs, f"bus/pci/drivers/{old}/unbind", addr)
        if target is not None:
            write(fs, "bus/pci/drivers_probe", addr)
    finally:
        if target is not None:
            # A stale override would keep the device from every other
            # driver at its next probe (hotplug, reboot of the driver).
            write(fs, f"{dev_dir(addr)}/driver_override", "\n")
    now = driver_of(fs, addr)
    if now != target:
        raise DevbindError(f"{describe_driver(target)} did not take {addr} "
                           f"(it is now on {describe_driver(now)}); the "
                           "kernel log (dmesg) says why")


class Undo:
    """Steps that put back what this run changed, newest first."""

    def __init__(self):
        self.steps = []

    def push(self, what, fn):
        self.steps.append((what, fn))

    def run(self):
        ok = True
        while self.steps:
            what, fn = self.steps.pop()
            try:
                fn()
                print(f"undone: {what}")
            except (DevbindError, OSError) as e:
                ok = False
                print(f"{PROG}: error: could not undo ({what}): {e}",
                      file=sys.stderr)
        return ok


def bind(fs, target, devs, force, undo, fresh=()):
    """Move devs to target (None: unbind); check everything first."""
    if target is not None:
        check_driver(fs, target)
    if target == VFIO:
        check_iommu(fs)
    moving = [a for a in devs if driver_of(fs, a) != target]
    routed = routed_ifnames(fs)
    action = f"bind {target} to" if target else "unbind"
    joining = set(devs)
    for addr in moving:
        # Nothing can use a VF this run has just created: no need to ask.
        # Nothing uses a device on no driver, but it may not be a NIC.
        if not force and addr not in fresh:
            refuse_if_busy(fs, addr, action, routed)
        if target == VFIO:
            check_group(fs, addr, joining)
    for addr in devs:
        if addr not in moving:
            print(f"{addr}: already on {describe_driver(target)}")
    for addr in moving:
        old = driver_of(fs, addr)
        # Pushed before the move: a move that fails half way (unbound,
        # not rebound) is put back too.
        undo.push(f"{addr} back on {describe_driver(old)}",
                  lambda a=addr, d=old: set_driver(fs, a, d))
        set_driver(fs, addr, target)
        print(f"{addr}: {describe_driver(old)} -> {describe_driver(target)}")


# SR-IOV.

def check_pf(fs, pf, want=None):
    """pf can have want VFs (None: only check that it is a working PF)."""
    counts = sriov_counts(fs, pf)
    if counts is None:
        phys = physfn_of(fs, pf)
        if phys:
            raise DevbindError(f"{pf} is a VF (of {phys}); give its PF")
        raise DevbindError(f"{pf} is not an SR-IOV PF (it has no "
                           "sriov_totalvfs)")
    cur, total = counts
    if want is not None and want > total:
        raise DevbindError(f"{pf} supports at most {total} VFs "
                           f"(sriov_totalvfs), asked for {want}")
    if want == cur:
        return
    drv = driver_of(fs, pf)
    if drv is None:
        raise DevbindError(
            f"{pf} has no driver: the kernel creates and removes VFs "
            f"through the PF's driver; bind one first (--bind igb {pf}, or "
            "vfio-pci loaded with enable_sriov=1 for a userspace PF)")
    if drv == VFIO and \
            fs.read("module/vfio_pci/parameters/enable_sriov") not in \
            ("Y", "1"):
        raise DevbindError(
            f"{pf} is on vfio-pci, which allows VFs only when loaded with "
            "enable_sriov=1: modprobe -r vfio-pci && modprobe vfio-pci "
            "enable_sriov=1 (this unbinds every vfio-pci device)")


def wait_for_vfs(fs, pf, n):
    deadline = time.monotonic() + VF_SETTLE_SECONDS
    while True:
        vfs = vfs_of(fs, pf)
        if len(vfs) == n and all(fs.exists(dev_dir(v)) for v in vfs):
            return vfs
        if time.monotonic() > deadline:
            raise DevbindError(f"{pf} has {len(vfs)} VFs, not {n}, "
                               f"{VF_SETTLE_SECONDS:g} s after the change")
        time.sleep(0.05)


def set_numvfs(fs, pf, n):
    cur = sriov_counts(fs, pf)[0]
    if cur == n:
        return
    numvfs = f"{dev_dir(pf)}/sriov_numvfs"
    # The kernel answers ENOENT for a driver without sriov_configure.
    hints = {errno.ENOENT: f"{describe_driver(driver_of(fs, pf))} does not "
             "let sysfs change its VFs"}
    # The kernel moves between two non-zero counts only through 0.
    if cur and n:
        write(fs, numvfs, "0", hints)
        wait_for_vfs(fs, pf, 0)
    write(fs, numvfs, str(n), hints)
    wait_for_vfs(fs, pf, n)


def restore_vfs(fs, pf, drivers):
    """Put back a PF's VFs: their count and each one's driver."""
    set_numvfs(fs, pf, len(drivers))
    for vf, drv in zip(vfs_of(fs, pf), drivers):
        set_driver(fs, vf, drv)


def change_vfs(fs, pf, n, undo):
    old = [driver_of(fs, vf) for vf in vfs_of(fs, pf)]
    undo.push(f"{pf} back to {len(old)} VFs",
              lambda: restore_vfs(fs, pf, old))
    set_numvfs(fs, pf, n)


def refuse_if_vfs_busy(fs, pf, action):
    routed = routed_ifnames(fs)
    for vf in vfs_of(fs, pf):
        if driver_of(fs, vf):
            refuse_if_busy(fs, vf, action, routed)


def create_vfs(fs, n, pfs, bind_vfio, force, undo):
    if n < 1:
        raise DevbindError(f"--create-vfs {n}: give 1 or more VFs "
                           "(--remove-vfs removes them)")
    if bind_vfio:
        check_driver(fs, VFIO)
        check_iommu(fs)
    for pf in pfs:
        check_pf(fs, pf, n)
        cur = sriov_counts(fs, pf)[0]
        if cur and cur != n and not force:
            refuse_if_vfs_busy(fs, pf, f"replace the {cur} VFs of {pf}:")
    for pf in pfs:
        fresh = ()
        if sriov_counts(fs, pf)[0] == n:
            print(f"{pf}: already has {n} VFs")
        else:
            change_vfs(fs, pf, n, undo)
            fresh = vfs_of(fs, pf)
            print(f"{pf}: {n} VFs: {' '.join(fresh)}")
        if bind_vfio:
            bind(fs, VFIO, vfs_of(fs, pf), force, undo, fresh)


def remove_vfs(fs, pfs, force, undo):
    for pf in pfs:
        check_pf(fs, pf, 0)
        if not force:
            refuse_if_vfs_busy(fs, pf, f"remove the VFs of {pf}:")
    for pf in pfs:
        if not sriov_counts(fs, pf)[0]:
            print(f"{pf}: has no VFs")
            continue
        change_vfs(fs, pf, 0, undo)
        print(f"{pf}: VFs removed")


# Naming devices.

def resolve(fs, names):
    """PCI addresses for full or short addresses, interface names, globs."""
    addrs = all_devices(fs)
    by_ifname = class_owners(fs, "net")
    found = []
    for name in names:
        low = name.lower()
        if not name:
            raise DevbindError("an empty DEVICE: give a PCI address "
                               "(01:10.0), an interface name or a glob")
        if PCI_ADDR.match(low):
            full = low if low.count(":") == 2 else "0000:" + low
            if full not in addrs:
                raise DevbindError(f"unknown device {name}: no PCI device "
                                   f"{full} in {fs.path('bus/pci/devices')}")
            found.append(full)
        elif name in by_ifname:
            found.append(by_ifname[name])
        elif any(c in name for c in "*?["):
            hits = [a for a in addrs
                    if fnmatch.fnmatchcase(a, low)
                    or fnmatch.fnmatchcase(a.split(":", 1)[1], low)]
            hits += [a for i, a in sorted(by_ifname.items())
                     if fnmatch.fnmatchcase(i, name)]
            if not hits:
                raise DevbindError(f"no PCI device or interface matches "
                                   f"'{name}'")
            found += hits
        else:
            raise DevbindError(f"unknown device {name}: not a PCI address "
                               "(0000:01:10.0 or 01:10.0), an interface "
                               "name or a glob (01:10.*)")
    return list(dict.fromkeys(found))


# Status.

# Drivers through which DPDK applications reach a device, in the order
# dpdk-devbind.py lists them in unused=.
DPDK_DRIVERS = ("igb_uio", "vfio-pci", "uio_pci_generic")
PCI_CLASS_CRYPTO = 0x10
PCI_SUBCLASS_COPROCESSOR = 0x0b40
PCI_CLASS_BRIDGE = 0x06


def is_crypto(code):
    return code >> 16 == PCI_CLASS_CRYPTO or \
        code >> 8 == PCI_SUBCLASS_COPROCESSOR


# --status-dev groups: (the name in section titles, which class codes).
STATUS_GROUPS = {
    "net": ("Network", lambda code: code >> 16 == PCI_CLASS_NETWORK),
    "crypto": ("Crypto", is_crypto),
    "misc": ("Misc", lambda code: code >> 16 not in
             (PCI_CLASS_NETWORK, PCI_CLASS_BRIDGE) and not is_crypto(code)),
}
_aliases = {}


def module_aliases(fs):
    """(pattern, module) of each PCI alias in the running kernel's
    modules.alias: which kernel modules can drive which devices."""
    release = fs.read_proc("sys/kernel/osrelease") or ""
    path = os.path.join(fs.modules_root, release, "modules.alias")
    if path not in _aliases:
        try:
            with open(path) as f:
                words = [line.split() for line in f]
        except OSError:
            words = []
        _aliases[path] = [(w[1], w[2]) for w in words if len(w) == 3
                          and w[0] == "alias" and w[1].startswith("pci:")]
    return _aliases[path]


def same_driver(a, b):
    """Module and driver names differ in - and _ (virtio_pci, virtio-pci)."""
    return a is not None and b is not None and \
        a.replace("-", "_") == b.replace("-", "_")


def unused_drivers(fs, addr):
    """The drivers addr could be bound to but is not: the kernel modules
    whose aliases match it, then the DPDK drivers that are loaded."""
    modalias = fs.read(f"{dev_dir(addr)}/modalias") or ""
    kernel = [m for pattern, m in module_aliases(fs)
              if fnmatch.fnmatchcase(modalias, pattern)]
    dpdk = [d for d in DPDK_DRIVERS if fs.exists(f"bus/pci/drivers/{d}")]
    drv = driver_of(fs, addr)
    return [d for d in dict.fromkeys(kernel + dpdk) if not same_driver(d, drv)]


def status_line(fs, addr, routed, supported):
    """dpdk-devbind.py's line (address, 'name device', if=, drv=, unused=,
    *Active*), then srnic's own facts in brackets."""
    vid, did = pci_id_of(fs, addr)
    drv = driver_of(fs, addr)
    ifs = ifnames_of(fs, addr)
    words = [addr, f"'{pci_ids(fs).device(vid, did)} {did}'"]
    if ifs:
        words.append(f"if={','.join(ifs)}")
    if drv:
        words.append(f"drv={drv}")
    words.append(f"unused={','.join(unused_drivers(fs, addr))}")
    active = dict.fromkeys(w for i in ifs
                           for w in iface_activity(fs, i, routed))
    if active:
        words.append("*Active*")
    extra = [f"{vid}:{did}"]
    counts = sriov_counts(fs, addr)
    phys = physfn_of(fs, addr)
    if counts:
        extra.append(f"PF vfs={counts[0]}/{counts[1]}")
    elif phys:
        extra.append(f"VF pf={phys}")
    extra.append(f"iommu_group={iommu_group_of(fs, addr) or 'none'}")
    if (vid, did) in supported:
        extra.append("srnic-supported")
    if active:
        extra.append(f"active={','.join(active)}")
    return " ".join(words) + f" [{' '.join(extra)}]"


def print_group(fs, group, routed, supported):
    """The sections of one --status-dev group, titled as dpdk-devbind.py
    titles them, each after an empty line; empty sections left out."""
    name, member = STATUS_GROUPS[group]
    sections = {
        "dpdk": (f"{name} devices using DPDK-compatible driver", []),
        "kernel": (f"{name} devices using kernel driver", []),
        "none": (f"Other {name} devices", []),
    }
    for addr in all_devices(fs):
        code = class_of(fs, addr)
        if code is None or not member(code):
            continue
        drv = driver_of(fs, addr)
        kind = "none" if drv is None else \
            "dpdk" if drv in DPDK_DRIVERS else "kernel"
        sections[kind][1].append(status_line(fs, addr, routed, supported))
    shown = [(t, lines) for t, lines in sections.values() if lines] or \
        [(f"No '{name}' devices detected", [])]
    for title, lines in shown:
        print("\n".join(["", title, "=" * len(title)] + lines))


def status(fs, group="net"):
    routed = routed_ifnames(fs)
    supported, source, problem = lookup_supported_ids()
    print_group(fs, group, routed, supported)
    notes = []
    if pci_ids(fs).path is None:
        notes.append("no pci.ids (install the pci.ids package, or set "
                     "SRNIC_PCI_IDS): devices are named by their IDs")
    if group == "net":
        shown = " ".join(f"{v}:{d}" for v, d in sorted(supported))
        if source:
            print(f"\nsrnic-supported: {shown} (driver info in {source})")
        if problem:
            notes.append(f"srnic-supported marks use the tool's built-in "
                         f"list ({shown}): {problem}; set SRNIC_PMD_PATH to "
                         f"{PMD_LIB}")
    if not module_loaded(fs, "vfio_pci"):
        notes.append("vfio-pci is not loaded (modprobe vfio-pci)")
    if not fs.listdir("kernel/iommu_groups"):
        notes.append("no IOMMU groups: vfio-pci cannot isolate devices")
    for note in notes:
        print(f"\nnote: {note}")


# Command line.

EPILOG = """\
devices: a full or short PCI address (0000:01:10.0, 01:10.0), an interface
name (eth1) or a glob over either (01:10.*).

examples:
  srnic-devbind.py --status
  srnic-devbind.py --status-dev misc
  srnic-devbind.py --create-vfs 2 --bind-vfio 01:00.0
  srnic-devbind.py --bind vfio-pci 01:10.0 01:10.2
  srnic-devbind.py --bind igbvf '01:10.*'
  srnic-devbind.py --unbind --force eth0
  srnic-devbind.py --remove-vfs 01:00.0

environment: SRNIC_SYSFS_ROOT (default /sys) and SRNIC_PROC_ROOT (default
/proc) move the roots the tool reads and writes. SRNIC_PCI_IDS names the
pci.ids file (default /usr/share/misc/pci.ids), SRNIC_MODULES_ROOT the
folder of each kernel's modules.alias (default /lib/modules). SRNIC_PMD_PATH
names
librte_net_srnic.so (or its folder), whose driver info lists the devices
srnic supports; by default the tool looks in a build tree beside its
source, its install prefix and ldconfig's cache.
"""


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=PROG, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Show and change the drivers of NICs, and create or "
        "remove SR-IOV VFs, for srnic (which drives VFs through vfio-pci).")
    act = p.add_mutually_exclusive_group()
    act.add_argument("-s", "--status", action="store_true",
                     help="list NICs by driver, with PF/VF relations, IOMMU "
                     "groups, interfaces (the default)")
    act.add_argument("--status-dev", choices=sorted(STATUS_GROUPS),
                     help="list one group of devices: net (as --status), "
                     "crypto, or misc (every other device but bridges)")
    act.add_argument("-b", "--bind", metavar="DRIVER",
                     help="bind the devices to DRIVER ('none' unbinds)")
    act.add_argument("-u", "--unbind", action="store_true",
                     help="unbind the devices from their driver")
    act.add_argument("--create-vfs", type=int, metavar="N",
                     help="give each PF N VFs (through sriov_numvfs)")
    act.add_argument("--remove-vfs", action="store_true",
                     help="remove every VF of each PF")
    p.add_argument("--bind-vfio", action="store_true",
                   help="with --create-vfs: bind the VFs to vfio-pci too")
    p.add_argument("--force", action="store_true",
                   help="act on devices that are not NICs or are in use "
                   "(an interface up or routed, a disk mounted, an open "
                   "vfio group, a PF with VFs)")
    p.add_argument("devices", nargs="*", metavar="DEVICE")
    args = p.parse_args(argv)
    changing = args.bind is not None or args.unbind or args.remove_vfs \
        or args.create_vfs is not None
    if changing and not args.devices:
        p.error("give at least one DEVICE")
    if not changing and args.devices:
        p.error("DEVICE given without --bind, --unbind, --create-vfs or "
                "--remove-vfs")
    if args.bind_vfio and args.create_vfs is None:
        p.error("--bind-vfio goes with --create-vfs")
    return args


def run(fs, args, undo):
    if args.bind is not None or args.unbind:
        target = None if args.unbind or args.bind == "none" else args.bind
        bind(fs, target, resolve(fs, args.devices), args.force, undo)
    elif args.create_vfs is not None:
        create_vfs(fs, args.create_vfs, resolve(fs, args.devices),
                   args.bind_vfio, args.force, undo)
    elif args.remove_vfs:
        remove_vfs(fs, resolve(fs, args.devices), args.force, undo)
    else:
        status(fs, args.status_dev or "net")


def main(argv=None, fs=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    fs = fs or Sysfs.from_env()
    undo = Undo()
    try:
        run(fs, args, undo)
        return 0
    except (DevbindError, OSError) as e:
        failure = str(e)
    except KeyboardInterrupt:
        failure = "interrupted"
    # Put things back before the error line, so that line is the last one.
    undo.run()
    print(f"{PROG}: error: {failure}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
