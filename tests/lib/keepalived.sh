# SPDX-License-Identifier: GPL-2.0-only
# keepalived in the guest cases, driven by the configurations we ship in
# keepalived-conf/ exactly as shipped: only their documentation addresses,
# interface names and the probe's path are mapped to the lab's.

. "$LVS_ROOT/tests/lib/farm.sh"

KA_CONF_DIR=$LVS_ROOT/keepalived-conf
KA_SYSCTL=$KA_CONF_DIR/sysctl.d/60-lvs-ipsec.conf
# the IKE probe, as built by the tools (make tools)
KA_PROBE=${KA_PROBE:-$BUILD/tools/lvs-ike-probe}
KA_SHIPPED_PROBE=/usr/sbin/lvs-ike-probe

# The ISAKMP timeouts the shipped sysctl file sets, for the entry checks
ka_sysctl_value() { sed -n "s/^net\.ipv4\.vs\.$1 *= *//p" "$KA_SYSCTL"; }
ISAKMP_TIMEOUT=$(ka_sysctl_value isakmp_timeout)
ISAKMP_INIT_TIMEOUT=$(ka_sysctl_value isakmp_init_timeout)

# keepalived_conf SRC DEST FROM=TO...: copy the shipped file SRC (a name in
# keepalived-conf/) to DEST with each FROM (an address, interface name or
# path, matched as a whole word) replaced by TO, in one pass; fails when a
# FROM does not occur in SRC, so that a renamed placeholder cannot slip by
keepalived_conf() {
	local src=$KA_CONF_DIR/$1 dst=$2
	shift 2
	KA_MAP=$(printf '%s\n' "$@") perl -e '
		my %map;
		for (split /\n/, $ENV{KA_MAP}) {
			my ($k, $v) = split /=/, $_, 2;
			$map{$k} = $v if length $k;
		}
		local $/;
		my $text = <STDIN>;
		my %seen;
		if (%map) {
			my $alt = join "|", map { quotemeta }
				sort { length $b <=> length $a } keys %map;
			$text =~ s{(?<![\w.:-])($alt)(?![\w.:-])}
				{ $seen{$1} = 1; $map{$1} }ge;
		}
		for (sort keys %map) {
			next if $seen{$_};
			print STDERR "keepalived_conf: $_ not in $ARGV[0]\n";
			exit 1;
		}
		print $text;' "$src" <"$src" >"$dst"
}

# keepalived_sysctl NS: the shipped sysctl.d file, applied in NS
keepalived_sysctl() {
	nsx "$1" sysctl -q -p "$KA_SYSCTL"
}

ka_dir() { echo "$LAB_TMP/$1"; }

# phase TEXT: a progress line with the case's elapsed seconds, to see where
# the time goes under software emulation
phase() { echo "  [${SECONDS}s] $*"; }

# keepalived_start NS CONF [CONFIG-ID]: keepalived in NS on CONF, in the
# foreground of a background job, logging into $LAB_TMP/NS/keepalived.log
keepalived_start() {
	local ns=$1 conf=$2 id=${3:-} dir
	dir=$(ka_dir "$ns")
	nsx "$ns" keepalived -n -l -D -G -f "$conf" ${id:+-i "$id"} \
		-p "$dir/keepalived.pid" -r "$dir/vrrp.pid" -c "$dir/checkers.pid" \
		>>"$dir/keepalived.log" 2>&1 &
	wait_for 20 "keepalived up in $ns" test -s "$dir/keepalived.pid"
}

