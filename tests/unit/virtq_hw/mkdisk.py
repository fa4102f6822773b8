#!/usr/bin/env python3
"""mkdisk.py IMAGE [check]: writes a 1 MiB disk whose sector s, byte i is (s*31 + i*7 + 1) & 0xff
(the pattern vmblk_test.elf expects); with 'check', instead verifies that sector 1 holds what
the payload wrote ((0xa5 ^ i*13) & 0xff) and every other sector its original pattern."""
import sys

SECT, N = 512, 2048


def host(s):
    return bytes((s * 31 + i * 7 + 1) & 0xff for i in range(SECT))


def ours():
    return bytes((0xa5 ^ (i * 13)) & 0xff for i in range(SECT))


path = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "check":
    data = open(path, "rb").read()
    bad = [s for s in range(N) if data[s * SECT:(s + 1) * SECT] != (ours() if s == 1 else host(s))]
    print("disk check: %s" % ("ok" if not bad else "sectors differ: %s" % bad[:8]))
    sys.exit(1 if bad else 0)
with open(path, "wb") as f:
    for s in range(N):
        f.write(host(s))
