#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Run the bad-input matrix: each row of the table is one TAP point.

A row is "ENTRY | ARGUMENTS | EXIT | TEXT": the program or tool ENTRY
runs with ARGUMENTS (split as a shell splits them; leading NAME=VALUE
words go to its environment), must exit with EXIT, and must say TEXT
(stderr; for pfd-ctl the daemon's answer). "@FILE@" in TEXT stands for
the file a row writes. Each row also proves that nothing changed:

  testpmd, l2fwd  EAL options for a host without devices, then ARGUMENTS
  pfd             srnic-pfd ARGUMENTS; it must print nothing on stdout
  pfd-config      ARGUMENTS is a configuration file ("\\n" a newline,
                  "{600*x}" 600 x); srnic-pfd --no-pci -- -c FILE
  pfd-ctl         srnic-pfd --ctl SOCKET ARGUMENTS ("{600*x}" as above)
                  against fake-pfd (a
                  PF library handle on the fake PF, two VFs); its "show"
                  is the same before and after
  devbind         usertools/srnic-devbind.py on a fake sysfs tree (an
                  82576 PF on igb, a NIC on no driver), which it must
                  leave as it was
  pmdinfo         usertools/srnic-pmdinfo.py; "@EMPTY@" is an empty file

Usage: run_bad_inputs.py TABLE (programs named by SRNIC_MATRIX_* below)
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from fake_kernel import FakeKernel  # noqa: E402

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else sys.executable
PROGRAMS = {
    "testpmd": os.environ.get("SRNIC_MATRIX_TESTPMD"),
    "l2fwd": os.environ.get("SRNIC_MATRIX_L2FWD"),
    "pfd": os.environ.get("SRNIC_MATRIX_PFD"),
    "fake-pfd": os.environ.get("SRNIC_MATRIX_FAKE_PFD"),
}
TOOLS = {
    "devbind": os.path.join(ROOT, "usertools", "srnic-devbind.py"),
    "pmdinfo": os.path.join(ROOT, "usertools", "srnic-pmdinfo.py"),
}
TIMEOUT = 60


def eal_options():
    """EAL on a host without hugepages or devices, its files private."""
    return ["-l", "0", "--no-huge", "-m", "64", "--no-pci", "--no-shconf",
            "--file-prefix", f"srnic_matrix_{os.getpid()}",
            "--log-level", "lib.eal:error"]


def clean_env(extra):
    """The environment without device plugin variables, plus @extra."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PCIDEVICE_")}
    env.update(extra)
    return env


def split_env(args):
    """Leading NAME=VALUE words, and the rest."""
    env = {}
    while args and re.match(r"^[A-Z_][A-Z0-9_]*=", args[0]):
        name, value = args.pop(0).split("=", 1)
        env[name] = value
    return env, args


def config_text(arg):
    text = arg.replace("\\n", "\n")
    return re.sub(r"\{(\d+)\*(.)\}", lambda m: m.group(2) * int(m.group(1)),
                  text)


def run(cmd, env=None):
    return subprocess.run(cmd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)


def sysfs_state(root):
    """Every link target and file content under @root."""
    state = {}
    for top, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(top, name)
            if os.path.islink(path):
                state[path] = "-> " + os.readlink(path)
            elif os.path.isfile(path):
                with open(path, errors="replace") as f:
                    state[path] = f.read()
    return state


def fake_machine(tmp):
    k = FakeKernel(tmp)
    k.load_driver("igb", module="igb", netdev=True, sriov=True)
    k.load_driver("igbvf", module="igbvf", netdev=True)
    k.load_driver("vfio-pci", module="vfio_pci", sriov=True)
    k.put("module/vfio_pci/parameters/enable_sriov", "N\n")
    k.add_device("0000:00:02.0", "8086", "10d3", driver=None)
    k.add_device("0000:01:00.0", "8086", "10c9", driver="igb", native="igb",
                 totalvfs=7, ifname="eth0", vf=("8086", "10ca", "igbvf"))
    return k


class FakePfd:
    """fake-pfd on a socket of its own, started for the first pfd-ctl row."""

    def __init__(self, tmp):
        self.sock = os.path.join(tmp, "pfd.sock")
        self.proc = subprocess.Popen([PROGRAMS["fake-pfd"], self.sock],
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"fake-pfd did not start: {line!r}")

    def ctl(self, words):
        return run([PROGRAMS["pfd"], "--ctl", self.sock] + words)

    def show(self):
        return self.ctl(["show"]).stdout

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=TIMEOUT)


class Matrix:
    def __init__(self, tmp):
        self.tmp = tmp
        self.pfd = None

    def row(self, entry, args, text):
        """Run one row: (exit code, what it said, why it changed, text)."""
        words = shlex.split(args) if entry != "pfd-config" else []
        env, words = split_env(words)
        if entry in ("testpmd", "l2fwd"):
            p = run([PROGRAMS[entry]] + eal_options() + words, clean_env(env))
            return p.returncode, p.stderr, None, text
        if entry == "pfd":
            p = run([PROGRAMS["pfd"]] + words, clean_env(env))
            return p.returncode, p.stderr, p.stdout or None, text
        if entry == "pfd-config":
            path = os.path.join(self.tmp, "pfd.conf")
            with open(path, "w") as f:
                f.write(config_text(args))
            p = run([PROGRAMS["pfd"], "--no-pci", "--", "-c", path])
            return (p.returncode, p.stderr, p.stdout or None,
                    text.replace("@FILE@", path))
        if entry == "pfd-ctl":
            if self.pfd is None:
                self.pfd = FakePfd(self.tmp)
            before = self.pfd.show()
            p = self.pfd.ctl([config_text(w) for w in words])
            after = self.pfd.show()
            changed = None if before == after else \
                f"show before:\n{before}\nshow after:\n{after}"
            return p.returncode, p.stdout + p.stderr, changed, text
        if entry == "devbind":
            with tempfile.TemporaryDirectory(dir=self.tmp) as t:
                k = fake_machine(t)
                before = sysfs_state(k.sys_root)
                p = run([PYTHON, TOOLS["devbind"]] + words, clean_env(dict(
                    env, SRNIC_SYSFS_ROOT=k.sys_root,
                    SRNIC_PROC_ROOT=k.proc_root, SRNIC_PCI_IDS=k.pci_ids,
                    SRNIC_MODULES_ROOT=k.modules_root)))
                changed = None if sysfs_state(k.sys_root) == before else \
                    "the sysfs tree changed"
                return p.returncode, p.stderr, changed, text
        if entry == "pmdinfo":
            empty = os.path.join(self.tmp, "empty.so")
            open(empty, "w").close()
            words = [w.replace("@EMPTY@", empty) for w in words]
            p = run([PYTHON, TOOLS["pmdinfo"]] + words, clean_env(env))
            return (p.returncode, p.stderr, p.stdout or None,
                    text.replace("@EMPTY@", empty))
        raise ValueError(f"unknown entry point '{entry}'")

    def close(self):
        if self.pfd is not None:
            self.pfd.stop()


def read_table(path):
    rows = []
    with open(path) as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split(" | ", 3)]
            if len(cells) != 4 or not cells[2].isdigit():
                raise ValueError(f"{path}:{no}: want ENTRY | ARGUMENTS | "
                                 f"EXIT | TEXT, got: {line}")
            rows.append((no, cells[0], cells[1], int(cells[2]), cells[3]))
    return rows


def comment(text):
    for line in text.rstrip().splitlines():
        print(f"# {line}")


def main(argv):
    if len(argv) != 1:
        print("usage: run_bad_inputs.py TABLE", file=sys.stderr)
        return 2
    rows = read_table(argv[0])
    missing = sorted({e for _, e, _, _, _ in rows
                      if e in PROGRAMS and not PROGRAMS[e]})
    print(f"1..{len(rows)}", flush=True)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        matrix = Matrix(tmp)
        try:
            for i, (no, entry, args, want_rc, want) in enumerate(rows, 1):
                name = f"{entry}: {args}"[:100]
                if entry in missing or (entry == "pfd-ctl" and
                                        not PROGRAMS["fake-pfd"]):
                    print(f"ok {i} - {name} # SKIP {entry} not built")
                    continue
                start = time.monotonic()
                rc, said, changed, want = matrix.row(entry, args, want)
                problems = []
                if rc != want_rc:
                    problems.append(f"exit {rc}, want {want_rc}")
                if want not in said:
                    problems.append(f"does not say: {want}")
                if changed:
                    problems.append(f"changed something:\n{changed}")
                print(f"{'not ok' if problems else 'ok'} {i} - {name}")
                if problems:
                    failed += 1
                    comment(f"table line {no}, "
                            f"{time.monotonic() - start:.1f} s")
                    comment("\n".join(problems))
                    comment(f"it said:\n{said}")
                sys.stdout.flush()
        finally:
            matrix.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
