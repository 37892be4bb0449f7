#!/usr/bin/env bash
# Scan throughput against cat(1) on the same files, in the same run. Builds a sparse raw memory
# image of SIZE GiB (default 4) with random data in a quarter of it and the samples' pages planted
# at known addresses, and an ELF core of the same memory in three PT_LOAD segments at unaligned
# file offsets; reads each once to warm the page cache, then times `cat FILE > /dev/null` and
# `vmcs-inspect scan FILE`, and checks that the scan found every planted page.
#
#   bash samples/tools/bench-scan.sh [SIZE_GIB] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
size_gib="${1:-4}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
trap 'rm -f "$work/bench.raw" "$work/bench.elf" "$work/scan.out"' EXIT

swift build -c release --product vmcs-inspect >/dev/null
tool="$(swift build -c release --show-bin-path)/vmcs-inspect"

raw="$work/bench.raw"
size=$((size_gib << 30))
rm -f "$raw"
truncate -s "$size" "$raw"
# Random data: 64 MiB in every 256 MiB, as a host's memory holds data everywhere.
for ((at = 0; at < size; at += 256 << 20)); do
    head -c $((64 << 20)) /dev/urandom | dd of="$raw" bs=1M seek=$((at >> 20)) conv=notrunc status=none
done
plant() { dd if="$1" of="$raw" bs=4096 seek=$(($2 / 4096)) conv=notrunc status=none; }
planted=(
    $((1 << 30)) samples/vmcb-npf.bin
    $(((1 << 30) + 0x7000)) samples/vmcb-ioio.bin
    $((size / 2 + 0x345000)) samples/vmcs12-ept-violation.bin
    $((size - 0x2000)) samples/evmcs-ept-violation.bin
)
for ((i = 0; i < ${#planted[@]}; i += 2)); do plant "${planted[i + 1]}" "${planted[i]}"; done

# The same memory as an ELF core: three PT_LOADs (a hole of 1 MiB after the first) at unaligned offsets.
elf="$work/bench.elf"
python3 - "$raw" "$elf" "$size" <<'EOF'
import struct, sys
raw, elf, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
third = (size // 3) & ~0xfff
segments = [(0, third), (third + (1 << 20), 2 * third), (2 * third, size)]
header_size = 64 + 56 * len(segments)
offset = header_size + 0x123
with open(elf, "wb") as out:
    out.write(b"\x7fELF" + bytes([2, 1, 1]) + bytes(9))
    out.write(struct.pack("<HHIQQQIHHHHHH", 4, 62, 1, 0, 64, 0, 0, 64, 56, len(segments), 0, 0, 0))
    for start, end in segments:
        out.write(struct.pack("<IIQQQQQQ", 1, 0, offset, start, start, end - start, end - start, 0))
        offset += end - start
with open(elf + ".layout", "w") as f:
    offset = header_size + 0x123
    for start, end in segments:
        f.write("%d %d %d\n" % (offset, start, end - start))
        offset += end - start
EOF
while read -r offset start length; do
    dd if="$raw" of="$elf" bs=4M iflag=skip_bytes,count_bytes oflag=seek_bytes skip="$start" seek="$offset" count="$length" \
        conv=notrunc,sparse status=none
done <"$elf.layout"
rm -f "$elf.layout"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
report() {
    local file="$1" mib cat_s scan_s
    mib=$(($(stat -c %s "$file") >> 20))
    cat "$file" >/dev/null  # warm the page cache
    cat_s=$(seconds cat "$file")
    "$tool" scan "$file" >"$work/scan.out"
    scan_s=$(seconds "$tool" scan "$file")
    for ((i = 0; i < ${#planted[@]}; i += 2)); do
        grep -q "^  $(printf '0x%016x' "${planted[i]}")" "$work/scan.out" || { echo "scan missed $(printf '0x%x' "${planted[i]}") in $file"; exit 1; }
    done
    printf '%-10s %6d MiB  cat %6.2f s (%5.0f MiB/s)  scan %6.2f s (%5.0f MiB/s)  scan/cat %.2f  candidates %d\n' \
        "$(basename "$file")" "$mib" "$cat_s" "$(echo "$mib / $cat_s" | bc -l)" "$scan_s" "$(echo "$mib / $scan_s" | bc -l)" \
        "$(echo "($mib / $scan_s) / ($mib / $cat_s)" | bc -l)" "$(grep -c '^  0x' "$work/scan.out")"
}
echo "vmcs-inspect scan vs cat, $(nproc) cores, $size_gib GiB image ($(date -u +%Y-%m-%d))"
report "$raw"
report "$elf"
