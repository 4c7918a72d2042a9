# SPDX-License-Identifier: BSD-3-Clause
"""The commands README.md and doc/guides show, read out of the text.

Code is what a reader copies: in Markdown, indented blocks and `spans`;
in reStructuredText, literal blocks (after a "::" line) and ``spans``.
From that code come two lists:

- paths: every relative path into the repository (a placeholder such as
  <build>, a glob or an upper-case NAME is not a path);
- commands: the program each command runs, when it is a repository script
  (devtools, usertools, buildtools), named by its path or, for the
  installed tools, by its file name.

A span right after the word "source" names a file a script reads, not a
command.
"""

import os
import re
from dataclasses import dataclass

# Where a command ends and the next one starts on a line.
SEPARATORS = re.compile(r"\|\||&&|\||;|\$\(|`")
# Words in front of a command that do not name it.
PREFIXES = {"sudo", "exec", "env", "time", "nohup"}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
PLACEHOLDER = re.compile(r"[<>*{}]|(^|/)[A-Z][A-Z_]{2,}(/|$)|\.\.\.")
SCRIPT_DIRS = ("devtools", "usertools", "buildtools")
MD_SPAN = re.compile(r"`([^`\n]+)`")
RST_SPAN = re.compile(r"``([^`\n]+)``")


@dataclass(frozen=True)
class Code:
    """One line of code shown to the reader, and where it is."""
    where: str
    text: str
    # A span after "source": a file read by a shell, not run.
    sourced: bool = False
    # The line continues the previous one (which ended with a backslash).
    continued: bool = False


def _block_lines(lines, start, where, indent_min):
    """Lines of the indented block beginning at lines[start]."""
    out = []
    continued = False
    for no in range(start, len(lines)):
        line = lines[no]
        if line.strip() == "":
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < indent_min:
            break
        out.append(Code(f"{where}:{no + 1}", line.strip(), continued=continued))
        continued = line.rstrip().endswith("\\")
    return out


def _spans(lines, pattern, where):
    out = []
    for no, line in enumerate(lines):
        for m in pattern.finditer(line):
            before = line[:m.start()].rstrip(" `").split()
            sourced = bool(before) and before[-1] in ("source", "sources")
            out.append(Code(f"{where}:{no + 1}", m.group(1), sourced))
    return out


def markdown_code(text, where):
    """Indented blocks (4 spaces after a blank line) and `spans`."""
    lines = text.splitlines()
    out = []
    no = 0
    while no < len(lines):
        line = lines[no]
        prev_blank = no == 0 or lines[no - 1].strip() == ""
        if prev_blank and line.startswith("    ") and line.strip():
            block = _block_lines(lines, no, where, 4)
            out += block
            no += 1
            while no < len(lines) and (lines[no].startswith("    ") or
                                       lines[no].strip() == ""):
                no += 1
            continue
        no += 1
    in_blocks = {c.where for c in out}
    out += [c for c in _spans(lines, MD_SPAN, where) if c.where not in in_blocks]
    return out


def rst_code(text, where):
    """Literal blocks after a line ending in "::", and ``spans``."""
    lines = text.splitlines()
    out = []
    for no, line in enumerate(lines):
        stripped = line.rstrip()
        if not stripped.endswith("::") or stripped.lstrip().startswith(".. "):
            continue
        base = len(line) - len(line.lstrip(" "))
        first = no + 1
        while first < len(lines) and lines[first].strip() == "":
            first += 1
        if first < len(lines):
            indent = len(lines[first]) - len(lines[first].lstrip(" "))
            if indent > base:
                out += _block_lines(lines, first, where, indent)
    out += _spans(lines, RST_SPAN, where)
    return out


def _strip_comment(text):
    return re.split(r"\s#(?:\s|$)", " " + text, maxsplit=1)[0].strip()


def command_words(code):
    """The first word of every command on a line of code (none for a
    line that continues the previous one)."""
    text = code.text
    # A root or user prompt in front of a shown command.
    text = re.sub(r"^[#$]\s+", "", text)
    text = _strip_comment(text)
    words = []
    for i, part in enumerate(SEPARATORS.split(text)):
        if i == 0 and code.continued:
            continue
        tokens = part.split()
        while tokens and (tokens[0] in PREFIXES or ASSIGNMENT.match(tokens[0])):
            tokens.pop(0)
        if tokens:
            words.append(tokens[0])
    return words


def repo_paths(code, top_dirs):
    """Relative paths into the repository that a line of code names."""
    pattern = re.compile(r"(?<![\w/.<>$-])(?:\./)?((?:%s)/[\w./*<>{}-]*)"
                         % "|".join(map(re.escape, sorted(top_dirs))))
    out = []
    for m in pattern.finditer(code.text):
        path = m.group(1).rstrip(".,:;)")
        if not PLACEHOLDER.search(path):
            out.append(path.rstrip("/"))
    return out


@dataclass
class Tracked:
    """The files git tracks: path -> mode ("100755", "100644", ...)."""
    modes: dict

    @property
    def top_dirs(self):
        return {p.split("/", 1)[0] for p in self.modes if "/" in p}

    def exists(self, path):
        return path in self.modes or any(
            p.startswith(path + "/") for p in self.modes)

    def script_named(self, word):
        """The tracked script a command word runs, by its path or, for the
        installed tools, by its file name. Scripts live in SCRIPT_DIRS; a
        source file named on its own is not run."""
        path = word[2:] if word.startswith("./") else word
        for p in sorted(self.modes):
            if p.split("/", 1)[0] not in SCRIPT_DIRS or \
                    os.path.basename(p) == "meson.build":
                continue
            if p == path or ("/" not in word and os.path.basename(p) == word):
                return p
        return None
