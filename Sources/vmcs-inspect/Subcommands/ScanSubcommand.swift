import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// `vmcs-inspect scan`: parses, calls `ScanCommand.run`, picks the renderer.
struct ScanSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", _superCommandName: "vmcs-inspect",
        abstract: "Find every VMCB, VMSA and VMCS page in a crash dump or memory image.",
        discussion: """
            Walks every page DUMP holds and prints each that looks like a virtualization \
            structure: its guest-physical address, its kind, a confidence from 0 to 100 with the \
            reasons it rests on, and a summary (exit code or reason, RIP, CR3, ASID or VPID). \
            Kinds: vmcb (an AMD VMCB, one that exited or one a failed VMRUN left), \
            vmcb-host-save (a host-save area), vmsa (an SEV-ES save area), vmcs12 (KVM's nested \
            VMCS), evmcs (a Hyper-V enlightened VMCS), vmcs-region (a hardware VMCS: its revision \
            identifier, shared by the processor's regions, and abort indicator; decoded when \
            --layout names that revision).

            DUMP is an ELF core (QEMU dump-guest-memory, virsh dump --memory-only, /proc/vmcore, \
            makedumpfile -E), a kdump-compressed file (any compression makedumpfile writes), \
            makedumpfile's flattened format (dump-guest-memory -z), a LiME capture, a gzip copy of \
            any of these, or else a raw physical-memory image (pmemsave, a memory-backend file). \
            Pages the dump left out are skipped, never read as zeros. Read a candidate with \
            'vmcs-inspect show DUMP@0xADDR' or --phys ADDR.

            EXAMPLES:
              vmcs-inspect scan vmcore
              vmcs-inspect scan --jsonl guest.kdump | jq -c 'select(.type == "candidate") | .address'
              vmcs-inspect scan --kind vmcb --kind vmsa --min-confidence 80 guest.kdump
              vmcs-inspect scan --range 0x100000000-0x1ffffffff --json core.elf.gz
              vmcs-inspect scan --layout my-cpu.layout host.vmcore

            EXIT STATUS:
              0 scanned (whether or not anything was found); 2 the dump could not be read; 64 \
            wrong arguments.
            """
    )

    @Argument(help: ArgumentHelp("The crash dumps or memory images, or - for standard input.", valueName: "DUMP"), completion: .file())
    var dumps: [String] = []

    @Option(name: .long, help: ArgumentHelp("Report only this kind (repeatable).", valueName: "KIND"), completion: .scanKindNames)
    var kind: [KindArgument] = []

    @Option(name: .long, help: ArgumentHelp("Report only candidates scored at least this (0 to 100).", valueName: "N"))
    var minConfidence: Int = ScanOptions.defaultMinimumConfidence

    @Option(name: .long, help: ArgumentHelp("Scan only these guest-physical addresses (START-END, inclusive, 0x hex).", valueName: "RANGE"))
    var range: RangeArgument?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Decode hardware VMCS regions whose revision this layout names (a layout file or built-in name).", valueName: "LAYOUT"),
        completion: .layoutNamesOrFiles)
    var layout: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (0...100).contains(minConfidence) else { throw ValidationError("--min-confidence must be from 0 to 100") }
        guard !dumps.isEmpty else { throw ValidationError("give a DUMP to scan") }
    }

    func run() throws {
        let chosenLayout = try layout.map { try VMCSLayout.resolve($0) }
        let options = ScanOptions(
            kinds: Set(kind.map(\.value)), minimumConfidence: minConfidence, lowest: range?.lowest ?? 0, highest: range?.highest ?? .max,
            layout: chosenLayout)
        let progress = ProgressLine()
        defer { progress.finish() }
        let requests = dumps.map { ScanRequest(path: $0, options: options) }
        try Terminal.finish(ScanCommand.run(requests, to: output.renderer()) { progress.update($0) })
    }
}

struct KindArgument: ExpressibleByArgument {
    let value: CandidateKind

    init?(argument: String) {
        guard let kind = CandidateKind(rawValue: argument.lowercased()) else { return nil }
        value = kind
    }

    static var allValueStrings: [String] { CandidateKind.allCases.map(\.rawValue) }
}

/// `START-END`, both inclusive, decimal or `0x` hex.
struct RangeArgument: ExpressibleByArgument {
    let lowest: UInt64
    let highest: UInt64

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = NumberArgument(argument: String(parts[0])), let high = NumberArgument(argument: String(parts[1])),
            low.value <= high.value
        else { return nil }
        lowest = low.value
        highest = high.value
    }
}

/// A progress line on standard error, only when it is a terminal and the scan has taken more
/// than a second; erased at the end.
final class ProgressLine {
    private let start = ProgressLine.now()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false
    private var last = 0.0

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func update(_ bytes: UInt64) {
        guard enabled else { return }
        let now = Self.now()
        guard now - start > 1, now - last > 0.2 else { return }
        last = now
        shown = true
        let mib = bytes >> 20
        let rate = Int(Double(mib) / (now - start))
        Terminal.writeErrorRaw("\rscanning: \(mib) MiB scanned, \(rate) MiB/s")
    }

    func finish() {
        guard shown else { return }
        Terminal.writeErrorRaw("\r\u{1b}[K")
    }
}
