# SPDX-License-Identifier: BSD-3-Clause
"""usertools/srnic-pmdinfo.py and buildtools/srnic-pmdinfogen.py.

The reader runs against what the build made: librte_net_srnic.so, a
program linked statically with librte_net_srnic.a (nothing in it names the
driver info, and it is linked with --gc-sections), srnic-testpmd (linked
with the shared library), and the C file the generator wrote. Meson names
them in the environment (SRNIC_TEST_*). The generator also runs on small
objects compiled here from fixture tables.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

from elftools.elf.elffile import ELFFile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TOOL = os.path.join(SRC, "usertools", "srnic-pmdinfo.py")
GEN = os.path.join(SRC, "buildtools", "srnic-pmdinfogen.py")
DRIVER_SRC = os.path.join(SRC, "drivers", "net", "srnic")
COMMON_SRC = os.path.join(SRC, "drivers", "common", "srnic")
DPDK_PMDINFO = shutil.which("dpdk-pmdinfo.py")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else sys.executable
LIB = os.environ.get("SRNIC_TEST_PMD_LIB")
STATIC_APP = os.environ.get("SRNIC_TEST_STATIC_APP")
DYNAMIC_APP = os.environ.get("SRNIC_TEST_DYNAMIC_APP")
INFO_C = os.environ.get("SRNIC_TEST_PMD_INFO_C")
CC = shlex.split(os.environ.get("SRNIC_TEST_CC", ""))
OBJCOPY = shutil.which("objcopy")

EXPECTED_TEXT = """\
driver: net_srnic
  kmod: vfio-pci
  pci ids: 8086:10ca (82576 VF), 8086:1520 (I350 VF)
