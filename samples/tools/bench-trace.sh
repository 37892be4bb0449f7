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
    # The trace bench_linear.py's trace cases write (samples/vmx-exits.ftrace.txt over 4 vCPUs).
    python3 -c 'import sys; sys.path.insert(0, "samples/tools"); import bench_linear; bench_linear.write_trace(sys.argv[1], int(sys.argv[2]))' \
        "$trace" "$lines"
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
