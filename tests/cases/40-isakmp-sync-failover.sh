# SPDX-License-Identifier: GPL-2.0-only
# Two directors with the IPVS sync daemon (DR mode): the backup learns the
# clients' established ISAKMP entries, with their state and timeout, and
# none of the INIT ones; after the master dies and the backup takes the
# VIP, every tunnel keeps passing ESP to the same real server with the
# same IKE SA (no new negotiation).
. "$LVS_ROOT/tests/lib/farm.sh"

ISAKMP=1 farm_up dr 2 2 || finish
dr_backup_director 2
# the master's sync messages, to read what an unpatched backup would get
capture_start director eth0 sync "udp port 8848"

declare -A rs spis
for i in 1 2; do
	check "client $i: tunnel up" swan_up "$i"
	# DR: the director sees no reply, so the client's claim is confirmed
	# (IKE_ESTAB, synced) by its first ESP, as for any tunnel in use
	check "client $i: ping through ESP on the master" esp_ping "$i" v4
	rs[$i]=$(rs_holding_client "$i" 2)
	spis[$i]=$(swan_ike_spis "c$i")
done
# an exchange nobody completes: INIT on the master, never on the backup.
# Sent five times (retransmissions: one entry), since stock sync sends a
# UDP entry only at its sync_threshold'th packet (3): one packet would
# prove nothing about the INIT guard.
ikepkt c2 ike "$VIP4" --sport 40500 --count 5
check "the master holds a lone IKE_INIT entry" \
	test "$(conn_field 3 "$(client_ip4 2):40500" "$VIP4:500")" = IKE_INIT
check "its five packets reached the master's entry ($(isakmp_counter retransmit) retransmits)" \
	test "$(isakmp_counter retransmit)" -ge 4

for i in 1 2; do
	wait_for 10 "backup: client $i's 4500 entry synced as IKE_ESTAB" \
		eval 'test "$(DIRECTOR=backup conn_field 3 "$(client_ip4 $i):4500" "$VIP4:4500")" = IKE_ESTAB'
	ex=$(DIRECTOR=backup conn_field 2 "$(client_ip4 "$i"):4500" "$VIP4:4500")
	check "backup: client $i's entry keeps the established timeout ($ex)" \
		test "$(expiry_secs "${ex:-0:0}")" -gt $((ISAKMP_TIMEOUT - 120))
	dest=$(DIRECTOR=backup conn_dest "$(client_ip4 "$i"):4500" "$VIP4:4500")
	check "backup: client $i's entry leads to rs${rs[$i]} ($dest)" \
		test "$(rs_index_of "$dest")" = "${rs[$i]}"
done
listing=$(DIRECTOR=backup conns)
check "backup: its listing holds the two established entries" \
	test "$(grep -c IKE_ESTAB <<<"$listing")" -ge 2
check_not "backup: and no IKE_INIT entry was synced" grep -q IKE_INIT <<<"$listing"
# (a synced INIT entry would not show as IKE_INIT there: the backup
# refuses its ISAKMP part, sync_refused, and keeps it as plain UDP)
check_not "backup: nor any entry of the lone opening" grep -q ":40500 " <<<"$listing"

# On the wire: the fixed part of an ISAKMP entry says plain UDP (state 0,
# NORMAL), and the cookies follow in parameter 4 with the optional bit
# (IPVS_OPT_F_PARAM, 0x40) that makes an unpatched backup skip it: a patched master never
# breaks a stock backup.
capture_count sync >/dev/null
python3 "$LVS_ROOT/tests/lib/syncmsg.py" "$LAB_TMP/sync.pcap" >"$LAB_TMP/sync.txt"
sed 's/^/    /' "$LAB_TMP/sync.txt" | sort -u
for i in 1 2; do
	line=$(grep -m1 "caddr=$(client_ip4 "$i") cport=4500 vport=4500 " "$LAB_TMP/sync.txt")
	check "sync message for client $i's 4500 entry: plain UDP state, ISAKMP part optional (${line:-none})" \
		grep -q "proto=17 .* state=0 .*opts=0x44/18" <<<"$line"
done
check_not "no sync message for the lone opening" grep -q "cport=40500 " "$LAB_TMP/sync.txt"
check_not "no sync message carries a kernel-only flag (bits 17 and up)" \
	grep -v "flags=0x000[01]" "$LAB_TMP/sync.txt"
DIRECTOR=backup conns

# the master dies; the backup takes the VIP (the clients' neighbour
# entries are flushed, as a VRRP gratuitous ARP would update them)
nsx director ip link set eth0 down
nsx backup ip addr add "$VIP4/32" dev eth0
for i in 1 2; do nsx "c$i" ip neigh flush dev eth0; done
# packets the backup's service forwarded (raw ESP counts there, on the
# entry it follows); the kernel sums them every 2 s
in_pkts() {
	DIRECTOR=backup ipvs -Ln --stats --exact |
		awk -v v="$VIP4:0" '$1 == "UDP" && $2 == v { print $4 }'
}
esp_before=$(in_pkts)
for i in 1 2; do
	check "client $i: ESP passes through the backup" esp_ping "$i" v4 5
	check "client $i: still on rs${rs[$i]}" \
		test "$(rs_holding_client "$i" 2)" = "${rs[$i]}"
	check "client $i: same IKE SA, no new negotiation (${spis[$i]})" \
		test "$(swan_ike_spis "c$i")" = "${spis[$i]}"
done
wait_for 10 "the backup's statistics caught up" \
	eval 'test "$(in_pkts)" -ge $((${esp_before:-0} + 10))'
check "the backup forwarded the pings' ESP, 10 packets ($esp_before -> $(in_pkts))" \
	test "$(in_pkts)" -ge $((${esp_before:-0} + 10))
finish
