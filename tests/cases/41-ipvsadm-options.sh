# SPDX-License-Identifier: GPL-2.0-only
# The patched ipvsadm's own options on our kernel: --isakmp on -A/-E shows
# on the service line of -L and in -S, -S | -R restores the table exactly,
# the service really makes ISAKMP entries, --set takes the two ISAKMP
# timeouts and -L --timeout shows what the sysctls hold; --soft-expiry
# round-trips.
. "$LVS_ROOT/tests/lib/lab.sh"

A=$IPVSADM_PATCHED
d() { nsx director "$A" "$@"; }
# svc_line PATTERN: the -Ln line of the service matching PATTERN
svc_line() { d -Ln | grep -E "^(TCP|UDP|FWM) +$1 "; }

check "the patched ipvsadm was built ($A)" test -x "$A"
ns_add director
nsx director ip link add dummy0 type dummy
nsx director ip link set dummy0 up
nsx director ip addr add 203.0.113.1/24 dev dummy0
nsx director ip -6 addr add 2001:db8:a::1/64 dev dummy0 nodad

VIP=203.0.113.1
check "-A --isakmp on UDP 500" d -A -u $VIP:500 -s rr --isakmp
check "-A --isakmp on a persistent port-0 service" \
	d -A -u $VIP:0 -s sh -p 600 --isakmp
check "-A --isakmp on an IPv6 fwmark service" d -A -f 7 -6 -s wlc -p 300 --isakmp
check "-A a plain TCP service" d -A -t $VIP:443 -s wlc
check "-a a real server" d -a -u $VIP:500 -r 203.0.113.2:500 -m -w 3
check "-a a real server" d -a -u $VIP:0 -r 203.0.113.3 -g
d -Ln
check "-Ln: isakmp on the UDP 500 line" grep -q ' isakmp' <<<"$(svc_line "$VIP:500")"
check "-Ln: isakmp on the port-0 line" grep -q 'persistent 600 isakmp' <<<"$(svc_line "$VIP:0")"
check "-Ln: isakmp on the fwmark line" grep -q ' isakmp' <<<"$(svc_line "7")"
check_not "-Ln: not on the TCP line" grep -q isakmp <<<"$(svc_line "$VIP:443")"
saved=$(d -Sn)
echo "$saved" | sed 's/^/    /'
check "-S: --isakmp saved" \
	grep -qx -- "-A -u $VIP:500 -s rr --isakmp" <<<"$saved"
check "-S: --isakmp saved after -p" \
	grep -qx -- "-A -u $VIP:0 -s sh -p 600 --isakmp" <<<"$saved"
check_not "-S: not on the TCP service" grep -q -- "-t $VIP:443.*isakmp" <<<"$saved"

listing=$(d -Ln)
check "-C" d -C
check "the table is empty" test -z "$(d -Sn)"
check "-R takes the saved table" d -R <<<"$saved"
check "-S after -R is what was saved" test "$(d -Sn)" = "$saved"
check "-Ln after -R is what it was" test "$(d -Ln)" = "$listing"

check "-E without --isakmp" d -E -u $VIP:500 -s rr
check_not "-Ln: isakmp gone from UDP 500" grep -q isakmp <<<"$(svc_line "$VIP:500")"
check "-E --isakmp" d -E -u $VIP:500 -s wrr --isakmp
check "-Ln: isakmp back, scheduler changed" grep -q 'wrr isakmp' <<<"$(svc_line "$VIP:500")"

# the flag does what it says: an IKE packet to the service makes an
# IKE_INIT entry with net.ipv4.vs.isakmp off
check "net.ipv4.vs.isakmp is off" test "$(nsx director sysctl -n net.ipv4.vs.isakmp)" = 0
ikepkt director ike $VIP --sport 500 --src $VIP
check "an IKE packet made an IKE_INIT entry" grep -q IKE_INIT <<<"$(d -Lnc)"
d -Lnc

# timeouts
check "--set with the two ISAKMP timeouts" d --set 900 120 300 30 3600
check "isakmp_init_timeout is 30" \
	test "$(nsx director cat /proc/sys/net/ipv4/vs/isakmp_init_timeout)" = 30
check "isakmp_timeout is 3600" \
	test "$(nsx director cat /proc/sys/net/ipv4/vs/isakmp_timeout)" = 3600
out=$(d -L --timeout)
echo "$out" | sed 's/^/    /'
check "-L --timeout: the stock line" grep -qx 'Timeout (tcp tcpfin udp): 900 120 300' <<<"$out"
check "-L --timeout: the ISAKMP line" grep -qx 'Timeout (isakmp_init isakmp): 30 3600' <<<"$out"
nsx director sysctl -qw net.ipv4.vs.isakmp_init_timeout=15 net.ipv4.vs.isakmp_timeout=700
check "-L --timeout follows the sysctls" \
	grep -qx 'Timeout (isakmp_init isakmp): 15 700' <<<"$(d -L --timeout)"
check "--set 0 keeps a value" d --set 0 0 0 0 800
check "-L --timeout: init kept, established changed" \
	grep -qx 'Timeout (isakmp_init isakmp): 15 800' <<<"$(d -L --timeout)"
