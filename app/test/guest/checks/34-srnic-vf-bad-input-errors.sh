# Bad input gets the documented negative errno, never a crash: ring sizes,
# small buffers, queue ids, MTUs, a unicast address in the multicast list,
# calls out of order, the driver's own functions. Devices EAL is given but
# the driver cannot use (a VF on igbvf, a VF without hugepages, the PF)
# become no port, and the log says what to do.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
lab_bind "$VF1" igbvf || exit 1
vf_run "$VF0" errors "$VF0" "$PF" || exit 1

# probe_fails LABEL TEXT EAL_ARGS... -- probe-fails ADDR: EAL failed or made
# no port of ADDR, and the output has TEXT (when not empty).
probe_fails() {
	local label=$1 text=$2 out
	shift 2
	out=$("$SRNIC_TEST_VF" "$@" 2>&1)
	echo "$out"
	echo "$out" | grep -q "^probe-fails: 0 failed checks" ||
		lab_fail "$label: not refused (a port was made, or the program failed)"
	[ -z "$text" ] || echo "$out" | grep -qF -- "$text" ||
		lab_fail "$label: the log does not say '$text'"
	echo "ok: $label: no port${text:+, the log says '$text'}"
}
hint="usertools/srnic-devbind.py --bind vfio-pci $VF1"
# shellcheck disable=SC2086
probe_fails "VF on igbvf" "$VF1 is bound to igbvf, not vfio-pci; run: $hint" \
	$SRNIC_VF_EAL -a "$VF1" -- probe-fails "$VF1"
# The PF is no VF: net_srnic does not take it.
# shellcheck disable=SC2086
probe_fails "the PF" "" $SRNIC_VF_EAL -a "$PF" -- probe-fails "$PF"
# Without hugepages the NIC has no DMA-able memory.
probe_fails "no hugepages" "runs without hugepages" \
	-l 0 --no-huge -m 64 -a "$VF0" -- probe-fails "$VF0"
