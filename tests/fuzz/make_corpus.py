#!/usr/bin/env python3
"""Writes the seed corpora: tests/fuzz/corpus/virtq/ for fuzz_virtq.c (16-byte prefix, guest RAM
image, guest-write tail) and tests/fuzz/corpus/vblk/ for fuzz_vblk.c (8-byte prefix, guest RAM
image, 4-byte operations: 0 notify, 1 device interrupt, 2 guest write, 3 quiesce, 4 reset)."""
import os
import struct
import sys

DESC, AVAIL, USED, HDR, STATUS, DATA = 0x0, 0x1000, 0x2000, 0x3000, 0x3800, 0x4000
BASE = 0x80000000
N, W, IND = 1, 2, 4


class Ram:
    def __init__(self):
        self.b = bytearray(0x3900)

    def put(self, off, raw):
        end = off + len(raw)
        if end > len(self.b):
            self.b.extend(bytes(end - len(self.b)))
        self.b[off:end] = raw

    def desc(self, i, addr, ln, flags, nxt):
        self.put(DESC + 16 * i, struct.pack("<QIHH", addr, ln, flags, nxt))

    def hdr(self, off, typ, sector):
        self.put(off, struct.pack("<IIQ", typ, 0, sector))

    def avail(self, size, heads, idx=None):
        for n, h in enumerate(heads):
            self.put(AVAIL + 4 + 2 * (n % size), struct.pack("<H", h))
        self.put(AVAIL + 2, struct.pack("<H", len(heads) if idx is None else idx))

    def std(self, d0, typ, sector, dlen, dflags):
        self.hdr(HDR + 16 * d0, typ, sector)
        self.desc(d0, BASE + HDR + 16 * d0, 16, N, d0 + 1)
        self.desc(d0 + 1, BASE + DATA, dlen, dflags | N, d0 + 2)
        self.desc(d0 + 2, BASE + STATUS + d0, 1, W, 0)


def seed(lg, event_idx, ram, muts=(), ro=0, seg_max=64, capacity=1000):
    pre = struct.pack("<BBBBHHHHHI", lg, event_idx | ro << 1, seg_max, len(muts),
                      DESC, AVAIL, USED, 0, 0, 0)[:12]
    pre += struct.pack("<I", capacity)  # bytes 12..14 + shift 0
    tail = b"".join(struct.pack("<HB", o, v) for o, v in muts)
    return pre + bytes(ram.b) + tail


def vblk_seed(lg, event_idx, limit, ram, ops):
    pre = struct.pack("<BBBBHH", lg, event_idx, limit - 1, len(ops), DESC, 0)
    return pre + bytes(ram.b) + b"".join(struct.pack("<BBBB", *o) for o in ops)


def main_vblk(out):
    os.makedirs(out, exist_ok=True)
    seeds = {}
    r = Ram()
    for i in range(4):
        r.std(3 * i, 0 if i % 2 else 1, i, 512, W if i % 2 else 0)
    r.avail(16, [0, 3, 6, 9])
    seeds["batch4"] = vblk_seed(4, 1, 64, r, [(1, 0, 0, 0), (0, 0, 0, 0), (1, 0, 0, 0)])
    seeds["stall"] = vblk_seed(4, 0, 1, r, [(1, 0, 0, 0)] * 4 + [(3, 0, 0, 0)])
    seeds["reset"] = vblk_seed(4, 1, 2, r, [(4, 0, 0, 0), (2, 2, 0x10, 4), (0, 0, 0, 0), (1, 0, 0, 0)])
    r = Ram(); r.std(0, 1, 0, 512, 0); r.desc(2, BASE + STATUS, 1, W | N, 0); r.avail(8, [0])
    seeds["loop"] = vblk_seed(3, 0, 8, r, [(0, 0, 0, 0)])
    for name, blob in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)


def main(out):
    os.makedirs(out, exist_ok=True)
    seeds = {}
    r = Ram(); r.std(0, 0, 7, 4096, W); r.avail(8, [0])
    seeds["read"] = seed(3, 0, r)
    r = Ram(); r.hdr(HDR, 1, 3); r.desc(0, BASE + HDR, 16, N, 1)
    r.desc(1, BASE + DATA, 512, N, 2); r.desc(2, BASE + DATA + 512, 1024, N, 3)
    r.desc(3, BASE + STATUS, 1, W, 0); r.avail(8, [0])
    seeds["write2_evidx"] = seed(3, 1, r)
    r = Ram(); r.hdr(HDR, 4, 0); r.desc(0, BASE + HDR, 16, N, 1)
    r.desc(1, BASE + STATUS, 1, W, 0); r.avail(4, [0])
    seeds["flush"] = seed(2, 0, r)
    r = Ram(); r.std(0, 0, 0, 512, W); r.desc(2, BASE + STATUS, 1, W | N, 0); r.avail(8, [0])
    seeds["loop"] = seed(3, 0, r)
    r = Ram()
    for i in range(4):
        r.std(3 * i, 0 if i % 2 else 1, i, 512, W if i % 2 else 0)
    r.avail(16, [0, 3, 6, 9])
    seeds["batch4"] = seed(4, 1, r)
    r = Ram(); r.std(0, 0, 0, 512, W); r.avail(4, [0, 0, 0, 0, 0])
    seeds["ahead"] = seed(2, 0, r)
    r = Ram(); r.std(0, 0, 0, 512, W); r.avail(8, [0, 0, 0])
    seeds["race"] = seed(3, 1, r, muts=[(AVAIL + 2, 9), (DESC + 16 + 8, 0xff), (AVAIL + 4, 5)])
    r = Ram(); r.std(0, 1, 0, 512, 0); r.desc(1, BASE + DATA, 48, IND, 0); r.avail(8, [0])
    seeds["indirect"] = seed(3, 0, r)
    r = Ram(); r.std(0, 8, 0, 20, W); r.std(3, 9, 0, 512, 0); r.avail(8, [0, 3])
    seeds["getid_unsupp"] = seed(3, 0, r, ro=1)
    for name, blob in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    main(os.path.join(top, "virtq"))
    main_vblk(os.path.join(top, "vblk"))
