# SPDX-License-Identifier: BSD-3-Clause
"""Every command README.md and doc/guides show runs as written on a fresh
clone: each repository path they name exists; each repository script they
run is executable in git (mode 100755, what a clone gets) and in this
checkout, starts with a shebang whose interpreter this machine has; and a
script with a --help (argparse, or a "--help" case) exits 0 on it.
"""

import glob
import os
import shutil
import subprocess
import unittest

import doc_commands

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DOCS = ["README.md"] + sorted(
    os.path.relpath(p, ROOT) for p in
    glob.glob(os.path.join(ROOT, "doc", "guides", "**", "*.rst"), recursive=True))


def tracked_files():
    """git's index of ROOT (what a clone checks out), or None outside git."""
    try:
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-s"], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    modes = {}
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        modes[path] = meta.split()[0]
    return doc_commands.Tracked(modes)


def shown_code():
    code = []
    for doc in DOCS:
        with open(os.path.join(ROOT, doc), encoding="utf-8") as f:
            text = f.read()
        read = doc_commands.markdown_code if doc.endswith(".md") \
            else doc_commands.rst_code
        code += read(text, doc)
    return code


class DocCommands(unittest.TestCase):

    # Read once: the TAP runner runs each method on its own, without the
    # class fixtures.
    _read = None

    def setUp(self):
        if DocCommands._read is None:
            DocCommands._read = (tracked_files(), shown_code())
        self.git, self.code = DocCommands._read
        if self.git is None:
            self.skipTest("not a git checkout: no index to read modes from")

    def commands(self):
        """{script path: [where it is shown]} for every script run."""
        found = {}
        for code in self.code:
            if code.sourced:
                continue
            for word in doc_commands.command_words(code):
                path = self.git.script_named(word)
                if path is not None:
                    found.setdefault(path, []).append(code.where)
        return found

    def test_extractor_reads_blocks_spans_prompts_and_pipes(self):
        md = ("Run:\n\n    A=1 devtools/run-demo.sh   # as root\n"
              "    meson test -C build \\\n        usertools/x\n\n"
              "Guest scripts source `usertools/lab/srnic-lab.sh` and run "
              "`usertools/srnic-vm --nics 2`.\n")
        code = doc_commands.markdown_code(md, "t.md")
        words = [w for c in code if not c.sourced
                 for w in doc_commands.command_words(c)]
        self.assertEqual(words, ["devtools/run-demo.sh", "meson",
                                 "usertools/srnic-vm"])
        self.assertEqual([c.text for c in code if c.sourced],
                         ["usertools/lab/srnic-lab.sh"])
        rst = ("Status::\n\n   # srnic-devbind.py --status | grep 10ca\n"
               "   out: <build>/drivers/x.so\n\nText ``lib/srnic_pf/``.\n")
        code = doc_commands.rst_code(rst, "t.rst")
        self.assertEqual(doc_commands.command_words(code[0]),
                         ["srnic-devbind.py", "grep"])
        tops = {"drivers", "lib"}
        self.assertEqual([p for c in code
                          for p in doc_commands.repo_paths(c, tops)],
                         ["lib/srnic_pf"])

    def test_docs_run_the_main_scripts(self):
        # The extraction must see the commands the README is about.
        shown = self.commands()
        for path in ("devtools/run-demo.sh", "devtools/run-tests.sh",
                     "usertools/srnic-setup-deps", "usertools/srnic-devbind.py",
                     "usertools/srnic-vm", "devtools/bench-fwd.sh"):
            self.assertIn(path, shown)

    def test_every_path_shown_exists(self):
        missing = []
        for code in self.code:
            for path in doc_commands.repo_paths(code, self.git.top_dirs):
                if not self.git.exists(path):
                    missing.append(f"{code.where}: {path}")
        self.assertEqual(missing, [], "paths the docs show that git does not have")

    def test_every_script_run_is_executable_in_git(self):
        bad = [f"{path} (mode {self.git.modes[path]}; shown at {where[0]}): "
               f"git update-index --chmod=+x {path}"
               for path, where in sorted(self.commands().items())
               if self.git.modes[path] != "100755"]
        self.assertEqual(bad, [])

    def test_every_script_run_is_executable_here(self):
        bad = [f"{path} (shown at {where[0]})"
               for path, where in sorted(self.commands().items())
               if not os.access(os.path.join(ROOT, path), os.X_OK)]
        self.assertEqual(bad, [], "chmod +x, or the checkout differs from git")

    def test_every_script_run_has_a_shebang_this_machine_runs(self):
        bad = []
        for path in sorted(self.commands()):
            with open(os.path.join(ROOT, path), "rb") as f:
                first = f.readline().decode("utf-8", "replace").strip()
            words = first[2:].split() if first.startswith("#!") else []
            if not words:
                bad.append(f"{path}: no shebang ({first!r})")
                continue
            program = words[1] if os.path.basename(words[0]) == "env" and \
                len(words) > 1 else words[0]
            if shutil.which(program) is None:
                bad.append(f"{path}: interpreter {program} not found")
        self.assertEqual(bad, [])

    def test_every_script_with_a_help_option_exits_0_on_it(self):
        ran = []
        for path in sorted(self.commands()):
            full = os.path.join(ROOT, path)
            with open(full, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if "argparse" not in text and "--help)" not in text:
                continue
            with self.subTest(script=path):
                run = subprocess.run([full, "--help"], cwd=ROOT, timeout=60,
                                     stdin=subprocess.DEVNULL,
                                     capture_output=True, text=True)
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertIn("usage", run.stdout.lower())
            ran.append(path)
        self.assertIn("usertools/srnic-devbind.py", ran)


if __name__ == "__main__":
    unittest.main()
