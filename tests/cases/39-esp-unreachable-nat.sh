# SPDX-License-Identifier: GPL-2.0-only
# Case 30 in NAT mode: stray ESP and AH are refused with ICMP errors before
# the address rewrite takes them to any real server.
MODE=nat
. "$LVS_ROOT/tests/cases/30-esp-unreachable.sh"
