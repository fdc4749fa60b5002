# SPDX-License-Identifier: GPL-2.0-only
# IKEv1 main mode through ISAKMP entries in DR mode, no NAT anywhere: IKE
# stays on UDP 500 (IKEv1 has no MOBIKE to move it) and ESP is raw. The
# director sees only the client's side: its claim (main mode with the
# responder's cookie) is confirmed by its quick mode (another message ID)
# or its first ESP, and raw ESP follows the entry on 500.
SWAN_VERSION=1
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4

isakmp_farm_case dr 2 500
finish
