# SPDX-License-Identifier: GPL-2.0-only
# The guest runs our rebuilt IPVS set, not the distribution's: the loaded
# ip_vs carries the GNU build ID of the module we built, comes from
# updates/, and the schedulers load against it.
. "$LVS_ROOT/tests/lib/lab.sh"

built=$BUILD/kernel-$KVER/tree/net/netfilter/ipvs/ip_vs.ko
want=$(readelf -n "$built" | sed -n 's/.*Build ID: *//p')
# the note as the kernel keeps it: 16 bytes of header and name, then the ID
have=$(tail -c 20 /sys/module/ip_vs/notes/.note.gnu.build-id 2>/dev/null |
	od -An -tx1 | tr -d ' \n')
log "built $want, loaded $have"
check "loaded ip_vs is the one we built" test -n "$want" -a "$want" = "$have"
check "modprobe resolves ip_vs to updates/" \
	grep -q '/updates/lvs-ipsec/ip_vs.ko' <<<"$(modinfo -n ip_vs)"
check "a scheduler loads against it" [ -d /sys/module/ip_vs_wlc ]
check "the whole set is ours" \
	bash -c 'for m in ip_vs_rr ip_vs_wlc; do
		modinfo -n $m | grep -q updates/lvs-ipsec || exit 1; done'
finish
