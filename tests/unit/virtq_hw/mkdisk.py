#!/usr/bin/env python3
"""mkdisk.py IMAGE [check]: writes a 1 MiB disk whose sector s, byte i is (s*31 + i*7 + 1) & 0xff
(the pattern vmblk_test.elf expects); with 'check', instead verifies what the payload wrote:
sector 1 = (0xa5 ^ i*13) & 0xff (driver test), sectors 69..84 = (0x3c + j*5) & 0xff over the
8 KiB (vblk end-to-end test: guest sector 5 of a window starting at 64), all others untouched."""
import sys

SECT, N = 512, 2048


def host(s):
    return bytes((s * 31 + i * 7 + 1) & 0xff for i in range(SECT))


def ours():
    return bytes((0xa5 ^ (i * 13)) & 0xff for i in range(SECT))


def expected(s):
    if s == 1:
        return ours()
    if 69 <= s < 85:
        return bytes((0x3c + j * 5) & 0xff for j in range((s - 69) * SECT, (s - 68) * SECT))
    return host(s)


path = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "check":
    data = open(path, "rb").read()
    bad = [s for s in range(N) if data[s * SECT:(s + 1) * SECT] != expected(s)]
    print("disk check: %s" % ("ok" if not bad else "sectors differ: %s" % bad[:8]))
    sys.exit(1 if bad else 0)
with open(path, "wb") as f:
    for s in range(N):
        f.write(host(s))
