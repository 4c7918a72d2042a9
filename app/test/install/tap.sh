# SPDX-License-Identifier: BSD-3-Clause
# TAP points for the install tests; source it. "check STATUS TEXT" prints
# the next point, ok when STATUS is 0, and returns STATUS.
n=0
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
	return "$1"
}
