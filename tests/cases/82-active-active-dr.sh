# SPDX-License-Identifier: GPL-2.0-only
# timeout: 400
# Active-active directors (issue 19), DR, IPv4: a router spreads the VIP's
# flows over three directors by ECMP (layer-4 hash); three strongSwan real
# servers put their label into every SPI they allocate; twenty clients,
# ten of them behind a NAT router; no sync daemon. Every director steers
# every packet by the SPI that names its server (scheduler "spi", each
# real server's label and ESP range given to ipvsadm), so the router may
# send any flow to any director and move it at any time: when a director
# leaves the group, when another one dies with its table, and when
# directors join, every tunnel goes on with the same IKE SA, its pings
# never missing for more than a second. Then a few clients whose flows the
# events moved to other directors, and one whose flow stayed, rekey their
# IKE SA and reauthenticate: each stays on its real server, whose label
# and range its new SAs carry. IKE whose label names no server is dropped
# by whichever director the router hands it to.
# tests/lib/ecmp.sh builds the lab and describes its switches; without
# the SPI scheduler it runs with ECMP_SCHED=sh ECMP_SPI_OPTS=0
# ECMP_ISAKMP=0 ECMP_ENCAP=1 on tests/lab/boot's command line.
# ECMP_MODE=tun and FAMILY=6, set before this file is sourced, run the
# same steps in TUN mode and with the tunnels over IPv6 (cases 88, 89,
# 91); the NATed clients then reach the VIP through an IPv6 masquerade.
. "$LVS_ROOT/tests/lib/ecmp.sh"
MAX_GAP=1.0

check "the lab comes up" ecmp_up || finish
phase "initiating $(ecmp_clients | wc -l) tunnels"
# shellcheck disable=SC2046 # the clients' numbers are words
check "every client's tunnel up through the ECMP router" swan_up_all $(ecmp_clients) ||
	ecmp_explain
phase "tunnels up"

# Each client's IKE SA is on one server, the one whose label its
# responder SPI carries, and its ESP goes to that server
ecmp_census
declare -A spis path
for k in $(ecmp_clients); do
	spis[$k]=$(swan_ike_spis "c$k")
	r=${ECMP_ON[$k]:-}
	check "client $k: one IKE SA (${ECMP_HOLDERS[$k]:-none}), on rs${r:-?}, from ${ECMP_SRC[$k]:-?} through d${ECMP_DIRS[$k]// /,d}" \
		test -n "$r" -a "${ECMP_HOLDERS[$k]:-0}" = 1
	check "client $k: its responder SPI carries rs$r's label (${spis[$k]:-none})" \
		test "$(ike_label "$k")" = "0$r"
done
ecmp_esp_checks up
check "ECMP spread the tunnels over more than one director ($(ecmp_spread))" \
	test "$(ecmp_spread | grep -o ':[1-9]' | wc -l)" -ge 2

# hops: path[K] gets the director the router hands client K's IKE flow
# to now (ecmp_route), one for each stage of the events
hops() {
	local k
	for k in $(ecmp_clients); do path[$k]+="$(ecmp_route "$k") "; done
}
hops
differ=()
for k in $(ecmp_clients); do
	[ "${path[$k]% }" = "${ECMP_DIRS[$k]}" ] || differ+=("$k")
