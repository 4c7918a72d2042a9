#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The whole srnic test suite on a fresh Debian 12 machine, as root:
# installs what is missing, builds with -Werror (and the docs), runs the
# host unit tests and the lab (guest) tests, then the unit tests again
# under ASan/UBSan, and ends with one line "N passed, N failed".
#
# Usage: devtools/run-tests.sh [BUILD_DIR] [-- extra 'meson test' args]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

if ! usertools/srnic-setup-deps --check >/dev/null; then
	usertools/srnic-setup-deps
fi
if [ -f "$build/build.ninja" ]; then
	meson configure "$build" -Dwerror=true -Dtests=true -Ddocs=enabled >/dev/null
else
	meson setup "$build" -Dwerror=true -Dtests=true -Ddocs=enabled
fi
ninja -C "$build"
rc=0
meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || rc=$?

# The host unit tests again under AddressSanitizer and UBSan.
asan=$build-asan
[ -f "$asan/build.ninja" ] || meson setup "$asan" -Dsanitizers=true -Dexamples=false \
	-Dwerror=true > /dev/null
ninja -C "$asan" > /dev/null
meson test -C "$asan" --print-errorlogs --num-processes 2 --suite unit || rc=$?
echo
devtools/test-summary.py "$build/meson-logs/testlog.json" "$asan/meson-logs/testlog.json" ||
	rc=1
exit $rc
