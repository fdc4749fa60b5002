# SPDX-License-Identifier: GPL-2.0-only
# timeout: 400
# Case 82's steps (active-active directors behind an ECMP router), TUN
# over IPv4.
ECMP_MODE=tun
. "$LVS_ROOT/tests/cases/82-active-active-dr.sh"
