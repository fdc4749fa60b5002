# SPDX-License-Identifier: GPL-2.0-only
# timeout: 600
# Two directors running keepalived-conf/director-pair.conf as shipped (it
# includes nat-farm.conf; only the probe's path mapped), NAT mode, three
# strongSwan real servers, three clients with tunnels up and pinging every
# 0.2 s, and four more behind one NAT router address (tests/lib/cgnat.sh:
# one charon, the router mapping each one's ports), which the IKE
# persistence engine spreads over the servers. The master dies (links
# down, keepalived stopped): the backup takes the VIP and the servers'
# gateway by VRRP, and every tunnel goes on passing ESP to the same real
# server with the same IKE SA (no new negotiation), on the entries
# lvs_sync_daemon gave it. Then the first director comes back and takes
# over again, with the same result. The longest ping gap per direct
# client and overall is printed for both moves.
. "$LVS_ROOT/tests/lib/keepalived.sh"
. "$LVS_ROOT/tests/lib/cgnat.sh"
NC=3
NR=3
CGNAT_NN=4 CGNAT_NR=$NR
GW=198.51.100.1
# The longest ping gaps allowed. A failover costs the backup's VRRP
# master-down interval (3 adverts of 1 s and its skew) plus the
# gratuitous ARPs: 3.7 s measured, the same on an idle and a loaded host
# (guest time): a slower VRRP or ARP takeover shows here. A backup
# without the master's entries is caught before, by the pings that must
# resume (without the sync daemon they did not within 60 s). A failback
# moves the VIP between two live directors that both hold the entries:
# 0.2 s.
GAP_FAILOVER=${GAP_FAILOVER:-6}
GAP_FAILBACK=${GAP_FAILBACK:-2}

ka_need_probe
ka_pair_nat "$NC" "$NR"
phase "topology up; starting the real servers' charons"
swan_all swan_server $(seq 1 "$NR") || finish
conf=$LAB_TMP/pair
mkdir -p "$conf"
keepalived_conf director-pair.conf "$conf/keepalived.conf" || fail "director-pair.conf mapped"
keepalived_conf nat-farm.conf "$conf/nat-farm.conf" "$KA_SHIPPED_PROBE=$KA_PROBE" ||
	fail "nat-farm.conf mapped"

# d1 first, so that it is master from the start; d2 joins as backup
phase "starting keepalived on both directors"
keepalived_start d1 "$conf/keepalived.conf" director1 || finish
wait_for 30 "d1 is master: holds the VIP" ka_holds d1 "$VIP4" || finish
wait_for 10 "d1 holds the servers' gateway" ka_holds d1 "$GW"
keepalived_start d2 "$conf/keepalived.conf" director2 || finish
for d in d1 d2; do
	for r in $(seq 1 "$NR"); do
		DIRECTOR=$d wait_for 60 "$d: keepalived put rs$r in service" \
			ka_rs_in "$(rs_ip4_nat "$r")"
	done
done
DIRECTOR=d1 ka_service_checks Masq "$NR"
wait_for 20 "d2: backup sync daemon running" \
	eval 'nsx d2 ipvsadm -L --daemon | grep -q "backup sync daemon.*syncid=7"'
check "d1: master sync daemon running" \
	grep -q "master sync daemon.*syncid=7" <<<"$(nsx d1 ipvsadm -L --daemon)"
check_not "d2, the backup, holds no VIP" ka_holds d2 "$VIP4"

declare -A rs spis nrs nspis
phase "starting the clients' charons, the NATed ones behind natr"
swan_all swan_client $(seq 1 "$NC") || finish
cgnat_natted_clients pair || finish
phase "initiating the tunnels"
swan_up_all $(seq 1 "$NC")
wait_for 60 "the $CGNAT_NN NATed clients' tunnels up" cgnat_all_up cn
for i in $(seq 1 "$NC"); do
	check "client $i: tunnel up" swan_ensure_up "$i"
	rs[$i]=$(rs_holding_client "$i" "$NR")
	spis[$i]=$(swan_ike_spis "c$i")
	check "client $i: on rs${rs[$i]:-?}, IKE SA ${spis[$i]:-?}" test -n "${rs[$i]}" -a -n "${spis[$i]}"
done
cgnat_census nrs nspis
for k in $(cgnat_natted); do
	check "NATed client $k: on rs${nrs[$k]:-?}, IKE SA ${nspis[$k]:-?}" \
		test -n "${nrs[$k]:-}" -a -n "${nspis[$k]:-}"
done

# estab_at D SOURCE: director D's entry from SOURCE to the VIP's 4500 is
# IKE_ESTAB
estab_at() { test "$(DIRECTOR=$1 conn_field 3 "$2" "$VIP4:4500")" = IKE_ESTAB; }
# entry_on D WHO SOURCE R: that entry, where WHO's IKE SA lives, is
# IKE_ESTAB and leads to rsR
entry_on() {
	local st dest
	st=$(DIRECTOR=$1 conn_field 3 "$3" "$VIP4:4500")
	dest=$(DIRECTOR=$1 conn_dest "$3" "$VIP4:4500")
	check "$1: $2's entry from $3 is IKE_ESTAB (${st:-gone}), to rs$4 ($dest)" \
		test "$st" = IKE_ESTAB -a "$(rs_index_of "$dest")" = "$4"
}
# synced WHO SOURCE R: the backup d2 learnt that entry from d1
synced() {
	wait_for 20 "d2: $1's entry from $2 synced as IKE_ESTAB" estab_at d2 "$2"
	entry_on d2 "$@"
}
for i in $(seq 1 "$NC"); do synced "client $i" "$(client_ip4 "$i"):4500" "${rs[$i]}"; done
for k in $(cgnat_natted); do
	synced "NATed client $k" "$(cgnat_source "$k" 4500)" "${nrs[$k]}"
