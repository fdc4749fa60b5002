# SPDX-License-Identifier: GPL-2.0-only
# The shipped keepalived configurations parse without error or warning in
# the keepalived we test with (keepalived -t), each director's view of the
# pair file too, and a broken copy is refused (so this test can fail); the
# notify scripts they run are executable shell.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
"$LVS_ROOT/kernel/scripts/need-packages" keepalived iproute2 util-linux >/dev/null ||
	exit 1
dir=$LVS_ROOT/keepalived-conf
fails=0

# ktest FILE [ID]: keepalived's own check, in a network namespace that has
# the interfaces the configurations name
ktest() {
	unshare -n sh -c 'ip link add eth0 type veth peer name eth1 &&
		exec keepalived -e -t -f "$1" ${2:+-i "$2"}' ktest "$@" 2>&1
}

for f in nat-farm dr-farm tun-farm active-active; do
	if out=$(ktest "$dir/$f.conf") && [ -z "$out" ]; then
		echo "ok: $f.conf"
	else
		echo "FAIL: $f.conf: $out"; fails=$((fails + 1))
	fi
done
for id in director1 director2; do
	if out=$(ktest "$dir/director-pair.conf" "$id") && [ -z "$out" ]; then
		echo "ok: director-pair.conf as $id"
	else
		echo "FAIL: director-pair.conf as $id: $out"; fails=$((fails + 1))
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/lb_kind NAT/lb_kind NATT/' "$dir/nat-farm.conf" >"$tmp/broken.conf"
if ktest "$tmp/broken.conf" >/dev/null; then
	echo "FAIL: a broken configuration passed keepalived -t"; fails=$((fails + 1))
else
	echo "ok: a broken configuration is refused"
fi
for f in "$dir"/*.conf "$dir"/*.sh "$dir"/sysctl.d/*.conf; do
	grep -q 'SPDX-License-Identifier: GPL-2.0-only' "$f" ||
		{ echo "FAIL: no SPDX line in $f"; fails=$((fails + 1)); }
done
# the notify scripts the configurations run: executable as shipped, and
# named by the configurations as installed in /etc/keepalived
for f in "$dir"/*.sh; do
	name=$(basename "$f")
	if [ -x "$f" ] && sh -n "$f" &&
		grep -q "\"/etc/keepalived/$name " "$dir"/*.conf; then
		echo "ok: $name"
	else
		echo "FAIL: $name: not executable, not sh, or run by no configuration"
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ]
