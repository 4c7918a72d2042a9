# SPDX-License-Identifier: BSD-3-Clause
# Sourced by guest checks: VFs under the Linux igb PF, ready for srnic.
#
# vf_setup N [ADMIN]: bring the PF up, create N VFs, give the first ADMIN
# of them (default 2) administrator MACs 02:00:00:00:00:1<n>, bind every
# VF to vfio-pci. Sets PF, PFIF and VF0..VF<N-1>.
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"

# srnic-testpmd and srnic-l2fwd drive the ethdev ports EAL probes: add one
# "-a VF" for each VF, and EAL probes those only.
SRNIC_APP_EAL="-l 0-1 -n 1 --in-memory --iova-mode=va"

vf_setup() {
	local n=$1 admin=${2:-2} i vf
	PF=$(lab_first_pf) || return 1
	PFIF=$(lab_netdev "$PF") || return 1
	lab_pf_up "$PF" || return 1
	lab_create_vfs "$PF" "$n" > /dev/null || return 1
	for i in $(seq 0 $((n - 1))); do
		vf=$(lab_vf "$PF" "$i") || return 1
		if [ "$i" -lt "$admin" ]; then
			lab_set_vf_mac "$PF" "$i" "02:00:00:00:00:1$i" || return 1
		fi
		lab_bind_vfio "$vf" || return 1
		eval "VF$i=$vf"
	done
	lab_wait_link 5
}


SRNIC_TESTPMD=$SRNIC_BUILD/app/test-srnic/srnic-testpmd

# A field summed over the "Accumulated forward statistics" block of a
# testpmd log: accum_field LOG RX-packets
accum_field() {
	sed -n '/Accumulated forward statistics/,/+++++++++$/p' "$1" |
		grep -o "$2: *[0-9]*" | awk '{ s += $NF } END { print s + 0 }'
}
