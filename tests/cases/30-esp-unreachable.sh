# SPDX-License-Identifier: GPL-2.0-only
# ESP and AH from a client with no entry, and from a client whose entry is
# only IKE_INIT, are dropped by the director and answered with ICMP
# protocol unreachable (ICMPv6 parameter problem, unknown next header, with
# the pointer at the Next Header field); no real server sees any of it,
# raw or encapsulated. Both families, each with its ICMP rate limit. The
# INIT entry is gone after isakmp_init_timeout. DR mode here; MODE=nat
# (case 39) and MODE=tun (case 48) run the same steps.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=4
MODE=${MODE:-dr}

if [ "$MODE" = nat ]; then farm_nat 2 2; else farm_lan "$MODE" 2 2; fi
isakmp_on
ipvs -A -u "$VIP4:0" -s rr -p 600
ipvs -A -u "[$VIP6]:0" -s rr -p 600
for r in 1 2; do
	ipvs -a -u "$VIP4:0" -r "$(FAMILY=4 rip "$MODE" $r):0" "$FWD"
	ipvs -a -u "[$VIP6]:0" -r "$(FAMILY=6 rip "$MODE" $r):0" "$FWD"
done
# ESP or AH at a real server in any form: raw (NAT, DR), or inside IPIP
# or IPv6-in-IPv6 (TUN), seen on every interface (decapsulated too)
AT_SERVER='ip proto 50 or ip proto 51 or ip6 proto 50 or ip6 proto 51 or
	(ip proto 4 and (ip[29] == 50 or ip[29] == 51)) or
	(ip6 proto 41 and (ip6[46] == 50 or ip6[46] == 51))'
for r in 1 2; do
	capture_start "rs$r" any "rs$r" "$AT_SERVER" || finish
done
# exact counts first: the stack's ICMP rate limits are exercised below
nsx director sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
capture_start c1 eth0 icmp4 'icmp[icmptype] == 3 and icmp[icmpcode] == 2' || finish
capture_start c2 eth0 icmp6 'icmp6 and ip6[40] == 4 and ip6[41] == 1' || finish

# no entry at all
ikepkt c1 esp "$VIP4" --count 2
ikepkt c1 esp "$VIP4" --proto 51
ikepkt c2 esp "$VIP6" --count 2
ikepkt c2 esp "$VIP6" --proto 51

# an entry that is only IKE_INIT: a lone IKE_SA_INIT nobody answers
ikepkt c1 ike "$VIP4" --sport 500
ikepkt c2 ike "$VIP6" --sport 500
st4=$(conn_field 3 "$(client_ip4 1):500" "$VIP4:500")
ex4=$(conn_field 2 "$(client_ip4 1):500" "$VIP4:500")
st6=$(conn_field 3 "[$(client_ip6 2)]:500" "[$VIP6]:500")
check "a lone IKE_SA_INIT opens an IKE_INIT entry ($st4)" test "$st4" = IKE_INIT
check "IPv6 too ($st6)" test "$st6" = IKE_INIT
check "with the init timeout (expires in $ex4)" \
	test "$(expiry_secs "${ex4:-9:99}")" -le "$ISAKMP_INIT_TIMEOUT"
ikepkt c1 esp "$VIP4"
ikepkt c1 esp "$VIP4" --proto 51
ikepkt c2 esp "$VIP6"
ikepkt c2 esp "$VIP6" --proto 51

wait_for 5 "ICMP protocol unreachable at the client" \
	eval 'test "$(tcpdump -n -r "$LAB_TMP/icmp4.pcap" 2>/dev/null | wc -l)" -ge 5'
wait_for 5 "ICMPv6 parameter problem at the client" \
	eval 'test "$(tcpdump -n -r "$LAB_TMP/icmp6.pcap" 2>/dev/null | wc -l)" -ge 5'
n4=$(capture_count icmp4)
n6=$(capture_count icmp6)
capture_show icmp6 | head -n 4
check "IPv4: every refused packet answered ($n4 of 5)" test "$n4" -eq 5
check "IPv6: every refused packet answered ($n6 of 5)" test "$n6" -eq 5
check "ICMPv6 points at the Next Header field (octet 6)" \
	test "$(capture_show icmp6 | grep -c 'next header - octet 6')" -eq "$n6"
for r in 1 2; do
	n=$(capture_count "rs$r")
	check "real server $r saw no ESP or AH ($n)" test "$n" -eq 0
done
check "refusals counted ($(isakmp_counter esp_unestablished))" \
	test "$(isakmp_counter esp_unestablished)" -ge 10
check "ICMPs counted ($(isakmp_counter icmp_sent))" \
	test "$(isakmp_counter icmp_sent)" -ge 10

# the answers are rate-limited like any ICMP error of the host: per
# destination, one a second here. Each family's burst from the client that
# has had none of its ICMP yet: the other got its last one moments ago,
# and its whole burst could fall inside that second (seen once the case's
# own steps ran faster)
nsx director sysctl -qw net.ipv4.icmp_ratelimit=1000 net.ipv6.icmp.ratelimit=1000
for r in 1 2; do
	capture_start "rs$r" any "rs$r-burst" "$AT_SERVER" || finish
done
# burst FAMILY CLIENT VIP FILTER: 50 stray ESP, refused, answered at the limit
burst() {
	local fam=$1 c=$2 vip=$3 filter=$4 before n
	before=$(isakmp_counter esp_unestablished)
	capture_start "$c" eth0 "burst$fam" "$filter" || finish
	ikepkt "$c" esp "$vip" --count 50
	wait_for 5 "IPv$fam: the burst refused" \
		eval 'test "$(isakmp_counter esp_unestablished)" -ge $((before + 50))'
	wait_for 5 "IPv$fam: the burst answered" \
		eval 'test "$(tcpdump -n -r "$LAB_TMP/burst$fam.pcap" 2>/dev/null | wc -l)" -ge 1'
	n=$(capture_count "burst$fam")
	check "IPv$fam: a burst of 50 is answered at the rate limit ($n ICMPs)" \
		test "$n" -ge 1 -a "$n" -lt 50
}
burst 4 c2 "$VIP4" 'icmp[icmptype] == 3 and icmp[icmpcode] == 2'
burst 6 c1 "$VIP6" 'icmp6 and ip6[40] == 4 and ip6[41] == 1'
for r in 1 2; do
	n=$(capture_count "rs$r-burst")
	check "real server $r saw none of the bursts ($n)" test "$n" -eq 0
done

wait_for $((ISAKMP_INIT_TIMEOUT + 3)) "the IKE_INIT entry expires" \
	eval 'test -z "$(conn_field 3 "$(client_ip4 1):500" "$VIP4:500")"'
conns
finish