"""
EXPECTED_IDS = [("8086", "10ca", "82576 VF"), ("8086", "1520", "I350 VF")]


def needs(value, what):
    return unittest.skipUnless(value, f"{what} not given (run through "
                               "meson test, which sets SRNIC_TEST_*)")


def run(*cmd):
    return subprocess.run(list(cmd), capture_output=True, text=True,
                          timeout=60)


def pmdinfo(*args):
    return run(PYTHON, TOOL, *args)


def id_triples(info):
    return [(i["vendor"], i["device"], i["name"]) for i in info["pci_ids"]]


class Case(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name

    def ok(self, *args):
        p = pmdinfo(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        return p.stdout

    def refused(self, *args):
        """Exit 1, one error line on stderr, nothing on stdout."""
        p = pmdinfo(*args)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertEqual(p.stdout, "")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("srnic-pmdinfo.py: error: "),
                        lines[0])
        return lines[0]

    def copy_with(self, path, old, new):
        """A copy of path with the bytes old replaced by new (once)."""
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(data.count(old), 1, old)
        out = os.path.join(self.tmp, os.path.basename(path) + ".changed")
        with open(out, "wb") as f:
            f.write(data.replace(old, new))
        return out


@needs(LIB, "SRNIC_TEST_PMD_LIB")
class TestBuiltDriver(Case):
    def test_text_names_driver_kmod_and_both_vfs(self):
        self.assertEqual(self.ok(LIB), EXPECTED_TEXT)

    def test_json_names_driver_kmod_and_both_vfs(self):
        infos = json.loads(self.ok("--json", LIB))
        self.assertEqual(len(infos), 1)
        self.assertEqual(infos[0]["file"], LIB)
        self.assertEqual(infos[0]["name"], "net_srnic")
        self.assertEqual(infos[0]["kmod"], "vfio-pci")
        self.assertEqual(id_triples(infos[0]), EXPECTED_IDS)

    def test_info_sits_in_its_own_section(self):
        with open(LIB, "rb") as f:
            section = ELFFile(f).get_section_by_name(".srnic_pmd_info")
            self.assertIsNotNone(section)
            self.assertTrue(section.data().startswith(b"SRNIC_PMD_INFO={"))

    @needs(INFO_C, "SRNIC_TEST_PMD_INFO_C")
    def test_embedded_info_is_what_the_generator_wrote(self):
        with open(INFO_C) as f:
            literal = re.search(r'"(SRNIC_PMD_INFO=.*)";', f.read()).group(1)
        text = re.sub(r"\\(.)", r"\1", literal)
        generated = json.loads(text[len("SRNIC_PMD_INFO="):])
        embedded = json.loads(self.ok("--json", LIB))[0]
        del embedded["file"]
        self.assertEqual(embedded, generated)

    @unittest.skipUnless(DPDK_PMDINFO, "no dpdk-pmdinfo.py (dpdk-dev)")
    def test_dpdk_pmdinfo_lists_the_same_driver_and_ids(self):
        p = run(PYTHON, DPDK_PMDINFO, LIB)
        self.assertEqual(p.returncode, 0, p.stderr)
        infos = json.loads(p.stdout)
        self.assertEqual([(i["name"], i["kmod"]) for i in infos],
                         [("net_srnic", "vfio-pci")])
        self.assertEqual([(i["vendor"], i["device"])
                          for i in infos[0]["pci_ids"]],
                         [(v, d) for v, d, _ in EXPECTED_IDS])

    def test_several_files_each_get_a_titled_block(self):
        copy = os.path.join(self.tmp, "librte_net_srnic.so")
        shutil.copy(LIB, copy)
        out = self.ok(LIB, copy)
        self.assertEqual(out, f"{LIB}:\n{EXPECTED_TEXT}\n"
                         f"{copy}:\n{EXPECTED_TEXT}")

    @unittest.skipUnless(OBJCOPY, "no objcopy")
    def test_info_is_found_after_its_section_is_renamed(self):
        moved = os.path.join(self.tmp, "moved.so")
        p = run(OBJCOPY, "--rename-section",
                ".srnic_pmd_info=.rodata.moved", LIB, moved)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.ok(moved), EXPECTED_TEXT)


@needs(STATIC_APP, "SRNIC_TEST_STATIC_APP")
class TestStaticProgram(Case):
    def test_text_names_driver_kmod_and_both_vfs(self):
        self.assertEqual(self.ok(STATIC_APP), EXPECTED_TEXT)

    def test_json_names_driver_kmod_and_both_vfs(self):
        infos = json.loads(self.ok("--json", STATIC_APP))
        self.assertEqual([(i["file"], i["name"], i["kmod"]) for i in infos],
                         [(STATIC_APP, "net_srnic", "vfio-pci")])
        self.assertEqual(id_triples(infos[0]), EXPECTED_IDS)

    def test_info_survives_static_linking_with_gc_sections(self):
        with open(STATIC_APP, "rb") as f:
            elf = ELFFile(f)
            self.assertIsNotNone(elf.get_section_by_name(".srnic_pmd_info"))
            # Linked in from the archive, not from a shared library.
            dynamic = elf.get_section_by_name(".dynamic")
            needed = [t.needed for t in dynamic.iter_tags()
                      if t.entry.d_tag == "DT_NEEDED"] if dynamic else []
            self.assertFalse([n for n in needed if "srnic" in n], needed)


class TestErrors(Case):
    def test_missing_file(self):
        missing = os.path.join(self.tmp, "nothing.so")
        self.assertEqual(self.refused(missing),
                         f"srnic-pmdinfo.py: error: {missing}: no such file")

    def test_file_that_is_not_elf(self):
        path = os.path.join(self.tmp, "notes.txt")
        with open(path, "w") as f:
            f.write("SRNIC_PMD_INFO={}\n")
        self.assertTrue(self.refused(path).endswith(": not an ELF file"))

    def test_static_library_is_pointed_to_the_shared_one(self):
        path = os.path.join(self.tmp, "librte_net_srnic.a")
        with open(path, "wb") as f:
            f.write(b"!<arch>\n")
        self.assertIn("give librte_net_srnic.so", self.refused(path))

    def test_directory(self):
        self.assertIn("is a directory", self.refused(self.tmp))

    def test_elf_file_without_srnic_info(self):
        exe = os.path.realpath(PYTHON)
        self.assertEqual(self.refused(exe),
                         f"srnic-pmdinfo.py: error: {exe}: no srnic driver "
                         "info (give librte_net_srnic.so, or a program "
                         "linked statically with it)")

    @needs(DYNAMIC_APP, "SRNIC_TEST_DYNAMIC_APP")
    def test_program_using_the_shared_library_points_to_it(self):
        self.assertRegex(self.refused(DYNAMIC_APP),
                         r": no srnic driver info of its own: it loads "
                         r"librte_net_srnic\.so\.\d+ at run time; give "
                         r"that library$")

    @needs(LIB, "SRNIC_TEST_PMD_LIB")
    @unittest.skipUnless(OBJCOPY, "no objcopy")
    def test_driver_library_stripped_of_its_info(self):
        stripped = os.path.join(self.tmp, "stripped.so")
        p = run(OBJCOPY, "--remove-section", ".srnic_pmd_info", LIB,
                stripped)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(": no srnic driver info", self.refused(stripped))

    @needs(LIB, "SRNIC_TEST_PMD_LIB")
    def test_truncated_library(self):
        path = os.path.join(self.tmp, "truncated.so")
        with open(LIB, "rb") as src, open(path, "wb") as dst:
            dst.write(src.read(4096))
        self.assertIn(": damaged ELF file (", self.refused(path))

    @needs(LIB, "SRNIC_TEST_PMD_LIB")
    def test_damaged_info(self):
        path = self.copy_with(LIB, b'"pci_ids": [{', b'"pci_idz": [{')
        self.assertIn("the srnic driver info in it is damaged (no "
                      "'pci_ids' list)", self.refused(path))

    @needs(LIB, "SRNIC_TEST_PMD_LIB")
    def test_one_bad_file_prints_the_good_ones_and_exits_1(self):
        missing = os.path.join(self.tmp, "nothing.so")
        for args in ([LIB, missing], ["--json", LIB, missing]):
            with self.subTest(args=args):
                p = pmdinfo(*args)
                self.assertEqual(p.returncode, 1)
                self.assertIn("8086:10ca" if "--json" not in args
                              else '"10ca"', p.stdout)
                self.assertEqual(p.stderr.splitlines(), [
                    f"srnic-pmdinfo.py: error: {missing}: no such file"])

    def test_no_file_is_a_usage_error(self):
        p = pmdinfo()
        self.assertEqual(p.returncode, 2)
        self.assertIn("usage:", p.stderr)


# A table source like srnic_pci_ids.c; \t keeps this file free of tabs.
FIXTURE = """\
#include "srnic_pci_ids.h"