# keepalived_stop NS: stop keepalived in NS as its service manager would
# (SIGTERM), and wait until all its processes are gone
keepalived_stop() {
	local dir pid
	dir=$(ka_dir "$1")
	pid=$(cat "$dir/keepalived.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	wait_for 30 "keepalived in $1 stopped" eval "! kill -0 $pid"
	rm -f "$dir/keepalived.pid"
}

# swan_all CMD I...: "CMD I $VIP4" (swan_server, swan_client) for every I
# at once: charons start slowly under emulation, and in parallel
swan_all() {
	local cmd=$1 i pid pids=() rc=0
	shift
	for i in "$@"; do
		"$cmd" "$i" "$VIP4" &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
	[ "$rc" = 0 ] || fail "$cmd $*"
	return "$rc"
}

# ka_rs_line ADDR: the director's line for real server ADDR (ipvsadm -Ln)
ka_rs_line() { ipvs -Ln | awk -v a="$1:0" '$1 == "->" && $2 == a'; }
ka_rs_in() { [ -n "$(ka_rs_line "$1")" ]; }
ka_rs_out() { [ -z "$(ka_rs_line "$1")" ]; }

# ka_service_checks FORWARD NSERVERS: keepalived built the shipped
# service (port-0 UDP, wlc, persistent per IKE SA) with every real server, forwarding
# as FORWARD (Masq, Route, Tunnel)
ka_service_checks() {
	local fwd=$1 nr=$2 r line
	ipvs -Ln | sed 's/^/    /'
	check "keepalived built the service: UDP $VIP4:0 wlc persistent 600 pe ike" \
		grep -Eq "^UDP +$VIP4:0 +wlc +persistent 600 +pe ike" <<<"$(ipvs -Ln)"
	for r in $(seq 1 "$nr"); do
		line=$(ka_rs_line "$(rip "$KA_MODE" "$r")")
		check "real server rs$r in the service, forwarding $fwd" \
			test "$(awk '{ print $3 }' <<<"$line")" = "$fwd"
	done
	check "ISAKMP entries on, from the shipped sysctl file" \
		test "$(nsx "$DIRECTOR" sysctl -n net.ipv4.vs.isakmp)" = 1
}

# ka_need_probe: the probe the shipped configurations run must exist
ka_need_probe() {
	check "the IKE probe is built ($KA_PROBE; make tools)" test -x "$KA_PROBE" ||
		finish
}

# ka_farm_up MODE NCLIENTS NSERVERS CONF FROM=TO...: farm_up, but the
# director's IPVS service is the one keepalived builds from the shipped
# CONF (with the probe's path and FROM=TO mapped); the real servers'
# charons run before keepalived starts probing them
KA_MODE=nat
ka_farm_up() {
	local mode=$1 nc=$2 nr=$3 conf=$4 r i
	shift 4
	KA_MODE=$mode
	ka_need_probe
	if [ "$mode" = nat ]; then farm_nat "$nc" "$nr"; else farm_lan "$mode" "$nc" "$nr"; fi
	keepalived_sysctl "$DIRECTOR" || fail "shipped sysctl file applied"
	phase "topology up; starting the real servers' charons"
	swan_all swan_server $(seq 1 "$nr") || return 1
	keepalived_conf "$conf" "$(ka_dir "$DIRECTOR")/keepalived.conf" \
		"$KA_SHIPPED_PROBE=$KA_PROBE" "$@" || { fail "config $conf mapped"; return 1; }
	phase "starting keepalived"
	keepalived_start "$DIRECTOR" "$(ka_dir "$DIRECTOR")/keepalived.conf" || return 1
	for r in $(seq 1 "$nr"); do
		wait_for 60 "keepalived put rs$r in service" ka_rs_in "$(rip "$mode" "$r")" ||
			{ tail -n 30 "$(ka_dir "$DIRECTOR")/keepalived.log"; return 1; }
	done
	phase "starting the clients' charons"
	swan_all swan_client $(seq 1 "$nc") || return 1
	phase "farm up"
}

# ---- two directors -------------------------------------------------------

# ka_pair_nat NCLIENTS NSERVERS: director-pair.conf's network. Directors d1
# (192.0.2.2, 198.51.100.2) and d2 (.3, .3) on the client and the server
# segment; the VIP and the servers' gateway 198.51.100.1 are VRRP's to
# place. Clients reach the VIP on their segment; real servers route
# everything through the gateway.
ka_pair_nat() {
	local nc=$1 nr=$2 d n i
	lan_add brc
	lan_add brs
	for n in 1 2; do
		d=d$n
		ns_add "$d"
		router "$d"
		plug "$d" eth0 brc "192.0.2.$((n + 1))/24" "2001:db8:c::$((n + 1))/64"
		plug "$d" eth1 brs "198.51.100.$((n + 1))/24" "2001:db8:5::$((n + 1))/64"
		keepalived_sysctl "$d" || fail "shipped sysctl file applied in $d"
	done
	# (nobody holds 192.0.2.1 here: the clients reach the VIP on-link)
	nat_hosts "$nc" "$nr"
	for i in $(seq 1 "$nc"); do
		nsq "c$i" route add "$VIP4/32" dev eth0
	done
	KA_MODE=nat
}

# ka_holds NS ADDR: NS has ADDR on one of its interfaces (VRRP placed it)
ka_holds() { nsx "$1" ip -4 -o addr show | grep -q " inet $2/"; }

# ---- pings and their gaps --------------------------------------------------

# ping_start I: client I pings the farm's inner address through its tunnel
# every 0.2 s until the case ends, with a timestamp on each reply
ping_start() {
	nsx "c$1" ping -D -n -i 0.2 -W 1 -I "$(inner_client4 "$1")" "$INNER_RS4" \
		>"$LAB_TMP/c$1/ping.log" 2>&1 &
}

# ping_last I: the time of client I's latest reply (seconds, epoch)
ping_last() {
	sed -n 's/^\[\([0-9.]*\)\] .* bytes from .*/\1/p' "$LAB_TMP/c$1/ping.log" | tail -n 1
}

# ping_since I T: client I had a reply after time T
ping_since() { awk -v t="$2" -v l="$(ping_last "$1")" 'BEGIN { exit !(l > t) }'; }

# ping_gap I FROM TO: client I's longest time without replies between FROM
# and TO (epoch seconds), counting from FROM to the first reply after it
ping_gap() {
	sed -n 's/^\[\([0-9.]*\)\] .* bytes from .*/\1/p' "$LAB_TMP/c$1/ping.log" |
		awk -v from="$2" -v to="$3" '
			$1 <= from { prev = $1; next }
			$1 > to { exit }
			{ if (prev == "") prev = from
			  if ($1 - prev > max) max = $1 - prev
			  prev = $1 }
			END {
				if (prev == "") prev = from
				if (to - prev > max) max = to - prev
				printf "%.1f\n", max }'
}

# ka_lan_farm_case MODE FORWARD CONF FROM=TO...: a DR or TUN farm whose
# service keepalived builds from CONF; two clients' tunnels come up with
# raw ESP (no NAT on the path) on their IKE_ESTAB entries on port 500
ka_lan_farm_case() {
	local mode=$1 fwd=$2 conf=$3 i
	shift 3
	ka_farm_up "$mode" 2 3 "$conf" "$@" || finish
	ka_service_checks "$fwd" 3
	swan_up_all 1 2
	for i in 1 2; do
		tunnel_checks "$i" 3 "500 4500"
		isakmp_entry_checks "$i" "500 4500"
		check_not "client $i: raw ESP, not ESP-in-UDP" \
			grep -q encap <<<"$(nsx "c$i" ip xfrm state)"
	done
	conns
}
