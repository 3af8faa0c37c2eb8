#!/usr/bin/env python3
"""A tiny authoritative DNS server on 127.0.0.1 (UDP) for the benchmarks, so they never wait on the machine's resolver.

  dnsstub.py PORT [RECORD...]     RECORD is NAME/TYPE/VALUE with TYPE A, AAAA, MX ("PREF HOST") or TXT; NAME may start
                                  with "*." to answer for every name below it. Every other name gets NXDOMAIN.
Runs until killed. Example: dnsstub.py 5353 '*.out.test/MX/10 mx.out.test' 'mx.out.test/A/127.0.0.1'
"""
import ipaddress
import socket
import struct
import sys

TYPES = {"A": 1, "MX": 15, "TXT": 16, "AAAA": 28}


def encode_name(name):
    return b"".join(bytes([len(label)]) + label.encode() for label in name.strip(".").split(".") if label) + b"\0"


def rdata(rtype, value):
    if rtype == "A":
        return ipaddress.IPv4Address(value).packed
    if rtype == "AAAA":
        return ipaddress.IPv6Address(value).packed
    if rtype == "MX":
        preference, host = value.split()
        return struct.pack(">H", int(preference)) + encode_name(host)
    data = value.encode()
    return b"".join(bytes([len(data[i:i + 255])]) + data[i:i + 255] for i in range(0, max(len(data), 1), 255))


def main():
    port = int(sys.argv[1])
    records = {}
    for spec in sys.argv[2:]:
        name, rtype, value = spec.split("/", 2)
        records.setdefault((name.lower().strip("."), TYPES[rtype]), []).append(rdata(rtype, value))
    names = {name for name, _ in records}
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", port))
    while True:
        query, client = sock.recvfrom(4096)
        if len(query) < 12:
            continue
        tid, flags = struct.unpack(">HH", query[:4])
        # The question: labels up to the zero byte, then type and class.
        end, labels = 12, []
        while end < len(query) and query[end] != 0:
            labels.append(query[end + 1:end + 1 + query[end]].decode(errors="replace"))
            end += query[end] + 1
        question = query[12:end + 5]
        qname, qtype = ".".join(labels).lower(), struct.unpack(">H", query[end + 1:end + 3])[0]
        wildcard = "*." + qname.split(".", 1)[1] if "." in qname else None
        key = (qname, qtype) if qname in names else (wildcard, qtype)
        answers = records.get(key, [])
        known = qname in names or wildcard in names
        rcode = 0 if known else 3
        header = struct.pack(">HHHHHH", tid, 0x8400 | (flags & 0x0100) | rcode, 1, len(answers), 0, 0)
        body = b"".join(b"\xc0\x0c" + struct.pack(">HHIH", qtype, 1, 300, len(a)) + a for a in answers)
        sock.sendto(header + question + body, client)


if __name__ == "__main__":
    main()
