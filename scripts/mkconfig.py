#!/usr/bin/env python3
"""Turns a VM-set description (configs/NAME.conf) into the hypervisor's VM table.

Format: one VM per line, '#' starts a comment:
    vm name=web image=guests/hello.bin ram=16M vcpus=1 [bootargs="..."] [disk=N] [ro] [linux]
       [initrd=FILE]
image and initrd are absolute paths, or relative to the build directory (images rvpv builds,
e.g. guests/hello.bin) or else to the repository (your own files). Errors (a missing file,
overlapping or missing fields, too little RAM) stop the build with a message naming the file and
line. Besides vmconfig.c and images.S it writes inputs.d, which makes every file the set names
a prerequisite of its table: a changed kernel or initrd relinks the image.

    mkconfig.py SET.conf BUILD_DIR OUT_DIR       generate the table
    mkconfig.py --check BUILD_DIR [BUILT...] -- SET.conf...
        print the sets that name a file that neither exists nor is in BUILT (what make is
        about to build), each with a warning on stderr: make all leaves those out.
"""
import os
import shlex
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MIN_RAM = 4 << 20      # image at +2 MiB, device tree in the last 64 KiB


def hv_limit(name):
    """A limit as the hypervisor has it (#define NAME N in hv/include/vm.h): one number, so the
    table this script accepts is always one the hypervisor takes."""
    with open(os.path.join(ROOT, "hv", "include", "vm.h")) as f:
        for line in f:
            w = line.split()
            if w[:2] == ["#define", name]:
                return int(w[2])
    sys.exit(f"hv/include/vm.h: error: no #define {name}")


MAX_VMS = hv_limit("MAX_VMS")
MAX_VCPUS = hv_limit("MAX_VCPUS")


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


def candidates(build, name):
    """Where a set's file name may be: absolute as is, else build directory, then repository."""
    if os.path.isabs(name):
        return [name]
    return [os.path.join(build, name), os.path.join(ROOT, name)]


def resolve(where, build, key, name):
    for c in candidates(build, name):
        if os.path.isfile(c):
            return c
    looked = " or ".join(os.path.relpath(c) if not os.path.isabs(name) else c
                         for c in candidates(build, name))
    die(where, f"{key} '{name}': no such file (looked for {looked})")


def check(argv):
    """make all's view: which sets name files that are missing and will not be built."""
    build = argv[0]
    sep = argv.index("--")
    built = {os.path.normpath(os.path.abspath(p)) for p in argv[1:sep]}
    for conf in argv[sep + 1:]:
        bad = None
        try:
            with open(conf) as f:
                lines = list(f)
        except OSError as e:
            print(f"{conf}: warning: {e.strerror}", file=sys.stderr)
            print(conf)
            continue
        for n, line in enumerate(lines, 1):
            try:
                words = shlex.split(line, comments=True)
            except ValueError:
                continue  # the real run reports it
            for w in words[1:]:
                k, _, v = w.partition("=")
                if k not in ("image", "initrd") or not v:
                    continue
                cs = [os.path.normpath(os.path.abspath(c)) for c in candidates(build, v)]
                if not any(os.path.isfile(c) or c in built for c in cs):
                    bad = f"{conf}:{n}: warning: {k} '{v}': no such file; make all leaves this set out"
                    break
            if bad:
                break
        if bad:
            print(bad, file=sys.stderr)
            print(conf)


