#!/bin/sh
# Times vmcs-inspect on KVM traces that double in size (linear time, bounded memory): an ftrace
# of exits made by repeating the events of samples/vmx-exits.ftrace.txt with growing timestamps
# over 4 vCPU threads. Baselines in the same run: wc -l and grep -c. Run from the repository
# root after `swift build -c release` (or it uses the debug build); LINES=… sets the first size.
set -eu
bin=.build/release/vmcs-inspect
[ -x "$bin" ] || bin=.build/debug/vmcs-inspect
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
lines=${LINES:-250000}
now() { date +%s.%N; }
for round in 1 2 3; do
    trace="$dir/trace-$lines.txt"
    python3 - "$trace" "$lines" <<'PY'
import sys
events = [l.rstrip("\n") for l in open("samples/vmx-exits.ftrace.txt") if not l.startswith("#")]
out, want = open(sys.argv[1], "w"), int(sys.argv[2])
n = 0
while n < want:
    for line in events:
        head, rest = line.split("]", 1)
        flags, time, tail = rest.split(None, 2)
        pid = 4187 + (n // len(events)) % 4
        out.write("       CPU %d/KVM-%-7d [%03d] %s %12.6f: %s\n" % (pid - 4187, pid, pid - 4184, flags, 1409 + n / 1e5, tail))
        n += 1
PY
    size=$(wc -c < "$trace")
    exits=$(grep -c ' kvm_exit: ' "$trace")
    t0=$(now); wc -l "$trace" > /dev/null; t1=$(now)
    grep -c kvm_exit "$trace" > /dev/null; t2=$(now)
    "$bin" show --json "$trace" > /dev/null 2>&1; t3=$(now)
    "$bin" show "$trace@$((exits - 1))" > /dev/null 2>&1; t4=$(now)
    "$bin" show "$trace" > /dev/null 2>&1; t5=$(now)
    echo "$lines lines, $size bytes, $exits exits: wc -l $(echo "$t1 - $t0" | bc) s, grep -c $(echo "$t2 - $t1" | bc) s," \
        "show --json $(echo "$t3 - $t2" | bc) s, show @last $(echo "$t4 - $t3" | bc) s, show (rows) $(echo "$t5 - $t4" | bc) s"
    lines=$((lines * 2))
done
