# srnic-testpmd takes its VFs from the Kubernetes SR-IOV device plugin's
# variable (--vfs-from-env, no -a): both VFs become ports and forward in mac
# mode with no drop. srnic-testpmd and srnic-l2fwd refuse a bad value with
# a message naming the variable and the value.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
log=$SRNIC_RESULTS/testpmd-vfs-from-env.log
# shellcheck disable=SC2086
PCIDEVICE_INTEL_COM_SRNIC="$VF0,$VF1" timeout 120 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -- \
	--vfs-from-env --forward-mode=mac --tx-first --max-pkts=200000 > "$log" 2>&1
lab_expect "exit status" $? -eq 0
tail -n 14 "$log"
# One "Forward statistics for port N" block a port: its RX/TX-packets.
port_field() {
	sed -n "/Forward statistics for port $1 /,/-----\$/p" "$log" |
		grep -o "$2: *[0-9]*" | awk '{ s += $NF } END { print s + 0 }'
}
for p in 0 1; do
	lab_expect "port $p RX-packets" "$(port_field $p RX-packets)" -gt 1000
	lab_expect "port $p TX-packets" "$(port_field $p TX-packets)" -gt 1000
done
lab_expect "forwarded packets" "$(accum_field "$log" RX-packets)" -ge 200000
lab_expect "RX dropped" "$(accum_field "$log" RX-dropped)" -eq 0
lab_expect "TX dropped" "$(accum_field "$log" TX-dropped)" -eq 0
lab_expect "port 0 is the first VF" "$(grep -c "closing port 0 ($VF0)" "$log")" -eq 1
lab_expect "port 1 is the second VF" "$(grep -c "closing port 1 ($VF1)" "$log")" -eq 1

# A malformed address: refused before EAL starts, exit status 2.
bad="$VF0,01:10"
# shellcheck disable=SC2086
out=$(PCIDEVICE_INTEL_COM_SRNIC="$bad" "$SRNIC_TESTPMD" $SRNIC_APP_EAL -- --vfs-from-env 2>&1)
lab_expect "srnic-testpmd exit status on a bad value" $? -eq 2
echo "$out"
echo "$out" | grep -qF "PCIDEVICE_INTEL_COM_SRNIC=\"$bad\"" ||
	lab_fail "the message does not name the variable and its value: $out"
# shellcheck disable=SC2086
out=$(env -u PCIDEVICE_INTEL_COM_SRNIC "$SRNIC_BUILD/examples/srnic-l2fwd/srnic-l2fwd" \
	$SRNIC_APP_EAL -- --vfs-from-env=intel.com/srnic 2>&1)
lab_expect "srnic-l2fwd exit status on an unset variable" $? -eq 2
echo "$out"
echo "$out" | grep -q "no variable PCIDEVICE_INTEL_COM_SRNIC" ||
	lab_fail "the message does not name the variable: $out"
