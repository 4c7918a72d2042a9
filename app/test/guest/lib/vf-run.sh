# SPDX-License-Identifier: BSD-3-Clause
# Sourced by guest checks that run the VF scenario program: its VFs are
# ethdev ports of net_srnic, which EAL probes from its PCI allow list.
#
# vf_run "VF..." SCENARIO ARGS...: test-srnic-vf with "-a VF" for each
# address of the first argument (none probed but those), and srnic-pfd's
# VF token when pfd_start set one.
SRNIC_TEST_VF=$SRNIC_BUILD/app/test/guest/test-srnic-vf
SRNIC_VF_EAL="-l 0-1 -n 1 --in-memory --iova-mode=va"

# "-a ADDR" for each address in $1.
vf_allow() {
	local vf
	for vf in $1; do
		printf -- '-a %s ' "$vf"
	done
}

vf_run() {
	local vfs=$1
	shift
	# shellcheck disable=SC2046,SC2086
	"$SRNIC_TEST_VF" $SRNIC_VF_EAL $(vf_allow "$vfs") \
		${VF_TOKEN:+--vfio-vf-token="$VF_TOKEN"} -- "$@"
}
