#!/usr/bin/env python3
"""Writes the seed corpus tests/fuzz/corpus/gmem/ for fuzz_gmem.c: a few hand-made scripts
that reach the interesting states (pages released and freed, reclaimed into host pages that
are not adjacent, pins on them, deferred finishes, large leaves split, palloc exhausted).

Input: header bytes h0 (bits 0-2 RAM size index: 16,16,33,64,128,256,512,1024 pages; bits 3-4
vCPUs - 1 (mod 3); bit 5 vCPUs 0 and 1 share a hart; bits 6-7 RAM placement) and h1 (which 4
pages are "hot": (h1 % (npages / 4)) * 4 on; also the initial RAM pattern),
then 8-byte records: op, vb (bits 0-1 vCPU, 2-4 address mode, 5-7 length mode), a, b, c
(16-bit little endian). op bit 7: the next record runs inside this one, before its first
vm->lock, as another vCPU's operation. op bit 6 on DMA: keep the transfer in flight; on a pin:
pin the same range into every free slot (up to a full pin table)."""
import os
import struct
import sys

PIN, UNPIN, RELEASE, RECLAIM, READ, WRITE, DMA, PINW, PINR, GUEST = 0, 2, 3, 5, 6, 7, 8, 9, 10, 11
EXIT, PARK, RESUME, INFO, DMADONE, HOG, EVICT, USABLE, HALT = 13, 14, 15, 16, 17, 18, 19, 20, 21
NESTED, KEEP, BURST = 0x80, 0x40, 0x40
# address modes: 0 page a + offset b; 1 hot page a%4 + offset b; 2 page-aligned (page in the
# field named below); 3 near the end of hot page a%4; 4 near RAM end; 5 outside RAM (below if b is odd);
# 6 hot page, aligned; 7 wild. length modes: 3 = 4096, 6 = c raw. h1 picks the hot pages.
A_OFF, A_HOT, A_PAGE, A_END, A_OUT, A_HOTPAGE = 0, 1, 2, 3, 5, 6
L_PAGE, L_RAW = 3, 6


def rec(op, v=0, gmode=0, lmode=0, a=0, b=0, c=0):
    return struct.pack("<BBHHH", op, v | gmode << 2 | lmode << 5, a, b, c)


def header(size_idx, nvcpus=1, shared=False, place=0, pattern=0):
    return bytes([size_idx | (nvcpus - 1) << 3 | int(shared) << 5 | place << 6, pattern])


# helpers named after what they do; npages/length use the raw modes
def release(v, page, n, flags=0):
    return rec(RELEASE | flags, v, A_PAGE, L_RAW, a=0, b=page, c=n)


def reclaim(v, page, n, flags=0):
    return rec(RECLAIM | flags, v, A_PAGE, L_RAW, a=0, b=page, c=n)


def read(v, page, off, n):
    return rec(READ, v, A_OFF, L_RAW, a=page, b=off, c=n)


def write(v, page, off, n):
    return rec(WRITE, v, A_OFF, L_RAW, a=page, b=off, c=n)


def pin(v, slot, page, off, n, flags=0):
    # slot in a's low 4 bits, the in-page offset in a's upper 12 bits
    return rec(PIN | flags, v, A_OFF, L_RAW, a=slot | off << 4, b=page, c=n)


def unpin(v, slot):
    return rec(UNPIN, v, a=slot)


def pinw(slot, off, size_log2, val=0x55):
    return rec(PINW, 0, a=slot, b=off, c=size_log2 | val << 2)


def pinr(slot, off, size_log2):
    return rec(PINR, 0, a=slot, b=off, c=size_log2)


def dma(page, off, n, keep=False):
    return rec(DMA | (KEEP if keep else 0), 0, A_OFF, L_RAW, a=page, b=off, c=n)


def guest(v, page, off, size_log2=3, wr=False, val=7):
    return rec(GUEST, v, A_OFF, 0, a=page, b=off, c=size_log2 | (4 if wr else 0) | val << 3)


