// The libFuzzer entry point: one binary for every target (Tests/VMCSInspectTests/FuzzTargets.swift
// defines them). The target is the binary's name after `fuzz-` (Fuzz/build.sh links one name
// per target) or, failing that, $VMCS_FUZZ_TARGET; VMCS_FUZZ_TARGET=list lists them.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

nonisolated(unsafe) var target: FuzzTarget?
nonisolated(unsafe) var session: FuzzSession?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    var name = getenv("VMCS_FUZZ_TARGET").map { String(cString: $0) }
    if let program = argv.pointee?.pointee.map({ String(cString: $0) }) {
        let base = program.split(separator: "/").last.map(String.init) ?? program
        if base.hasPrefix("fuzz-") { name = String(base.dropFirst("fuzz-".count)) }
    }
    if name == "list" {
        for target in FuzzTargets.all { print(target.name + "\t" + target.summary) }
        exit(0)
    }
    guard let name, let chosen = FuzzTargets.named(name) else {
        let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
        print("fuzz: name a target (run as fuzz-NAME or set VMCS_FUZZ_TARGET): \(names)")
        exit(2)
    }
    target = chosen
    // VMCS_FUZZ_EVERY=1 runs the commands on every input, not only on new snapshots.
    let started = FuzzSession(remember: getenv("VMCS_FUZZ_EVERY") == nil)
    session = started
    // Crash-dump readers copy streams to scratch files in TMPDIR: on tmpfs too, and cleaned up.
    setenv("TMPDIR", started.directory, 1)
    atexit {
        guard let session else { return }
        print("fuzz: \(session.runs) inputs run, \(session.commandRuns) of them through the commands")
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target, let session else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        _ = try target.run(bytes, session: session)
    } catch {
        fatalError("fuzz: \(target.name) threw \(type(of: error)), not an InspectError: \(error)")
    }
    return 0
}
