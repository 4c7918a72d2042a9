# One srnic-pfd serves both NICs (srnic-vm --nics 2), 7 VFs each, from one
# configuration file, one thread and one control socket:
# - "show" lists both PFs and all 14 VFs with the MACs of the file;
# - "pf NAME ..." changes that PF's VF only; a VF command without a PF is
#   refused; each PF answers with its own VF token;
# - one srnic-testpmd opens all 14 VFs (one token for both PFs) and forwards
#   in mac mode, pairs of VFs on one NIC and one pair across the cable,
#   with no drop;
# - a new daemon takes both PFs over (--takeover) and keeps what was set;
# - the daemon's CPU time stays near zero while the VFs are idle.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
set -- $(lab_pfs)
[ $# -ge 2 ] || lab_fail "this check needs two NICs (srnic-vm --nics 2); found: $*"
A=$1 B=$2
token=5d1c2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
pf_to_vfio "$A" && pf_to_vfio "$B" || exit 1
mac() { printf '02:00:00:00:%s:%02x' "$1" "$2"; }
{
	printf '[pf left]\npci = %s\nvfs = 7\nvf_token = %s\n' "$A" "$token"
	printf '[pf right]\npci = %s\nvfs = 7\nvf_token = %s\n' "$B" "$token"
	for n in 0 1 2 3 4 5 6; do
		printf '[vf left %d]\nmac = %s\n' "$n" "$(mac 0a "$n")"
		printf '[vf right %d]\nmac = %s\n' "$n" "$(mac 0b "$n")"
	done
} > "$PFD_CONF"
pfd_start || exit 1
lab_expect "one daemon is ready for both PFs" \
	"$(grep -c 'srnic-pfd: ready: 2 PFs' "$PFD_LOG")" -eq 1
lab_expect "both PFs wait on their mailbox interrupt" \
	"$(grep -c 'waiting on the mailbox interrupt' "$PFD_LOG")" -eq 2

show=$SRNIC_RESULTS/$SRNIC_CHECK-show.txt
pfd show > "$show"
cat "$show"
lab_expect "show names both PFs" "$(grep -c "^pf left ($A):\|^pf right ($B):" "$show")" -eq 2
lab_expect "show lists 14 VFs" "$(grep -c '^  vf [0-6] ' "$show")" -eq 14
lab_expect "VF 6 of the right PF has its MAC" \
	"$(sed -n '/^pf right/,$p' "$show" | grep -ci "^  vf 6 .*mac=$(mac 0b 6)(admin)")" -eq 1

pfd pf right vf 3 trust on
lab_expect "pf right vf 3 trust on: ok" $? -eq 0
lab_expect "trusted: VF 3 of the right PF only" \
	"$(pfd show | grep '^pf [a-z]* (\|^  vf 3 ' |
		sed 's/^pf \([a-z]*\) .*/\1/; s/.* trust=\([a-z]*\) .*/\1/' | tr '\n' ' ')" = \
	"left off right on "
pfd vf 3 trust on > "$SRNIC_RESULTS/$SRNIC_CHECK-unnamed.txt"
lab_expect "a VF command without its PF is refused" $? -eq 1
lab_expect "the refusal says how to name one" \
	"$(grep -c 'serves 2 PFs; name one' "$SRNIC_RESULTS/$SRNIC_CHECK-unnamed.txt")" -eq 1
lab_expect "pf $B (by address) answers with its token" "$(pfd pf "$B" token | head -1)" = "$token"

# A new daemon takes both PFs over; what was changed at run time stays.
pfd_takeover "$SRNIC_RESULTS/$SRNIC_CHECK-srnic-pfd-new.log" || lab_fail "the takeover failed"
grep "srnic-pfd: took over" "$PFD_LOG"
lab_expect "the new daemon took both PFs" "$(grep -c 'srnic-pfd: took over 2 PFs' "$PFD_LOG")" -eq 1
lab_expect "VF 3 of the right PF is still trusted, under the new daemon" \
	"$(pfd pf right show | grep -c '^  vf 3 .* trust=on ')" -eq 1

# Idle: the VFs exist, nobody uses them.
ticks() { awk '{ print $14 + $15 }' "/proc/$PFD_PID/stat"; }
t0=$(ticks) && sleep 10 && t1=$(ticks)
echo "srnic-pfd CPU while idle: $((t1 - t0)) ticks in 10 s ($(getconf CLK_TCK) a second)"
lab_expect "srnic-pfd idle CPU ticks in 10 s (under 1 %)" $((t1 - t0)) -lt 10

# All 14 VFs in one application: ports 0-6 on the left NIC, 7-13 on the
# right; port p sends to the MAC of port p^1, so ports 6 and 7 talk over
# the cable.
eal=() peers=() macs=()
for n in 0 1 2 3 4 5 6; do
	eal+=(-a "$(lab_vf "$A" "$n")") && macs+=("$(mac 0a "$n")") || exit 1
done
for n in 0 1 2 3 4 5 6; do
	eal+=(-a "$(lab_vf "$B" "$n")") && macs+=("$(mac 0b "$n")") || exit 1
done
for p in $(seq 0 13); do peers+=(--eth-peer="$p,${macs[$((p ^ 1))]}"); done
log=$SRNIC_RESULTS/$SRNIC_CHECK-testpmd.log
t0=$(ticks)
# shellcheck disable=SC2086
timeout 300 "$SRNIC_TESTPMD" $SRNIC_APP_EAL --vfio-vf-token=$token "${eal[@]}" -- \
	--forward-mode=mac "${peers[@]}" --rxd=256 --txd=256 --tx-first --max-pkts=200000 \
	--stats-period=5 > "$log" 2>&1
lab_expect "srnic-testpmd on 14 VFs: exit status" $? -eq 0
t1=$(ticks)
tail -n 14 "$log"
echo "srnic-pfd CPU while the 14 VFs came up and forwarded: $((t1 - t0)) ticks"
lab_expect "ports that came up" "$(grep -c '^Port [0-9]*: .*MAC' "$log")" -eq 14
lab_expect "forwarded packets" "$(accum_field "$log" RX-packets)" -ge 200000
lab_expect "RX dropped" "$(accum_field "$log" RX-dropped)" -eq 0
lab_expect "TX dropped" "$(accum_field "$log" TX-dropped)" -eq 0
for p in 6 7; do
	lab_expect "port $p (the pair across the cable) received" \
		"$(sed -n "/Forward statistics for port $p /,/----/p" "$log" |
			grep -o 'RX-packets: *[0-9]*' | tail -1 | awk '{ print $2 }')" -gt 0
done
lab_expect "ports closed" "$(grep -c 'Stopping and closing port' "$log")" -eq 14
