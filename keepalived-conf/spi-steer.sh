#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# lvs-ipsec: spi-steer.sh VIP RS LABEL/MASK MIN-MAX, run by keepalived
# (notify_up in active-active.conf) when it puts real server RS in service:
# at its start (rs_init_notifies) and when a health check brings RS back.
# Sets, with the patched ipvsadm, what the "spi" scheduler needs and
# keepalived cannot set, on the VIP's IKE services (UDP VIP:500 and
# VIP:4500):
#   - their scheduler: keepalived's lb_algo takes only the stock schedulers
#     ("Invalid lvs_scheduler 'spi'", keepalived 2.2.7 and later), so
#     keepalived builds the services with another one, and this switches
#     them to spi;
#   - RS's SPI label/mask and ESP SPI range (ipvsadm --spi-label,
#     --spi-range), for which keepalived has no keyword.
# keepalived's later changes keep them: its weight changes
# (inhibit_on_failure, misc_dynamic) edit a real server without the SPI
# attributes, which leaves the label and range as they are, and it edits
# a service only when a reload changes its virtual_server settings
# (restart keepalived then: its new services come up with labels again).
#
# Only what is not yet so is written; the rest of each command is the
# service's or the real server's line as ipvsadm -S saves it (forwarding,
# weight, persistence, flags; not the -x/-y thresholds, which ipvsadm -S
# does not save). Write LABEL/MASK and MIN-MAX as ipvsadm -S prints them
# (0x and 16, resp. 8, lowercase hex digits each), else they are written
# again at every notify_up: harmless, but see the next paragraph.
#
# A write puts back the weight read a moment before (a few hundredths of
# a second); a weight change by keepalived in between would be undone.
# That needs a health check of RS to end within that moment after
# keepalived put RS in service (its first checks come a second after it
# starts, the next ones delay_loop apart), and can happen only while RS
# has no label yet: once it has, the script writes nothing for it.
#
# Install as /etc/keepalived/spi-steer.sh, owned by root, mode 0755, in a
# directory only root can write (enable_script_security), with the
# patched ipvsadm (package ipvsadm-lvs-ipsec) as ipvsadm in keepalived's
# PATH. What it changes goes to syslog (tag spi-steer).
set -u
set -f

if [ $# -ne 4 ]; then
	echo "usage: spi-steer.sh VIP RS LABEL/MASK MIN-MAX" >&2
	exit 2
fi
lower() { printf '%s\n' "$1" | tr 'A-FX' 'a-fx'; }
# an address as ipvsadm -S -n prints it: IPv6 in brackets
bracket() {
	case $1 in
	*:*) echo "[$1]" ;;
	*) echo "$1" ;;
	esac
}
vip=$(bracket "$1")
rs=$(bracket "$2")
label=$(lower "$3")
range=$(lower "$4")

say() {
	logger -t spi-steer -- "$*" 2>/dev/null || echo "spi-steer: $*" >&2
}

rules=$(ipvsadm -S -n) || {
	say "ipvsadm -S failed"
	exit 1
}

# rule OPTION SERVICE [RS]: the saved line (-A or -a) of SERVICE or of its
# real server RS, without its first word
rule() {
	printf '%s\n' "$rules" | awk -v o="$1" -v s="$2" -v r="${3:-}" '
		$1 == o && $2 " " $3 == s && (r == "" || ($4 == "-r" && $5 == r)) {
			sub(/^[^ ]+ /, ""); print; exit }'
}

rc=0
for port in 500 4500; do
	svc="-u $vip:$port"
	line=$(rule -A "$svc")
	if [ -z "$line" ]; then
		say "no service UDP $vip:$port"
		rc=1
		continue
	fi
	# the service's words, its scheduler made spi
	# shellcheck disable=SC2086 # the saved line's words
	set -- $line
	args="" sched=""
	while [ $# -gt 0 ]; do
		if [ "$1" = -s ] && [ $# -ge 2 ]; then
			sched=$2
			args="$args -s spi"
			shift 2
		else
			args="$args $1"
			shift
		fi
	done
	if [ "$sched" != spi ]; then
		# shellcheck disable=SC2086 # the saved line's words
		if ipvsadm -E $args; then
			say "UDP $vip:$port: scheduler $sched -> spi"
		else
			say "UDP $vip:$port: cannot set the spi scheduler"
			rc=1
		fi
	fi

	line=$(rule -a "$svc" "$rs:$port")
	if [ -z "$line" ]; then
		say "UDP $vip:$port: no real server $rs:$port"
		rc=1
		continue
	fi
	# (ipvsadm -S writes the label first, then the range)
	case " $line " in
	*" --spi-label $label --spi-range $range "*) continue ;;
	esac
	# the real server's words without its old SPI settings, and the new
	# ones
	# shellcheck disable=SC2086 # the saved line's words
	set -- $line
	args=""
	while [ $# -gt 0 ]; do
		case $1 in
		--spi-label | --spi-range) shift 2 ;;
		*)
			args="$args $1"
			shift
			;;
		esac
	done
	# shellcheck disable=SC2086 # the saved line's words
	if ipvsadm -e $args --spi-label "$label" --spi-range "$range"; then
		say "UDP $vip:$port: real server $rs:$port: label $label, range $range"
	else
		say "UDP $vip:$port: real server $rs:$port: cannot set label $label, range $range"
		rc=1
	fi
done
exit "$rc"
