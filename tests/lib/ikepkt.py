#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Hand-made IKE, ESP and junk packets for the guest cases.

  ikepkt.py ike  DST [--dport 500] [--src A] [--sport P] [--icookie HEX]
                     [--rcookie HEX] [--exchange 34] [--count N] [--length N]
                     [--raw] [--ike-version 2|1] [--interval S [--progress FILE]]
  ikepkt.py esp  DST [--proto 50|51] [--spi N] [--count N]
                     [--udp --dport 4500 [--sport P]]
  ikepkt.py flood DST --sources CIDR [--count N] [--dport 500]
                      [--rcookie HEX|random] [--repeat N] [--exchange 34]
  ikepkt.py junk DST [--dport 500] [--sport P] [--size N] [--count N]
                     [--seed N] [--kind random|truncated|biglen|keepalive]

IPv6 when DST contains a colon. On port 4500 IKE gets the non-ESP marker.
flood sends IKE_SA_INIT openings from random addresses of an IPv4 CIDR
(IP_HDRINCL), each with a fresh SPI: a spoofed fake-IKE flood; with
--rcookie random each carries a fresh non-zero responder SPI too (a flood
of claims), and --repeat sends every packet that many times.
--raw writes the UDP header itself, so that --sport may be a port another
socket (charon's) holds: a spoofed packet from the client's own flow.
"""
import argparse
import os
import random
import socket
import struct


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def ike_header(icookie, rcookie, exchange, length, version=0x20, flags=0x08,
               next_payload=33):
    return (icookie + rcookie +
            struct.pack("!BBBBII", next_payload, version, exchange, flags, 0,
                        length))


def ike_message(a):
    icookie = bytes.fromhex(a.icookie) if a.icookie else os.urandom(8)
    rcookie = bytes.fromhex(a.rcookie) if a.rcookie else bytes(8)
    body = bytes([0, 0, 0, 8]) + bytes(4)   # a generic payload, 8 bytes
    length = a.length if a.length is not None else 28 + len(body)
    msg = ike_header(icookie, rcookie, a.exchange, length,
                     version=a.ike_version << 4,
                     flags=0x08 if a.ike_version == 2 else 0,
                     next_payload=33 if a.ike_version == 2 else 1) + body
    if a.dport == 4500:
        msg = bytes(4) + msg
    return msg


def udp_socket(a):
    s = socket.socket(family(a.dst), socket.SOCK_DGRAM)
    if a.sport or a.src:
        s.bind((a.src or ("::" if ":" in a.dst else "0.0.0.0"), a.sport or 0))
    return s


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff or 0xffff


def raw_udp(a, msg):
    """A UDP datagram with our own header, from SRC:SPORT."""
    fam = family(a.dst)
    length = 8 + len(msg)
    src = socket.inet_pton(fam, a.src)
    dst = socket.inet_pton(fam, a.dst)
    if fam == socket.AF_INET:
        pseudo = src + dst + struct.pack("!BBH", 0, socket.IPPROTO_UDP, length)
    else:
        pseudo = src + dst + struct.pack("!I3xB", length, socket.IPPROTO_UDP)
    hdr = struct.pack("!HHHH", a.sport, a.dport, length, 0)
    csum = checksum(pseudo + hdr + msg)
    return struct.pack("!HHHH", a.sport, a.dport, length, csum) + msg


def send_flood(a):
    net, bits = a.sources.split("/")
    base = struct.unpack("!I", socket.inet_aton(net))[0]
    size = 1 << (32 - int(bits))
    first, hosts = (base + 1, size - 2) if size > 2 else (base, size)
    rnd = random.Random(a.seed)
    rc_random = a.rcookie == "random"
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for _ in range(a.count):
        a.src = socket.inet_ntoa(struct.pack("!I", first + rnd.randrange(hosts)))
        a.sport = rnd.randrange(1024, 65536)
        a.icookie = "%016x" % rnd.randrange(1, 1 << 64)
        if rc_random:
            a.rcookie = "%016x" % rnd.randrange(1, 1 << 64)
        udp = raw_udp(a, ike_message(a))
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64,
                         socket.IPPROTO_UDP, 0, socket.inet_aton(a.src),
                         socket.inet_aton(a.dst))
        for _ in range(a.repeat):
            s.sendto(ip + udp, (a.dst, 0))


def send_ike(a):
    if a.interval:
        return send_ike_paced(a)
    msg = ike_message(a)
    if a.raw:
        s = socket.socket(family(a.dst), socket.SOCK_RAW, socket.IPPROTO_UDP)
        # an address this host does not hold (a spoofer on the segment):
        # IP_TRANSPARENT lets the route lookup accept it as the source
        if ":" in a.dst:
            s.setsockopt(socket.IPPROTO_IPV6, 75, 1)    # IPV6_TRANSPARENT
        else:
            s.setsockopt(socket.IPPROTO_IP, 19, 1)      # IP_TRANSPARENT
        s.bind((a.src, 0))
        msg, port = raw_udp(a, msg), 0
    else:
        s, port = udp_socket(a), a.dport
    for _ in range(a.count):
        s.sendto(msg, (a.dst, port))


def send_ike_paced(a):
    """--count messages, one every --interval seconds, each with a fresh
    initiator SPI unless --icookie is given; the number sent so far goes
    to --progress. One process, so that a guest under emulation does not
    spend its time starting interpreters."""
    import time
    interval, a.interval, a.count = a.interval, 0, 1
    for n in range(1, a.count_total + 1):
        send_ike(a)
        if a.progress:
            with open(a.progress, "w") as f:
                f.write("%d\n" % n)
        time.sleep(interval)


def send_esp(a):
    """Raw ESP or AH; with --udp, ESP in UDP (RFC 3948) to --dport."""
    if a.udp:
        s, port = udp_socket(a), a.dport
    else:
        s, port = socket.socket(family(a.dst), socket.SOCK_RAW, a.proto), 0
    for seq in range(1, a.count + 1):
        if a.proto == 51:       # AH: next header, length, reserved, SPI, seq
            pkt = struct.pack("!BBHII", 59, 4, 0, a.spi, seq) + bytes(12)
        else:
            pkt = struct.pack("!II", a.spi, seq) + bytes(32)
        s.sendto(pkt, (a.dst, port))


def junk_payload(a, rnd):
    if a.kind == "keepalive":
        return b"\xff"
    if a.kind == "truncated":     # an ISAKMP header cut short
        a.icookie, a.rcookie, a.length = None, None, None
        full = ike_message(a)
        return full[:rnd.randrange(0, len(full))]
    if a.kind == "biglen":        # a length field beyond the datagram
        a.icookie, a.rcookie = None, None
        a.length = rnd.randrange(45, 65536)
        return ike_message(a)
    return bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, a.size + 1)))


def send_junk(a):
    rnd = random.Random(a.seed)
    s = udp_socket(a)
    for _ in range(a.count):
        s.sendto(junk_payload(a, rnd), (a.dst, a.dport))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["ike", "esp", "junk", "flood"])
    p.add_argument("dst")
    p.add_argument("--dport", type=int, default=500)
    p.add_argument("--src")
    p.add_argument("--sport", type=int, default=0)
    p.add_argument("--icookie")
    p.add_argument("--rcookie")
    p.add_argument("--exchange", type=int, default=34)
    p.add_argument("--ike-version", type=int, choices=[1, 2], default=2)
    p.add_argument("--length", type=int)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--interval", type=float, default=0)
    p.add_argument("--progress")
    p.add_argument("--proto", type=int, default=50)
    p.add_argument("--spi", type=int, default=0x1000)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--raw", action="store_true")
    p.add_argument("--udp", action="store_true")
    p.add_argument("--sources", default="203.0.113.0/24")
    p.add_argument("--kind", default="random",
                   choices=["random", "truncated", "biglen", "keepalive"])
    a = p.parse_args()
    a.count_total = a.count
    {"ike": send_ike, "esp": send_esp, "junk": send_junk,
     "flood": send_flood}[a.what](a)


if __name__ == "__main__":
    main()
