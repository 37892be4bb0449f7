#!/usr/bin/env bash
# Builds the libFuzzer binary (Fuzz/main.swift and the targets in
# Tests/VMCSInspectTests/FuzzTargets.swift) against the library's sources compiled with
# coverage and address sanitizing, and links one name per target: Fuzz/.build/fuzzer-address/fuzz-NAME.
#
#   Fuzz/build.sh            # -O, -sanitize=fuzzer,address
#   FUZZ_SANITIZERS=fuzzer Fuzz/build.sh   # without ASan (faster, catches traps and hangs only)
#
# Exits 3, saying why, when the toolchain cannot build libFuzzer targets (CI skips then).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers="${FUZZ_SANITIZERS:-fuzzer,address}"
out="Fuzz/.build/${sanitizers//,/-}"
mkdir -p "$out"

# Can this toolchain build a libFuzzer target at all?
probe="$out/probe"
mkdir -p "$probe"
cat >"$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
SWIFT
if ! swiftc -sanitize="$sanitizers" -parse-as-library "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
    echo "fuzz: swiftc cannot build with -sanitize=$sanitizers here:"
    grep -m3 -i "error" "$probe/log" || tail -3 "$probe/log"
    exit 3
fi

cmodules=(-Xcc -fmodule-map-file=Sources/CZlib/module.modulemap -Xcc -fmodule-map-file=Sources/CKdumpfile/module.modulemap)
flags=(-O -parse-as-library -swift-version 6 -sanitize="$sanitizers" -g "${cmodules[@]}")
mapfile -t sources < <(find Sources/VMCSInspect -name '*.swift' | sort)

start=$(date +%s)
# The library is rebuilt only when a source (or a C module's header) is newer than the last
# build of it.
if [ ! -f "$out/libVMCSInspect.a" ] || [ -n "$(find Sources/VMCSInspect Sources/CZlib Sources/CKdumpfile -newer "$out/libVMCSInspect.a" -type f | head -1)" ] \
    || [ "$(cat "$out/sanitizers" 2>/dev/null)" != "$sanitizers" ]; then
    rm -f "$out/libVMCSInspect.a"
    swiftc "${flags[@]}" -module-name VMCSInspect -emit-module -emit-module-path "$out/VMCSInspect.swiftmodule" \
        -emit-library -static -o "$out/libVMCSInspect.a" "${sources[@]}"
    echo "$sanitizers" >"$out/sanitizers"
fi
swiftc "${flags[@]}" -module-name VMCSInspectFuzz -I "$out" -L "$out" -lVMCSInspect -lz -ldl \
    Fuzz/main.swift Tests/VMCSInspectTests/FuzzTargets.swift -o "$out/vmcs-inspect-fuzz" 2>&1 |
    grep -v "Cannot export local symbol '__asan" || true
[ -x "$out/vmcs-inspect-fuzz" ] || { echo "fuzz: the link failed"; exit 1; }

for name in $(VMCS_FUZZ_TARGET=list "$out/vmcs-inspect-fuzz" | cut -f1); do
    ln -sf vmcs-inspect-fuzz "$out/fuzz-$name"
done
echo "fuzz: built $out/vmcs-inspect-fuzz (-sanitize=$sanitizers) in $(( $(date +%s) - start )) s; targets: $(cd "$out" && ls fuzz-* | sed 's/fuzz-//' | tr '\n' ' ')"
