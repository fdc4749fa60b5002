# SPDX-License-Identifier: GPL-2.0-only
# The patched ipvsadm on a kernel without our features (Debian's own
# ip_vs modules, loaded instead of our set): --isakmp, --soft-expiry, the
# ISAKMP timeouts, --spi-label and --spi-range fail with a clear "kernel
# lacks ..." and change nothing; stock commands still work. Our set is loaded back at the end.
. "$LVS_ROOT/tests/lib/lab.sh"

A=$IPVSADM_PATCHED
stock=/lib/modules/$(uname -r)/kernel/net/netfilter/ipvs
# what guest-run preloads; then whatever earlier cases loaded, ip_vs last
ours="ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs"
loaded=$(lsmod | awk '$1 ~ /^ip_vs_/ { print $1 }' | paste -sd' ')

# whatever happens, the next cases get our set back
ours_back() {
	[ -e /proc/sys/net/ipv4/vs/isakmp ] && return
	rmmod ip_vs_rr 2>/dev/null
	rmmod ip_vs 2>/dev/null
	modprobe -a $ours
}
trap 'lab_cleanup; ours_back' EXIT

# unload MODULE...: remove them, the scheduler first; a namespace deleted
# just before lets go of its services asynchronously, hence wait_for
unload() {
	local m
	for m in "$@"; do
		lsmod | grep -q "^$m " && rmmod "$m" 2>/dev/null
	done
	! lsmod | grep -q '^ip_vs'
}

check "the patched ipvsadm was built" test -x "$A"
check "Debian's own ip_vs is in the guest's modules ($stock)" test -f "$stock/ip_vs.ko"
wait_for 30 "our set unloads ($loaded ip_vs)" unload $loaded ip_vs
check "Debian's ip_vs loads" insmod "$stock/ip_vs.ko"
check "Debian's ip_vs_rr loads" insmod "$stock/ip_vs_rr.ko"
check "it is not ours: no net.ipv4.vs.isakmp" test ! -e /proc/sys/net/ipv4/vs/isakmp

ns_add director
d() { nsx director "$A" "$@"; }
VIP=203.0.113.1

# refuse DESC PATTERN ARGS...: the command fails, saying PATTERN
refuse() {
	local desc=$1 pattern=$2 out rc
	shift 2
	out=$(d "$@" 2>&1)
	rc=$?
	log "\$ ipvsadm $*: exit $rc: $out"
	check "$desc fails" test $rc -ne 0
	check "$desc says: kernel lacks $pattern" grep -q "kernel lacks $pattern" <<<"$out"
}

refuse "-A --isakmp" "ISAKMP" -A -u $VIP:500 -s rr --isakmp
check "  and no service was added" test -z "$(d -Sn)"
check "-A a plain service" d -A -u $VIP:500 -s rr
refuse "-E --isakmp" "ISAKMP" -E -u $VIP:500 -s rr --isakmp
check "  and the service is unchanged" \
	test "$(d -Sn)" = "-A -u $VIP:500 -s rr"
refuse "-A --soft-expiry" ".*soft-expiry" -A -u $VIP:4500 -s rr --soft-expiry 3
check "  and no service was added" test -z "$(d -Sn | grep 4500)"
refuse "-E --soft-expiry" ".*soft-expiry" -E -u $VIP:500 -s rr -p 60 --soft-expiry 3
check "  and the service is unchanged (not even -p)" \
	test "$(d -Sn)" = "-A -u $VIP:500 -s rr"
refuse "--set with ISAKMP timeouts" "ISAKMP" --set 901 121 301 30 3600
check "  and the stock timeouts were not set either" \
	test "$(d -L --timeout)" != "Timeout (tcp tcpfin udp): 901 121 301"
check "--set with 3 values works" d --set 901 121 301
check "-L --timeout: one line, the stock one" \
	test "$(d -L --timeout)" = "Timeout (tcp tcpfin udp): 901 121 301"
check "--set with 0 ISAKMP values asks nothing of the kernel" d --set 0 0 0 0 0
refuse "-a --spi-label" "SPI steering" -a -u $VIP:500 -r 203.0.113.11:500 -g \
	--spi-label 0x0100000000000000/0xff00000000000000
check "  and no real server was added" test -z "$(d -Sn | grep -- -a)"
check "-a a plain real server" d -a -u $VIP:500 -r 203.0.113.11:500 -g
refuse "-e --spi-range" "SPI steering" -e -u $VIP:500 -r 203.0.113.11:500 -g -w 2 \
	--spi-range 0xc1000000-0xc1ffffff
check "  and the real server is unchanged" \
	grep -qx -- "-a -u $VIP:500 -r 203.0.113.11:500 -g -w 1" <<<"$(d -Sn)"
d -Ln

lab_cleanup
wait_for 30 "Debian's modules unload" unload ip_vs_rr ip_vs
check "our set loads back" modprobe -a $ours
check "  with its sysctls" test -f /proc/sys/net/ipv4/vs/isakmp
finish
