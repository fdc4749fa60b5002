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
# never missing for more than a second.
# tests/lib/ecmp.sh builds the lab and describes its switches; without
# the SPI scheduler it runs with ECMP_SCHED=sh ECMP_SPI_OPTS=0
# ECMP_ISAKMP=0 ECMP_ENCAP=1 on tests/lab/boot's command line.
. "$LVS_ROOT/tests/lib/ecmp.sh"
MAX_GAP=1.0

ecmp_up || finish
phase "initiating $(ecmp_clients | wc -l) tunnels"
# shellcheck disable=SC2046 # the clients' numbers are words
check "every client's tunnel up through the ECMP router" swan_up_all $(ecmp_clients)
phase "tunnels up"

# Each client's IKE SA is on one server, the one whose label its
# responder SPI carries, and its ESP goes to that server
ecmp_census
declare -A spis
for k in $(ecmp_clients); do
	spis[$k]=$(swan_ike_spis "c$k")
	r=${ECMP_ON[$k]:-}
	check "client $k: one IKE SA (${ECMP_HOLDERS[$k]:-none}), on rs${r:-?}, from ${ECMP_SRC[$k]:-?} through d${ECMP_DIRS[$k]// /,d}" \
		test -n "$r" -a "${ECMP_HOLDERS[$k]:-0}" = 1
	check "client $k: its responder SPI carries rs$r's label (${spis[$k]:-none})" \
		test "$(ecmp_label "${spis[$k]}")" = "0$r"
done
ecmp_esp_checks up
check "ECMP spread the tunnels over more than one director ($(ecmp_spread))" \
	test "$(ecmp_spread | grep -o ':[1-9]' | wc -l)" -ge 2

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

b=$(ecmp_busiest)
ecmp_event "d$b dies" ecmp_kill "$b"
kept "d$b killed"

ecmp_event "d$a comes back, d$b new and empty joins" ecmp_add "$a" "$b"
kept "directors added"
check "the router sends both their share again (d$a ${ECMP_LOAD[$a]:-0}, d$b ${ECMP_LOAD[$b]:-0} packets)" \
	test "${ECMP_LOAD[$a]:-0}" -gt 0 -a "${ECMP_LOAD[$b]:-0}" -gt 0
ecmp_census
ecmp_esp_checks "at the end"

# what the directors did without entries (only the spi scheduler counts)
if [ "$ECMP_SCHED" = spi ]; then
	check "ESP that followed no entry went by its SPI ($(ecmp_counter spi_steered) spi_steered)" \
		test "$(ecmp_counter_sum spi_steered)" -gt 0
	check "no packet named an unknown server ($(ecmp_counter spi_unknown) spi_unknown)" \
		test "$(ecmp_counter_sum spi_unknown)" = 0
fi
check "no sync daemon anywhere" test -z "$(ecmp_sync_daemons)"
finish
