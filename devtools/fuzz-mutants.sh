#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Mutation check of the libFuzzer targets: does fuzzing notice when a
# validation check or a bookkeeping update is taken out of the mailbox
# codec or the PF library? Each mutant below is one sed script on one file
# of a scratch copy of the tree (the real sources are never touched). For
# each, the fuzzers are rebuilt in a scratch build dir and run from an
# empty corpus for a bounded time; a mutant is killed when a fuzzer finds
# an input that fails. Prints one line a mutant and a summary; exits 1 when
# a mutant survives (or does not apply any more).
#
# Usage: devtools/fuzz-mutants.sh [-t SECONDS] [-k] [NAME...]
#   -t  seconds each fuzzer may run on a mutant (default 60)
#   -k  keep the scratch directory (printed at the end)
#   NAME  only these mutants (default: all)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
secs=60
keep=false
while getopts t:k opt; do
	case $opt in
	t) secs=$OPTARG ;;
	k) keep=true ;;
	*) sed -n '12,15s/^# \?//p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# name @ file @ sed script @ what it takes away
# rar-release is equivalent for the fuzzers: the policy refuses a MAC that
# another pool holds before it claims one, so through the mailbox a pool's
# entry is always rewritten in place. The unit test pf_filters
# (rar_a_pool_that_moves_leaves_its_old_entry) kills it on the table.
mutants() {
	local proto=drivers/common/srnic/srnic_mbx_proto.c
	local policy=lib/srnic_pf/pf_policy.c server=lib/srnic_pf/pf_mbx_server.c
	local filters=lib/srnic_pf/pf_filters.c budget=lib/srnic_pf/pf_vlan_budget.c
	cat <<EOF
len-any@$proto@/if (m->len < 1)\$/{N;d}@codec: a message needs a word
len-mac@$proto@/if (m->len < IGB_MAC_MSG_WORDS)/{N;d}@codec: SET_MAC length
len-mc@$proto@/if (m->len < 1 + (count + 1) \/ 2)/{N;d}@codec: SET_MULTICAST length
len-vlan@$proto@/case IGB_MSG_SET_VLAN:/,/return SRNIC_MBX_OK/{/m->len < 2/{N;d}}@codec: SET_VLAN length
len-lpe@$proto@/case IGB_MSG_SET_LPE:/,/return SRNIC_MBX_OK/{/m->len < 2/{N;d}}@codec: SET_LPE length
vlan-range@$proto@/if (m->w\[1\] > IGB_VLAN_ID_MAX)/{N;d}@codec: VLAN id range
hash-range@$proto@/if (h > 0xFFF)/{N;d}@codec: multicast hash range
reply-flags@$proto@/if (w0 & (IGB_MSG_ACK | IGB_MSG_NACK/{N;d}@codec: reply flags in a request
mac-owner@$policy@/^pf_policy_req_mac/,/^}/s/owner = mac_owner(.*);/owner = NULL;/@policy: VF takes another's MAC
mac-admin@$policy@s/if (v->mac_admin \&\& !v->trusted)/if (false)/@policy: untrusted VF replaces the admin MAC
vlan-del@$policy@/^vlan_change/,/^}/s/pf_vlvf_del(.*);/;/@policy: VLAN removal keeps VLVF
reset-vlans@$policy@/^clear_requests/,/^}/s/pf_vlvf_del(.*);/;/@policy: reset/FLR keeps VLANs in VLVF
flr-forget@$policy@/^pf_policy_vf_flr/,/^}/s/clear_requests(pf, vf);/;/@policy: FLR keeps the VF's requests
flr-pool@$policy@/^pf_policy_vf_flr/,/^}/s/pool_enable(pf, vf, false);/;/@policy: FLR leaves the pool on
port-vlan@$policy@/^pf_policy_set_vlan/,/^}/s/pf_vlvf_del(&pf->vfio.filt, v->vlans\[i\], (uint8_t)vf);/;/@policy: port VLAN keeps the VF's filters
rxmode-mc@$policy@/^pf_policy_set_rxmode/,/^}/s/pf_mta_set(.*);/;/@policy: multicast taken away stays in MTA
vf-spare@$budget@s/return !by_vf \&\& n </return n </@budget: a VF eats the spare
no-cts@$server@s/if (!v->cts) {/if (false) {/@server: requests before the reset handshake
ping-over@$server@s/if ((icr \& IGB_MBVFICR_VFREQ(vf)) ||/if (false ||/@server: ping overwrites a request
ping-unread@$server@s/(pf->vf\[vf\].unread \&\& /(false \&\& /@server: ping overwrites an unread reply
one-a-poll@$server@s/^\t\t\thandle_request(pf, vf);/\t\t\t{ if (n > 0) break; handle_request(pf, vf); }/@server: one request a poll
bad-no-reply@$server@/srnic_mbx_bad_str(bad));/{n;s/reply(pf, vf, m.w\[0\], false);/;/}@server: malformed request unanswered
no-lock@$server@/^mbx_lock/,/^}/s/^\tfor (i = 0; i < LOCK_TRIES; i++) {/\treturn 0;\n&/@server: mailbox used without its lock
ack-late@$server@/^pf_mbx_service/,/^}/{/^\t\tpf_wr(pf, IGB_MBVFICR, bits);/d;s/^\t\tn++;$/&\n\t\tpf_wr(pf, IGB_MBVFICR, bits);/}@server: notices cleared after the reply (a fresh ACK lost)
rar-release@$filters@/^pf_rar_claim/,/^}/s/pf_rar_release(f, pool);/;/@filters: new MAC keeps the old RAR
vfta-stale@$filters@s/v = used ? (v | bit) : (v \& ~bit);/v |= bit;/@filters: VFTA bit never cleared
mta-stale@$filters@s/if (mta\[i\] == f->mta\[i\])/if (true)/@filters: MTA never written
EOF
}

work=$(mktemp -d "${TMPDIR:-/var/tmp}/srnic-mutants.XXXXXX")
$keep || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/pristine"
# The tree as it is now, committed or not, without build directories.
git -C "$root" ls-files -z --cached --others --exclude-standard |
	tar -C "$root" --null -T - -cf - | tar -C "$work/src" -xf -
echo "scratch tree $work/src; building the fuzzers..."
meson setup "$work/build" "$work/src" -Dexamples=false -Ddocs=disabled > "$work/setup.log"
targets="app/test/fuzz-pf-state app/test/fuzz-mbx-request"
ninja -C "$work/build" -j2 $targets > "$work/build.log"

# Run fuzzer $1 for $secs seconds: "killed N" or "survived N" (N executions).
run_fuzzer() {
	local log=$work/run.log exe=$work/build/app/test/$1
	mkdir -p "$work/art"
	rm -f "$work"/art/*
	if "$exe" -max_total_time="$secs" -seed=1 -error_exitcode=1 -print_final_stats=1 \
		-artifact_prefix="$work/art/" > "$log" 2>&1; then
		echo "survived $(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
	else
		echo "killed $(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
	fi
}

printf '%-13s %-9s %-22s %-22s %s\n' mutant result "stateful (execs)" "codec (execs)" "what"
killed=0 total=0
while IFS='@' read -r name file script what; do
	[ $# -eq 0 ] || [[ " $* " == *" $name "* ]] || continue
	total=$((total + 1))
	cp "$work/src/$file" "$work/pristine/file"
	sed -i -e "$script" "$work/src/$file"
	if cmp -s "$work/src/$file" "$work/pristine/file"; then
		printf '%-13s %-9s %s\n' "$name" "no-apply" "the sed script no longer matches $file"
		continue
	fi
	if ! ninja -C "$work/build" -j2 $targets > "$work/build.log" 2>&1; then
		result=build-err state=- codec=-
	else
		state=$(run_fuzzer fuzz-pf-state)
		codec=-
		[ "$file" != "${file%srnic_mbx_proto.c}" ] && codec=$(run_fuzzer fuzz-mbx-request)
		result=survived
		[[ $state == killed* || $codec == killed* ]] && result=killed
	fi
	[ $result = killed ] && killed=$((killed + 1))
	printf '%-13s %-9s %-22s %-22s %s\n' "$name" "$result" "$state" "$codec" "$what"
	cp "$work/pristine/file" "$work/src/$file"
done < <(mutants)
# The tree is whole again: the fuzzers must find nothing on it.
ninja -C "$work/build" -j2 $targets > "$work/build.log"
echo "$killed of $total mutants killed (${secs} s a fuzzer each)"
$keep && echo "scratch directory kept: $work"
[ "$killed" -eq "$total" ]
