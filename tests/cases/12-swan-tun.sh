# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off: strongSwan clients reach a farm of two strongSwan
# servers through the director in TUN mode. The servers own the VIP, so IKE
# sees no NAT: it moves to UDP 4500 anyway, but ESP stays raw, and the
# director forwards it as related to the client's UDP 500 entry (which
# stock IPVS keeps for its plain UDP timeout, idle or not).
. "$LVS_ROOT/tests/lib/farm.sh"

swan_farm_case tun 500
finish