const struct srnic_pci_id srnic_pci_id_table[] = {
%(table)s
};
static const char srnic_pmd_name[] __attribute__((used)) = "net_fixture";
static const char srnic_pmd_kmod[] __attribute__((used)) = "vfio-pci";
static const uint16_t srnic_pci_id_layout[] __attribute__((used)) = {
\tsizeof(struct srnic_pci_id),
\toffsetof(struct srnic_pci_id, vendor_id),
\toffsetof(struct srnic_pci_id, device_id),
\toffsetof(struct srnic_pci_id, name),
\tSRNIC_PCI_ID_NAME_LEN,
};
"""


@needs(CC, "SRNIC_TEST_CC")
class TestGenerator(Case):
    def compile(self, table):
        src = os.path.join(self.tmp, "ids.c")
        obj = os.path.join(self.tmp, "ids.o")
        with open(src, "w") as f:
            f.write(FIXTURE % {"table": table})
        p = run(*CC, "-c", "-O2", "-I", DRIVER_SRC, "-I", COMMON_SRC, src,
                "-o", obj)
        self.assertEqual(p.returncode, 0, p.stderr)
        return obj

    def generate(self, obj):
        out = os.path.join(self.tmp, "info.c")
        return run(PYTHON, GEN, obj, out), out

    def refused(self, obj):
        p, out = self.generate(obj)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)
        self.assertTrue(p.stderr.startswith(
            f"srnic-pmdinfogen.py: error: {obj}: "), p.stderr)
        return p.stderr

    def test_writes_the_table_into_a_section_of_its_own(self):
        obj = self.compile('{ 0x1af4, 0x10ca, "virtio \\"??)\\" VF" },\n'
                           '{ 0x8086, 0x0001, "other" },\n{ 0, 0, "" },')
        p, out = self.generate(obj)
        self.assertEqual(p.returncode, 0, p.stderr)
        # The output compiles and holds the JSON, escapes and all.
        p = run(*CC, "-std=c11", "-Wall", "-Werror", "-c", "-I", DRIVER_SRC,
                "-I", COMMON_SRC, out, "-o", os.path.join(self.tmp, "info.o"))
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(self.tmp, "info.o"), "rb") as f:
            data = ELFFile(f).get_section_by_name(".srnic_pmd_info").data()
        info = json.loads(data.rstrip(b"\0")[len(b"SRNIC_PMD_INFO="):])
        self.assertEqual(info["name"], "net_fixture")
        self.assertEqual(id_triples(info), [
            ("1af4", "10ca", 'virtio "??)" VF'), ("8086", "0001", "other")])

    def test_table_without_its_end_entry(self):
        obj = self.compile('{ 0x8086, 0x10ca, "82576 VF" },')
        self.assertIn("does not end with a vendor 0 entry", self.refused(obj))

    def test_table_listing_an_id_twice(self):
        obj = self.compile('{ 0x8086, 0x10ca, "a" }, { 0x8086, 0x10ca, "b" },'
                           '{ 0, 0, "" },')
        self.assertIn("lists 8086:10ca twice", self.refused(obj))

    def test_empty_table(self):
        obj = self.compile('{ 0, 0, "" },')
        self.assertIn("lists no PCI IDs", self.refused(obj))

    def test_object_without_the_table(self):
        src = os.path.join(self.tmp, "other.c")
        obj = os.path.join(self.tmp, "other.o")
        with open(src, "w") as f:
            f.write("int srnic_other = 1;\n")
        p = run(*CC, "-c", src, "-o", obj)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("no symbol srnic_pmd_name in it", self.refused(obj))

    @needs(LIB, "SRNIC_TEST_PMD_LIB")
    def test_linked_file_instead_of_an_object(self):
        self.assertIn("not an object file (ET_DYN)", self.refused(LIB))


if __name__ == "__main__":
    unittest.main()
