# SPDX-License-Identifier: GPL-2.0-only
# timeout: 1800
# The set that DKMS builds and installs (tests/host/dkms-install.sh keeps a
# copy in $BUILD/dkms-test/modules) loads in Debian's 6.1 kernel in place of
# the lab's: ip_vs from that directory, with its ISAKMP counters and a
# service with the ISAKMP flag that makes an IKE_INIT entry of an
# IKE_SA_INIT. The lab's set is put back afterwards.
. "$LVS_ROOT/tests/lib/lab.sh"

dir=$BUILD/dkms-test/modules
lab_set="ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh"
# the host builds it while the guests run the other cases (tests/run)
pending() { test -e "$BUILD/dkms-test.pending"; }
pending && wait_for 1500 "the host's DKMS test finished" eval '! pending'
if [ ! -f "$dir/ip_vs.ko" ]; then
	fail "no DKMS-built set in $dir: run tests/host/dkms-install.sh first (make test does)"
	finish
fi

wait_for 60 "the lab's IPVS set unloads" unload_ipvs
check_not "no ip_vs left loaded" test -e /proc/net/ip_vs

modprobe -a nf_conntrack nf_defrag_ipv6 libcrc32c
check "insmod the DKMS-built ip_vs.ko" insmod "$dir/ip_vs.ko"
check "and its round-robin scheduler" insmod "$dir/ip_vs_rr.ko"
want=$(readelf -n "$dir/ip_vs.ko" | sed -n 's/.*Build ID: *//p')
have=$(tail -c 20 /sys/module/ip_vs/notes/.note.gnu.build-id 2>/dev/null |
	od -An -tx1 | tr -d ' \n')
log "DKMS-built $want, loaded $have"
check "the loaded ip_vs is the DKMS-built one" test -n "$want" -a "$want" = "$have"
check "/proc/net/ip_vs_isakmp exists" test -r /proc/net/ip_vs_isakmp
check "its counters read" grep -q . /proc/net/ip_vs_isakmp
# a service with the ISAKMP flag (the patched ipvsadm) takes an opening
# as an IKE_INIT entry: the feature itself works in this set
ns_add dkms
ns_add dkmsc
lan_add brx
plug dkms eth0 brx 192.0.2.1/24 2001:db8:c::1/64
plug dkmsc eth0 brx 192.0.2.11/24 2001:db8:c::11/64
nsx dkms ip addr add 192.0.2.100/32 dev eth0
nsx dkms ip addr add 192.0.2.51/32 dev lo
check "a UDP 500 service with the ISAKMP flag can be added" \
	nsx dkms "$IPVSADM_PATCHED" -A -u 192.0.2.100:500 -s rr --isakmp
nsx dkms "$IPVSADM_PATCHED" -a -u 192.0.2.100:500 -r 192.0.2.51:500 -m
check "and is listed with it" bash -c \
	"ip netns exec dkms '$IPVSADM_PATCHED' -Ln | grep -q 'UDP  192.0.2.100:500 rr isakmp'"
ikepkt dkmsc ike 192.0.2.100 --sport 500
init_entry() { nsx dkms ipvsadm -Lnc | grep -q 'IKE_INIT *192.0.2.11:500 '; }
wait_for 10 "an IKE_SA_INIT made an IKE_INIT entry" init_entry
nsx dkms ipvsadm -Lnc

# back to the lab's set for whatever runs next
lab_cleanup
wait_for 60 "the DKMS-built set unloads" unload_ipvs
check "the lab's set loads again" modprobe -a $lab_set
finish
