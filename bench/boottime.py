#!/usr/bin/env python3
"""Boot-time probe for make bench: QEMU's instruction clock at chosen points of a boot, such as
the first console byte and each shell's first prompt.

QEMU (scripts/qemu.sh, whose -g adds the stub) runs under -icount shift=0 and stopped with its gdb stub on a Unix socket. Each
--stop ELF FUNC HITS puts a breakpoint on FUNC and takes HITS readings there, in order: e.g.
the function the first console byte goes through (the hypervisor's uart_putc, the native
pv-guest's pv_console_putc), then the shell's fflush (user address space, which nothing run
before the shell uses: the shell calls it right after printf("$ ")), one hit per shell. A reading is minstret, which under
-icount is QEMU's virtual clock in ns: it starts at 0 with QEMU, counts one per instruction
executed and jumps over idle time when every hart waits (sleep=off); it does not move while
the machine is stopped here. Only the first stop is free of side effects: QEMU may skip idle
time while stopped, so readings after the first may include some.

Usage: boottime.py --stop ELF FUNC HITS [--stop ...] -- scripts/qemu.sh OPTIONS (without -g)
Prints "BOOT FUNC COUNT" per stop; exit 1 when fewer stops happened than asked for.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time


def symbol(elf, name):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name and f[1] in "tT":
            return int(f[0], 16)
    sys.exit(f"boottime: no function {name} in {elf}")


class Stub:
    """Just enough of the gdb remote protocol: packets, acks off, registers, breakpoints."""

    def __init__(self, path, deadline):
        self.deadline = deadline
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.buf = b""
        self.acks = True

    def _read(self):
        self.s.settimeout(max(0.1, self.deadline - time.monotonic()))
        data = self.s.recv(65536)
        if not data:
            raise EOFError("gdb stub closed")
        self.buf += data

    def send(self, body):
        pkt = b"$" + body.encode() + b"#%02x" % (sum(body.encode()) & 0xFF)
        self.s.sendall(pkt)

    def reply(self):
        while True:
            m = re.search(rb"\$([^#]*)#[0-9a-fA-F]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                if self.acks:
                    self.s.sendall(b"+")
                return m.group(1).decode()
            self._read()

    def ask(self, body):
        self.send(body)
        return self.reply()

    def reg(self, num):
        r = self.ask("p%x" % num)
        if not re.fullmatch(r"[0-9a-fA-F]+", r):
            sys.exit(f"boottime: register {num}: {r}")
        return int.from_bytes(bytes.fromhex(r), "little")

    def xfer(self, name):
        text, off = "", 0
        while True:
            r = self.ask(f"qXfer:features:read:{name}:{off:x},fff")
            text += r[1:]
            off += len(r) - 1
            if r[0] == "l":
                return text


def csr_regnum(stub, name):
    main = stub.xfer("target.xml")
    for inc in re.findall(r'<xi:include href="([^"]+)"', main):
        m = re.search(r'<reg name="%s"[^>]*regnum="(\d+)"' % name, stub.xfer(inc))
        if m:
            return int(m.group(1))
    sys.exit(f"boottime: the gdb stub shows no {name} register")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stop", nargs=3, metavar=("ELF", "FUNC", "HITS"), action="append",
                    required=True)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("qemu", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.qemu[1:] if a.qemu and a.qemu[0] == "--" else a.qemu
    plan = [(f, symbol(e, f)) for e, f, n in a.stop for _ in range(int(n))]
    sock = os.path.join(tempfile.mkdtemp(prefix="rvpv-boot-"), "gdb.sock")
    deadline = time.monotonic() + a.timeout
    q = subprocess.Popen(cmd + ["-g", sock],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = []
    try:
        stub = Stub(sock, deadline)
        stub.s.sendall(b"+")
        stub.ask("qSupported:xmlRegisters=riscv")
        if stub.ask("QStartNoAckMode") == "OK":
            stub.acks = False
        instret = csr_regnum(stub, "minstret")  # reading the XML also enables 'p'
        for i, (name, addr) in enumerate(plan):
            if (i == 0 or plan[i - 1][1] != addr) and stub.ask("Z1,%x,4" % addr) != "OK":
                sys.exit("boottime: the stub refused the breakpoint")
            m = re.match(r"T05.*thread:([0-9a-fp.]+);", stub.ask("c"))
            if not m:
                break
            n = stub.reg(instret)
            if n >= (1 << 63) - 1:  # -smp 1: nothing sensible until the hart has run again
                stub.ask("z1,%x,4" % addr)
                stub.ask("vCont;s:" + m.group(1))
                n = stub.reg(instret) - 1
            got.append(n)
            print(f"BOOT {name} {got[-1]}", flush=True)
            # Past the breakpoint: the stub does not step over one by itself. This hart steps
            # alone; later counts may include idle time QEMU skipped during the stop.
            stub.ask("z1,%x,4" % addr)
            if i + 1 < len(plan) and plan[i + 1][1] == addr:
                if not stub.ask("vCont;s:" + m.group(1)).startswith("T05"):
                    break
                stub.ask("Z1,%x,4" % addr)
    except (OSError, EOFError) as e:  # socket.timeout is an OSError
        print(f"boottime: gdb stub: {e!r}", file=sys.stderr)
    finally:
        q.kill()
        q.wait()
        if os.path.exists(sock):
            os.unlink(sock)
        os.rmdir(os.path.dirname(sock))
    sys.exit(0 if len(got) == len(plan) else 1)


if __name__ == "__main__":
    main()