done
check "the router's lookups of the IKE flows lead where the entries are (differing: ${differ[*]:-none})" \
	test ${#differ[@]} = 0

# kept WHEN: through the last event every client kept its IKE SA, and
# its pings never went unanswered for longer than MAX_GAP
kept() {
	local k g changed=()
	for k in $(ecmp_clients); do
		[ "$(swan_ike_spis "c$k")" = "${spis[$k]}" ] || changed+=("$k")
	done
	check "$1: every client kept its IKE SA (changed: ${changed[*]:-none})" \
		test ${#changed[@]} = 0
	for k in $(ecmp_clients); do
		g=${ECMP_GAP[$k]:-none}
		check "$1: client $k: longest ping gap ${g}s" \
			awk -v g="$g" -v m="$MAX_GAP" 'BEGIN { exit !(g != "none" && g + 0 <= m) }'
	done
	log "$1: longest gap of all $(ecmp_gap_max | awk '{ print $1 "s, client " $2 }')"
}

# the pings' own gaps, with nothing happening: the measure of the rest
ecmp_event "steady state" true
kept "steady state"

a=$(ecmp_busiest)
ecmp_event "d$a leaves the ECMP group" ecmp_remove "$a"
kept "d$a removed"
check "the router sends d$a nothing any more (${ECMP_LOAD[$a]:-?} packets)" \
	test "${ECMP_LOAD[$a]:-1}" = 0
hops

b=$(ecmp_busiest)
ecmp_event "d$b dies" ecmp_kill "$b"
kept "d$b killed"
hops

ecmp_event "d$a comes back, d$b new and empty joins" ecmp_add "$a" "$b"
kept "directors added"
check "the router sends both their share again (d$a ${ECMP_LOAD[$a]:-0}, d$b ${ECMP_LOAD[$b]:-0} packets)" \
	test "${ECMP_LOAD[$a]:-0}" -gt 0 -a "${ECMP_LOAD[$b]:-0}" -gt 0
hops
ecmp_census
ecmp_esp_checks "at the end"
decap=$(ecmp_decapsulated)
if [ "$ECMP_MODE" = tun ]; then
	check "TUN: every real server took the clients' packets out of its tunnel ($decap)" \
		test "$(grep -o ':[1-9]' <<<"$decap" | wc -l)" = "$ECMP_NR"
else
	check "DR: no real server took packets out of a tunnel ($decap)" \
		test "$(grep -o ':[1-9]' <<<"$decap" | wc -l)" = 0
fi

# what the directors did without entries (only the spi scheduler counts)
if [ "$ECMP_SCHED" = spi ]; then
	check "ESP that followed no entry went by its SPI ($(ecmp_counter spi_steered) spi_steered)" \
		test "$(ecmp_counter_sum spi_steered)" -gt 0
	check "no packet named an unknown server ($(ecmp_counter spi_unknown) spi_unknown)" \
		test "$(ecmp_counter_sum spi_unknown)" = 0
fi

# ---- a rekey and a reauthentication after the events ----------------------

# moved K: client K's IKE flow went to more than one director (path[K])
moved() {
	local d
	for d in ${path[$1]}; do [ "$d" = "${path[$1]%% *}" ] || return 0; done
	return 1
}
# now K: the director the router hands client K's IKE flow to now
now() {
	local p=${path[$1]% }
	echo "${p##* }"
}
# The first client of each kind: its flow moved, and is now on d$b, new
# (which has no entry for it); moved, NATed; moved, direct; stayed
new=() natted=() direct=() stayed=()
for k in $(ecmp_clients); do
	if ! moved "$k"; then
		stayed+=("$k")
	elif [ "$(now "$k")" = "$b" ]; then
		new+=("$k")
	elif [ "$k" -gt "$ECMP_NDIRECT" ]; then
		natted+=("$k")
	else
		direct+=("$k")
	fi
done
pick=("${new[@]:0:1}" "${natted[@]:0:1}" "${direct[@]:0:1}" "${stayed[@]:0:1}")
[ ${#stayed[@]} -gt 0 ] || log "no client's IKE flow stayed on one director through the events"

# settled K SPIS: client K has an IKE SA other than SPIS and its child
# SA, and the servers hold one IKE SA of K (the old one is gone)
# shellcheck disable=SC2317 # called by wait_for
settled() {
	local s n=0 r
	s=$(swan_ike_spis "c$1")
	[ -n "$s" ] && [ "$s" != "$2" ] || return 1
	swan_sas "c$1" | grep -q INSTALLED || return 1
	for r in $(seq 1 "$ECMP_NR"); do
		n=$((n + $(swan_sas "rs$r" | grep -c "remote 'client$1\.lab'")))
	done
	[ "$n" = 1 ]
}

# renew K WHAT OPTION...: client K's swanctl --rekey --ike OPTION...; the
# new IKE SA on the same server, its pings through, its SAs labeled. The
# client's IKE retransmits meanwhile are shown: now and then the answer
# to a reauthentication's IKE_SA_INIT, which the server sent at once, is
# lost in the client's charon (busy deleting the old IKE SA), and the
# retransmit 4 s later goes through
renew() {
	local k=$1 what=$2 r old log n
	shift 2
	log=$(swan_dir "c$k")/charon.log
	r=$(rs_holding_client "$k" "$ECMP_NR")
	old=$(swan_ike_spis "c$k")
	n=$(grep -c retransmit "$log")
	phase "client $k: $what"
	swanctl --rekey --ike farm "$@" --uri "$(swan_uri "c$k")" >/dev/null 2>&1
	wait_for 30 "client $k: $what done" settled "$k" "$old" || return
	grep retransmit "$log" | tail -n +$((n + 1)) | sed 's/^/    | /'
	esp_ping "$k" "v$FAMILY" >/dev/null
	check "client $k: pings after $what" test $? = 0
	check "client $k: still on rs$r after $what" \
		test "$(rs_holding_client "$k" "$ECMP_NR")" = "$r"
	spi_label_checks "$k" "$ECMP_NR" "after $what"
}

phase "IKE rekeys and reauthentications"
for k in "${pick[@]}"; do
	p=${path[$k]% }
	log "client $k: its IKE flow went to d${p// / -> d} (at the start, d$a out, d$b killed, both back)"
	renew "$k" "an IKE rekey"
	renew "$k" "a reauthentication" --reauth
done
# the new director d$b had no entry for the flows it was handed: their
# rekey made one there
ecmp_census
for k in "${pick[@]}"; do
	d=$(now "$k")
	check "client $k: an entry for its IKE flow on d$d, where the router hands it (d${ECMP_DIRS[$k]// /,d})" \
		grep -qw "$d" <<<"${ECMP_DIRS[$k]}"
done

# IKE past the opening whose label names no server (0x09): whichever
# director the router hands it to drops it, and makes no entry
# shellcheck disable=SC2317 # called by wait_for
unknown_above() { [ "$(ecmp_counter_sum spi_unknown)" -gt "$1" ]; }
if [ "$ECMP_SCHED" = spi ]; then
	unknown=$(ecmp_counter_sum spi_unknown)
	d=$(ecmp_hop "$(cip 1)" 5555 500)
	ikepkt c1 ike "$(ecmp_vip)" --sport 5555 --exchange 35 --rcookie 0900000000000001
	desc="IKE for label 0x09 from $(cip 1):5555, through d${d:-?}: dropped, counted in spi_unknown"
	wait_for 10 "$desc" unknown_above "$unknown" &&
		pass "$desc ($(ecmp_counter spi_unknown), $unknown before)"
	for d in $ECMP_GROUP; do
		check_not "IKE for label 0x09: no entry on d$d" \
			grep -qF " $(cip 1):5555 " <<<"$(nsx "d$d" ipvsadm -Lnc)"
	done
fi
check "no sync daemon anywhere" test -z "$(ecmp_sync_daemons)"
finish
