#!/usr/bin/env python3
"""Writes an uncompressed cpio archive (the "newc" format Linux unpacks from an initrd) from
pairs NAME=FILE: each FILE becomes NAME (mode 0755, owner root) in the archive, after an entry
for each directory NAME lies in (bin/sh: the directory bin, mode 0755, first).
Usage: mkcpio.py OUT init=build/linux/init [...]"""
import os
import sys


def entry(name, data, mode, ino):
    name_b = name.encode() + b"\0"
    hdr = b"070701" + b"".join(b"%08X" % v for v in (
        ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0))
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def main():
    out, pairs = sys.argv[1], sys.argv[2:]
    blob, dirs, ino = b"", set(), 0
    for pair in pairs:
        name, path = pair.split("=", 1)
        parts = name.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in dirs:
                dirs.add(d)
                ino += 1
                blob += entry(d, b"", 0o040755, ino)
        with open(path, "rb") as f:
            ino += 1
            blob += entry(name, f.read(), 0o100755, ino)
    blob += entry("TRAILER!!!", b"", 0, 0)
    blob += b"\0" * (-len(blob) % 512)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