def info(v, page, off, none=False):
    return rec(INFO, v, A_OFF, 0, a=page, b=off, c=7 if none else 8)


def hog(n):
    return rec(HOG, 0, a=0, c=n - 1)


def unhog(n):
    return rec(HOG, 0, a=1, c=n)


def exit_(v):
    return rec(EXIT, v)


def park(v):
    return rec(PARK, v)


def resume(v):
    return rec(RESUME, v)


def halt(v):  # halts in place, or wakes if halted
    return rec(HALT, v)


SEEDS = {
    # release two pages, copies across them fail, reclaim: zero; copies across the pages again
    "release-reclaim-copy": header(2) + b"".join([
        write(0, 3, 4000, 300), release(0, 3, 2), read(0, 3, 4000, 300), write(0, 4, 10, 10),
        rec(USABLE, 0, A_OFF, L_RAW, a=3, b=0, c=8192), reclaim(0, 3, 2), read(0, 3, 4000, 300),
        read(0, 4, 0, 4096), write(0, 3, 4090, 20), read(0, 2, 4000, 8192)]),
    # a pinned page cannot be released (whole page, even for a two-byte pin crossing pages)
    "pin-denies-release": header(3) + b"".join([
        pin(0, 0, 5, 4095, 2), release(0, 6, 1), release(0, 4, 3), pinw(0, 0, 0, 0x11),
        pinw(0, 1, 0, 0x22), read(0, 5, 4095, 2), unpin(0, 0), release(0, 5, 2), pin(0, 1, 5, 0, 8),
        reclaim(0, 5, 2), pin(0, 1, 5, 4000, 200), pinw(1, 100, 2), read(0, 5, 4000, 200)]),
    # freed pages come back as fresh host pages, no longer adjacent: copies, pins and DMA across
    "reclaim-fresh-noncontiguous": header(4, 2) + b"".join([
        release(0, 8, 4), exit_(1), resume(0), write(1, 7, 4000, 8192), hog(3), reclaim(1, 9, 1),
        reclaim(1, 8, 1), unhog(3), reclaim(0, 10, 2), write(0, 8, 4090, 12), read(0, 7, 100, 16000),
        dma(8, 4000, 200), dma(7, 4000, 200), dma(10, 10, 5000), pin(1, 2, 8, 4000, 1000),
        pinw(2, 96, 3), pinr(2, 97, 1), read(1, 8, 4000, 1000)]),
    # a release on vCPU 0 waits for vCPU 1; another release, a pin and a reclaim meanwhile
    "deferred-finish": header(3, 2) + b"".join([
        guest(1, 2, 8, 3, True), guest(1, 3, 0), release(0, 2, 2), guest(1, 2, 16), read(1, 2, 0, 64),
        pin(1, 3, 3, 0, 64), reclaim(1, 2, 1), release(1, 2, 1), exit_(1), resume(0), guest(0, 2, 0),
        reclaim(0, 2, 2), guest(1, 2, 0), read(0, 2, 0, 8192)]),
    # a pin racing a release of its page on another vCPU (the release gets the lock first)
    "pin-races-release": header(2, 2) + b"".join([
        pin(0, 4, 6, 100, 64, NESTED), release(1, 6, 1), exit_(1), pin(0, 5, 7, 0, 4096, NESTED),
        release(1, 7, 1), exit_(0), resume(1), reclaim(0, 6, 2), pin(0, 4, 6, 4000, 200),
        release(1, 5, 3, NESTED), unpin(0, 4), read(0, 6, 0, 8192)]),
    # 4 MiB RAM in 2 MiB leaves: a release splits one; palloc runs dry for a reclaim
    "large-leaves-oom": header(7, 1, False, 0) + b"".join([
        release(0, 700, 3), hog(2000), reclaim(0, 700, 3), unhog(1), reclaim(0, 701, 2), unhog(2000),
        release(0, 100, 1), reclaim(0, 700, 3), write(0, 699, 4000, 8300), read(0, 699, 4000, 8300),
        dma(699, 0, 12288), release(0, 0, 1024)]),
    # the vCPU info area: registered, moved, its page kept, unregistered
    "vcpu-info": header(1, 2, True) + b"".join([
        info(0, 4, 64), release(0, 4, 1), info(0, 5, 0), release(0, 4, 1), resume(1), park(0),
        resume(1), info(1, 5, 128), exit_(1), release(1, 5, 1), info(0, 0, 0, True), park(1),
        resume(0), info(0, 0, 0, True), reclaim(0, 4, 1), read(0, 5, 0, 256)]),
    # the pin table fills up (16 pins with the vCPU info area); a move needs a free entry
    "pin-table-full": header(3) + b"".join([
        info(0, 3, 0), pin(0, 0, 5, 10, 100, BURST), pin(0, 0, 6, 0, 10), info(0, 4, 0), release(0, 5, 1),
        unpin(0, 3), info(0, 4, 0), pin(0, 0, 6, 0, 10), release(0, 3, 2)]),
    # DMA in flight across a release: the finish quiesces the disk before freeing
    "dma-inflight": header(3, 2) + b"".join([
        dma(9, 0, 8192, keep=True), release(0, 9, 2), dma(11, 0, 100, keep=True), exit_(1),
        resume(0), reclaim(0, 9, 2), read(0, 9, 0, 8192), rec(DMADONE, 0, a=1), dma(12, 0, 4096, keep=True),
        release(1, 12, 1), read(1, 11, 0, 200)]),
    # edges: outside RAM, wild lengths, unaligned balloon ranges, npages 0 and too large
    "edges": header(0) + b"".join([
        rec(READ, 0, A_OUT, 0, a=0, b=1, c=4), rec(WRITE, 0, A_OUT, 7, a=0, b=0, c=3), rec(PIN, 0, 4, 3, a=0, b=0, c=0),
        rec(PIN, 0, 7, 7, a=10, b=0, c=1), rec(RELEASE, 0, A_OFF, L_RAW, a=1, b=3, c=1), release(0, 0, 0),
        release(0, 15, 2), rec(RELEASE, 0, 7, 7, a=3, b=5, c=4), reclaim(0, 0, 17), rec(DMA, 0, 4, 0, a=0, b=0, c=0),
        rec(USABLE, 0, 7, 7, a=1, b=2, c=3), rec(GUEST, 0, A_OUT, 0, a=0, b=2, c=3), read(0, 0, 0, 65535)]),
    # a vCPU halted in place is not waited for: it flushes when it wakes, before its guest runs
    "halted-not-waited": header(3, 3) + b"".join([
        guest(2, 5, 0), guest(2, 6, 8, 3, True), halt(2), release(0, 5, 2), exit_(1), resume(0), halt(2),
        guest(2, 5, 0), reclaim(2, 5, 2), guest(2, 6, 0), halt(1), release(2, 6, 1), halt(1), read(1, 5, 0, 8192)]),
    # regressions. vCPU 0's deferred finish freed a page vCPU 1 had reclaimed and released
    # again while hart 2 still cached it
    "regress-finish-rereleased": header(3, 3) + b"".join([
        release(0, 5, 1), exit_(1), exit_(2), reclaim(1, 5, 1), guest(2, 5, 0), release(1, 5, 1), resume(0)]),
    # a release that needs a 2 MiB leaf split with palloc empty answered SUCCESS, page mapped
    "regress-release-split-oom": header(7) + b"".join([hog(2000), release(0, 5, 1), read(0, 5, 0, 8)]),
    # npages 0 at the second page of a pin crossing pages answered DENIED
    "regress-release-empty-in-pin": header(0) + b"".join([pin(0, 0, 0, 0xb0, 4096), release(0, 1, 0)]),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "gmem")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
