# SPDX-License-Identifier: GPL-2.0-only
# Persistence templates are not ISAKMP entries. With the ISAKMP feature
# off, a persistent NAT UDP service (the recommended port-0 one) behaves
# as stock: templates become ASSURED on the master once the real servers
# answer, are synced as ASSURED (state 1) with no ISAKMP parameter (a
# stock backup reads the same bytes as from a stock master), and the
# backup's templates are ASSURED too, so that a failover keeps them as
# long as stock would. An ASSURED template's state (1) once looked like
# an ISAKMP state and was sent as state 0 with the ISAKMP parameter.
. "$LVS_ROOT/tests/lib/farm.sh"

farm_up nat 2 2 || finish
check "the feature is off" \
	test "$(nsx director sysctl -n net.ipv4.vs.isakmp)" = 0
ns_add backup
plug backup eth0 brc 192.0.2.2/24 2001:db8:c::2/64
plug backup eth1 brs 198.51.100.2/24 2001:db8:5::2/64
DIRECTOR=backup ipvs -A -u "$VIP4:0" -s rr -p 600
for r in 1 2; do
	DIRECTOR=backup ipvs -a -u "$VIP4:0" -r "$(rs_ip4_nat "$r"):0" -m
done
ipvs --start-daemon master --mcast-interface eth0 --syncid 9
DIRECTOR=backup ipvs --start-daemon backup --mcast-interface eth0 --syncid 9
capture_start director eth0 sync "udp port 8848"

# tpl_state I: the state of client I's template (port 0) as ipvsadm shows it
tpl_state() { conn_field 3 "$(client_ip4 "$1"):0" "$VIP4:0"; }

for i in 1 2; do
	check "client $i: tunnel up" swan_up "$i"
	# pings make the client's entries pass the sync threshold again,
	# with its template now assured
	check "client $i: ping through ESP" esp_ping "$i" v4 5
	check "master: client $i's template is ASSURED ($(tpl_state "$i"))" \
		test "$(tpl_state "$i")" = ASSURED
done
for i in 1 2; do
	wait_for 10 "backup: client $i's template synced" \
		eval 'test -n "$(DIRECTOR=backup tpl_state '"$i"')"'
	st=$(DIRECTOR=backup tpl_state "$i")
	check "backup: client $i's template is ASSURED as on the master (${st:-none})" \
		test "$st" = ASSURED
done
DIRECTOR=backup conns

capture_count sync >/dev/null
python3 "$LVS_ROOT/tests/lib/syncmsg.py" "$LAB_TMP/sync.pcap" >"$LAB_TMP/sync.txt"
sed 's/^/    /' "$LAB_TMP/sync.txt" | sort -u
check "sync messages were sent" test -s "$LAB_TMP/sync.txt"
check_not "no sync message carries the ISAKMP parameter (type 4)" \
	grep -q "opts=.*0x44/" "$LAB_TMP/sync.txt"
for i in 1 2; do
	tpl=$(grep "caddr=$(client_ip4 "$i") cport=0 vport=0 " "$LAB_TMP/sync.txt" | tail -n 1)
	check "the last sync message of client $i's template: state 1 (ASSURED), no parameter (${tpl:-none})" \
		grep -q " state=1 .*opts=-$" <<<"$tpl"
done
# stock sends bits 0-16 only (16: conntrack); ours are kernel-only
check_not "no sync message carries a kernel-only flag (bits 17 and up)" \
	grep -v "flags=0x000[01]" "$LAB_TMP/sync.txt"
finish
