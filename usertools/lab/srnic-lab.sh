# SPDX-License-Identifier: BSD-3-Clause
# Guest-side helpers for srnic lab scenarios. Source this file from a
# script that srnic-vm runs in the guest; every function returns non-zero
# and prints one line to stderr when it cannot do its job.
#
# VFs are created and bound with srnic-devbind.py, and a PF is any SR-IOV
# function whose VFs net_srnic takes: the driver's PCI ID list (read back
# from the built library by srnic-pmdinfo.py) is the only list.

SYSPCI=/sys/bus/pci/devices
SRNIC_LAB_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRNIC_DEVBIND=$SRNIC_LAB_TOOLS/srnic-devbind.py

lab_err() { echo "srnic-lab: $*" >&2; }

# PCI "vendor:device" of a function, lower case.
lab_pci_id() {
	printf '%s:%s\n' "$(sed 's/^0x//' "$SYSPCI/$1/vendor")" \
		"$(sed 's/^0x//' "$SYSPCI/$1/device")"
}

# Driver a function is bound to, or "none".
lab_driver() {
	if [ -e "$SYSPCI/$1/driver" ]; then
		basename "$(readlink "$SYSPCI/$1/driver")"
	else
		echo none
	fi
}

# The VF IDs net_srnic takes ("8086:10ca ..."), from the built library
# ($SRNIC_BUILD), read once.
lab_vf_ids() {
	if [ -z "${SRNIC_LAB_VF_IDS:-}" ]; then
		SRNIC_LAB_VF_IDS=$("$SRNIC_LAB_TOOLS/srnic-pmdinfo.py" --json \
			"${SRNIC_BUILD:?the build folder}/drivers/net/srnic/librte_net_srnic.so" |
			python3 -c 'import json, sys
print(" ".join(i["vendor"] + ":" + i["device"] for d in json.load(sys.stdin)
               for i in d["pci_ids"]))') || return 1
	fi
	echo "$SRNIC_LAB_VF_IDS"
}

# Every PF whose VFs net_srnic takes, one PCI address a line.
lab_pfs() {
	local dev ids id
	ids=$(lab_vf_ids) || { lab_err "cannot read net_srnic's PCI IDs"; return 1; }
	for dev in "$SYSPCI"/*; do
		[ -e "$dev/sriov_vf_device" ] || continue
		id=$(sed 's/^0x//' "$dev/vendor"):$(cat "$dev/sriov_vf_device")
		case " $ids " in
		*" ${id,,} "*) echo "${dev##*/}" ;;
		esac
	done
}

# The first PF, or fail.
lab_first_pf() {
	local pf
	pf=$(lab_pfs | head -n 1)
	[ -n "$pf" ] || { lab_err "no igb PF found (is the lab's NIC there?)"; return 1; }
	echo "$pf"
}

# Network interface of a function bound to a kernel driver.
lab_netdev() {
	local n
	n=$(ls "$SYSPCI/$1/net" 2>/dev/null | head -n 1)
	[ -n "$n" ] || { lab_err "$1 has no network interface (driver $(lab_driver "$1"))"; return 1; }
	echo "$n"
}

# PCI address of VF number $2 of PF $1.
lab_vf() {
	[ -e "$SYSPCI/$1/virtfn$2" ] || { lab_err "$1 has no VF $2"; return 1; }
	basename "$(readlink "$SYSPCI/$1/virtfn$2")"
}

# Create $2 VFs on PF $1 (removing any first); print their addresses.
lab_create_vfs() {
	local pf=$1 n=$2 i
	"$SRNIC_DEVBIND" --remove-vfs --force "$pf" > /dev/null &&
		"$SRNIC_DEVBIND" --create-vfs "$n" "$pf" > /dev/null || {
		lab_err "cannot create $n VFs on $pf (driver $(lab_driver "$pf"))"
		return 1
	}
	for i in $(seq 0 $((n - 1))); do
		lab_vf "$pf" "$i" || return 1
	done
}

# Bind function $1 to driver $2 (the lab is scratch: whatever uses it).
lab_bind() {
	[ "$(lab_driver "$1")" = "$2" ] && return 0
	"$SRNIC_DEVBIND" --force --bind "$2" "$1" > /dev/null ||
		{ lab_err "could not bind $1 to $2 (now: $(lab_driver "$1"))"; return 1; }
}

# Bind to vfio-pci and check that its IOMMU group device appeared.
lab_bind_vfio() {
	local group
	modprobe vfio-pci || return 1
	lab_bind "$1" vfio-pci || return 1
	group=$(basename "$(readlink "$SYSPCI/$1/iommu_group")")
	[ -e "/dev/vfio/$group" ] || { lab_err "$1: /dev/vfio/$group missing"; return 1; }
}

# Bring PF $1's interface up (Linux igb serves the VF mailbox only then).
lab_pf_up() {
	local ifc
	ifc=$(lab_netdev "$1") || return 1
	ip link set "$ifc" up
}

# Set the MAC of VF $2 of PF $1 through the Linux PF driver.
lab_set_vf_mac() {
	local ifc
	ifc=$(lab_netdev "$1") || return 1
	ip link set "$ifc" vf "$2" mac "$3"
}

# Wait until every PF interface reports link up (at most $1 seconds); a PF
# without an interface (on vfio-pci, say) is not waited for.
lab_wait_link() {
	local pf ifc t
	for pf in $(lab_pfs); do
		ifc=$(lab_netdev "$pf" 2>/dev/null) || continue
		for t in $(seq $(( ${1:-5} * 10 ))); do
			grep -q 1 "/sys/class/net/$ifc/carrier" 2>/dev/null && break
			sleep 0.1
		done
	done
}

# Wait until file $3 has a line matching $4 (grep's pattern) while
# process $1 runs, at most $2 seconds; 0 when the line came (also when the
# process wrote it and then ended).
lab_wait_log() {
	local pid=$1 secs=$2 file=$3 pattern=$4 t
	for t in $(seq $(( secs * 10 ))); do
		grep -q -- "$pattern" "$file" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	grep -q -- "$pattern" "$file" 2>/dev/null
}

# Wait until file $1 has at least $2 lines matching $3 (grep's pattern), at
# most 60 seconds (TCG is slow); 0 when they came.
lab_wait_count() {
	local file=$1 n=$2 pattern=$3 t
	for t in $(seq 120); do
		[ "$(grep -c -- "$pattern" "$file" 2>/dev/null)" -ge "$n" ] && return 0
		sleep 0.5
	done
	return 1
}

# Put the lab back as it booted: no VFs, every PF on Linux igb.
lab_reset() {
	local pf
	modprobe igb
	for pf in $(lab_pfs); do
		if [ "$(lab_driver "$pf")" != none ]; then
			"$SRNIC_DEVBIND" --remove-vfs --force "$pf" > /dev/null 2>&1
		fi
		lab_bind "$pf" igb
	done
}

# Fail the calling check with a message.
lab_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# lab_expect LABEL VALUE OP WANT: fail unless [ VALUE OP WANT ] holds
# (OP is test(1)'s: -eq, -gt, =, ...); say what was checked either way.
lab_expect() {
	[ "$2" "$3" "$4" ] 2>/dev/null ||
		lab_fail "$1 is '$2', expected $3 $4"
	echo "ok: $1 = $2 ($3 $4)"
}
