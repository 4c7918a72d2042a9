#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job on a fresh Debian 12 machine, as root: installs what is
# missing, builds srnic, boots the lab, creates two VFs and runs
# srnic-testpmd forwarding between them for a bounded time, printing its
# statistics.
#
# Usage: devtools/run-demo.sh [BUILD_DIR] [SECONDS]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}

if ! usertools/srnic-setup-deps --check >/dev/null; then
	usertools/srnic-setup-deps
fi
[ -f "$build/build.ninja" ] || meson setup "$build"
ninja -C "$build"
exec usertools/srnic-vm --timeout 300 -- bash devtools/demo/guest-demo.sh \
	"$(realpath "$build")" "${2:-10}"