check "-L --timeout: stock ones kept" \
	grep -qx 'Timeout (tcp tcpfin udp): 900 120 300' <<<"$(d -L --timeout)"
check_not "--set with 4 values is refused" d --set 900 120 300 30
check "--set with 3 values still works" d --set 901 121 301
check "  and leaves the ISAKMP ones" \
	grep -qx 'Timeout (isakmp_init isakmp): 15 800' <<<"$(d -L --timeout)"

# help and man page
help=$(d -h)
check "--help names --isakmp" grep -q -- '--isakmp' <<<"$help"
check "--help names --soft-expiry" grep -q -- '--soft-expiry' <<<"$help"
check "--help names the 5-value --set" grep -q -- '--set tcp tcpfin udp \[isakmp_init isakmp\]' <<<"$help"
man=$BUILD/ipvsadm/patched/ipvsadm.8
check "the man page describes --isakmp and --soft-expiry" \
	test "$(grep -c -e '^\.B --isakmp' -e '^\.B --soft-expiry' "$man")" = 2

# --soft-expiry round trip (the refusal on a kernel without it: case 43)
check "our kernel has the soft-expiry budget" \
	nsx director test -f /proc/sys/net/ipv4/vs/isakmp_soft_expiry
check "-A --soft-expiry 3" d -A -u $VIP:4500 -s rr --isakmp --soft-expiry 3
check "-Ln: soft-expiry 3" grep -q 'isakmp soft-expiry 3' <<<"$(svc_line "$VIP:4500")"
check "-E --soft-expiry 0" d -E -u $VIP:4500 -s rr --isakmp --soft-expiry 0
check "-Ln: soft-expiry 0 on an ISAKMP service" \
	grep -q 'isakmp soft-expiry 0' <<<"$(svc_line "$VIP:4500")"
check "-E --soft-expiry 5" d -E -u $VIP:4500 -s rr --isakmp --soft-expiry 5
saved=$(d -Sn)
check "-S: --soft-expiry saved" \
	grep -qx -- "-A -u $VIP:4500 -s rr --isakmp --soft-expiry 5" <<<"$saved"
listing=$(d -Ln)
d -C
check "-R with --soft-expiry" d -R <<<"$saved"
check "-S after -R is what was saved" test "$(d -Sn)" = "$saved"
check "-Ln after -R is what it was" test "$(d -Ln)" = "$listing"
# --spi-label and --spi-range (the spi scheduler): -S | -R keeps them,
# -e without them keeps them, overlaps and bad values are refused
L1=0x0100000000000000/0xff00000000000000 L2=0x0200000000000000/0xff00000000000000
d -C
check "-A -s spi" d -A -u $VIP:500 -s spi
check "-a with a label and a range" \
	d -a -u $VIP:500 -r 203.0.113.11:500 -g --spi-label $L1 --spi-range 0xc1000000-0xc1ffffff
check "-a another server, its own label and range" \
	d -a -u $VIP:500 -r 203.0.113.12:500 -g --spi-label $L2 --spi-range 0xc2000000-0xc2ffffff
out=$(d -a -u $VIP:500 -r 203.0.113.13:500 -g --spi-label $L1 2>&1)
check "a third with rs1's label: refused ($out)" \
	grep -q "overlaps another real server's" <<<"$out"
out=$(d -a -u $VIP:500 -r 203.0.113.13:500 -g --spi-range 0xc1ff0000-0xc20000ff 2>&1)
check "a range across two others: refused ($out)" \
	grep -q "overlaps another real server's" <<<"$out"
check_not "  and not added" grep -q 203.0.113.13 <<<"$(d -Ln)"
check_not "a label outside its mask: refused" \
	d -a -u $VIP:500 -r 203.0.113.13:500 -g --spi-label 0x0101/0xff00
check "-e -w 3 (as keepalived edits)" d -e -u $VIP:500 -r 203.0.113.11:500 -g -w 3
out=$(d -Ln --spi)
echo "$out" | sed 's/^/    /'
check "-Ln --spi: the label and range kept by the edit" \
	grep -Eq "203.0.113.11:500 +Route +3 +$L1 +0xc1000000-0xc1ffffff" <<<"$out"
check "-e --spi-range: moves only the range" \
	d -e -u $VIP:500 -r 203.0.113.12:500 -g --spi-range 0xc2000000-0xc27fffff
check "-Ln --spi: label kept, range moved" \
	grep -Eq "203.0.113.12:500 +Route +1 +$L2 +0xc2000000-0xc27fffff" <<<"$(d -Ln --spi)"
saved=$(d -Sn)
echo "$saved" | sed 's/^/    /'
check "-S: the options saved" \
	grep -qx -- "-a -u $VIP:500 -r 203.0.113.11:500 -g -w 3 --spi-label $L1 --spi-range 0xc1000000-0xc1ffffff" <<<"$saved"
listing=$(d -Ln --spi)
d -C
check "-R with the SPI options" d -R <<<"$saved"
check "-S after -R is what was saved" test "$(d -Sn)" = "$saved"
check "-Ln --spi after -R is what it was" test "$(d -Ln --spi)" = "$listing"
check_not "plain -Ln shows no SPI column" grep -q SPI <<<"$(d -Ln)"
finish
