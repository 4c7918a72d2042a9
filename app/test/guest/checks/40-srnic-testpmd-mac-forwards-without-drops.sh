# srnic-testpmd forwards in mac mode between two VFs under the Linux PF
# until --max-pkts, stops by itself and reports zero drops.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
log=$SRNIC_RESULTS/testpmd-mac.log
# shellcheck disable=SC2086
timeout 120 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -a "$VF1" -- --forward-mode=mac \
	--tx-first --max-pkts=500000 --stats-period=2 > "$log" 2>&1
lab_expect "exit status" $? -eq 0
tail -n 14 "$log"
lab_expect "forwarded packets" "$(accum_field "$log" RX-packets)" -ge 500000
lab_expect "RX dropped" "$(accum_field "$log" RX-dropped)" -eq 0
lab_expect "TX dropped" "$(accum_field "$log" TX-dropped)" -eq 0
lab_expect "RX errors shown" "$(grep -o 'RX-errors: [0-9]*' "$log" | awk '{ s += $2 } END { print s + 0 }')" -eq 0
lab_expect "ports closed" "$(grep -c 'Stopping and closing port' "$log")" -eq 2