done
for i in $(seq 1 "$NC"); do ping_start "$i"; done
for i in $(seq 1 "$NC"); do
	wait_for 20 "client $i: pings answered through the tunnel" ping_since "$i" 0
done

# same_tunnels WHEN: each client on its real server, same IKE SA; each
# NATed one's tunnel carries pings too
same_tunnels() {
	local i k
	local -A now_rs now_spis
	for i in $(seq 1 "$NC"); do
		check "$1: client $i still on rs${rs[$i]}" \
			test "$(rs_holding_client "$i" "$NR")" = "${rs[$i]}"
		check "$1: client $i: same IKE SA, no new negotiation (${spis[$i]})" \
			test "$(swan_ike_spis "c$i")" = "${spis[$i]}"
	done
	for k in $(cgnat_natted); do
		wait_for 20 "$1: NATed client $k pings through its tunnel" cgnat_ping "$k"
	done
	cgnat_census now_rs now_spis
	for k in $(cgnat_natted); do
		check "$1: NATed client $k still on rs${nrs[$k]} (rs${now_rs[$k]:-?})" \
			test "${now_rs[$k]:-}" = "${nrs[$k]}"
		check "$1: NATed client $k: same IKE SA (${nspis[$k]} ${now_spis[$k]:-?})" \
			test "${now_spis[$k]:-}" = "${nspis[$k]}"
	done
}

# gaps WHEN FROM TO MAX: every client's longest ping gap in the window,
# at most MAX seconds
gaps() {
	local i g max=0 who=
	for i in $(seq 1 "$NC"); do
		g=$(ping_gap "$i" "$2" "$3")
		log "$1: client $i: longest ping gap ${g}s"
		if awk -v g="$g" -v m="$max" 'BEGIN { exit !(g > m) }'; then
			max=$g who=$i
		fi
	done
	echo "  $1: longest ping gap overall ${max}s (client ${who:-none})"
	check "$1: longest gap ${max}s under ${4}s" \
		awk -v g="$max" -v m="$4" 'BEGIN { exit !(g < m) }'
}

# flowing WHEN: every client has replies from 2 s on, not just one after
# the move (the time in seconds: awk's default format would round an
# epoch to six digits)
flowing() {
	local i t
	t=$(awk -v t="$(date +%s.%N)" 'BEGIN { printf "%.3f", t + 2 }')
	for i in $(seq 1 "$NC"); do
		wait_for 10 "$1: client $i pings flow" ping_since "$i" "$t"
	done
}

# resumed WHEN T: every client's pings answered again after T
resumed() {
	local i
	for i in $(seq 1 "$NC"); do
		wait_for 60 "$1: client $i's pings answered again" ping_since "$i" "$2"
	done
}

# ---- the master dies
phase "failover"
t0=$(date +%s.%N)
nsx d1 ip link set eth0 down
nsx d1 ip link set eth1 down
keepalived_stop d1
wait_for 30 "failover: d2 takes the VIP" ka_holds d2 "$VIP4"
wait_for 10 "failover: d2 takes the servers' gateway" ka_holds d2 "$GW"
resumed failover "$(date +%s.%N)"
# a few more seconds of pings, to see that they keep flowing
flowing failover
gaps failover "$t0" "$(date +%s.%N)" "$GAP_FAILOVER"
same_tunnels failover
check "d2 forwards on IKE_ESTAB entries" \
	test "$(DIRECTOR=d2 conns | grep -c 'IKE_ESTAB')" -ge "$NC"

# ---- d1 comes back and, after its preempt_delay, is master again
phase "failback"
t1=$(date +%s.%N)
nsx d1 ip link set eth0 up
nsx d1 ip link set eth1 up
keepalived_start d1 "$conf/keepalived.conf" director1 || finish
wait_for 90 "failback: d1 takes the VIP again" ka_holds d1 "$VIP4"
wait_for 10 "failback: d1 takes the servers' gateway again" ka_holds d1 "$GW"
wait_for 20 "failback: d2 releases the VIP" eval '! ka_holds d2 "$VIP4"'
t2=$(date +%s.%N)
resumed failback "$t2"
flowing failback
gaps failback "$t1" "$(date +%s.%N)" "$GAP_FAILBACK"
same_tunnels failback
for i in $(seq 1 "$NC"); do entry_on d1 "client $i" "$(client_ip4 "$i"):4500" "${rs[$i]}"; done
for k in $(cgnat_natted); do
	entry_on d1 "NATed client $k" "$(cgnat_source "$k" 4500)" "${nrs[$k]}"
done
DIRECTOR=d1 conns
finish
