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
	[ "${ISAKMP:-0}" = 1 ] && isakmp_on
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
	check "client $i: tunnel up" swan_ensure_up "$i"
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

# swan_farm_case MODE PORTS: two clients, two servers, each tunnel up and
# carrying pings on the entries for PORTS; in DR and TUN the ESP is raw
# (no NAT on the path); the clients spread over both servers
swan_farm_case() {
	local mode=$1 ports=$2 i
	farm_up "$mode" 2 2 || finish
	for i in 1 2; do
		tunnel_checks "$i" 2 "$ports"
		[ "$mode" = nat ] ||
			check_not "client $i: raw ESP, not ESP-in-UDP" \
				grep -q encap <<<"$(nsx "c$i" ip xfrm state)"
	done
	check "the two clients were spread over both servers" \
		test "$(rs_holding_client 1 2)" != "$(rs_holding_client 2 2)"
	conns
}

# ---- ISAKMP entries ------------------------------------------------------

ISAKMP_INIT_TIMEOUT=${ISAKMP_INIT_TIMEOUT:-6}
ISAKMP_TIMEOUT=${ISAKMP_TIMEOUT:-1800}

# isakmp_on: ISAKMP entries for every service of the director
isakmp_on() {
	nsx "$DIRECTOR" sysctl -qw net.ipv4.vs.isakmp=1 \
		net.ipv4.vs.isakmp_init_timeout="$ISAKMP_INIT_TIMEOUT" \
		net.ipv4.vs.isakmp_timeout="$ISAKMP_TIMEOUT"
}

# isakmp_counter NAME: one of the director's ISAKMP counters
isakmp_counter() {
	nsx "$DIRECTOR" awk -v n="$1" '$1 == n { print $2 }' /proc/net/ip_vs_isakmp
}

# conn_field FIELD SOURCE VIRTUAL: state (3) or expiry (2) of an entry
conn_field() {
	conns | awk -v f="$1" -v s="$2" -v v="$3" \
		'$4 == s && $5 == v { print $f; exit }'
}

# expiry_secs MM:SS -> seconds
expiry_secs() {
	local m=${1%%:*} s=${1##*:}
	echo $((10#$m * 60 + 10#$s))
}

# isakmp_entry_checks I PORTS: client I's entry on the last of PORTS, where
# its IKE SA lives, is IKE_ESTAB with the established timeout; an entry on
# an earlier port, left behind when IKE moved to 4500, is IKE_INIT with the
# init timeout or already gone
isakmp_entry_checks() {
	local i=$1 ports=$2 sa_port=${2##* } port st ex
	for port in $ports; do
		# one read of the table: an INIT entry may expire in between
		read -r st ex <<<"$(conns | awk -v s="$(cip "$i"):$port" \
			-v v="$(vip):$port" '$4 == s && $5 == v { print $3, $2; exit }')"
		if [ "$port" != "$sa_port" ]; then
			check "client $i: entry on $port, left behind, is IKE_INIT or gone (${st:-gone} $ex)" \
				init_or_gone "$st" "$ex"
			continue
		fi
		check "client $i: entry on $port is IKE_ESTAB ($st)" \
			test "$st" = IKE_ESTAB
		check "client $i: entry on $port expires in about ${ISAKMP_TIMEOUT}s ($ex)" \
			test "$(expiry_secs "${ex:-0:0}")" -gt $((ISAKMP_TIMEOUT - 120))
	done
}

# init_or_gone STATE EXPIRY: no entry, or one in IKE_INIT that expires
# within the init timeout
init_or_gone() {
	[ -z "$1" ] && return 0
	[ "$1" = IKE_INIT ] &&
		[ "$(expiry_secs "${2:-9:99}")" -le "$ISAKMP_INIT_TIMEOUT" ]
}

# isakmp_established: how many entries became IKE_ESTAB, by any path
isakmp_established() {
	echo $(($(isakmp_counter established) + $(isakmp_counter server_confirmed) +
		$(isakmp_counter server_adopted) + $(isakmp_counter esp_confirmed) +
		$(isakmp_counter msgid_confirmed)))
}

# dr_backup_director NSERVERS: a second director "backup" on the DR farm's
# segment with the same service and ISAKMP entries, the sync daemon
# running on both (director master, backup backup)
dr_backup_director() {
	local r
	ns_add backup
	plug backup eth0 brc 192.0.2.2/24 2001:db8:c::2/64
	DIRECTOR=backup isakmp_on
	nsx backup ipvsadm -A -u "$VIP4:0" -s rr -p 600
	for r in $(seq 1 "$1"); do
		nsx backup ipvsadm -a -u "$VIP4:0" -r "$(rs_ip4_lan "$r"):0" -g
	done
	ipvs --start-daemon master --mcast-interface eth0 --syncid 7
	nsx backup ipvsadm --start-daemon backup --mcast-interface eth0 --syncid 7
}

# isakmp_farm_case MODE NCLIENTS PORTS: a farm with ISAKMP entries, every
# tunnel up through them
isakmp_farm_case() {
	local mode=$1 nc=$2 ports=$3 i
	ISAKMP=1 farm_up "$mode" "$nc" 2 || finish
	for i in $(seq 1 "$nc"); do
		tunnel_checks "$i" 2 "$ports"
		isakmp_entry_checks "$i" "$ports"
	done
	check "entries were opened as IKE_INIT ($(isakmp_counter new) new)" \
		test "$(isakmp_counter new)" -ge "$nc"
	check "and became established ($(isakmp_established))" \
		test "$(isakmp_established)" -ge "$nc"
	conns
	nsx "$DIRECTOR" cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
}
