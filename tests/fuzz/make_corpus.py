#!/usr/bin/env python3
"""Writes the seed corpora: tests/fuzz/corpus/virtq/ for fuzz_virtq.c (16-byte prefix, guest RAM
image, guest-write tail) and tests/fuzz/corpus/vblk/ for fuzz_vblk.c (8-byte prefix, guest RAM
image, 4-byte operations: 0 notify, 1 device interrupt, 2 guest write, 3 quiesce, 4 reset;
prefix byte 6 sets how many extra polls the pretend device takes),
and the model-* seeds of tests/fuzz/corpus/hcargs/ for fuzz_hcargs.c (calls at the edges of the
address rule; the rest of that corpus is what fuzzing found)."""
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


def vblk_seed(lg, event_idx, limit, ram, ops, slow=0):
    pre = struct.pack("<BBBBHBB", lg, event_idx, limit - 1, len(ops), DESC, slow, 0)
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
    # a device slower than one poll: quiesce finds all four in flight and must wait them out
    seeds["quiesce-slow"] = vblk_seed(4, 1, 64, r, [(3, 0, 0, 0), (1, 0, 0, 0)], slow=2)
    seeds["stall-slow"] = vblk_seed(4, 0, 2, r, [(1, 0, 0, 0), (3, 0, 0, 0)] * 2, slow=3)
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


# fuzz_hcargs.c's input: shape, console input (2), bound sources (1), then calls of
# sel (ext index | vcpu << 5), fid, six arguments, core-error byte. Indices into its exts[].
HC_EXT = {"EVENT": 2, "MEM": 3, "CONSOLE": 4, "LIFECYCLE": 6, "RFENCE": 12, "HSM": 13, "DBCN": 15,
          "SSE": 23, "DBTR": 24}
SSE_L, SSE_G = 0xFFFF0000, 0xFFFF8000
HC_BASE, HC_RAM = 0x80000000, 3 * 0x10000          # shape 0x11: 2 vCPUs, no disk, 192 KiB
HC_END, HC_ALL = HC_BASE + HC_RAM, (1 << 64) - 1


def hc_call(ext, fid, *args, vcpu=0):
    args = list(args) + [0] * (6 - len(args))
    raw = b"".join(b"\x0f" + struct.pack("<Q", a & HC_ALL) for a in args)  # k % 16 = 15: 8 raw bytes
    return bytes([HC_EXT[ext] | vcpu << 5, fid]) + raw + b"\x02"        # 2: no core error


def sse_write(event, base, count, values, gpa=HC_BASE + 0x1000):
    """SSE write_attrs with the ten attribute values the fuzzer puts in the buffer first."""
    call = hc_call("SSE", 1, event, base, count, gpa)
    vals = list(values) + [0] * (10 - len(values))
    return call[:-1] + b"".join(b"\x00\x0f" + struct.pack("<Q", v & HC_ALL) for v in vals) + call[-1:]


