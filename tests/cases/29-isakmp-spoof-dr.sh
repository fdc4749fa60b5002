# SPDX-License-Identifier: GPL-2.0-only
# timeout: 400
# DR mode, a master director with the sync daemon and a backup: a flood of
# spoofed IKE claims (random sources, random SPIs, random non-zero
# responder SPIs), each packet sent twice, to 500 and to 4500. A director
# that sees no replies cannot check a claim, and a blind spoofer repeating
# itself proves nothing: every such entry stays IKE_INIT with the init
# timeout, holds an INIT slot (the cap holds), and nothing is synced. Real
# strongSwan clients of the same farm still bring their tunnels up, and
# their entries reach IKE_ESTAB by their ESP or a later IKE message, and
# are synced.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=30	# the flood's entries are still there to be looked at
CAP=150 N=50	# room for the clients' openings next to the flood

ISAKMP=1 farm_up dr 2 2 || finish
# the strictest setting the sysctl offered
nsx director sysctl -qw net.ipv4.vs.isakmp_confirm_twice=1 \
	net.ipv4.vs.isakmp_init_max=$CAP net.ipv4.vs.isakmp_init_max_source=$CAP \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
dr_backup_director 2
capture_start director eth0 sync "udp port 8848" || finish
ns_add spoof
plug spoof eth0 brc 192.0.2.99/24 2001:db8:c::99/64
nsx spoof ip route add "$VIP4/32" dev eth0

for p in 500 4500; do
	ikepkt spoof flood "$VIP4" --sources 203.0.113.0/24 --dport $p \
		--exchange 35 --rcookie random --repeat 2 --count $N --seed $p
done
# the flood's entries, not the persistence templates (client port 0)
flood() { conns | awk '$4 ~ /^203\.0\.113\./ && $4 !~ /:0$/'; }
wait_for 5 "the flood's claims made entries" eval 'test "$(flood | wc -l)" -ge 10'
n=$(flood | wc -l)
estab=$(flood | grep -c IKE_ESTAB)
init=$(flood | grep -c IKE_INIT)
check "no spoofed claim sent twice is IKE_ESTAB ($estab of $n)" test "$estab" -eq 0
check "they are IKE_INIT ($init of $n)" test "$init" -eq "$n"
long=$(flood | awk '{ split($2, t, ":"); if (t[1] * 60 + t[2] > m) m = t[1] * 60 + t[2] } END { print m + 0 }')
check "with the init timeout (longest ${long}s <= ${ISAKMP_INIT_TIMEOUT}s)" \
	test "$long" -le "$ISAKMP_INIT_TIMEOUT"
ie=$(isakmp_counter init_entries)
check "they hold INIT slots within the cap ($ie <= $CAP, $n entries)" \
	test "$ie" -le "$CAP" -a "$n" -le "$CAP" -a "$ie" -ge "$n"
check "the repeats were seen as repeats ($(isakmp_counter claim_repeat))" \
	test "${n:-0}" -gt 0 -a "$(isakmp_counter claim_repeat)" -ge "$n"

# real clients in the same farm, with the flood's entries still there
for i in 1 2; do
	check "client $i: tunnel up" swan_up "$i"
	check "client $i: IPv4 ping through ESP" esp_ping "$i" v4
	st=$(conn_field 3 "$(client_ip4 "$i"):4500" "$VIP4:4500")
	check "client $i: its 4500 entry is IKE_ESTAB ($st)" test "$st" = IKE_ESTAB
	wait_for 10 "backup: client $i's 4500 entry synced as IKE_ESTAB" \
		eval 'test "$(DIRECTOR=backup conn_field 3 "$(client_ip4 $i):4500" "$VIP4:4500")" = IKE_ESTAB'
done
conf=$(($(isakmp_counter esp_confirmed) + $(isakmp_counter msgid_confirmed)))
check "the clients' claims were confirmed by ESP or a later message ($conf)" \
	test "$conf" -ge 2

check_not "backup: none of the flood's entries" grep -q ' 203\.0\.113\.' \
	<<<"$(DIRECTOR=backup conns)"
capture_count sync >/dev/null
python3 "$LVS_ROOT/tests/lib/syncmsg.py" "$LAB_TMP/sync.pcap" >"$LAB_TMP/sync.txt"
k=$(grep -c "caddr=203\.0\.113\." "$LAB_TMP/sync.txt")
check "no sync message carries a spoofed entry ($k)" test "$k" -eq 0
check "sync messages carry the clients' entries" \
	grep -q "caddr=$(client_ip4 1) cport=4500 vport=4500 " "$LAB_TMP/sync.txt"
flood | head -5
conns | grep -v ' 203\.0\.113\.'
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
