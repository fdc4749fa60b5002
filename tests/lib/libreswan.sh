# SPDX-License-Identifier: GPL-2.0-only
# libreswan clients for the guest cases, beside tests/lib/swan.sh's
# strongSwan peers: one pluto per client namespace, with its own
# ipsec.conf, secrets, NSS database, control socket and log in the
# client's directory. libreswan's package conflicts with strongSwan's, so
# the guest root has it unpacked in /opt/libreswan (tests/lab/guest-packages)
# and pluto runs from there with every path on its command line. IKEv2,
# the lab's PSK and the lab's proposals (AES-GCM, X25519), host-to-host
# between the client's and the farm's inner addresses, as swan_client.

LSW=/opt/libreswan/usr/libexec/ipsec
LSW_IKE=${LSW_IKE:-aes_gcm128-sha2_256-dh31}
LSW_ESP=${LSW_ESP:-aes_gcm128}

lsw_ctl() { echo "$(swan_dir "$1")/run/pluto.ctl"; }
# lsw_whack NS ARGS...: whack, talking to NS's pluto
lsw_whack() {
	local ns=$1
	shift
	nsx "$ns" "$LSW/whack" --ctlsocket "$(lsw_ctl "$ns")" "$@"
}

# lsw_client I [VIP]: client cI as a libreswan peer of the farm at VIP;
# pluto up, listening, the connection "farm" loaded
lsw_client() {
	local i=$1 vip=${2:-$VIP4} ns=c$1 dir
	dir=$(swan_dir "$ns")
	mkdir -p "$dir/run" "$dir/nss"
	cat >"$dir/ipsec.conf" <<CONF
config setup
	dnssec-enable=no

conn farm
	ikev2=yes
	authby=secret
	left=$(client_ip4 "$i")
	leftid=@client$i.lab
	leftsubnet=$(inner_client4 "$i")/32
	right=$vip
	rightid=@vpn.lab
	rightsubnet=$INNER_RS4/32
	ike=$LSW_IKE
	esp=$LSW_ESP
	leftupdown=%disabled
	auto=add
CONF
	echo "@client$i.lab @vpn.lab : PSK \"lab-secret-0123456789\"" \
		>"$dir/ipsec.secrets"
	certutil -N -d "sql:$dir/nss" --empty-password >"$dir/nss.out" 2>&1 ||
		{ fail "$ns: NSS database"; cat "$dir/nss.out"; return 1; }
	# pluto runs addconn from /usr/libexec/ipsec, its compiled-in place:
	# in a mount namespace of its own, that is where the unpacked one is
	nsx "$ns" unshare -m sh -c "mount -t tmpfs tmpfs /usr/libexec &&
		ln -s '$LSW' /usr/libexec/ipsec &&
		exec '$LSW/pluto' --nofork --config '$dir/ipsec.conf' \
		--secretsfile '$dir/ipsec.secrets' --nssdir '$dir/nss' \
		--ipsecdir '$dir' --rundir '$dir/run' \
		--logfile '$dir/pluto.log'" >"$dir/pluto.out" 2>&1 &
	if ! wait_for 30 "pluto up in $ns" test -S "$(lsw_ctl "$ns")"; then
		tail -n 15 "$dir/pluto.out" "$dir/pluto.log" 2>&1 | sed 's/^/    | /'
		return 1
	fi
	{
		nsx "$ns" "$LSW/addconn" --config "$dir/ipsec.conf" \
			--ctlsocket "$(lsw_ctl "$ns")" farm &&
			lsw_whack "$ns" --listen
	} >"$dir/load.out" 2>&1 ||
		{
			fail "$ns: libreswan's connection loaded"
			tail -n 20 "$dir/load.out" "$dir/pluto.log" | sed 's/^/    | /'
			return 1
		}
}

# lsw_up I: initiate client I's tunnel and wait (SWAN_UP_TIMEOUT) until
# pluto has it up; the initiation's output and pluto's log end on failure
lsw_up() {
	local dir
	dir=$(swan_dir "c$1")
	lsw_whack "c$1" --name farm --initiate --asynchronous \
		>"$dir/initiate.out" 2>&1
	wait_for "$SWAN_UP_TIMEOUT" "client $1: libreswan's tunnel up" \
		lsw_established "$1" && return 0
	tail -n 5 "$dir/initiate.out" | sed 's/^/    | /'
	tail -n 15 "$dir/pluto.log" | sed 's/^/    | /'
	return 1
}

# lsw_established I: pluto of client I holds an established IKE SA and
# an established IPsec SA
lsw_established() {
	local states
	states=$(lsw_whack "c$1" --showstates 2>/dev/null)
	grep -q 'ESTABLISHED_IKE_SA' <<<"$states" &&
		grep -q 'ESTABLISHED_CHILD_SA' <<<"$states"
}
