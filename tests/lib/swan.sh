# SPDX-License-Identifier: GPL-2.0-only
# strongSwan peers for the guest cases: one charon per namespace, each with
# its own strongswan.conf, vici socket, log and a private /run. PSK, ESP
# tunnel mode between the inner addresses (see lab.sh).

# A case may set these before sourcing, or before it starts its peers:
# SWAN_VERSION, the IKE version (1: IKEv1 main mode, 2); SWAN_PROPOSALS and
# SWAN_ESP, the IKE and ESP proposals; SWAN_CHARON, lines added to the
# charon section of every peer's strongswan.conf (make_before_break = yes,
# say), and SWAN_CHARON_OF[NS] of the peer in namespace NS only (a real
# server's SPI label, say); SWAN_UP_TIMEOUT, how long swan_up and swan_up_all wait for a
# tunnel; SWAN_AUTH, how the peers authenticate: psk (the lab's pre-shared
# key) or pubkey (ECDSA certificates from a CA of the case's own, made by
# swan_pki, each peer's identity in its certificate; swan_server and
# swan_client only: the shared charons of tests/lib/cgnat.sh use the PSK).
# The default proposals need only the plugins the guest root installs
# (tests/lab/guest-packages); IKEv1 has no AEAD for its own SA.
SWAN_VERSION=${SWAN_VERSION:-2}
SWAN_AUTH=${SWAN_AUTH:-psk}
if [ "$SWAN_VERSION" = 1 ]; then
	SWAN_PROPOSALS=${SWAN_PROPOSALS:-aes128-sha256-x25519}
else
	SWAN_PROPOSALS=${SWAN_PROPOSALS:-aes128gcm16-prfsha256-x25519}
fi
SWAN_ESP=${SWAN_ESP:-aes128gcm16}
SWAN_CHARON=${SWAN_CHARON:-}
declare -A SWAN_CHARON_OF
SWAN_UP_TIMEOUT=${SWAN_UP_TIMEOUT:-60}

# swanctl loads the plugins of the default list, most of which the guest
# root does not have, and that took 0.13 s of emulated CPU per call; the
# cases call it often (polling, listing). PSK needs none of them. Neither
# it nor charon includes /etc/strongswan.conf: parsing its forty files of
# commented defaults took a third of each swanctl call.
mkdir -p "$LAB_TMP"
cat >"$LAB_TMP/swanctl.conf" <<CONF
swanctl {
	load = random nonce
}
CONF
export STRONGSWAN_CONF=$LAB_TMP/swanctl.conf
# Certificates: x509 and pubkey parse and use them, pem and pkcs1 read
# their files, openssl makes and checks the ECDSA signatures; for pki,
# and for the swanctl call that loads a peer's key and certificates.
SWAN_CERT_PLUGINS="x509 pem pkcs1 pkcs8 pubkey openssl"
cat >"$LAB_TMP/swanctl-certs.conf" <<CONF
swanctl {
	load = random nonce $SWAN_CERT_PLUGINS
}
pki {
	load = random nonce $SWAN_CERT_PLUGINS
}
CONF
pki() { STRONGSWAN_CONF=$LAB_TMP/swanctl-certs.conf command pki "$@"; }

swan_dir() { echo "$LAB_TMP/$1"; }
swan_uri() { echo "unix://$(swan_dir "$1")/charon.vici"; }

swan_conf() {
	local ns=$1 dir
	dir=$(swan_dir "$ns")
	cat >"$dir/strongswan.conf" <<CONF
charon {
	install_routes = no
	retransmit_timeout = ${SWAN_RETRANSMIT:-4.0}
	# the plugins a PSK peer with the lab's proposals needs (openssl:
	# AES-GCM and -CBC, SHA-2 PRFs, X25519; kdf: the IKE key derivation),
	# not the forty of the default list: a charon start then costs less
	# than half the emulated CPU
	load_modular = no
	load = random nonce openssl kdf kernel-netlink socket-default vici$([ "$SWAN_AUTH" = psk ] || echo " $SWAN_CERT_PLUGINS")
$SWAN_CHARON
${SWAN_CHARON_OF[$ns]:-}
	plugins {
		vici {
			socket = unix://$dir/charon.vici
		}
	}
	filelog {
		lab {
			path = $dir/charon.log
			time_format = %s
			default = 1
			ike = 2
			flush_line = yes
		}
	}
	syslog {
		daemon {
			default = -1
		}
	}
}
CONF
}