def main_hcargs(out):
    os.makedirs(out, exist_ok=True)
    head = bytes([0x11, 0, 0, 0])
    seeds = {
        # DBCN: the whole [lo, lo + len) must be RAM, not only the 256 bytes one call copies
        "model-dbcn": [hc_call("DBCN", 1, 1000, HC_END - 500), hc_call("DBCN", 1, HC_ALL, HC_BASE),
                       hc_call("DBCN", 1, 300, HC_END - 300), hc_call("DBCN", 0, 1000, HC_END - 500),
                       hc_call("DBCN", 0, 300, HC_END - 300), hc_call("DBCN", 1, 16, HC_BASE, 1)],
        # CONSOLE: the whole stated range, beyond the first 4096 (write) / 1024 (read) bytes
        "model-console": [hc_call("CONSOLE", 0, HC_END - 5000, 6000),
                          hc_call("CONSOLE", 1, HC_END - 2000, 5000),
                          hc_call("CONSOLE", 1, HC_END - 1024, 1024),
                          hc_call("CONSOLE", 0, HC_END - 16, 16)],
        # MEM: GET_MAP writes 32 bytes per entry, vCPU info 64-aligned, balloon ranges, fences
        "model-mem": [hc_call("MEM", 0, HC_END - 40, 1), hc_call("MEM", 0, HC_END - 40, 2),
                      hc_call("MEM", 1, HC_END - 32), hc_call("MEM", 1, HC_END),
                      hc_call("MEM", 1, HC_END - 64), hc_call("MEM", 1, HC_ALL),
                      hc_call("MEM", 2, HC_END - 4096, 2), hc_call("MEM", 2, HC_BASE, (1 << 52) + 1),
                      hc_call("MEM", 4, 1, 0, (1 << 64) - 4096, 4096),
                      hc_call("MEM", 4, 1, 0, 5, HC_ALL), hc_call("MEM", 4, 1, 0, HC_ALL, 0)],
        # the whole crash message must be RAM, not only the 128 bytes printed
        "model-crash": [hc_call("LIFECYCLE", 2, 1, HC_END - 100, 200),
                        hc_call("LIFECYCLE", 2, 1, HC_BASE, HC_ALL)],
        "model-event": [hc_call("EVENT", 0, HC_END), hc_call("EVENT", 0, HC_END - 2048),
                        hc_call("EVENT", 0, HC_END - 4096)],
        "model-hsm-rfence": [hc_call("HSM", 3, 0x80000000, HC_END), hc_call("HSM", 3, 0x80000000, HC_END - 1),
                             hc_call("RFENCE", 1, 1, 0, HC_ALL - 4095, 8192),
                             hc_call("RFENCE", 2, 1, 0, (1 << 64) - 4096, 4096, 0),
                             hc_call("RFENCE", 1, 1, 0, 7, HC_ALL),
                             hc_call("HSM", 3, 0x80000000, HC_END - 2)],
        # SSE: attribute values at and past their legal edges, the buffer rules, the states
        "model-sse": [hc_call("SSE", 2, SSE_L, HC_BASE + 0x2000, 7),
                      sse_write(SSE_L, 1, 1, [1 << 32]), sse_write(SSE_L, 1, 1, [(1 << 32) - 1]),
                      sse_write(SSE_L, 2, 1, [2]), sse_write(SSE_G, 3, 1, [2]),
                      sse_write(SSE_G, 3, 1, [1]), sse_write(SSE_L, 7, 1, [0x40]),
                      sse_write(SSE_L, 1, 3, [5, 1, 0]), sse_write(SSE_L | 1 << 32, 0, 1, [0]),
                      hc_call("SSE", 4, SSE_L), hc_call("SSE", 7, SSE_L, 1), hc_call("SSE", 7, SSE_G, 9),
                      hc_call("SSE", 0, SSE_L, 0, 10, HC_END - 80), hc_call("SSE", 0, SSE_L, 0, 10, HC_END - 72),
                      hc_call("SSE", 0, SSE_G, 9, 1, HC_END - 8, 1), hc_call("SSE", 8), hc_call("SSE", 6),
                      hc_call("SSE", 5, SSE_L), hc_call("SSE", 3, SSE_L), hc_call("SSE", 9)],
        "model-dbtr": [hc_call("DBTR", 1, HC_BASE + 8), hc_call("DBTR", 2, 0, 1), hc_call("DBTR", 3, 1),
                       hc_call("DBTR", 1, HC_ALL, HC_ALL), hc_call("DBTR", 5, 0, 1), hc_call("DBTR", 0, 0)],
    }
    for name, calls in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(head + b"".join(calls))


if __name__ == "__main__":
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    main(os.path.join(top, "virtq"))
    main_vblk(os.path.join(top, "vblk"))
    main_hcargs(os.path.join(top, "hcargs"))
