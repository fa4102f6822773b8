#!/usr/bin/env python3
"""Turns a VM-set description (configs/NAME.conf) into the hypervisor's VM table.

Format: one VM per line, '#' starts a comment:
    vm name=web image=guests/hello.bin ram=16M vcpus=1 [bootargs="..."] [disk=N] [ro] [linux]
image is relative to the build directory. Errors (unknown image, overlapping or missing
fields, too little RAM) stop the build with a message naming the file and line.
"""
import os
import shlex
import sys

MIN_RAM = 4 << 20      # image at +2 MiB, device tree in the last 64 KiB
MAX_VMS = 16
MAX_VCPUS = 8


def die(where, msg):
    sys.exit(f"{where}: error: {msg}")


def parse_size(where, s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    try:
        if s[-1].upper() in mult:
            return int(s[:-1]) * mult[s[-1].upper()]
        return int(s, 0)
    except (ValueError, IndexError):
        die(where, f"bad size '{s}'")


def main():
    conf, build, out = sys.argv[1], sys.argv[2], sys.argv[3]
    vms = []
    with open(conf) as f:
        for n, line in enumerate(f, 1):
            where = f"{conf}:{n}"
            words = shlex.split(line, comments=True)
            if not words:
                continue
            if words[0] != "vm":
                die(where, f"expected 'vm', got '{words[0]}'")
            vm = {"vcpus": "1", "bootargs": "", "disk": "-1", "ro": False, "linux": False}
            for w in words[1:]:
                if w in ("ro", "linux"):
                    vm[w] = True
                    continue
                if "=" not in w:
                    die(where, f"expected key=value, got '{w}'")
                k, v = w.split("=", 1)
                if k not in ("name", "image", "ram", "vcpus", "bootargs", "disk"):
                    die(where, f"unknown key '{k}'")
                vm[k] = v
            for k in ("name", "image", "ram"):
                if k not in vm:
                    die(where, f"missing {k}=")
            if not vm["name"].isidentifier() or len(vm["name"]) > 15:
                die(where, f"name '{vm['name']}' must be an identifier of at most 15 characters")
            if any(v["name"] == vm["name"] for v in vms):
                die(where, f"duplicate VM name '{vm['name']}'")
            path = os.path.join(build, vm["image"])
            if not os.path.isfile(path):
                die(where, f"unknown image '{vm['image']}' (no file {path})")
            ram = parse_size(where, vm["ram"])
            if ram < MIN_RAM or ram % (2 << 20):
                die(where, f"ram must be a multiple of 2M and at least {MIN_RAM >> 20}M")
            if ram < os.path.getsize(path) + (2 << 20) + (64 << 10):
                die(where, f"ram {vm['ram']} is too small for image {vm['image']}")
            vcpus = int(vm["vcpus"])
            if not 1 <= vcpus <= MAX_VCPUS:
                die(where, f"vcpus must be 1..{MAX_VCPUS}")
            disk = int(vm["disk"])
            if disk != -1 and any(int(v["disk"]) == disk for v in vms):
                die(where, f"disk {disk} is already given to another VM")
            vm.update(path=os.path.abspath(path), ram_bytes=ram, vcpus_n=vcpus, disk_n=disk)
            vms.append(vm)
    if not vms:
        die(conf, "no VM defined")
    if len(vms) > MAX_VMS:
        die(conf, f"at most {MAX_VMS} VMs")

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "images.S"), "w") as s:
        s.write("/* generated from %s: the guest images */\n\t.section .rodata\n" % conf)
        for i, vm in enumerate(vms):
            s.write(f"\t.balign 4096\n\t.globl vm_image_{i}\nvm_image_{i}:\n"
                    f"\t.incbin \"{vm['path']}\"\n\t.globl vm_image_{i}_end\nvm_image_{i}_end:\n")
    with open(os.path.join(out, "vmconfig.c"), "w") as c:
        c.write(f"/* generated from {conf} by scripts/mkconfig.py */\n#include \"vm.h\"\n")
        for i, _ in enumerate(vms):
            c.write(f"extern const uint8_t vm_image_{i}[], vm_image_{i}_end[];\n")
        c.write("const struct vm_config vm_configs[] = {\n")
        for i, vm in enumerate(vms):
            flags = "VMCFG_LINUX_IMAGE" if vm["linux"] else "0"
            bootargs = vm["bootargs"].replace("\\", "\\\\").replace('"', '\\"')
            c.write(f"\t{{ .name = \"{vm['name']}\", .image = vm_image_{i}, "
                    f".image_size = {os.path.getsize(vm['path'])}, .ram_size = {vm['ram_bytes']}ull, "
                    f".vcpus = {vm['vcpus_n']}, .flags = {flags}, .bootargs = \"{bootargs}\", "
                    f".disk = {vm['disk_n']}, .disk_ro = {1 if vm['ro'] else 0} }},\n")
        c.write("};\n")
        c.write(f"const uint32_t vm_config_count = {len(vms)};\n")


if __name__ == "__main__":
    main()
