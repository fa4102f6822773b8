#!/usr/bin/env bash
# VM set files outside configs/ and the files they name: an image by absolute path and an initrd
# relative to the repository are embedded, a changed image relinks the set and an unchanged one
# does not, and a set naming a missing file fails alone with FILE:LINE and the name while
# make all's check leaves only that set out.
set -u
tmp=$(mktemp -d /tmp/rvpv-cfg.XXXXXX)
trap 'rm -rf "$tmp" "$B/hv/abs$tmp"' EXIT
cp "$B/guests/hello.bin" "$tmp/my.bin"
cat >"$tmp/set.conf" <<EOC
vm name=mine image=$tmp/my.bin ram=8M
vm name=rd image=guests/hello.bin ram=8M initrd=README.md
EOC
mk() { make --no-print-directory B="$B" CONFIG="$tmp/set.conf" image; }
out=$(mk 2>&1) || { echo "$out"; echo "FAIL: make image CONFIG=$tmp/set.conf"; exit 1; }
img=$(echo "$out" | sed -n 's/^image: //p')
[ -f "$img" ] || { echo "$out"; echo "FAIL: no image reported"; exit 1; }
echo "set built as $img"
grep -q "vm_initrd_1" "${img%hv.elf}vmconfig.c" || { echo "FAIL: initrd not in the table"; exit 1; }
tests/qemu/expect.sh -i "$img" -l "$B/tests/config-files.log" -t 60 -s 1 -m 256M \
  -e "mine| hello from a paravirtual guest" -e "rd| hello from a paravirtual guest" \
  -e "hv: all VMs have stopped, powering off" || exit 1
# unchanged: no relink; changed image: relink
out=$(mk 2>&1); echo "$out" | grep -q "LD" && { echo "$out"; echo "FAIL: relinked without a change"; exit 1; }
sleep 1; printf '\0' >>"$tmp/my.bin"
out=$(mk 2>&1); echo "$out" | grep -q "LD" || { echo "$out"; echo "FAIL: a changed image did not relink"; exit 1; }
echo "relinks on a changed image only"
# a missing file: this set fails with a clear message
printf 'vm name=ok image=guests/hello.bin ram=8M\nvm name=gone image=%s/nothere.bin ram=8M\n' "$tmp" >"$tmp/bad.conf"
out=$(make --no-print-directory B="$B" CONFIG="$tmp/bad.conf" image 2>&1) && { echo "$out"; echo "FAIL: built a set with a missing image"; exit 1; }
echo "$out" | grep -qF "$tmp/bad.conf:2: error: image '$tmp/nothere.bin': no such file" ||
  { echo "$out"; echo "FAIL: no clear message for the missing image"; exit 1; }
echo "missing file: $(echo "$out" | grep error:)"
# make all's check names only the broken set
chk=$(python3 scripts/mkconfig.py --check "$B" -- configs/hello.conf "$tmp/bad.conf" "$tmp/set.conf" 2>&1)
[ "$(echo "$chk" | grep -v warning)" = "$tmp/bad.conf" ] || { echo "$chk"; echo "FAIL: --check"; exit 1; }
echo "$chk" | grep -qF "$tmp/bad.conf:2: warning: image '$tmp/nothere.bin': no such file; make all leaves this set out" ||
  { echo "$chk"; echo "FAIL: --check warning"; exit 1; }
echo "config files: ok"
