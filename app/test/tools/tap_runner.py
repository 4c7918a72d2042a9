#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Run the unittest test methods of one file and report them as TAP.

Meson counts TAP test points, so each test method becomes one point
("ok 3 - TestBind.test_unbind_...") and a failure names the method.

Usage: tap_runner.py TEST_FILE
"""

import importlib.util
import io
import os
import sys
import traceback
import unittest


def load(path):
    name = os.path.splitext(os.path.basename(path))[0]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return unittest.defaultTestLoader.loadTestsFromModule(module)


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def comment(text):
    for line in text.rstrip().splitlines():
        print(f"# {line}")


class OneResult(unittest.TestResult):
    """Outcome of one test method: 'ok', 'not ok' or 'skip', plus detail."""

    def __init__(self):
        super().__init__()
        self.outcome = "ok"
        self.detail = ""

    def addFailure(self, test, err):
        self.outcome = "not ok"
        self.detail += "".join(traceback.format_exception(*err))

    addError = addFailure

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.addFailure(subtest, err)

    def addSkip(self, test, reason):
        self.outcome = "skip"
        self.detail = reason

    def addUnexpectedSuccess(self, test):
        self.outcome = "not ok"
        self.detail = "passed, but is marked as an expected failure"


def main(argv):
    if len(argv) != 1:
        print("usage: tap_runner.py TEST_FILE", file=sys.stderr)
        return 2
    try:
        tests = list(flatten(load(argv[0])))
    except Exception:
        print("1..0 # cannot load the tests")
        comment(traceback.format_exc())
        return 1
    print(f"1..{len(tests)}", flush=True)
    failed = 0
    for i, test in enumerate(tests, 1):
        name = f"{type(test).__name__}.{test._testMethodName}"
        result = OneResult()
        # Whatever a test prints must not be read as a TAP line.
        out = io.StringIO()
        real = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = out
        try:
            test.run(result)
        finally:
            sys.stdout, sys.stderr = real
        if result.outcome == "skip":
            print(f"ok {i} - {name} # SKIP {result.detail}")
            continue
        print(f"{result.outcome} {i} - {name}")
        if result.outcome != "ok":
            failed += 1
            comment(out.getvalue())
            comment(result.detail)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
