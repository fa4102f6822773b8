#!/usr/bin/env python3
"""Host side of the disk test guests' pattern (tests/disk/dlib.c: d_pattern, d_hash).

    pattern.py check IMAGE SEED FIRST COUNT   image holds the pattern there; prints its hash
    pattern.py hash SEED FIRST COUNT          hash of the pattern itself (what verify prints)
    pattern.py zero IMAGE FIRST COUNT         those sectors are all zero
    pattern.py fill IMAGE BYTE                every byte of IMAGE is BYTE
Exit status 0 when the check holds, 1 with a line saying where it does not.
"""
import struct
import sys

M = (1 << 64) - 1


def word(seed, sector, i):
    z = (seed * 0x9E3779B97F4A7C15 + sector * 64 + i) & M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def sector_bytes(seed, sector):
    return struct.pack("<64Q", *(word(seed, sector, i) for i in range(64)))


def fnv(h, data):
    for (w,) in struct.iter_unpack("<Q", data):
        h = ((h ^ w) * 0x100000001B3) & M
    return h


def main(argv):
    cmd = argv[1]
    if cmd == "hash":
        seed, first, count = (int(x, 0) for x in argv[2:5])
        h = 0xCBF29CE484222325
        for s in range(first, first + count):
            h = fnv(h, sector_bytes(seed, s))
        print(f"{h:x}")
        return 0
    with open(argv[2], "rb") as f:
        img = f.read()
    if cmd == "fill":
        b = int(argv[3], 0)
        bad = next((i for i, c in enumerate(img) if c != b), None)
        if bad is not None:
            print(f"byte {bad} is {img[bad]:#x}, not {b:#x}")
            return 1
        return 0
    if cmd == "zero":
        first, count = int(argv[3], 0), int(argv[4], 0)
        part = img[first * 512:(first + count) * 512]
        if len(part) != count * 512 or any(part):
            print(f"sectors {first}+{count} are not all zero")
            return 1
        return 0
    seed, first, count = (int(x, 0) for x in argv[3:6])
    h = 0xCBF29CE484222325
    for s in range(first, first + count):
        got = img[s * 512:(s + 1) * 512]
        if got != sector_bytes(seed, s):
            print(f"sector {s} does not hold pattern seed {seed}")
            return 1
        h = fnv(h, got)
    print(f"{h:x}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
