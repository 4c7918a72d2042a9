# SPDX-License-Identifier: BSD-3-Clause
# Sourced by guest checks that load net_srnic into an unmodified DPDK
# application with "-d".
#
# net_srnic_pmd: print the path of a copy of librte_net_srnic.so that EAL
# will load. EAL refuses a -d library below a world-writable folder (a
# build tree under /tmp, say), so the library is copied to /run/srnic-pmd,
# which is root's alone, whatever the build folder is.
net_srnic_pmd() {
	local dir=/run/srnic-pmd lib=$SRNIC_BUILD/drivers/net/srnic/librte_net_srnic.so
	[ -e "$lib" ] || { echo "net_srnic_pmd: no $lib: build first" >&2; return 1; }
	install -d -m 0755 "$dir" || return 1
	cp -L "$lib" "$dir/librte_net_srnic.so" || return 1
	chmod 0644 "$dir/librte_net_srnic.so"
	echo "$dir/librte_net_srnic.so"
}
