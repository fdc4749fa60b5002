# SPDX-License-Identifier: GPL-2.0-only
# timeout: 400
# NAT mode: a blind spoofer on the client segment sends, once a second and
# from before the client initiates, IKE_SA_INIT openings with random SPIs
# from the client's own address and ports (CIP:500 -> VIP:500 and
# CIP:4500 -> VIP:4500). The openings must not displace the exchange the
# real server answered, nor the claim of the client's IKE_AUTH on 4500:
# the real client's tunnel comes up within its normal retries, carries
# pings through ESP, its 4500 entry is IKE_ESTAB, and the counters show
# that the spoofs were seen (and passed without effect).
. "$LVS_ROOT/tests/lib/farm.sh"

ISAKMP=1 farm_up nat 1 2 || finish
cip=$(client_ip4 1)
ns_add spoof
plug spoof eth0 brc 192.0.2.99/24 2001:db8:c::99/64
nsx spoof ip route add default via 192.0.2.1
# the spoofer sends from an address it does not hold, the client's
# (ikepkt --raw binds it with IP_TRANSPARENT)
for p in 500 4500; do
	ikepkt spoof ike "$VIP4" --raw --src "$cip" --sport $p --dport $p \
		--interval 1 --count 100000 --progress "$LAB_TMP/spoofs$p" &
done
sent() { echo $(($(cat "$LAB_TMP/spoofs500" 2>/dev/null || echo 0) +
	$(cat "$LAB_TMP/spoofs4500" 2>/dev/null || echo 0))); }
wait_for 10 "the spoofer's openings made entries on 500 and 4500" \
	eval 'test -n "$(conn_field 3 "$cip:500" "$VIP4:500")" -a -n "$(conn_field 3 "$cip:4500" "$VIP4:4500")"'
wait_for 10 "the spoofer keeps sending" eval 'test "$(sent)" -ge 6'
conns

check "client 1: tunnel up despite the spoofer" swan_up 1 120
check "client 1: IPv4 ping through ESP" esp_ping 1 v4
st=$(conn_field 3 "$cip:4500" "$VIP4:4500")
check "client 1: the 4500 entry is IKE_ESTAB ($st)" test "$st" = IKE_ESTAB
# every spoofed opening lands in one of these: a new entry, a restart of
# an unanswered one, one that passes an answered exchange or a claim by
# (open_other), a new SA on the established entry
seen() { echo $(($(isakmp_counter new) + $(isakmp_counter restart) +
	$(isakmp_counter open_other) + $(isakmp_counter new_sa))); }
wait_for 30 "the spoofer keeps sending, and the director sees it" \
	eval 'test "$(sent)" -ge 12 -a "$(seen)" -ge 10'
others=$(isakmp_counter open_other)
check "openings passed an exchange under way without effect (open_other $others)" \
	test "${others:-0}" -ge 1
st=$(conn_field 3 "$cip:4500" "$VIP4:4500")
check "client 1: the 4500 entry is still IKE_ESTAB ($st)" test "$st" = IKE_ESTAB
check "still pinging with the spoofer at work" esp_ping 1 v4
conns
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