# swan_start NS: start charon in NS and wait until it answers on vici
swan_start() {
	local ns=$1 dir conf
	dir=$(swan_dir "$ns")
	swan_conf "$ns"
	rm -f "$dir/charon.vici"
	# a private /run (its own pid file, its own vici default socket)
	nsx "$ns" env STRONGSWAN_CONF="$dir/strongswan.conf" unshare -m sh -c \
		"mount -t tmpfs tmpfs /run && echo \$\$ >'$dir/charon.pid' &&
		 exec /usr/lib/ipsec/charon" >"$dir/charon.out" 2>&1 &
	# vici listens once charon has loaded its plugins; a request that
	# comes before its workers start waits in the socket's queue
	wait_for 30 "charon up in $ns" test -S "$dir/charon.vici" || return 1
	conf=$STRONGSWAN_CONF
	[ "$SWAN_AUTH" = psk ] || conf=$LAB_TMP/swanctl-certs.conf
	STRONGSWAN_CONF=$conf swanctl --load-all --file "$dir/swanctl.conf" \
		--uri "$(swan_uri "$ns")" >"$dir/load.out" 2>&1 || { fail "swanctl load in $ns"; \
			cat "$dir/load.out"; return 1; }
}

swan_stop() {
	local pid
	pid=$(cat "$(swan_dir "$1")/charon.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
}

# swan_pki ID: a private key and a certificate for identity ID, issued by
# the case's CA (made on first use), in $LAB_TMP/pki as ID.key, ID.pem
swan_pki() {
	local dir=$LAB_TMP/pki id=$1
	mkdir -p "$dir"
	if [ ! -f "$dir/ca.pem" ]; then
		pki --gen --type ecdsa --size 256 --outform pem >"$dir/ca.key" &&
			pki --self --ca --lifetime 30 --in "$dir/ca.key" --type ecdsa \
				--dn "CN=lab CA" --outform pem >"$dir/ca.pem" ||
			{ fail "pki: the lab CA"; return 1; }
	fi
	[ -f "$dir/$id.pem" ] && return 0
	pki --gen --type ecdsa --size 256 --outform pem >"$dir/$id.key" &&
		pki --pub --in "$dir/$id.key" --type ecdsa --outform pem \
			>"$dir/$id.pub" &&
		pki --issue --cacert "$dir/ca.pem" --cakey "$dir/ca.key" \
			--type pub --in "$dir/$id.pub" --lifetime 30 \
			--dn "CN=$id" --san "$id" --outform pem >"$dir/$id.pem" ||
		{ fail "pki: a certificate for $id"; return 1; }
}

# swan_auth_local ID / swan_auth_remote [ID]: the local and remote
# sections' authentication for SWAN_AUTH (ID: the peer's identity; a
# server accepts any client of its CA)
swan_auth_local() {
	if [ "$SWAN_AUTH" = psk ]; then
		printf '\t\t\tauth = psk\n\t\t\tid = %s\n' "$1"
	else
		swan_pki "$1" >&2 || return 1
		printf '\t\t\tauth = pubkey\n\t\t\tid = %s\n' "$1"
		printf '\t\t\tcerts = %s\n' "$LAB_TMP/pki/$1.pem"
	fi
}
swan_auth_remote() {
	if [ "$SWAN_AUTH" = psk ]; then
		printf '\t\t\tauth = psk\n'
	else
		printf '\t\t\tauth = pubkey\n\t\t\tcacerts = %s\n' \
			"$LAB_TMP/pki/ca.pem"
	fi
	[ -z "${1:-}" ] || printf '\t\t\tid = %s\n' "$1"
}

# swan_key NS ID: with certificates, ID's private key where NS's swanctl
# loads it (the ecdsa directory beside its swanctl.conf)
swan_key() {
	[ "$SWAN_AUTH" = psk ] && return 0
	mkdir -p "$(swan_dir "$1")/ecdsa"
	cp "$LAB_TMP/pki/$2.key" "$(swan_dir "$1")/ecdsa/"
}

# swan_child_and_secret LOCAL_TS REMOTE_TS: the end of a swanctl.conf
# (after local and remote): the tunnel-mode child and the lab's PSK (with
# certificates, swan_key puts the peer's key in place)
swan_child_and_secret() {
	cat <<CONF
		children {
			net {
				local_ts = $1
				remote_ts = $2
				esp_proposals = $SWAN_ESP
			}
		}
	}
}
secrets {
	ike-lab {
		secret = lab-secret-0123456789
	}
}
CONF
}

