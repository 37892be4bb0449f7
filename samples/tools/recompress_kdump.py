#!/usr/bin/env python3
"""Recompresses the planted pages of a kdump-compressed file with another of the compressions
makedumpfile writes, as `makedumpfile -l` (lzo, page descriptor flag 0x2), `-p` (snappy, 0x4) or
`-z` (zstd, 0x20) would have stored them (makedumpfile's diskdump_mod.h: header block, sub-header
blocks, two bitmaps, then 24-byte page descriptors {offset, size, flags, page_flags}). Debian's
QEMU writes only zlib, so the other compressions are made from its file: each planted page is
inflated, compressed again with the real library (liblzo2's lzo1x_1_compress, libsnappy's
snappy_compress, the zstd command), appended at the end of the file, and its descriptor pointed
there.

    recompress_kdump.py lzo|snappy|zstd IN.kdump OUT.kdump
"""
import ctypes
import ctypes.util
import struct
import subprocess
import sys
import zlib

PLANTED = [0x100000, 0x234000, 0x345000, 0x456000, 0x567000, 0x678000, 0x789000, 0x78a000, 0x9ab000]
FLAGS = {"lzo": 0x2, "snappy": 0x4, "zstd": 0x20}


def lzo(page):
    lib = ctypes.CDLL(ctypes.util.find_library("lzo2") or "liblzo2.so.2")
    # lzo_init() is a macro: __lzo_init_v2(LZO_VERSION, then the sizes of short, int, long,
    # lzo_uint32_t, lzo_uint, the dictionary entry, char *, lzo_voidp and lzo_callback_t) on LP64.
    if lib.__lzo_init_v2(ctypes.c_uint(0x20a0), *[ctypes.c_int(n) for n in (2, 4, 8, 4, 8, 8, 8, 8, 48)]) != 0:
        raise SystemExit("lzo_init failed")
    out = ctypes.create_string_buffer(len(page) + len(page) // 16 + 64 + 3)
    size = ctypes.c_ulong(len(out))
    work = ctypes.create_string_buffer(16384 * ctypes.sizeof(ctypes.c_void_p))  # LZO1X_1_MEM_COMPRESS
    if lib.lzo1x_1_compress(page, ctypes.c_ulong(len(page)), out, ctypes.byref(size), work) != 0:
        raise SystemExit("lzo1x_1_compress failed")
    return out.raw[:size.value]


def snappy(page):
    lib = ctypes.CDLL(ctypes.util.find_library("snappy") or "libsnappy.so.1")
    lib.snappy_max_compressed_length.restype = ctypes.c_size_t
    out = ctypes.create_string_buffer(lib.snappy_max_compressed_length(ctypes.c_size_t(len(page))))
    size = ctypes.c_size_t(len(out))
    if lib.snappy_compress(page, ctypes.c_size_t(len(page)), out, ctypes.byref(size)) != 0:
        raise SystemExit("snappy_compress failed")
    return out.raw[:size.value]


def zstd(page):
    return subprocess.run(["zstd", "-19", "-q", "-c"], input=page, capture_output=True, check=True).stdout


def main():
    method, source, target = sys.argv[1:4]
    compress = {"lzo": lzo, "snappy": snappy, "zstd": zstd}[method]
    data = bytearray(open(source, "rb").read())
    block, sub, bitmap_blocks = struct.unpack_from("<iiI", data, 428)
    bitmap2 = (1 + sub) * block + bitmap_blocks * block // 2
    descriptors = (1 + sub + bitmap_blocks) * block

    def rank(pfn):
        whole = sum(bin(b).count("1") for b in data[bitmap2:bitmap2 + pfn // 8])
        return whole + bin(data[bitmap2 + pfn // 8] & ((1 << (pfn % 8)) - 1)).count("1")

    for address in PLANTED:
        where = descriptors + rank(address >> 12) * 24
        offset, size, flags = struct.unpack_from("<qII", data, where)
        page = bytes(data[offset:offset + size])
        if flags & 1:
            page = zlib.decompress(page)
        packed = compress(page)
        struct.pack_into("<qII", data, where, len(data), len(packed), FLAGS[method])
        data += packed
    open(target, "wb").write(data)


main()
