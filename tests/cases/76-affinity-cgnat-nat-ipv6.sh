# SPDX-License-Identifier: GPL-2.0-only
# timeout: 600
# Case 70 in NAT mode over IPv6 with wlc: ten clients behind one NAT
# address and two direct ones spread over three real servers by IKE SA,
# each client's entries, template and ESP on the server of its IKE SA.
. "$LVS_ROOT/tests/lib/cgnat.sh"
FAMILY=6 CGNAT_NN=10

cgnat_case nat wlc
finish
