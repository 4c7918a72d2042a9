#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Write the srnic driver info C file from the driver's compiled ID table.

Usage: srnic-pmdinfogen.py OBJECT OUTPUT_C

OBJECT is drivers/net/srnic/srnic_pci_ids.c compiled: an ELF relocatable
object, the same one the build links into librte_net_srnic. These symbols
are read out of it by name:

  srnic_pci_id_layout  size of struct srnic_pci_id and where its fields sit
  srnic_pci_id_table   the entries, ended by one whose vendor is 0
  srnic_pmd_name       the driver's name
  srnic_pmd_kmod       the kernel module the driver's devices are bound to

OUTPUT_C defines srnic_pmd_info, the string "SRNIC_PMD_INFO=" followed by a
JSON object, in the ELF section .srnic_pmd_info, where
usertools/srnic-pmdinfo.py looks for it. The JSON object:

  {"format": 1, "name": "net_srnic", "kmod": "vfio-pci",
   "pci_ids": [{"vendor": "8086", "device": "10ca", "name": "82576 VF"}, ...]}

IDs are four lower-case hex digits, as sysfs and lspci show them.
"""

import json
import os
import struct
import sys

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile

PROG = "srnic-pmdinfogen.py"
SECTION = ".srnic_pmd_info"
PREFIX = "SRNIC_PMD_INFO="
DPDK_PREFIX = "PMD_INFO_STRING= "
FORMAT = 1
# Fields of srnic_pci_id_layout, each a uint16_t.
LAYOUT_FIELDS = ("entry_size", "vendor_at", "device_at", "name_at",
                 "name_len")


class GenError(Exception):
    """Why the object gives no driver info: the one line the user sees."""


def symbol_bytes(elf, name):
    """The initialised bytes of data symbol name in a relocatable object."""
    symtab = elf.get_section_by_name(".symtab")
    syms = symtab.get_symbol_by_name(name) if symtab else None
    if not syms:
        lto = any(s.name.startswith(".gnu.lto_") for s in elf.iter_sections())
        raise GenError(f"no symbol {name} in it"
                       + (" (it holds LTO bytecode: compile srnic_pci_ids.c "
                          "with -fno-lto)" if lto else ""))
    if len(syms) > 1:
        raise GenError(f"{len(syms)} symbols are named {name}")
    sym = syms[0]
    shndx = sym["st_shndx"]
    if not isinstance(shndx, int):
        raise GenError(f"{name} is not defined in it ({shndx})")
    section = elf.get_section(shndx)
    if section["sh_type"] == "SHT_NOBITS":
        raise GenError(f"{name} is zero-filled (in {section.name}); it must "
                       "be initialised constant data")
    start, size = sym["st_value"], sym["st_size"]
    data = section.data()
    if size == 0 or start + size > len(data):
        raise GenError(f"{name} has no bytes in {section.name} "
                       f"(offset {start}, size {size})")
    return data[start:start + size]


def text_field(raw, what):
    """A NUL-terminated printable ASCII string, not empty."""
    if b"\0" not in raw:
        raise GenError(f"{what} is not NUL-terminated")
    text = raw.split(b"\0", 1)[0]
    if not text or not all(0x20 <= c < 0x7f for c in text):
        raise GenError(f"{what} is {text!r}: want printable ASCII, "
                       "not empty")
    return text.decode("ascii")


def read_layout(elf, endian):
    raw = symbol_bytes(elf, "srnic_pci_id_layout")
    if len(raw) != 2 * len(LAYOUT_FIELDS):
        raise GenError(f"srnic_pci_id_layout is {len(raw)} bytes, want "
                       f"{2 * len(LAYOUT_FIELDS)}")
    layout = dict(zip(LAYOUT_FIELDS,
                      struct.unpack(f"{endian}{len(LAYOUT_FIELDS)}H", raw)))
    if layout["name_at"] + layout["name_len"] > layout["entry_size"] or \
            max(layout["vendor_at"], layout["device_at"]) + 2 > \
            layout["entry_size"]:
        raise GenError(f"srnic_pci_id_layout {layout} does not fit "
                       "its entry size")
    return layout


def read_ids(elf, endian):
    """The table's entries as dicts, in table order."""
    layout = read_layout(elf, endian)
    size = layout["entry_size"]
    raw = symbol_bytes(elf, "srnic_pci_id_table")
    if len(raw) % size:
        raise GenError(f"srnic_pci_id_table is {len(raw)} bytes, not a "
                       f"multiple of its {size}-byte entries")
    ids, ended = [], False
    for n in range(len(raw) // size):
        entry = raw[n * size:(n + 1) * size]
        vendor, = struct.unpack_from(f"{endian}H", entry, layout["vendor_at"])
        device, = struct.unpack_from(f"{endian}H", entry, layout["device_at"])
        if ended:
            raise GenError(f"srnic_pci_id_table has entries after its end "
                           f"(entry {n})")
        if vendor == 0:
            ended = True
            continue
        name = entry[layout["name_at"]:layout["name_at"] + layout["name_len"]]
        pci_id = {"vendor": f"{vendor:04x}", "device": f"{device:04x}",
                  "name": text_field(name, f"the name of entry {n}")}
        if any(i["vendor"] == pci_id["vendor"] and
               i["device"] == pci_id["device"] for i in ids):
            raise GenError(f"srnic_pci_id_table lists {vendor:04x}:"
                           f"{device:04x} twice")
        ids.append(pci_id)
    if not ended:
        raise GenError("srnic_pci_id_table does not end with a vendor 0 "
                       "entry")
    if not ids:
        raise GenError("srnic_pci_id_table lists no PCI IDs")
    return ids


def read_info(path):
    """The driver info held by the object file at path, as a dict."""
    try:
        with open(path, "rb") as f:
            try:
                elf = ELFFile(f)
            except ELFError as e:
                raise GenError(f"not an ELF file ({e})") from e
            if elf["e_type"] != "ET_REL":
                raise GenError(f"not an object file ({elf['e_type']}); give "
                               "srnic_pci_ids.c compiled with -c")
            endian = "<" if elf.little_endian else ">"
            return {
                "format": FORMAT,
                "name": text_field(symbol_bytes(elf, "srnic_pmd_name"),
                                   "srnic_pmd_name"),
                "kmod": text_field(symbol_bytes(elf, "srnic_pmd_kmod"),
                                   "srnic_pmd_kmod"),
                "pci_ids": read_ids(elf, endian),
            }
    except OSError as e:
        raise GenError(e.strerror or str(e)) from e


def c_string(text):
    """text as a C string literal. '?' is escaped too: -std=c11 turns
    trigraphs such as ??) into other characters."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("?", "\\?")
    return f'"{out}"'


def dpdk_blob(info):
    """The same facts in DPDK's own driver-info format, which Debian's
    dpdk-pmdinfo.py reads from .rodata: IDs as numbers, with the subsystem
    IDs as wildcards (0xffff)."""
    ids = [[int(i["vendor"], 16), int(i["device"], 16), 0xFFFF, 0xFFFF]
           for i in info["pci_ids"]]
    return DPDK_PREFIX + json.dumps({"name": info["name"], "kmod": info["kmod"],
                                     "pci_ids": ids})


def c_file(info, source):
    blob = PREFIX + json.dumps(info)
    # Tabs indent C continuation lines (the house style): written as \t so
    # that this file stays PEP 8.
    return f"""\
/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Generated by buildtools/srnic-pmdinfogen.py from {source}: do not edit.
 * The driver info that usertools/srnic-pmdinfo.py reads back.
 */
#include "srnic_pci_ids.h"

/* Kept by the linker even with --gc-sections, where the compiler can. */
#ifdef __has_attribute
#if __has_attribute(retain)
#define SRNIC_PMD_INFO_RETAIN __attribute__((retain))
#endif
#endif
#ifndef SRNIC_PMD_INFO_RETAIN
#define SRNIC_PMD_INFO_RETAIN
#endif

const char srnic_pmd_info[]
\t__attribute__((used, section("{SECTION}"))) SRNIC_PMD_INFO_RETAIN =
\t{c_string(blob)};

/* For dpdk-pmdinfo.py, in DPDK's format and place (.rodata). */
static const char rte_pmd_info_{info["name"]}[]
\t__attribute__((used)) SRNIC_PMD_INFO_RETAIN =
\t{c_string(dpdk_blob(info))};
"""


def main(argv):
    if len(argv) != 2:
        print(f"usage: {PROG} OBJECT OUTPUT_C", file=sys.stderr)
        return 2
    obj, out = argv
    try:
        info = read_info(obj)
    except GenError as e:
        print(f"{PROG}: error: {obj}: {e}", file=sys.stderr)
        return 1
    with open(out, "w") as f:
        f.write(c_file(info, os.path.basename(obj)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
