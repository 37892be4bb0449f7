#!/bin/sh
# Hex dumps of the raw VMCB samples, made by the real tools. Run from the repository root.
set -eu
for s in npf ioio; do
    xxd "samples/vmcb-$s.bin" > "samples/vmcb-$s.xxd"
    hexdump -C "samples/vmcb-$s.bin" > "samples/vmcb-$s.hexdump"
done
od -A x -t x1z samples/vmcb-npf.bin > samples/vmcb-npf.od-x1
od -t x8 samples/vmcb-ioio.bin > samples/vmcb-ioio.od-x8
