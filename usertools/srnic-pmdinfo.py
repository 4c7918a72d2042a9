#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Show the driver info built into librte_net_srnic or a program using it.

The build embeds in librte_net_srnic, from the driver's own PCI ID table,
the driver's name, the kernel module its devices must be bound to and the
PCI IDs it drives: the string "SRNIC_PMD_INFO=" followed by a JSON object,
in the ELF section .srnic_pmd_info (buildtools/srnic-pmdinfogen.py writes
it). A program linked statically with the driver carries it too. This tool
finds that string and prints it.

srnic-devbind.py loads this file and calls read_driver_info() to learn
which devices srnic supports.
"""

import argparse
import json
import os
import re
import signal
import sys

try:
    from elftools.elf.constants import SH_FLAGS
    from elftools.elf.elffile import ELFFile
except ImportError:
    ELFFile = None

PROG = "srnic-pmdinfo.py"
SECTION = ".srnic_pmd_info"
PREFIX = b"SRNIC_PMD_INFO="
ELF_MAGIC = b"\x7fELF"
AR_MAGICS = (b"!<arch>\n", b"!<thin>\n")
HEX_ID = re.compile(r"^[0-9a-f]{4}$")


class PmdInfoError(Exception):
    """Why a file gives no driver info: the one line the user sees."""


def strings_after_prefix(data):
    """What follows PREFIX up to the next NUL, for each PREFIX in data."""
    found = []
    start = data.find(PREFIX)
    while start >= 0:
        end = data.find(b"\0", start)
        end = len(data) if end < 0 else end
        found.append(data[start + len(PREFIX):end])
        start = data.find(PREFIX, end)
    return found


def contents(part, offset, size, file_size):
    """The bytes of a section or segment, once its bounds are checked: a
    damaged header must not make pyelftools read gigabytes."""
    if offset + size > file_size:
        raise PmdInfoError(f"{offset + size - file_size} bytes are missing "
                           "at its end (truncated?)")
    return part.data()


def info_strings(elf, file_size):
    """The driver info strings of an ELF file, in file order."""
    def data(section):
        return contents(section, section["sh_offset"], section["sh_size"],
                        file_size)

    section = elf.get_section_by_name(SECTION)
    if section is not None and section["sh_type"] != "SHT_NOBITS":
        found = strings_after_prefix(data(section))
        if found:
            return found
    # A tool that renamed or merged sections (objcopy, a linker script)
    # may have moved the string: look through every read-only data
    # section, or every loaded segment when sections are gone.
    found = []
    if elf.num_sections() == 0:
        for segment in elf.iter_segments():
            if segment["p_type"] == "PT_LOAD":
                found += strings_after_prefix(contents(
                    segment, segment["p_offset"], segment["p_filesz"],
                    file_size))
        return found
    for section in elf.iter_sections():
        flags = section["sh_flags"]
        if section["sh_type"] == "SHT_PROGBITS" and \
                flags & SH_FLAGS.SHF_ALLOC and \
                not flags & (SH_FLAGS.SHF_EXECINSTR | SH_FLAGS.SHF_WRITE):
            found += strings_after_prefix(data(section))
    return found


def needed_srnic_libraries(elf):
    """The srnic driver libraries (those that carry driver info) that a
    dynamically linked file loads (DT_NEEDED); the PF library has none."""
    dynamic = elf.get_section_by_name(".dynamic")
    if dynamic is None or not hasattr(dynamic, "iter_tags"):
        return []
    return [tag.needed for tag in dynamic.iter_tags()
            if tag.entry.d_tag == "DT_NEEDED"
            and tag.needed.startswith("librte_net_srnic")]


def check_info(info):
    """info, or a reason it is not driver info this tool understands."""
    if not isinstance(info, dict):
        return "not a JSON object"
    for key in ("name", "kmod"):
        if not isinstance(info.get(key), str):
            return f"no '{key}' text"
    ids = info.get("pci_ids")
    if not isinstance(ids, list):
        return "no 'pci_ids' list"
    for pci_id in ids:
        if not isinstance(pci_id, dict) or \
                not all(HEX_ID.match(str(pci_id.get(k, "")))
                        for k in ("vendor", "device")):
            return f"PCI ID {pci_id!r} is not 4-digit hex vendor and device"
    return None


def decode(blob, path):
    try:
        info = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise PmdInfoError(f"{path}: the srnic driver info in it is "
                           f"damaged (not JSON: {e})") from e
    why = check_info(info)
    if why:
        raise PmdInfoError(f"{path}: the srnic driver info in it is "
                           f"damaged ({why})")
    return info


def read_driver_info(path):
    """The driver info objects (dicts) embedded in the ELF file at path.

    Raises PmdInfoError, whose text names path and says what is wrong.
    """
    if ELFFile is None:
        raise PmdInfoError("pyelftools is missing: install "
                           "python3-pyelftools (apt) or pyelftools (pip)")
    try:
        f = open(path, "rb")
    except FileNotFoundError as e:
        raise PmdInfoError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise PmdInfoError(f"{path}: is a directory, not a file") from e
    except OSError as e:
        raise PmdInfoError(f"{path}: cannot read it: "
                           f"{e.strerror or e}") from e
    with f:
        magic = f.read(8)
        if magic in AR_MAGICS:
            raise PmdInfoError(
                f"{path}: a static library (ar archive), not an ELF file: "
                "give librte_net_srnic.so or a program linked with the "
                "driver")
        if magic[:4] != ELF_MAGIC:
            raise PmdInfoError(f"{path}: not an ELF file")
        file_size = os.fstat(f.fileno()).st_size
        f.seek(0)
        try:
            elf = ELFFile(f)
            found = info_strings(elf, file_size)
            needed = [] if found else needed_srnic_libraries(elf)
        except PmdInfoError as e:
            raise PmdInfoError(f"{path}: damaged ELF file ({e})") from e
        except Exception as e:
            # On a malformed file pyelftools raises whatever its parsing
            # hits first (ELFError, struct.error, TypeError, OSError from a
            # seek, ...): any of them means the same thing to the user.
            raise PmdInfoError(f"{path}: damaged ELF file "
                               f"({e or type(e).__name__})") from e
    if not found and needed:
        raise PmdInfoError(f"{path}: no srnic driver info of its own: it "
                           f"loads {', '.join(needed)} at run time; give "
                           "that library")
    if not found:
        raise PmdInfoError(f"{path}: no srnic driver info (give "
                           "librte_net_srnic.so, or a program linked "
                           "statically with it)")
    return [decode(blob, path) for blob in found]


def text(info):
    ids = ", ".join(f"{i['vendor']}:{i['device']}"
                    + (f" ({i['name']})" if i.get("name") else "")
                    for i in info["pci_ids"])
    return (f"driver: {info['name']}\n"
            f"  kmod: {info['kmod']}\n"
            f"  pci ids: {ids or 'none'}")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Print the srnic driver info (driver name, kernel "
        "module, supported PCI IDs) built into librte_net_srnic.so or into "
        "a program linked statically with it.",
        epilog="example: srnic-pmdinfo.py "
        "build/drivers/net/srnic/librte_net_srnic.so")
    p.add_argument("--json", action="store_true",
                   help="print one JSON array: an object per driver found, "
                   "with the file it is in")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="a shared library or a program")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    failed = False
    found = []
    for path in args.files:
        try:
            found += [(path, info) for info in read_driver_info(path)]
        except PmdInfoError as e:
            print(f"{PROG}: error: {e}", file=sys.stderr)
            failed = True
    if args.json:
        if found or not failed:
            print(json.dumps([{"file": path, **info}
                              for path, info in found], indent=2))
    else:
        several = len(args.files) > 1
        print("\n\n".join((f"{path}:\n" if several else "") + text(info)
                          for path, info in found), end="\n" if found else "")
    return 1 if failed else 0


if __name__ == "__main__":
    # Piped into head: end quietly, as command-line tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
