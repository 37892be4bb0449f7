#!/bin/sh
# Hex dumps of the raw VMCB samples, made by the real tools. Run from the repository root.
set -eu
for s in npf ioio; do
    xxd "samples/vmcb-$s.bin" > "samples/vmcb-$s.xxd"
    hexdump -C "samples/vmcb-$s.bin" > "samples/vmcb-$s.hexdump"
done
od -A x -t x1z samples/vmcb-npf.bin > samples/vmcb-npf.od-x1
od -t x8 samples/vmcb-ioio.bin > samples/vmcb-ioio.od-x8

# Malformed inputs (see samples/README.md): each must fail with one line naming the place.
m=samples/malformed
head -c 3000 samples/vmcb-npf.bin > $m/truncated.bin
{ cat samples/vmcb-npf.bin; printf '\n'; } > $m/page-4097.bin
: > $m/empty.bin
python3 -c "import random,sys; r=random.Random(2026); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(5000)))" > $m/noise.bin
sed '20s/^\(.\{10\}\)..../\1zz17/' samples/vmcb-npf.xxd > $m/junk.xxd
sed '5d' samples/vmcb-npf.hexdump > $m/gap.hexdump
head -c 2000 samples/vmcb-npf.xxd > $m/cut.xxd
printf '[    0.000000] Linux version 6.12.57 (gcc 12.2.0)\n[    1.204411] kvm_amd: TSC scaling supported\n[    1.204420] kvm_amd: Nested Virtualization enabled\n[    1.204431] kvm_amd: Nested Paging enabled\n' > $m/no-dump.log

# VMCS: a vmcs12 page as xxd; a dump cut off midway (decoded with a warning, not an error);
# a layout file with a mistake; a Xen log with no VMCS dump in it.
xxd samples/vmcs12-ept-violation.bin > samples/vmcs12-ept-violation.xxd
head -n 30 samples/vmcs-ept-violation.kvm-6.12.log > $m/vmcs-cut.kvm.log
printf '# a layout with a typo on line 3\nname broken\nGUEST_RIP 0x10\nGUEST_RSPP 0x18\n' > $m/bad.layout
printf '(XEN) [2019-11-02 14:09:40] Xen version 4.17.3 (Debian)\n(XEN) [2019-11-02 14:09:41] HVM d3v0 save: CPU\n' > $m/no-vmcs.xen.log
