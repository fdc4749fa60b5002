# SPDX-License-Identifier: GPL-2.0-only
# A VPN farm behind the director, as the baseline cases and the demo build
# it: strongSwan real servers behind one persistent service, strongSwan
# clients bringing their tunnels up through the VIP.

. "$LVS_ROOT/tests/lib/lab.sh"
. "$LVS_ROOT/tests/lib/swan.sh"

# FAMILY=6 makes the clients reach the farm over IPv6 (the tunnels carry
# both families inside either way). These print addresses the way ipvsadm
# does, brackets for IPv6.
FAMILY=${FAMILY:-4}
vip() { if [ "$FAMILY" = 6 ]; then echo "[$VIP6]"; else echo "$VIP4"; fi; }
cip() { if [ "$FAMILY" = 6 ]; then echo "[$(client_ip6 "$1")]"; else client_ip4 "$1"; fi; }
rip() {
	local mode=$1 i=$2
	case $FAMILY$mode in
	4nat) rs_ip4_nat "$i" ;;
	6nat) echo "[$(rs_ip6_nat "$i")]" ;;
	4*) rs_ip4_lan "$i" ;;
	6*) echo "[$(rs_ip6_lan "$i")]" ;;
	esac
}

# farm_up MODE NCLIENTS NSERVERS: topology, one persistent all-ports UDP
# service (IKE on 500 and 4500 of a client stays on one server), charons
farm_up() {
	local mode=$1 nc=$2 nr=$3 i
	if [ "$mode" = nat ]; then farm_nat "$nc" "$nr"; else farm_lan "$mode" "$nc" "$nr"; fi
	ipvs -A -u "$(vip):0" -s rr -p 600
	for i in $(seq 1 "$nr"); do
		ipvs -a -u "$(vip):0" -r "$(rip "$mode" "$i"):0" "$FWD"
	done
	for i in $(seq 1 "$nr"); do swan_server "$i" || return 1; done
	for i in $(seq 1 "$nc"); do
		swan_client "$i" "$(vip | tr -d '[]')" || return 1
	done
}

# tunnel_checks I NSERVERS PORTS: client I's tunnel is up, carries pings,
# and the director's entries for each of its IKE ports lead to the real
# server that holds its IKE SA
tunnel_checks() {
	local i=$1 nr=$2 ports=$3 r cip port dest before after
	check "client $i: tunnel up" swan_up "$i"
	r=$(rs_holding_client "$i" "$nr")
	check "client $i: a real server holds its IKE SA (rs${r:-none})" test -n "$r"
	before=$(esp_packets "c$i")
	check "client $i: IPv4 ping through ESP" esp_ping "$i" v4
	check "client $i: IPv6 ping through ESP" esp_ping "$i" v6
	after=$(esp_packets "c$i")
	check "client $i: ESP SAs counted the pings ($before -> $after)" \
		test "$after" -ge "$((before + 12))"
	for port in $ports; do
		dest=$(conn_dest "$(cip "$i"):$port" "$(vip):$port")
		check "client $i: entry $(cip "$i"):$port -> $(vip):$port leads to rs${r:-?} ($dest)" \
			test -n "$dest" -a "$(rs_index_of "$dest")" = "${r:-x}"
	done
}
