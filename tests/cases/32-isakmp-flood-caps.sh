# SPDX-License-Identifier: GPL-2.0-only
# A spoofed fake-IKE flood (IKE_SA_INIT from random addresses) against a
# NAT farm with two tunnels up and pinging: INIT entries never pass the
# netns cap, one source never passes its own cap, both refusals are
# counted, INIT entries are not active connections for the scheduler,
# the tunnels lose no ping and keep their IKE SAs, and the INIT entries
# are gone within isakmp_init_timeout once the flood stops.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=4
CAP=100 CAP_SRC=4

ISAKMP=1 farm_up nat 2 2 || finish
nsx director sysctl -qw net.ipv4.vs.isakmp_init_max=$CAP \
	net.ipv4.vs.isakmp_init_max_source=$CAP_SRC \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
declare -A spis
for i in 1 2; do
	check "client $i: tunnel up" swan_up "$i"
	spis[$i]=$(swan_ike_spis "c$i")
done
# objects of the conn slab (SLUB may merge it with caches of its size,
# whose objects then count too)
slab() { cut -d' ' -f1 /sys/kernel/slab/ip_vs_conn/objects; }
init_entries() { isakmp_counter init_entries; }
no_init_entries() { test "$(init_entries)" -eq 0; }
mem_before=$(slab)

# sample the INIT gauge while the flood runs
( while :; do init_entries; sleep 0.05; done ) >"$LAB_TMP/init.samples" &
sampler=$!
pings=()
for i in 1 2; do
	esp_ping "$i" v4 40 >"$LAB_TMP/ping$i.log" 2>&1 &
	pings+=($!)
done
start=$(date +%s.%N)
ikepkt c2 flood "$VIP4" --sources 203.0.113.77/32 --count 50 --seed 2
ikepkt c2 flood "$VIP4" --sources 203.0.113.0/24 --count 3000
secs=$(awk "BEGIN { print $(date +%s.%N) - $start }")
mem_during=$(slab)
active=$(ipvs -Ln | awk '$1 == "->" && $2 ~ /:/ { n += $5 } END { print n + 0 }')
estab=$(conns | grep -c IKE_ESTAB)
init_now=$(init_entries)
wait "${pings[@]}"
kill "$sampler" 2>/dev/null
peak=$(sort -n "$LAB_TMP/init.samples" | tail -n 1)
log "flood: 3050 packets in ${secs}s; INIT entries peak $peak (cap $CAP);" \
	"ip_vs_conn slab objects ${mem_before} -> ${mem_during}"
check "INIT entries never above the cap ($peak <= $CAP)" test "$peak" -le $CAP
check "the flood filled the cap ($init_now INIT entries)" test "$init_now" -ge $((CAP / 2))
check "openings refused at the netns cap ($(isakmp_counter init_cap))" \
	test "$(isakmp_counter init_cap)" -gt 0
check "openings refused at the source cap ($(isakmp_counter source_cap))" \
	test "$(isakmp_counter source_cap)" -ge $((50 - CAP_SRC))
check "INIT entries are not active connections ($active active, $estab established)" \
	test "$active" -le "$estab"
for i in 1 2; do
	loss=$(sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' "$LAB_TMP/ping$i.log")
	check "client $i: no ping lost during the flood (${loss:-?}% loss)" test "${loss:-x}" = 0
	check "client $i: same IKE SA" test "$(swan_ike_spis "c$i")" = "${spis[$i]}"
done
wait_for $((ISAKMP_INIT_TIMEOUT + 3)) "INIT entries gone after the flood" \
	no_init_entries
log "entries after the flood: $(conns | wc -l)"
# SLUB keeps freed objects in per-CPU slabs until asked to shrink; conns
# are freed after an RCU grace period, so poll
slab_returned() {
	echo 1 >/sys/kernel/slab/ip_vs_conn/shrink
	test $(($(slab) - mem_before)) -le 64
}
# an INIT entry from a new source costs a conn and its persistence
# template; both go when the exchange is abandoned
check "conn memory bounded by the cap ($mem_before -> $mem_during objects)" \
	test $((mem_during - mem_before)) -le $((2 * CAP + 64))
wait_for 10 "conn memory returned after the flood" slab_returned &&
	log "ip_vs_conn slab objects after: $(slab)"
check "established entries survived ($(conns | grep -c IKE_ESTAB))" \
	test "$(conns | grep -c IKE_ESTAB)" -ge 2
finish
