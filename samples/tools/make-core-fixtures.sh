#!/usr/bin/env bash
# Makes the crash-dump fixtures in samples/cores/ with the real producers: QEMU places the
# samples' pages (and the pages make_core_pages.py writes) at chosen guest-physical addresses of
# a 16 MiB guest that never runs, then its monitor writes an ELF core (dump-guest-memory), a
# flattened kdump-zlib stream (dump-guest-memory -z) and a raw image (pmemsave); makedumpfile -R
# turns the flattened stream into a kdump-compressed file. The LiME capture and the gzip copies
# are made from those. Needs qemu-system-x86, makedumpfile, python3, gzip, zstd, liblzo2-2, libsnappy1v5.
#
#   bash samples/tools/make-core-fixtures.sh [OUTDIR]      (default samples/cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-samples/cores}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 samples/tools/make_core_pages.py "$out/pages"

# address  file (see samples/cores/README.md)
placements=(
    0x00100000 samples/vmcb-npf.bin
    0x00234000 samples/vmcb-ioio.bin
    0x00345000 samples/vmcs12-ept-violation.bin
    0x00456000 samples/evmcs-ept-violation.bin
    0x00567000 "$out/pages/vmsa.bin"
    0x00678000 "$out/pages/hsave.bin"
    0x00789000 "$out/pages/hw-vmcs-a.bin"
    0x0078a000 "$out/pages/hw-vmcs-b.bin"
    0x009ab000 "$out/pages/hw-vmcs-c.bin"
    0x00800000 "$out/pages/noise-random.bin"
    0x00900000 "$out/pages/noise-text.bin"
    0x00a00000 "$out/pages/noise-tables.bin"
    0x00b00000 "$out/pages/noise-structs.bin"
)
devices=()
for ((i = 0; i < ${#placements[@]}; i += 2)); do
    devices+=(-device "loader,file=${placements[i + 1]},addr=${placements[i]},force-raw=on")
done

# HMP parses a bare path after a number as an expression: quote it.
printf '%s\n' \
    "dump-guest-memory \"$work/core.elf\"" \
    "dump-guest-memory -z \"$work/core.flat\"" \
    "pmemsave 0 0x1000000 \"$work/core.raw\"" \
    quit |
    timeout 120 qemu-system-x86_64 -accel tcg -S -m 16M -nodefaults -display none -monitor stdio "${devices[@]}" >"$work/qemu.log" 2>&1
for f in core.elf core.flat core.raw; do
    [ -s "$work/$f" ] || { echo "qemu did not write $f:"; cat "$work/qemu.log"; exit 1; }
done
makedumpfile -R "$work/core.kdump" <"$work/core.flat" >/dev/null

# LiME: the raw image's RAM as two ranges around the legacy VGA hole, as LiME writes them.
python3 - "$work/core.raw" "$work/core.lime" <<'EOF'
import struct, sys
raw = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "wb") as out:
    for start, end in [(0x0, 0x9ffff), (0x100000, len(raw) - 1)]:
        out.write(struct.pack("<IIQQQ", 0x4C694D45, 1, start, end, 0))
        out.write(raw[start:end + 1])
EOF

# A kdump-compressed file as makedumpfile writes one with pages filtered out: the page after the
# npf VMCB (pfn 0x101) dropped from the dump bitmap and its descriptor from the table
# (makedumpfile's diskdump_mod.h: header block, sub-header blocks, two bitmaps, descriptors).
python3 - "$work/core.kdump" "$work/core-filtered.kdump" <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
block, sub, bitmap_blocks = struct.unpack_from("<iiI", data, 428)
bitmap2 = (1 + sub) * block + bitmap_blocks * block // 2
descriptors = (1 + sub + bitmap_blocks) * block
pfn = 0x101
before = sum(bin(b).count("1") for b in data[bitmap2:bitmap2 + pfn // 8]) + bin(data[bitmap2 + pfn // 8] & ((1 << (pfn % 8)) - 1)).count("1")
assert data[bitmap2 + pfn // 8] >> (pfn % 8) & 1
data[bitmap2 + pfn // 8] &= ~(1 << (pfn % 8)) & 0xff
total = sum(bin(b).count("1") for b in data[bitmap2:bitmap2 + bitmap_blocks * block // 2]) + 1
start = descriptors + before * 24
end = descriptors + total * 24
data[start:end] = data[start + 24:end] + bytes(24)
open(sys.argv[2], "wb").write(data)
EOF
gzip -9n <"$work/core-filtered.kdump" >"$out/core-filtered.kdump.gz"

# The planted pages recompressed with zstd, lzo and snappy, as makedumpfile -z, -l and -p write
# pages; QEMU writes only zlib.
for method in zstd lzo snappy; do
    python3 samples/tools/recompress_kdump.py "$method" "$work/core.kdump" "$work/core-$method.kdump"
    gzip -9n <"$work/core-$method.kdump" >"$out/core-$method.kdump.gz"
done

gzip -9n <"$work/core.elf" >"$out/core.elf.gz"
gzip -9n <"$work/core.raw" >"$out/core.raw.gz"
gzip -9n <"$work/core.lime" >"$out/core.lime.gz"
gzip -9n <"$work/core.kdump" >"$out/core.kdump.gz"
cp "$work/core.kdump" "$out/core.kdump"
cp "$work/core.flat" "$out/core.flat"
chmod 644 "$out"/core.*
ls -l "$out"
