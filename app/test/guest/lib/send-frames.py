#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Send marked test frames out of a kernel interface (AF_PACKET).

Usage: send-frames.py IFACE SPEC...
SPEC is TYPE,DST,VLAN,COUNT: TYPE one letter a..z written into the payload
after the mark "SRPF" (test-srnic-vf's wire-rx scenario counts by it), DST
a MAC, VLAN 0 for untagged.
"""

import socket
import struct
import sys
import time

ETHERTYPE = 0x88B5      # IEEE local experimental
MAGIC = b"SRPF"


def mac_bytes(text):
    return bytes(int(x, 16) for x in text.split(":"))


def frame(src, dst, vlan, kind, seq):
    head = mac_bytes(dst) + src
    if vlan:
        head += struct.pack("!HH", 0x8100, vlan)
    body = struct.pack("!H", ETHERTYPE) + MAGIC + kind.encode() + struct.pack("!I", seq)
    data = head + body
    return data + bytes(max(0, 60 - len(data)))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    iface = argv[1]
    with open(f"/sys/class/net/{iface}/address") as f:
        src = mac_bytes(f.read().strip())
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    for spec in argv[2:]:
        kind, dst, vlan, count = spec.split(",")
        for seq in range(int(count)):
            sock.send(frame(src, dst, int(vlan), kind, seq))
            # The emulated NIC on the far side is slow: do not overrun it.
            time.sleep(0.005)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
