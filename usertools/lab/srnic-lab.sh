# SPDX-License-Identifier: BSD-3-Clause
# Guest-side helpers for srnic lab scenarios. Source this file from a
# script that srnic-vm runs in the guest; every function returns non-zero
# and prints one line to stderr when it cannot do its job.

SRNIC_LAB_PF_IDS="8086:10c9 8086:10e6 8086:10e7 8086:10e8 8086:1526 8086:150a 8086:1518 8086:150d 8086:1521 8086:1522 8086:1523 8086:1524"
SYSPCI=/sys/bus/pci/devices

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

# Every igb-family SR-IOV PF, one PCI address a line.
lab_pfs() {
	local dev
	for dev in "$SYSPCI"/*; do
		case " $SRNIC_LAB_PF_IDS " in
		*" $(lab_pci_id "${dev##*/}") "*) echo "${dev##*/}" ;;
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
	local pf=$1 n=$2 i tries
	if [ "$(cat "$SYSPCI/$pf/sriov_numvfs")" != 0 ]; then
		echo 0 > "$SYSPCI/$pf/sriov_numvfs" || return 1
	fi
	echo "$n" > "$SYSPCI/$pf/sriov_numvfs" || {
		lab_err "cannot create $n VFs on $pf (driver $(lab_driver "$pf"), total $(cat "$SYSPCI/$pf/sriov_totalvfs"))"
		return 1
	}
	for tries in $(seq 50); do
		[ -e "$SYSPCI/$pf/virtfn$((n - 1))" ] && break
		sleep 0.1
	done
	for i in $(seq 0 $((n - 1))); do
		lab_vf "$pf" "$i" || return 1
	done
}

# Bind function $1 to driver $2 through driver_override; when the new
# driver does not take it, give it back to the one it had.
lab_bind() {
	local dev=$1 drv=$2 old
	old=$(lab_driver "$dev")
	[ "$old" = "$drv" ] && return 0
	if [ "$old" != none ]; then
		echo "$dev" > "$SYSPCI/$dev/driver/unbind" || return 1
	fi
	echo "$drv" > "$SYSPCI/$dev/driver_override" || return 1
	echo "$dev" > /sys/bus/pci/drivers_probe 2>/dev/null
	echo > "$SYSPCI/$dev/driver_override"
	[ "$(lab_driver "$dev")" = "$drv" ] && return 0
	lab_err "could not bind $dev to $drv (now: $(lab_driver "$dev")); back to $old"
	if [ "$old" != none ]; then
		echo "$old" > "$SYSPCI/$dev/driver_override"
		echo "$dev" > /sys/bus/pci/drivers_probe 2>/dev/null
		echo > "$SYSPCI/$dev/driver_override"
	fi
	return 1
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

# Put the lab back as it booted: no VFs, every PF on Linux igb.
lab_reset() {
	local pf
	modprobe igb
	for pf in $(lab_pfs); do
		if [ "$(lab_driver "$pf")" = igb ]; then
			[ "$(cat "$SYSPCI/$pf/sriov_numvfs")" = 0 ] ||
				echo 0 > "$SYSPCI/$pf/sriov_numvfs"
		else
			[ -e "$SYSPCI/$pf/sriov_numvfs" ] &&
				echo 0 > "$SYSPCI/$pf/sriov_numvfs" 2>/dev/null
			lab_bind "$pf" igb
		fi
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
