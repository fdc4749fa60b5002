# SPDX-License-Identifier: GPL-2.0-only
# timeout: 900
# Twenty new clients behind one NAT address connect (NAT mode, "-p 600
# --pe ike", three real servers) while the fastest spoofed flood of
# IKE_SA_INIT the guest can generate comes from random sources, and two
# direct clients' tunnels are up: at least 19 of the 20 come up within
# their normal retries (strongSwan gives up 165 s after its first try),
# and the established tunnels lose nothing (same IKE SA, IKE_ESTAB
# entries, no ping lost).
#
# The flood runs at the lowest priority (SCHED_IDLE): the attacker is
# another machine, and the guest's one vCPU must still run the real
# peers; it takes all the CPU they leave, which is the fastest flood the
# guest generates beside them. Its rate is printed. The guest reaches
# about a thousand openings per second, a sixteenth of the rates at
# which the default caps refuse everyone (issue 14: init_max fills at
# about 6.6k/s), so isakmp_init_max is scaled to a sixteenth (4096).
# isakmp_init_timeout stays 10 s, above the clients' first retransmission
# interval (4 s), and isakmp_init_max_source stays 32: the twenty clients
# share one NAT address and need up to two INIT entries each (the opening
# on 500, the claim on 4500), which a sixteenth of the per-source cap
# would refuse whatever the flood does.
#
# Without flood lifetimes (before issue 14, item 3) the flood held all
# 4096 slots and every opening beyond them was refused (init_cap): on
# dbc787d no client came up (0 of 20 after 40 s; the full 165 s did not
# fit the host's wall-clock limit under this flood), while the refused
# flood ran at 53000 pkt/s.
. "$LVS_ROOT/tests/lib/cgnat.sh"
FAMILY=4
ISAKMP_INIT_TIMEOUT=10
CAP=4096 FLOOD_SRC=198.19.0.0/16 GIVE_UP=165

cgnat_natted_up() {
	swan_sas cn | grep -c 'INSTALLED, TUNNEL'
}
cgnat_direct_up() {
	test "$(swan_sas cd | grep -c 'INSTALLED, TUNNEL')" -eq "$CGNAT_ND"
}
# openings the director saw: admitted or refused by a cap
openings() {
	nsx "$DIRECTOR" awk '$1 == "new" || $1 == "new_claimed" ||
		$1 == "init_cap" || $1 == "source_cap" { n += $2 }
		END { print n + 0 }' /proc/net/ip_vs_isakmp
}
# the flood sent as many openings as the cap holds: at a fixed INIT
# timeout it holds them all now
flood_filled() { test "$(openings)" -ge "$CAP"; }
now_us() { echo "${EPOCHREALTIME/./}"; }

# the farm and the direct clients, as cgnat_farm builds them, but the
# NATed clients' charon starts only once the flood runs
farm_nat 0 "$CGNAT_NR"
isakmp_on
ipvs -A -u "$(vip):0" -s rr -p 600 --pe ike
for r in $(seq 1 "$CGNAT_NR"); do
	ipvs -a -u "$(vip):0" -r "$(rip nat "$r"):0" "$FWD"
done
for r in $(seq 1 "$CGNAT_NR"); do swan_server "$r" || finish; done
cgnat_router nat
cgnat_hosts cn brn cgnat_private4 cgnat_private6 $(cgnat_natted)
nsx cn ip route add default via 100.64.0.1
nsx cn ip -6 route add default via 2001:db8:64::1
cgnat_hosts cd brc client_ip4 client_ip6 $(cgnat_direct)
cgnat_routes cd nat
cgnat_clients cd $(cgnat_direct) || finish
wait_for 60 "the $CGNAT_ND direct tunnels up before the flood" cgnat_direct_up ||
	finish
spis_before=$(cgnat_spis cd)
nsx "$DIRECTOR" sysctl -qw net.ipv4.vs.isakmp_init_max=$CAP \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0

# the flood, from the direct clients' namespace on the client segment
log "flood: lvs-ike-flood from $FLOOD_SRC at SCHED_IDLE"
ip netns exec cd chrt -i 0 "$BUILD/tools/lvs-ike-flood" "$VIP4" --sources "$FLOOD_SRC" \
	--seconds 600 --json >"$LAB_TMP/flood.json" 2>"$LAB_TMP/flood.err" &
flood=$!
( while :; do
	nsx "$DIRECTOR" awk '$1 == "init_entries" || $1 == "init_lifetime_ms" {
		printf "%s ", $2 } END { print "" }' /proc/net/ip_vs_isakmp
	nap 0.5
