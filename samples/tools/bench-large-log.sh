#!/bin/sh
# Times `vmcs-inspect show` on a large kernel log: 300,000 unrelated lines around one VMCB dump.
# Run from the repository root after `swift build -c release`; prints the wall-clock time.
set -eu
log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 - "$log" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(150000):
        f.write("[%12.6f] e1000e 0000:00:19.0 eno1: NIC Link is Up %d Mbps Full Duplex, Flow Control: Rx/Tx\n" % (i / 1000.0, i))
    f.write(open("samples/vmcb-npf.kvm.log").read())
    for i in range(150000):
        f.write("[%12.6f] audit: type=1400 audit(%d.1:2): apparmor=\"DENIED\" operation=\"open\"\n" % (200 + i / 1000.0, i))
PY
start=$(date +%s.%N)
.build/release/vmcs-inspect show --field exit_code "$log" > /dev/null
end=$(date +%s.%N)
echo "show on $(wc -l < "$log") lines: $(echo "$end - $start" | bc) s"
