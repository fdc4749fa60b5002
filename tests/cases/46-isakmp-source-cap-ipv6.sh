# SPDX-License-Identifier: GPL-2.0-only
# The per-source INIT cap counts an IPv6 source per /64: one host (or one
# site) holds a whole /64, so a flood of IKE_SA_INIT from ever new
# addresses of one /64 meets the cap as one source would, and a real
# client in another /64 still brings its tunnel up.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=6
CAP_SRC=4 COUNT=200

ISAKMP=1 farm_up nat 1 2 || finish
nsx director sysctl -qw net.ipv4.vs.isakmp_init_max_source=$CAP_SRC
tool c1 lvs-ike-flood "$VIP6" --sources 2001:db8:e:1::/64 --count $COUNT \
	--seed 6 >/dev/null
check "a flood from one /64 meets the per-source cap ($(isakmp_counter source_cap) of $COUNT refused)" \
	test "$(isakmp_counter source_cap)" -ge $((COUNT - CAP_SRC))
check "client 1 (another /64): tunnel up during the flood's INIT period" swan_up 1
check "client 1: IPv6 ping through ESP" esp_ping 1 v6
nsx "$DIRECTOR" cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
