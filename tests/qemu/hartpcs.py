#!/usr/bin/env python3
"""Prints "HART PC" for every hart of a running QEMU, from its monitor's "info registers -a".
Usage: hartpcs.py MONITOR_SOCKET  (QEMU started with -monitor unix:SOCKET,server=on,wait=off);
then it quits QEMU."""
import re, socket, sys, time

s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(1)
s.sendall(b"info registers -a\n")
out, end = b"", time.monotonic() + 30
while time.monotonic() < end:
    try:
        d = s.recv(65536)
    except socket.timeout:
        if b" pc " in out:
            break  # quiet for a second after the registers came
        continue
    if not d:
        break
    out += d
s.sendall(b"quit\n")
end = time.monotonic() + 10
while time.monotonic() < end:  # until QEMU has gone
    try:
        if not s.recv(65536):
            break
    except socket.timeout:
        pass
for cpu in out.decode(errors="replace").split("CPU#")[1:]:
    m = re.search(r"\n pc\s+([0-9a-f]+)", cpu)
    if m:
        print(cpu.split("\n", 1)[0].strip(), "0x" + m.group(1))
