#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The IPVS sync messages (version 1) of a tcpdump capture, decoded; or
crafted ones sent to a backup.

  syncmsg.py PCAP
  syncmsg.py send SRC SYNCID VADDR DADDR CADDR

send: one message, from SRC to the sync group, of DR entries from CADDR
to VADDR:500 (real server DADDR), one per kind of ISAKMP parameter, each
from its own client port:
  50001  a valid one (IKE_ESTAB and cookies): the backup's entry is ISAKMP
  50002  a parameter 3 bytes long          \
  50003  the state IKE_INIT                 } refused: a plain UDP entry
  50004  an unknown state (99)             /
  50005  a length past the end of the entry: the entry is dropped
and then a message whose size field exceeds the datagram (cport 50006):
dropped whole.

One line per synced connection:

  proto=17 caddr=192.0.2.11 cport=4500 vport=4500 flags=0x00000000 state=0
  timeout=1800 opts=0x44/18

flags are the connection flags as sent (IP_VS_CONN_F_*, 32 bits);
opts lists each parameter as TYPE/LENGTH in hex/decimal; TYPE has bit 0x40 (IPVS_OPT_F_PARAM)
set when the parameter is optional, which a backup that does not know the
type skips (net/netfilter/ipvs/ip_vs_sync.c, ip_vs_proc_sync_conn).
Ethernet captures of IPv4 multicast only, as the sync daemon sends them.
"""
import ipaddress
import socket
import struct
import sys

PCAP_HEADER = 24
RECORD_HEADER = 16
ETH_HEADER = 14
MESG_HEADER = 8		# reserved, syncid, size, nr_conns, version, spare
CONN_V4 = 36		# type .. daddr, IPv4 addresses
CONN_V6 = 60
STYPE_F_INET6 = 1


def payloads(path):
    """UDP payloads of the IPv4 packets of an Ethernet pcap file"""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data)[0]
    order = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    off = PCAP_HEADER
    while off + RECORD_HEADER <= len(data):
        caplen = struct.unpack_from(order + "IIII", data, off)[2]
        frame = data[off + RECORD_HEADER:off + RECORD_HEADER + caplen]
        off += RECORD_HEADER + caplen
        if len(frame) < ETH_HEADER + 20 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[ETH_HEADER:]
        ihl = (ip[0] & 0x0F) * 4
        if ip[9] != 17 or len(ip) < ihl + 8:
            continue
        yield ip[ihl + 8:]


def options(conn, start, end):
    """TYPE/LENGTH of each parameter between start and end"""
    out = []
    p = start
    while p + 2 <= end:
        ptype, plen = conn[p], conn[p + 1]
        out.append("0x%02x/%d" % (ptype, plen))
        p += 2 + plen
    return out


def conns(msg):
    """one line per connection of a version 1 sync message"""
    if len(msg) < MESG_HEADER or msg[0] != 0 or msg[5] != 1:
        return
    nr = msg[4]
    p = MESG_HEADER
    for _ in range(nr):
        if p + 4 > len(msg):
            return
        ctype, proto, ver_size = struct.unpack_from(">BBH", msg, p)
        size = ver_size & 0x0FFF
        six = ctype & STYPE_F_INET6
        fixed = CONN_V6 if six else CONN_V4
        if size < fixed or p + size > len(msg):
            return
        flags, state, cport, vport = struct.unpack_from(">IHHH", msg, p + 4)
        timeout = struct.unpack_from(">I", msg, p + 20)[0]
        alen = 16 if six else 4
        caddr = ipaddress.ip_address(msg[p + 24:p + 24 + alen])
        yield ("proto=%d caddr=%s cport=%d vport=%d flags=0x%08x state=%d"
               " timeout=%d opts=%s"
               % (proto, caddr, cport, vport, flags, state, timeout,
                  ",".join(options(msg, p + fixed, p + size)) or "-"))
        p += (size + 3) & ~3


SYNC_GROUP = ("224.0.0.81", 8848)
OPT_ISAKMP = 0x44		# IPVS_OPT_ISAKMP | IPVS_OPT_F_PARAM (optional)
IKE_ESTAB = 4			# IP_VS_UDP_S_IKE_ESTAB
DROUTE = 0x0003			# IP_VS_CONN_F_DROUTE


def conn_v4(cport, vaddr, daddr, caddr, opts=b""):
    """an IPv4 UDP entry (state NORMAL, 1800 s), padded to 32 bits"""
    size = CONN_V4 + len(opts)
    rec = struct.pack(">BBHIHHHHII4s4s4s", 0, 17, size, DROUTE, 0, cport,
                      500, 500, 0, 1800, caddr, vaddr, daddr) + opts
    return rec + bytes(-len(rec) % 4)


def isakmp_opt(state, length=18):
    """the ISAKMP parameter, its length field as given"""
    body = struct.pack(">H", state) + bytes(range(1, 17))
    return bytes([OPT_ISAKMP, length]) + body[:length]


def mesg(syncid, recs, size=None):
    body = b"".join(recs)
    size = MESG_HEADER + len(body) if size is None else size
    return struct.pack(">BBHBbH", 0, syncid, size, len(recs), 1, 0) + body


def send(src, syncid, vaddr, daddr, caddr):
    v, d, c = (ipaddress.ip_address(a).packed for a in (vaddr, daddr, caddr))
    overrun = bytes([OPT_ISAKMP, 200]) + bytes(18)
    recs = [conn_v4(50001, v, d, c, isakmp_opt(IKE_ESTAB)),
            conn_v4(50002, v, d, c, isakmp_opt(IKE_ESTAB, 3)),
            conn_v4(50003, v, d, c, isakmp_opt(2)),
            conn_v4(50004, v, d, c, isakmp_opt(99)),
            conn_v4(50005, v, d, c, overrun)]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                    socket.inet_aton(src))
    sock.bind((src, 0))
    sock.sendto(mesg(int(syncid), recs), SYNC_GROUP)
    long = mesg(int(syncid), [conn_v4(50006, v, d, c, isakmp_opt(IKE_ESTAB))])
    sock.sendto(long[:-8], SYNC_GROUP)


def main():
    if sys.argv[1] == "send":
        send(*sys.argv[2:7])
        return
    for msg in payloads(sys.argv[1]):
        for line in conns(msg):
            print(line)


if __name__ == "__main__":
    main()