done ) >"$LAB_TMP/samples" &
sampler=$!
f0=$(now_us)
wait_for 60 "the flood sends $CAP openings" flood_filled
t0=$(now_us) o0=$(openings)
fill=$(((t0 - f0) / 1000))
at_start=$(nsx "$DIRECTOR" awk '$1 == "init_entries" || $1 == "init_lifetime_ms" {
	printf "%s %s ", $1, $2 }' /proc/net/ip_vs_isakmp)

# the established tunnels carry a ping a second meanwhile, each one
# answered or lost before the next
pings=()
for k in $(cgnat_direct); do
	( while [ ! -e "$LAB_TMP/pings.stop" ]; do
		if nsx cd ping -c 1 -W 5 -I "$(inner_client4 "$k")" "$INNER_RS4" \
			>/dev/null 2>&1; then echo ok; else echo lost; fi
		nap 1
	done ) >"$LAB_TMP/ping$k" &
	pings+=($!)
done

# the twenty new clients: one charon, each initiating once loaded
start=$(now_us)
cgnat_clients cn $(cgnat_natted)
end=$((start + GIVE_UP * 1000000))
while [ "$(cgnat_natted_up)" -lt "$CGNAT_NN" ] && [ "$(now_us)" -lt "$end" ]; do
	nap 0.5
done
up=$(cgnat_natted_up)
took=$((($(now_us) - start) / 1000000))
# the flood goes on for an INIT timeout at least: clients that came up at
# once (the flood had not filled the cap yet) hold their tunnels under
# it, the rate below is the flood's and not that of the clients' start,
# and the established tunnels carry some pings
hold=$((start + ISAKMP_INIT_TIMEOUT * 1000000))
while [ "$(now_us)" -lt "$hold" ]; do nap 0.5; done
o1=$(openings) t1=$(now_us)
kill -TERM "$flood" 2>/dev/null
wait "$flood"
kill "$sampler" 2>/dev/null
touch "$LAB_TMP/pings.stop"
wait "${pings[@]}"

rate=$(json_value pps <"$LAB_TMP/flood.json" 2>/dev/null || echo 0)
rate=${rate%.*}
seen=$(((o1 - o0) * 1000000 / (t1 - t0 + 1)))
peak=$(awk '{ print $1 }' "$LAB_TMP/samples" | sort -n | tail -n 1)
shortest=$(awk 'NF > 1 { print $2 }' "$LAB_TMP/samples" | sort -n | head -n 1)
log "flood: $(cat "$LAB_TMP/flood.json") $(cat "$LAB_TMP/flood.err")"
log "when the clients started, after $CAP openings in ${fill} ms: ${at_start:-}"
log "figures: flood ${rate} pkt/s sent, ${seen} openings/s seen by the director" \
	"while the clients connected; INIT entries peak ${peak:-?} (cap $CAP)," \
	"shortest INIT lifetime ${shortest:-n/a} ms; $up of $CGNAT_NN new clients up" \
	"after ${took}s"
log "counters: $(isakmp_nonzero)"
# the test means something only if the flood could fill the cap at a
# fixed timeout: CAP openings within isakmp_init_timeout
check "the flood sent $CAP openings within isakmp_init_timeout (${fill} ms)" \
	test "$fill" -lt $((ISAKMP_INIT_TIMEOUT * 1000))
check "the director saw at least $((CAP / ISAKMP_INIT_TIMEOUT)) openings/s while the clients connected and held ($seen)" \
	test "$seen" -ge $((CAP / ISAKMP_INIT_TIMEOUT))
check "at least $((CGNAT_NN - 1)) of the $CGNAT_NN new clients up within ${GIVE_UP}s ($up)" \
	test "$up" -ge $((CGNAT_NN - 1))
if [ "$up" -lt "$CGNAT_NN" ]; then
	log "the end of the clients' charon log:"
	tail -n 20 "$(swan_dir cn)/charon.log" | sed 's/^/    /'
fi

# the established tunnels lost nothing; their entries are listed once the
# flood's have expired (a listing among expiring entries can skip some:
# on 28b4965 one in CI missed both 4500 entries while pings crossed them)
check "the direct clients kept their IKE SAs" test "$(cgnat_spis cd)" = "$spis_before"
check "the new clients kept theirs ($(cgnat_natted_up) up)" test "$(cgnat_natted_up)" -ge "$up"
wait_for $((ISAKMP_INIT_TIMEOUT + 3)) "the flood's INIT entries gone" no_init_entries
table=$(conns)
for k in $(cgnat_direct); do
	read -r st dest <<<"$(cgnat_entry "$k" 4500 "$table")"
	check "client $k: its 4500 entry still IKE_ESTAB ($st)" test "$st" = IKE_ESTAB
	sent=$(wc -l <"$LAB_TMP/ping$k")
	lost=$(grep -c lost "$LAB_TMP/ping$k")
	check "client $k: no ping lost through its tunnel during the flood ($lost of $sent)" \
		test "$sent" -gt 0 -a "$lost" -eq 0
done
finish
