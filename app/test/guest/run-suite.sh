#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs in the lab guest: every check in checks/ (or those matching
# $SRNIC_GUEST_CHECKS, a shell pattern), one TAP line each. A check is a
# bash script that exits 0 when the behaviour it proves holds; its output
# becomes TAP comments here and is kept in $SRNIC_RESULTS/<check>.log.
# The check's name is in $SRNIC_CHECK while it runs.
#
# Checks that need another lab shape live in their own folder, named by
# the second argument, and get their own boot (app/test/guest/meson.build):
# checks-2nic/ needs two NICs with joined wires (srnic-vm --nics 2),
# checks-numa/ two NUMA nodes with the NIC on node 1 (srnic-vm --numa).
#
# The names of the checks that ran are kept in $SRNIC_RESULTS/checks-done.
# When srnic-vm boots again after the emulator crashed ($SRNIC_BOOT > 1)
# and that list is on the host's results share, the suite goes on from the
# check that was running, and the TAP stream stays one stream.
#
# Usage: run-suite.sh BUILD_DIR [CHECKS_FOLDER (default: checks)]
set -u
here=$(cd "$(dirname "$0")" && pwd)
export SRNIC_SRC=$(cd "$here/../../.." && pwd)
export SRNIC_BUILD=${1:?usage: run-suite.sh BUILD_DIR [CHECKS_FOLDER]}
folder=${2:-checks}
export SRNIC_RESULTS=${SRNIC_RESULTS:-/tmp/srnic-results}
export SRNIC_GUEST_LIB=$here/lib
mkdir -p "$SRNIC_RESULTS"
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"

checks=()
for c in "$here/$folder"/*.sh; do
	name=$(basename "$c" .sh)
	# shellcheck disable=SC2053
	[[ $name == ${SRNIC_GUEST_CHECKS:-*} ]] && checks+=("$c")
done

done_list=$SRNIC_RESULTS/checks-done
if [ "${SRNIC_BOOT:-1}" -gt 1 ] && [ -f "$done_list" ]; then
	echo "# boot $SRNIC_BOOT: the emulator died; going on after" \
		"$(wc -l < "$done_list") checks"
else
	: > "$done_list"
	echo "1..${#checks[@]}"
fi
# A check still running after this long is reported once on the console
# (it goes on running): a task stuck in the kernel ignores every signal,
# and would otherwise hold the boot silently until srnic-vm's timeout.
CHECK_WATCHDOG_S=${SRNIC_CHECK_WATCHDOG_S:-600}
watchdog_report() {
	local p
	echo "# watchdog: $1 still runs after $CHECK_WATCHDOG_S s; tasks blocked in the kernel:"
	ps -eo pid,stat,etimes,wchan:32,args | awk 'NR == 1 || $2 ~ /^D/' | sed 's/^/# /'
	for p in $(ps -eo pid,stat | awk '$2 ~ /^D/ { print $1 }'); do
		sed "s/^/# $p: /" "/proc/$p/stack" 2>/dev/null
	done
}
n=0
for c in "${checks[@]}"; do
	n=$((n + 1))
	name=$(basename "$c" .sh)
	grep -qxF "$name" "$done_list" && continue
	log=$SRNIC_RESULTS/$name.log
	export SRNIC_CHECK=$name
	lab_reset >/dev/null 2>&1
	start=$(date +%s%N)
	(sleep "$CHECK_WATCHDOG_S" && watchdog_report "$name") &
	dog=$!
	bash "$c" > "$log" 2>&1
	rc=$?
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	sed 's/^/# /' "$log"
	if [ $rc -eq 0 ]; then
		printf 'ok %d - %s (%d ms)\n' $n "$name" $ms
	else
		printf 'not ok %d - %s (exit %d, %d ms)\n' $n "$name" $rc $ms
	fi
	echo "$name" >> "$done_list"
done
