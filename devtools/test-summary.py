#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Sum meson's test log into one line: 'N passed, N failed'.

A TAP test counts each of its test points (a guest boot runs many checks);
any other test counts once. A TAP test that died before its plan was done
counts every missing point as failed, so a crash can never look green.
"""

import json
import re
import sys

TAP_PLAN = re.compile(r"^1\.\.(\d+)")
TAP_POINT = re.compile(r"^(not ok|ok)\b")


def count(entry):
    out = entry.get("stdout") or ""
    plan = None
    passed = failed = 0
    for line in out.splitlines():
        m = TAP_PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = TAP_POINT.match(line)
        if m:
            if m.group(1) == "ok":
                passed += 1
            else:
                failed += 1
    if plan is None:
        return (1, 0) if entry["result"] in ("OK", "EXPECTEDFAIL") else (0, 1)
    failed += max(0, plan - passed - failed)
    if entry["result"] not in ("OK", "EXPECTEDFAIL") and failed == 0:
        failed = 1
    return passed, failed


def main(paths):
    passed = failed = 0
    for path in paths:
        with open(path) as f:
            for line in f:
                p, fl = count(json.loads(line))
                passed += p
                failed += fl
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build/meson-logs/testlog.json"]))