def main():
    if sys.argv[1] == "--check":
        return check(sys.argv[2:])
    conf, build, out = sys.argv[1], sys.argv[2], sys.argv[3]
    vms = []
    deps = []
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
                if k not in ("name", "image", "ram", "vcpus", "bootargs", "disk", "initrd"):
                    die(where, f"unknown key '{k}'")
                vm[k] = v
            for k in ("name", "image", "ram"):
                if k not in vm:
                    die(where, f"missing {k}=")
            if not vm["name"].isidentifier() or len(vm["name"]) > 15:
                die(where, f"name '{vm['name']}' must be an identifier of at most 15 characters")
            if any(v["name"] == vm["name"] for v in vms):
                die(where, f"duplicate VM name '{vm['name']}'")
            path = resolve(where, build, "image", vm["image"])
            initrd = resolve(where, build, "initrd", vm["initrd"]) if "initrd" in vm else None
            initrd_size = os.path.getsize(initrd) if initrd else 0
            deps += [p for p in (path, initrd) if p]
            ram = parse_size(where, vm["ram"])
            if ram < MIN_RAM or ram % (2 << 20):
                die(where, f"ram must be a multiple of 2M and at least {MIN_RAM >> 20}M")
            if ram < os.path.getsize(path) + (2 << 20) + (64 << 10) + (initrd_size + 4095) // 4096 * 4096:
                die(where, f"ram {vm['ram']} is too small for image {vm['image']}"
                    + (f" and initrd {vm['initrd']}" if initrd else ""))
            vcpus = int(vm["vcpus"])
            if not 1 <= vcpus <= MAX_VCPUS:
                die(where, f"vcpus must be 1..{MAX_VCPUS}")
            disk = int(vm["disk"])
            if disk != -1 and any(int(v["disk"]) == disk for v in vms):
                die(where, f"disk {disk} is already given to another VM")
            vm.update(path=os.path.abspath(path), ram_bytes=ram, vcpus_n=vcpus, disk_n=disk,
                      initrd_path=os.path.abspath(initrd) if initrd else None, initrd_size=initrd_size)
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
            if vm["initrd_path"]:
                s.write(f"\t.balign 4096\n\t.globl vm_initrd_{i}\nvm_initrd_{i}:\n"
                        f"\t.incbin \"{vm['initrd_path']}\"\n")
    with open(os.path.join(out, "vmconfig.c"), "w") as c:
        c.write(f"/* generated from {conf} by scripts/mkconfig.py */\n#include \"vm.h\"\n")
        for i, vm in enumerate(vms):
            c.write(f"extern const uint8_t vm_image_{i}[], vm_image_{i}_end[];\n")
            if vm["initrd_path"]:
                c.write(f"extern const uint8_t vm_initrd_{i}[];\n")
        c.write("const struct vm_config vm_configs[] = {\n")
        for i, vm in enumerate(vms):
            flags = "VMCFG_LINUX_IMAGE" if vm["linux"] else "0"
            bootargs = vm["bootargs"].replace("\\", "\\\\").replace('"', '\\"')
            c.write(f"\t{{ .name = \"{vm['name']}\", .image = vm_image_{i}, "
                    f".image_size = {os.path.getsize(vm['path'])}, .ram_size = {vm['ram_bytes']}ull, "
                    f".vcpus = {vm['vcpus_n']}, .flags = {flags}, .bootargs = \"{bootargs}\", "
                    f".disk = {vm['disk_n']}, .disk_ro = {1 if vm['ro'] else 0}"
                    + (f", .initrd = vm_initrd_{i}, .initrd_size = {vm['initrd_size']}" if vm["initrd_path"] else "")
                    + " },\n")
        c.write("};\n")
        c.write(f"const uint32_t vm_config_count = {len(vms)};\n")
        c.write(f"_Static_assert({len(vms)} <= MAX_VMS && {max(v['vcpus_n'] for v in vms)} <= MAX_VCPUS, "
                f"\"scripts/mkconfig.py read other limits than hv/include/vm.h has\");\n")
    # make: the set's table depends on every file it embeds (an empty rule for each, so a file
    # that disappears reruns this script, which then says so, instead of stopping make)
    target = os.path.join(out, "vmconfig.c")
    with open(os.path.join(out, "inputs.d"), "w") as d:
        mk = lambda p: p.replace(" ", "\\ ")
        d.write(f"{target}: {' '.join(mk(os.path.abspath(p)) for p in deps)}\n")
        for p in sorted({os.path.abspath(p) for p in deps}):
            d.write(f"{mk(p)}:\n")


if __name__ == "__main__":
    main()
