# SPDX-License-Identifier: GPL-2.0-only
# A VPN farm behind the director, as the baseline cases and the demo build
# it: strongSwan real servers behind one persistent service, strongSwan
# clients bringing their tunnels up through the VIP.

. "$LVS_ROOT/tests/lib/lab.sh"
. "$LVS_ROOT/tests/lib/swan.sh"
. "$LVS_ROOT/tests/lib/libreswan.sh"

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
# service (IKE on 500 and 4500 of a client stays on one server), charons;
# the clients LIBRESWAN_CLIENTS lists (numbers) run libreswan's pluto
# instead (tests/lib/libreswan.sh)
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
		if [[ " ${LIBRESWAN_CLIENTS:-} " == *" $i "* ]]; then
			lsw_client "$i" "$(vip | tr -d '[]')" || return 1
		else
			swan_client "$i" "$(vip | tr -d '[]')" || return 1
		fi
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
	# IKEv1's quick mode negotiates one pair of selectors, the first
	# (IPv4): its tunnels carry no IPv6
	[ "$SWAN_VERSION" = 1 ] ||
		check "client $i: IPv6 ping through ESP" esp_ping "$i" v6
	after=$(esp_packets "c$i")
	check "client $i: ESP SAs counted the pings ($before -> $after)" \
		test "$after" -ge "$((before + (SWAN_VERSION == 1 ? 6 : 12)))"
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

# isakmp_nonzero: the director's nonzero ISAKMP counters, on one line
isakmp_nonzero() {
	nsx "$DIRECTOR" awk '$2 != 0 { printf "%s%s %s", sep, $1, $2; sep = " " }
		END { print "" }' /proc/net/ip_vs_isakmp
}

# no_init_entries: no IKE_INIT entry is left. Read the table after a flood
# only then: /proc/net/ip_vs_conn (ipvsadm -Lnc) is read a page at a time,
# and every entry that expires between two pages shifts the rest, so a
# listing taken while a flood's entries expire can skip any other entry.
no_init_entries() { test "$(isakmp_counter init_entries)" -eq 0; }

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
# init timeout or already gone. IKEv1 leaves none behind: main mode's
# second exchange, which the server's reply confirms, runs on 500 before
# NAT-T floats it to 4500, so its entries on both ports are established.
isakmp_entry_checks() {
	local i=$1 ports=$2 sa_port=${2##* } port st ex
	[ "$SWAN_VERSION" = 1 ] && sa_port=
	for port in $ports; do
		# one read of the table: an INIT entry may expire in between
		read -r st ex <<<"$(conns | awk -v s="$(cip "$i"):$port" \
			-v v="$(vip):$port" '$4 == s && $5 == v { print $3, $2; exit }')"
		if [ -n "$sa_port" ] && [ "$port" != "$sa_port" ]; then
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

# isakmp_mode_checks MODE NCLIENTS: the entries became established the way
# MODE allows. NAT: the director sees the servers' replies, and only a
# server's protected reply confirms a client's claim; DR and TUN: it sees
# no reply, and the client's next message or ESP confirms the claim. A
# NAT director that began trusting claims alone, as DR must, fails here.
isakmp_mode_checks() {
	local mode=$1 nc=$2 by_server by_client
	by_server=$(($(isakmp_counter server_confirmed) + $(isakmp_counter server_adopted) +
		$(isakmp_counter established)))
	by_client=$(($(isakmp_counter esp_confirmed) + $(isakmp_counter msgid_confirmed)))
	if [ "$mode" = nat ]; then
		check "NAT: the servers' replies established the entries ($by_server)" \
			test "$by_server" -ge "$nc"
		check "NAT: no claim was established by the client alone ($by_client)" \
			test "$by_client" -eq 0
	else
		check "$mode: the clients' next messages established their claims ($by_client)" \
			test "$by_client" -ge "$nc"
		check "$mode: the director saw no server reply ($(isakmp_counter server) server, $by_server)" \
			test "$(isakmp_counter server)" -eq 0 -a "$by_server" -eq 0
	fi
}

# ah_checks MODE I NSERVERS: raw AH from client I, whose entries are
# established: refused in NAT mode (the address rewrite would break its
# ICV), passed to the client's own server in DR and TUN (seen there
# decapsulated, on any interface)
ah_checks() {
	local mode=$1 i=$2 nr=$3 r mine n all=0 before
	mine=$(rs_holding_client "$i" "$nr")
	for r in $(seq 1 "$nr"); do
		capture_start "rs$r" any "ah$r" 'ip proto 51 or ip6 proto 51' || return
	done
	before=$(isakmp_counter ah_nat_refused)
	ikepkt "c$i" esp "$(vip | tr -d '[]')" --proto 51 --count 3
	if [ "$mode" = nat ]; then
		wait_for 5 "client $i: its AH refused" \
			eval 'test "$(isakmp_counter ah_nat_refused)" -ge $((before + 3))'
	else
		wait_for 5 "client $i: its AH at rs${mine:-?}" \
			eval 'test "$(tcpdump -n -r "$LAB_TMP/ah${mine:-1}.pcap" 2>/dev/null | wc -l)" -ge 3'
	fi
	for r in $(seq 1 "$nr"); do
		n=$(capture_count "ah$r")
		all=$((all + n))
		[ "$mode" != nat ] && [ "$r" = "$mine" ] &&
			check "client $i: its AH reached its server rs$r ($n of 3)" test "$n" -eq 3
	done
	if [ "$mode" = nat ]; then
		check "client $i: AH refused in NAT mode (ah_nat_refused $before -> $(isakmp_counter ah_nat_refused)), none at a server ($all)" \
			test "$(isakmp_counter ah_nat_refused)" -ge $((before + 3)) -a "$all" -eq 0
	else
		check "client $i: no AH at another server ($((all - 3)))" test "$all" -eq 3
	fi
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
	ah_checks "$mode" 1 2
	check "entries were opened as IKE_INIT ($(isakmp_counter new) new)" \
		test "$(isakmp_counter new)" -ge "$nc"
	isakmp_mode_checks "$mode" "$nc"
	conns
	nsx "$DIRECTOR" cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
}
