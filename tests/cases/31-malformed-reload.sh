# SPDX-License-Identifier: GPL-2.0-only
# Junk on UDP 500 and 4500 (random bytes, truncated headers, length fields
# beyond the datagram, stray keepalives) is dropped and counted without
# costing an entry, and a real client's tunnel still comes up. Then the
# module set is reloaded with live entries, and a director namespace with
# live entries is deleted: no oops (the runner fails the case on any
# BUG/WARNING/Oops in dmesg).
. "$LVS_ROOT/tests/lib/farm.sh"

ISAKMP=1 farm_up nat 2 2 || finish
# what reaches a server from the junk's ports (40000-40005), and from one
# well-formed opening (40009) that shows the capture works
for r in 1 2; do
	capture_start "rs$r" eth0 "rs$r" 'udp and src portrange 40000-40009' || finish
done
drops_before=$(nsx director awk '{ n += $2 } END { print n }' /proc/net/ip_vs_isakmp)
for port in 500 4500; do
	ikepkt c2 junk "$VIP4" --dport $port --sport 40000 --count 200 --seed $port
	ikepkt c2 junk "$VIP4" --dport $port --sport 40001 --count 100 --kind truncated
	ikepkt c2 junk "$VIP4" --dport $port --sport 40002 --count 100 --kind biglen
	ikepkt c2 junk "$VIP6" --dport $port --sport 40003 --count 100 --seed 7
done
ikepkt c2 junk "$VIP4" --dport 500 --sport 40004 --count 10 --kind keepalive
ikepkt c2 junk "$VIP4" --dport 4500 --sport 40005 --count 10 --kind keepalive
ikepkt c2 ike "$VIP4" --sport 40009
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
for r in short length version runt; do
	check "drops counted as $r ($(isakmp_counter $r))" test "$(isakmp_counter $r)" -gt 0
done
check "stray keepalives dropped ($(isakmp_counter keepalive_early))" \
	test "$(isakmp_counter keepalive_early)" -ge 10
listing=$(conns)
check "the well-formed opening got its entry" \
	grep -q " $(client_ip4 2):40009 " <<<"$listing"
check_not "no entry was created for junk, IPv4 or IPv6" \
	grep -E -q "($(client_ip4 2)|\[$(client_ip6 2)\]):4000[0-5] " <<<"$listing"
seen=0 junk=0
for r in 1 2; do
	seen=$((seen + $(capture_count "rs$r")))
	junk=$((junk + $(capture_count "rs$r" 'src portrange 40000-40005')))
done
check "the well-formed opening reached a server ($seen packets from those ports)" \
	test "$seen" -ge 1
check "no junk reached a server ($junk)" test "$junk" -eq 0
tunnel_checks 1 2 "500 4500"
isakmp_entry_checks 1 "500 4500"

# reload the whole set while entries are live (services must go first:
# they hold the schedulers)
ipvs -C
check "entries outlive the services" test -n "$(conns)"
mods="ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs"
# every module of the set, also those an earlier case loaded (ip_vs_pe_ike)
check "the set unloads with live entries" \
	wait_for 60 "the set unloads" unload_ipvs
check "and loads again" modprobe -a $mods
check "the sysctls are back" test -f /proc/sys/net/ipv4/vs/isakmp

# a director namespace with live entries torn down
ns_add d2
nsx d2 sysctl -qw net.ipv4.vs.isakmp=1
nsx d2 ip link add dummy0 type dummy
nsx d2 ip link set dummy0 up
nsx d2 ip addr add 203.0.113.1/24 dev dummy0
# the service holds a reference to its scheduler until the namespace's
# IPVS is torn down: its return says the teardown ran (ip netns del does
# not wait for it, and a warning after the case would be blamed on the
# next one)
refs() { cat /sys/module/ip_vs_rr/refcnt; }
refs_before=$(refs)
nsx d2 ipvsadm -A -u 203.0.113.1:500 -s rr
nsx d2 ipvsadm -a -u 203.0.113.1:500 -r 203.0.113.2:500 -m
ikepkt d2 ike 203.0.113.1 --sport 500 --src 203.0.113.1
check "an entry lives in the doomed namespace" \
	test -n "$(nsx d2 ipvsadm -Lnc | awk 'NR > 2')"
check "its service holds the scheduler ($refs_before -> $(refs))" \
	test "$(refs)" -gt "$refs_before"
ip netns del d2
wait_for 60 "the doomed namespace's IPVS torn down (scheduler released)" \
	eval 'test "$(refs)" -eq "$refs_before"'
finish
