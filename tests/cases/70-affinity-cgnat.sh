# SPDX-License-Identifier: GPL-2.0-only
# timeout: 600
# Twenty clients behind one NAT address (a CGNAT) and two direct ones, to
# three real servers, NAT mode, rr, ISAKMP entries, and the IKE
# persistence engine ("-p 600 --pe ike", stock ipvsadm): each IKE SA is
# scheduled on its own, so the NATed clients spread over the servers like
# any others, while each client's IKE on 500 and 4500 (from other NAT
# ports), its template and its ESP-in-UDP stay on the server that holds
# its IKE SA. PE=none runs the same case with persistence by address,
# which puts every NATed client on one server. Cases 74-78 run it in the
# other modes and family, with rr or wlc (tests/lib/cgnat.sh), and ten
# NATed clients: how the engine spreads IKE SAs does not depend on the
# mode or family, and each NATed client costs the emulation about a
# tenth of a second of guest CPU.
. "$LVS_ROOT/tests/lib/cgnat.sh"
FAMILY=4

cgnat_case nat rr
finish