# swan_server I: real server rsI answering for the farm's identity
swan_server() {
	local ns=rs$1
	cat >"$(swan_dir "$ns")/swanctl.conf" <<CONF
connections {
	farm {
		version = $SWAN_VERSION
		proposals = $SWAN_PROPOSALS
		local {
$(swan_auth_local vpn.lab)
		}
		remote {
$(swan_auth_remote)
		}
$(swan_child_and_secret "$INNER_RS4/32, $INNER_RS6/128" \
	"198.18.1.0/24, 2001:db8:f:1::/64")
CONF
	swan_key "$ns" vpn.lab || return 1
	swan_start "$ns"
}

# swan_client I [VIP]: client cI, configured to reach the farm at VIP
swan_client() {
	local i=$1 vip=${2:-$VIP4} ns=c$1
	cat >"$(swan_dir "$ns")/swanctl.conf" <<CONF
connections {
	farm {
		version = $SWAN_VERSION
		remote_addrs = $vip
		proposals = $SWAN_PROPOSALS
		local {
$(swan_auth_local "client$i.lab")
		}
		remote {
$(swan_auth_remote vpn.lab)
		}
$(swan_child_and_secret "$(inner_client4 "$i")/32, $(inner_client6 "$i")/128" \
	"$INNER_RS4/32, $INNER_RS6/128")
CONF
	swan_key "$ns" "client$i.lab" || return 1
	swan_start "$ns"
}

# swan_up I [TIMEOUT]: initiate client I's tunnel; true once it is up
swan_up() {
	swanctl --initiate --child net --timeout "${2:-$SWAN_UP_TIMEOUT}" \
		--uri "$(swan_uri "c$1")" >"$(swan_dir "c$1")/initiate.out" 2>&1
}

# swan_ensure_up I: client I's tunnel is up, initiated only if it is not
swan_ensure_up() { swan_sas "c$1" | grep -q INSTALLED || swan_up "$1"; }

# swan_sas NS: the IKE/CHILD SAs charon holds, as swanctl prints them
swan_sas() { swanctl --list-sas --uri "$(swan_uri "$1")" 2>/dev/null; }

# swan_ike_spis NS: the initiator and responder SPIs (hex) of the IKE SA,
# which identify it on both ends and in every IKE header
swan_ike_spis() {
	swan_sas "$1" | sed -n 's/.*ESTABLISHED, IKEv[12], \([0-9a-f]\{16\}\)_i\*\{0,1\} \([0-9a-f]\{16\}\)_r.*/\1 \2/p' |
		head -n 1
}

# rs_holding_client I NRS: which real server has client I's IKE SA
rs_holding_client() {
	local i=$1 n=$2 r
	for r in $(seq 1 "$n"); do
		if swan_sas "rs$r" | grep -q "client$i.lab"; then
			echo "$r"
			return
		fi
	done
}

# esp_ping I [v6]: ping the farm's inner address from client I's inner
# address: only the ESP tunnel carries these
esp_ping() {
	if [ "${2:-}" = v6 ]; then
		nsx "c$1" ping -6 -c "${3:-3}" -i 0.2 -W 2 \
			-I "$(inner_client6 "$1")" "$INNER_RS6"
	else
		nsx "c$1" ping -c "${3:-3}" -i 0.2 -W 2 \
			-I "$(inner_client4 "$1")" "$INNER_RS4"
	fi
}

# esp_packets NS: packets counted on the ESP SAs in NS (both directions)
esp_packets() {
	nsx "$1" ip -s xfrm state 2>/dev/null |
		awk '/^[ \t]*[0-9]+\(bytes\), [0-9]+\(packets\)/ {
			sub(/\(packets\).*/, ""); sub(/.*, /, ""); n += $0 }
		END { print n + 0 }'
}

# swan_remote_port RS I: the client port real server RS sees for client I's
# IKE SA (after any NAT on the way)
swan_remote_port() {
	swan_sas "rs$1" |
		sed -n "s/.*remote 'client$2\.lab' @ [^[]*\[\([0-9]*\)\].*/\1/p" |
		head -n1
}

# swan_up_all I...: initiate every listed client's tunnel at once; a
# client whose tunnel did not come up shows why (its initiate output and
# the end of its charon's log)
swan_up_all() {
	local i rc=0
	local -A pid
	for i in "$@"; do
		swan_up "$i" &
		pid[$i]=$!
	done
	for i in "$@"; do
		wait "${pid[$i]}" && continue
		rc=1
		log "client $i: tunnel not up:"
		tail -n 5 "$(swan_dir "c$i")/initiate.out" | sed 's/^/    | /'
		tail -n 15 "$(swan_dir "c$i")/charon.log" | sed 's/^/    | /'
	done
	return $rc
}
