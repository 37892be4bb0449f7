import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One input that is broken the way real inputs break, and what a user must see for it: the
/// exit status, every line of standard error written out in full, and either nothing on
/// standard output (errors) or the outcome the man page documents (inputs read with a
/// warning, or read as they are despite their encoding).
///
/// The messages are written here by hand from what a user needs to know (what was expected,
/// what was found, where), never copied from the tool's output.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    /// The arguments after `vmcs-inspect`.
    let arguments: [String]
    let status: Int32
    /// Standard error, line by line, in full.
    let stderr: [String]
    /// For inputs that are read: lines standard output must hold (a header naming the input).
    let shows: [String]
    /// For inputs that are read: another input whose output (after its header line) this one's
    /// must equal, because the breakage must not change what is read.
    let sameAs: [String]?

    var testDescription: String { arguments.joined(separator: " ") }

    /// An input that cannot be read: exit 2, one `vmcs-inspect: error: …` line, nothing on stdout.
    static func error(_ arguments: String..., says message: String) -> MalformedCase {
        MalformedCase(arguments: arguments, status: 2, stderr: ["vmcs-inspect: error: " + message], shows: [], sameAs: nil)
    }

    /// A request that does not fit its input: exit 64, one line, nothing on stdout.
    static func usage(_ arguments: String..., says message: String) -> MalformedCase {
        MalformedCase(arguments: arguments, status: 64, stderr: ["vmcs-inspect: error: " + message], shows: [], sameAs: nil)
    }

    /// An input that is read (exit 0), with exactly these warnings.
    static func read(_ arguments: String..., warns warnings: [String] = [], shows: [String] = [], sameAs: [String]? = nil) -> MalformedCase
    {
        MalformedCase(
            arguments: arguments, status: 0, stderr: warnings.map { "vmcs-inspect: warning: " + $0 }, shows: shows, sameAs: sameAs)
    }
}

/// The malformed-input suite: every file of `samples/malformed/` (described in
/// `samples/README.md`, made by `samples/tools/make_malformed.py`) and inputs made here at run
/// time (devices, FIFOs, unreadable files, large logs), through the built binary.
@Suite struct MalformedInputTests {
    static func m(_ file: String) -> String { "samples/malformed/" + file }

    /// Raw pages and binary input.
    static let binaryCases: [MalformedCase] = [
        .error(m("truncated.bin"), says: "\(m("truncated.bin")): byte 0xbb8: truncated page: expected 4096 bytes, found 3000"),
        .error(
            m("vmcs12-truncated.bin"), says: "\(m("vmcs12-truncated.bin")): byte 0x800: truncated page: expected 4096 bytes, found 2048"),
        .error(m("evmcs-truncated.bin"), says: "\(m("evmcs-truncated.bin")): byte 0x3e8: truncated page: expected 4096 bytes, found 1000"),
        .error(
            "--layout", "hyperv-evmcs", m("evmcs-truncated.bin"),
            says: "\(m("evmcs-truncated.bin")): byte 0x3e8: truncated page: expected 4096 bytes, found 1000"),
        .error(
            m("page-4097.bin"),
            says:
                "\(m("page-4097.bin")): byte 0x1000: expected a 4096-byte page, found 4097 bytes (use --offset to pick a page out of a larger file)"
        ),
        .error(m("empty.bin"), says: "\(m("empty.bin")): empty input"),
        .error(
            m("noise.bin"),
            says:
                "\(m("noise.bin")): byte 0x1000: expected a 4096-byte page, found 5000 bytes (use --offset to pick a page out of a larger file)"
        ),
        .error(
            "--offset", "0x2000", "samples/vmcb-npf.bin",
            says: "samples/vmcb-npf.bin: byte 0x1000: a 4096-byte page at offset 0x2000 does not fit in 4096 bytes"),
        .error(
            "--offset", "0x800", "samples/vmcb-npf.bin",
            says: "samples/vmcb-npf.bin: byte 0x800: a 4096-byte page at offset 0x800 does not fit in 4096 bytes"),
        .error(
            "/dev/zero",
            says: "/dev/zero: byte 0x1000: expected a 4096-byte page, found more (use --offset to pick a page out of a larger input)"),
        .error("--format", "xxd", "samples/vmcb-npf.bin", says: "samples/vmcb-npf.bin: the input is binary, not xxd dump text"),
        .error("--format", "kvm", "/dev/zero", says: "/dev/zero: the input is binary, not KVM dump_vmcb or dump_vmcs text"),
        .read(m("nul.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .error(
            m("junk-tail.kvm.log"),
            says:
                "\(m("junk-tail.kvm.log")): byte 0xfa6: text up to here, then binary bytes: neither text nor a 4096-byte page (name the text's format with --format to read it as text)"
        ),
        .read("--format", "kvm", m("junk-tail.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .error("samples", says: "samples: is a directory, not a file"),
        .error(m("no-such-file.log"), says: "\(m("no-such-file.log")): no such file"),
    ]

    /// Compressed input and text in other encodings and line ends.
    static let encodingCases: [MalformedCase] = [
        .read(
            m("vmcb-npf.kvm.log.gz"), shows: ["VMCB \(m("vmcb-npf.kvm.log.gz"))@0 (KVM dump_vmcb at line 2)"],
            sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("vmcb-npf.bin.gz"), shows: ["VMCB \(m("vmcb-npf.bin.gz")) (raw page (gzip))"], sameAs: ["samples/vmcb-npf.bin"]),
        .error(
            m("truncated.log.gz"),
            says: "\(m("truncated.log.gz")): byte 0x203: gzip data ends early after 515 compressed bytes: the file is truncated"),
        .error(
            m("corrupt.log.gz"),
            says: "\(m("corrupt.log.gz")): byte 0x48: gzip data is corrupt after 72 compressed bytes: invalid code -- missing end-of-block"),
        .error(m("empty.gz"), says: "\(m("empty.gz")): the gzip data holds nothing"),
        .read(m("utf16le-bom.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("utf16be-bom.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("utf16le.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("utf16be.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("utf8-bom.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("crlf.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("cr.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
        .read(m("utf16le.xxd"), shows: ["VMCB \(m("utf16le.xxd")) (xxd dump)"], sameAs: ["samples/vmcb-npf.xxd"]),
        .read(m("crlf.hexdump"), shows: ["VMCB \(m("crlf.hexdump")) (hexdump -C dump)"], sameAs: ["samples/vmcb-npf.hexdump"]),
        .read(m("latin1.kvm.log"), sameAs: ["samples/vmcb-npf.kvm.log"]),
    ]

    /// Hex dumps of the wrong length, with bad digits, with addresses out of order; and dumps
    /// whose characters column holds what other formats look for.
    static let hexDumpCases: [MalformedCase] = [
        .error(m("junk.xxd"), says: "\(m("junk.xxd")):20: expected hex digits, found 'zz17'"),
        .error(
            m("gap.hexdump"), says: "\(m("gap.hexdump")):5: expected address 00000040 after line 4, found 00000050: 16 bytes are missing"),
        .error(m("cut.xxd"), says: "\(m("cut.xxd")):30: expected a 4096-byte page, found 470 bytes (the dump ends on this line)"),
        .error(m("short-line.xxd"), says: "\(m("short-line.xxd")):7: expected 16 bytes, found 14 (line 8 starts at 00000070)"),
        .error(m("long-line.hexdump"), says: "\(m("long-line.hexdump")):12: expected 16 bytes, found 17 (line 13 starts at 000000c0)"),
        .error(
            m("swapped.xxd"), says: "\(m("swapped.xxd")):10: expected address 00000090 after line 9, found 000000a0: 16 bytes are missing"),
        .error(
            m("backwards.od"),
            says: "\(m("backwards.od")):21: expected address 0002120 after line 20, found 0000040: the addresses go back 1072 bytes"),
        .error(m("odd-digits.hex"), says: "\(m("odd-digits.hex")):128: expected hex bytes, found an odd number of hex digits"),
        .error(
            m("final-address.hexdump"),
            says: "\(m("final-address.hexdump")):257: expected the final address 00001000 (after 4096 bytes), found 00000ff0"),
        .error(m("interrupted.xxd"), says: "\(m("interrupted.xxd")):101: expected an xxd line, found text that is not one"),
        .error(
            "--format", "xxd", m("prose.txt"),
            says: "\(m("prose.txt")): expected xxd lines such as '00000070: 0004 0000 0000 0000 0600 0000 …', found none in 5 lines"),
        .error(
            "--format", "hex", m("prose.txt"),
            says: "\(m("prose.txt")): expected lines of hex bytes such as '11 00 11 01 ff 00 ff 00 ...', found none in 5 lines"),
        .error(
            m("two-pages.xxd"),
            says:
                "\(m("two-pages.xxd")):257: the dump holds more than one 4096-byte page; pick one with --offset (counted from the dump's first address)"
        ),
        .error(m("mixed-width.od"), says: "\(m("mixed-width.od")):6: expected 16-digit hex words, found '0000'"),
        .error(m("star-first.hexdump"), says: "\(m("star-first.hexdump")):1: '*' before any dump line"),
        .error(
            m("star-end.hexdump"),
            says: "\(m("star-end.hexdump")):48: '*' at the end of the dump, with no address after it to say how far it repeats"),
        .error(
            "--offset", "0x10", "samples/vmcb-npf.xxd",
            says: "samples/vmcb-npf.xxd:256: a 4096-byte page at offset 0x10 does not fit in the 4096 bytes the dump holds"),
        // The page's end is a sum that must not overflow.
        .error(
            "--offset", "0x7fffffffffffffff", "samples/vmcb-npf.xxd",
            says: "samples/vmcb-npf.xxd:256: a 4096-byte page at offset 0x7fffffffffffffff does not fit in the 4096 bytes the dump holds"),
        .read(m("eq3d.xxd"), shows: ["VMCB \(m("eq3d.xxd")) (xxd dump)"], sameAs: [m("eq3d.bin")]),
        .read(m("eq3d.hexdump"), shows: ["VMCB \(m("eq3d.hexdump")) (hexdump -C dump)"], sameAs: [m("eq3d.bin")]),
    ]

    /// Logs: dumps cut off, interleaved, wrapped; other producers' output cut short.
    static let logCases: [MalformedCase] = [
        .error(
            m("no-dump.log"),
            says:
                "\(m("no-dump.log")): no dump found in 4 lines (looked for KVM dump_vmcb or dump_vmcs, Xen VMCS or VMCB dump, VirtualBox Guru Meditation (VBox.log), QEMU CPU state dump)"
        ),
        .error(
            m("no-vmcs.xen.log"),
            says:
                "\(m("no-vmcs.xen.log")): no dump found in 2 lines (looked for KVM dump_vmcb or dump_vmcs, Xen VMCS or VMCB dump, VirtualBox Guru Meditation (VBox.log), QEMU CPU state dump)"
        ),
        .error(
            m("prose.txt"),
            says:
                "\(m("prose.txt")): cannot tell the input format: 3 lines of text starting 'Hi all,', with no dump, hex dump or field lines a reader knows; name one with --format (xxd, hexdump, od, gdb, crash, hex, kvm, xen, vbox, qemu, trace, bhyvectl, json, fields, raw)"
        ),
        .error(
            "--format", "kvm", m("prose.txt"), says: "\(m("prose.txt")): no dump found in 5 lines (looked for KVM dump_vmcb or dump_vmcs)"),
        .read(
            m("vmcs-cut.kvm.log"),
            warns: ["\(m("vmcs-cut.kvm.log")):30: this VMCS dump ends early after this line: 75 fields read, the rest are absent"],
            shows: ["VMCS \(m("vmcs-cut.kvm.log"))@0 (KVM dump_vmcs at line 1)"]),
        .read(
            m("vmcb-cut.kvm.log"),
            warns: ["\(m("vmcb-cut.kvm.log")):25: this VMCB dump ends early after this line: 23 fields read, the rest are absent"],
            shows: ["VMCB \(m("vmcb-cut.kvm.log"))@0 (KVM dump_vmcb at line 2)"]),
        .read(
            m("interleaved-kinds.kvm.log") + "@0", shows: ["VMCS \(m("interleaved-kinds.kvm.log"))@0 (KVM dump_vmcs at line 2)"],
            sameAs: ["samples/vmcs-ept-violation.kvm-6.12.log"]),
        .read(
            m("interleaved-kinds.kvm.log") + "@1", shows: ["VMCB \(m("interleaved-kinds.kvm.log"))@1 (KVM dump_vmcb at line 3)"],
            sameAs: ["samples/vmcb-npf.kvm.log"]),
        // Two vCPUs' dumps line by line with no printk caller ids: refused, not merged.
        .error(
            m("interleaved-vcpus.vmcs.kvm.log"),
            says:
                "\(m("interleaved-vcpus.vmcs.kvm.log")):16: GUEST_RIP is printed again as 0xffffffff81000000 after 0xffffffff8107a3b5 at line 15: the lines of two KVM dump_vmcs dumps are interleaved (two vCPUs dumping at once), and the log has no printk caller ids ([T…] or [C…]) to tell them apart, so neither dump can be read"
        ),
        .error(
            m("interleaved-vcpus.vmcb.kvm.log"),
            says:
                "\(m("interleaved-vcpus.vmcb.kvm.log")):8: cr_read is printed again (first at line 7) before the dump's last row: the lines of two KVM dump_vmcb dumps are interleaved (two vCPUs dumping at once), and the log has no printk caller ids ([T…] or [C…]) to tell them apart, so neither dump can be read"
        ),
        .read(
            m("interleaved.journal.log"),
            shows: [
                "VMCS \(m("interleaved.journal.log"))@0 (KVM dump_vmcs at line 1)",
                "VMCS \(m("interleaved.journal.log"))@1 (QEMU register dump at line 2)",
            ]),
        .read(
            "--field", "GUEST_RIP", "--field", "GUEST_RSP", m("qp-lost-break.xen.txt"),
            warns: [
                "\(m("qp-lost-break.xen.txt")): the input is quoted-printable mail text (=3D for '='); read it decoded, so line numbers count decoded lines",
                "\(m("qp-lost-break.xen.txt")):11: the value of 'rip' is cut in two by a wrap ('0xffffffff81', then '07a3b5 (0xffffffff8107a3b5)'); rip is left out",
            ],
            shows: ["  681c  GUEST_RSP              0xffffc90000013e48", "1 field shown; 1 not in the input"]),
        .read(
            "--field", "GUEST_RIP", "--field", "GUEST_RSP", m("split-value.kvm.log"),
            warns: [
                "\(m("split-value.kvm.log")):8: the value of 'rip' is cut in two by a wrap ('0xffffffff81', then '07a3b5'); rip is left out"
            ],
            shows: ["  681c  GUEST_RSP              0xffffc90000013e48", "1 field shown; 1 not in the input"]),
        .error(
            m("unreadable-values.kvm.log"),
            says:
                "\(m("unreadable-values.kvm.log")):1: this KVM dump_vmcs holds no value that could be read (line 3: cannot read the value of 'cr0:actual': '????????')"
        ),
        .error(
            m("trace-no-events.txt"),
            says: "\(m("trace-no-events.txt")): expected KVM trace events (kvm_exit, kvm_entry, …), found none in 11 lines"),
        .error(
            "--format", "trace", "samples/vmcb-npf.kvm.log",
            says: "samples/vmcb-npf.kvm.log: expected KVM trace events (kvm_exit, kvm_entry, …), found none in 60 lines"),
        .read(
            m("vbox-cut.vbox.log"),
            warns: ["\(m("vbox-cut.vbox.log")):30: this register dump ends early after this line: 52 registers read, the rest are absent"]),
        .error(
            "--format", "fields", m("unreadable.fields.log"),
            says:
                "\(m("unreadable.fields.log")): no field line could be read (line 1: cannot read the value of 'GUEST_RIP': '0xffffffff8zz07a3b5')"
        ),
        .read(
            m("bad-value.fields.log"),
            warns: ["\(m("bad-value.fields.log")):1: cannot read the value of 'GUEST_RIP': '0xffffffff8zz07a3b5'"],
            shows: ["  4402  VM_EXIT_REASON         0x00000030         BASIC=EPT_VIOLATION"]),
        .error(
            m("mixed.bhyvectl.txt"),
            says: "\(m("mixed.bhyvectl.txt")): bhyvectl output holds both VMCS-only and VMCB-only rows (an Intel and an AMD host?)"),
    ]

    /// Options that do not fit the input they are given with.
    static let optionCases: [MalformedCase] = [
        .usage(
            "--offset", "0", "samples/vmcb-npf.kvm.log",
            says:
                "--offset picks a page by its byte offset out of a raw image or a hex dump; samples/vmcb-npf.kvm.log holds KVM dump_vmcb or dump_vmcs text (format kvm), which has no byte offsets"
        ),
        .usage(
            "--offset", "0x10", m("one-line.json"),
            says:
                "--offset picks a page by its byte offset out of a raw image or a hex dump; \(m("one-line.json")) holds vmcs-inspect JSON text (format json), which has no byte offsets"
        ),
        .usage(
            "--layout", "kvm-vmcs12", "samples/vmcs-ept-violation.kvm-6.12.log",
            says:
                "--layout says how a raw page is laid out; samples/vmcs-ept-violation.kvm-6.12.log holds KVM dump_vmcb or dump_vmcs text (format kvm), which names its fields"
        ),
        .usage(
            "--radix", "hex", "samples/vmcb-npf.kvm.log",
            says:
                "--radix sets the radix of bare numbers in a field log (format fields); samples/vmcb-npf.kvm.log holds KVM dump_vmcb or dump_vmcs text (format kvm), whose numbers follow its producer's convention"
        ),
        // `0x-10` is no hex number (Int(_:radix:) takes a sign).
        MalformedCase(
            arguments: ["--offset", "0x-10", "samples/vmcb-npf.xxd"], status: 64,
            stderr: ["vmcs-inspect: error: the value '0x-10' is invalid for '--offset <N>' (see 'vmcs-inspect show --help')"], shows: [],
            sameAs: nil),
        // `--offset -1` looks like an option to the argument parser, which would say "missing
        // value"; a numeric option's negative value is refused as the `=` form's is.
        MalformedCase(
            arguments: ["--offset", "-1", "samples/vmcb-npf.xxd"], status: 64,
            stderr: ["vmcs-inspect: error: the value '-1' is invalid for '--offset <N>' (see 'vmcs-inspect show --help')"], shows: [],
            sameAs: nil),
        MalformedCase(
            arguments: ["--offset=-1", "samples/vmcb-npf.xxd"], status: 64,
            stderr: ["vmcs-inspect: error: the value '-1' is invalid for '--offset <N>' (see 'vmcs-inspect show --help')"], shows: [],
            sameAs: nil),
        MalformedCase(
            arguments: ["--index", "-2", "samples/vmcb-npf.kvm.log"], status: 64,
            stderr: ["vmcs-inspect: error: --index must be 0 or more (see 'vmcs-inspect show --help')"], shows: [], sameAs: nil),
        .usage(
            "--radix", "dec", "samples/vmcb-npf.xxd",
            says:
                "--radix sets the radix of bare numbers in a field log (format fields); samples/vmcb-npf.xxd holds xxd dump text (format xxd), whose numbers follow its producer's convention"
        ),
    ]

    /// JSON documents that are not what `show --json` writes.
    static let jsonCases: [MalformedCase] = [
        .error(
            m("unknown-architecture.json"),
            says: "\(m("unknown-architecture.json")): snapshots[0].architecture: expected 'vmx' or 'svm', found 'arm'"),
        .error(m("wrong-type.json"), says: "\(m("wrong-type.json")): snapshots[0].fields[1].value: expected a string, found a number"),
        .error(
            m("huge-number.json"),
            says:
                "\(m("huge-number.json")): snapshots[0].fields[1].value: expected a hex number of at most 64 bits for control.cr_write, found '0x1ffffffffffffffff'"
        ),
        .error(
            m("other-schema.json"),
            says:
                "\(m("other-schema.json")): expected a vmcs-inspect/show document, found a document of schema 'vmcs-inspect/check/1' (what check --json writes)"
        ),
        .error(m("truncated.json"), says: "\(m("truncated.json")):373: invalid JSON: expected a key, found the end of the input"),
        .error(m("deep.json"), says: "\(m("deep.json")):1: invalid JSON: expected at most 100 nested lists and objects, found more"),
        .error("--format", "json", m("prose.txt"), says: "\(m("prose.txt")):1: invalid JSON: expected a value, found 'H'"),
        .read(m("one-line.json"), shows: ["VMCB \(m("one-line.json"))@0 (vmcs-inspect JSON)"]),
    ]

    /// Layout files with mistakes, and a layout file given as the input.
    static let layoutCases: [MalformedCase] = [
        .error(
            "--layout", m("overlap.layout"), "samples/vmcs12-ept-violation.bin",
            says: "\(m("overlap.layout")):4: GUEST_RSP (0x104 to 0x10b) overlaps GUEST_RIP (0x100 to 0x107, line 3)"),
        .error(
            "--layout", m("out-of-page.layout"), "samples/vmcs12-ept-violation.bin",
            says:
                "\(m("out-of-page.layout")):3: expected an offset from 0x0 to 0xff8 for GUEST_RSP (8 bytes, inside the 4096-byte page), found '0xffc'"
        ),
        .error(
            "--layout", m("bad.layout"), "samples/vmcs12-ept-violation.bin", says: "\(m("bad.layout")):4: unknown VMCS field 'GUEST_RSPP'"),
        .error(
            "samples/vmcs12-exit.layout",
            says:
                "samples/vmcs12-exit.layout: this is a VMCS layout file, not a dump: give it with --layout samples/vmcs12-exit.layout, and the page as the input"
        ),
    ]

    /// Crash dumps whose headers are cut or garbled (DumpTests and DumpEndToEndTests have more).
    static let crashDumpCases: [MalformedCase] = [
        .error(
            m("truncated-header.elf"),
            says: "\(m("truncated-header.elf")): byte 0x14: truncated: the ELF header needs 64 bytes at 0x0, the data ends after 20"),
        .error(
            "--phys", "0x1000", m("truncated-header.elf"),
            says: "\(m("truncated-header.elf")): byte 0x14: truncated: the ELF header needs 64 bytes at 0x0, the data ends after 20"),
        .error(
            m("not-a-core.elf"),
            says:
                "\(m("not-a-core.elf")): byte 0x10: expected an ELF core (e_type 4), found e_type 2 (an executable): this ELF file is no crash dump"
        ),
        .error(
            "--phys", "0x1000", m("not-a-core.elf"),
            says:
                "\(m("not-a-core.elf")): byte 0x10: expected an ELF core (e_type 4), found e_type 2 (an executable): this ELF file is no crash dump"
        ),
        .error(
            "--phys", "0x10000000", "samples/vmcb-npf.bin",
            says: "samples/vmcb-npf.bin: physical 0x10000000: the image ends at 0x1000, before the page at 0x10000000"),
        .error(
            m("truncated.bin") + "@0x0", says: "\(m("truncated.bin")): physical 0x0: the image ends at 0xbb8, inside the page at 0x0"),
        .error(
            "--phys", "0x1000", m("truncated-header.kdump"),
            says: "\(m("truncated-header.kdump")): byte 0x6c: truncated: a kdump-compressed header is 464 bytes, the file has 108"),
        .error("--phys", "0x1000", m("garbled.lime"), says: "\(m("garbled.lime")): byte 0x8: LiME range 0x1000-0x0 ends before it starts"),
    ]

    static var allCases: [MalformedCase] {
        binaryCases + encodingCases + hexDumpCases + logCases + optionCases + jsonCases + layoutCases + crashDumpCases
    }

    @Test(arguments: allCases)
    func showSaysWhatIsWrong(_ item: MalformedCase) throws {
        let result = try Binary.run(["show"] + item.arguments)
        Self.expect(result, item)
        if let reference = item.sameAs {
            // The reference input is an unbroken sample; what it decodes to is checked by the
            // golden tests, here only that the breakage changed nothing of it.
            let other = try Binary.run(["show"] + reference)
            #expect(other.status == 0)
            #expect(Self.body(result.stdout) == Self.body(other.stdout), "\(item.arguments) does not read as \(reference) does")
        }
    }

    /// An input made at run time, by a shell script run in a fresh directory with `$VMCS` the
    /// binary and `$SAMPLES` the samples folder; the script ends by running the binary (under
    /// `timeout`, so that a hang fails the test instead of stopping the run).
    struct RuntimeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let script: String
        let expected: MalformedCase
        var testDescription: String { name }
    }

    static func runtime(_ name: String, _ script: String, _ expected: MalformedCase) -> RuntimeCase {
        RuntimeCase(name: name, script: script, expected: expected)
    }

    /// Runs a script in a fresh directory; what the binary it ends with printed.
    static func run(_ script: String) throws -> Binary.Result {
        let binary = try #require(Binary.url, "vmcs-inspect was not built")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-malformed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Binary.run(
            ["-c", "cd \"$WORK\" && " + script], shell: true,
            environment: ["VMCS": binary.path, "SAMPLES": Binary.root.appendingPathComponent("samples").path, "WORK": folder.path])
    }

    /// Devices, FIFOs and standard input: read as far as the rules for files say, never to the end.
    static let streamCases: [RuntimeCase] = [
        runtime(
            "a FIFO carrying a page",
            #"mkfifo page.fifo; cat "$SAMPLES/vmcb-npf.bin" > page.fifo & exec timeout 60 "$VMCS" show --field exit_code page.fifo"#,
            .read("page.fifo", shows: ["VMCB page.fifo (raw page)", "  070  exit_code              0x0000000000000400 NPF"])),
        runtime(
            "a FIFO carrying a cut page",
            #"mkfifo page.fifo; head -c 3000 "$SAMPLES/vmcb-npf.bin" > page.fifo & exec timeout 60 "$VMCS" show page.fifo"#,
            .error("page.fifo", says: "page.fifo: byte 0xbb8: truncated page: expected 4096 bytes, found 3000")),
        runtime(
            "a FIFO that never ends",
            #"mkfifo zero.fifo; cat /dev/zero > zero.fifo 2>/dev/null & exec timeout 60 "$VMCS" show zero.fifo"#,
            .error(
                "zero.fifo",
                says: "zero.fifo: byte 0x1000: expected a 4096-byte page, found more (use --offset to pick a page out of a larger input)")),
        runtime(
            "a FIFO carrying a log",
            #"mkfifo log.fifo; cat "$SAMPLES/vmcb-npf.kvm.log" > log.fifo & exec timeout 60 "$VMCS" show --field exit_code log.fifo"#,
            .read("log.fifo", shows: ["VMCB log.fifo@0 (KVM dump_vmcb at line 2)", "  070  exit_code              0x0000000000000400 NPF"])),
        runtime(
            "/dev/zero on standard input",
            #"exec timeout 60 "$VMCS" show - < /dev/zero"#,
            .error(
                "-", says: "<stdin>: byte 0x1000: expected a 4096-byte page, found more (use --offset to pick a page out of a larger input)"
            )),
        runtime(
            "/dev/zero on standard input, read as a log",
            #"exec timeout 60 "$VMCS" show --format kvm - < /dev/zero"#,
            .error("-", says: "<stdin>: the input is binary, not KVM dump_vmcb or dump_vmcs text")),
    ]

    /// Lines longer than the 64 KiB the line scanner keeps: a log reads the start of one, with
    /// a warning when a reader was given it; a hex dump cannot lose its bytes and stops; a line
    /// with no end at all stops reading after 64 MiB.
    static let overlongCases: [RuntimeCase] = [
        runtime(
            "a log whose first line is 100,000 bytes",
            #"{ head -c 100000 /dev/zero | tr '\0' x; echo; cat "$SAMPLES/vmcb-npf.kvm.log"; } > long.log; exec timeout 60 "$VMCS" show long.log"#,
            .error(
                "long.log",
                says:
                    "long.log: cannot tell the input format: its first line is longer than the 64 KiB detection looks at; name one with --format (xxd, hexdump, od, gdb, crash, hex, kvm, xen, vbox, qemu, trace, bhyvectl, json, fields, raw)"
            )),
        runtime(
            "the same log with --format kvm",
            #"{ head -c 100000 /dev/zero | tr '\0' x; echo; cat "$SAMPLES/vmcb-npf.kvm.log"; } > long.log; exec timeout 60 "$VMCS" show --format kvm --field exit_code long.log"#,
            .read(
                "long.log", warns: ["long.log:1: this line is longer than 64 KiB; only its first 64 KiB are read"],
                shows: ["VMCB long.log@0 (KVM dump_vmcb at line 3)", "  070  exit_code              0x0000000000000400 NPF"])),
        runtime(
            "a dump line with 70,000 bytes of noise after it",
            #"awk 'NR == 11 { printf "%s ", $0; for (i = 0; i < 70000; i++) printf "y"; print ""; next } { print }' "$SAMPLES/vmcb-npf.kvm.log" > noisy.log; exec timeout 60 "$VMCS" show --field exit_code noisy.log"#,
            .read(
                "noisy.log",
                warns: [
                    "noisy.log:11: this line is longer than 64 KiB; only its first 64 KiB are read",
                    "noisy.log:11: cannot place this line in the VMCB dump: 'pause filter threshold:128 yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'",
                ],
                shows: ["  070  exit_code              0x0000000000000400 NPF"])),
        runtime(
            "a 100,000-byte line between dumps, past the start of a log",
            #"awk 'BEGIN { for (i = 0; i < 6000; i++) printf "[%12.6f] usb 1-1.2: new high-speed USB device number %d using ehci-pci\n", i / 1000, i }' > late.log; { head -c 100000 /dev/zero | tr '\0' x; echo; } >> late.log; cat "$SAMPLES/vmcb-npf.kvm.log" >> late.log; exec timeout 60 "$VMCS" show --field exit_code late.log"#,
            .read(
                "late.log", shows: ["VMCB late.log@0 (KVM dump_vmcb at line 6003)", "  070  exit_code              0x0000000000000400 NPF"])
        ),
        runtime(
            "an xxd dump with a 70,000-byte line",
            #"awk 'NR == 40 { printf "%s", $0; for (i = 0; i < 70000; i++) printf " "; print "."; next } { print }' "$SAMPLES/vmcb-npf.xxd" > wide.xxd; exec timeout 60 "$VMCS" show wide.xxd"#,
            .error(
                "wide.xxd",
                says: "wide.xxd:40: expected an xxd line, found a line longer than 64 KiB (split it, for example with 'fold -w 64')")),
        runtime(
            "a line that never ends, on standard input",
            #"yes x | tr -d '\n' | timeout 60 "$VMCS" show --format kvm -"#,
            .error("-", says: "<stdin>:1: this line runs on for more than 64 MiB without a line end: the input is not text")),
    ]

    /// Large logs, made here: they are read as a stream, dump by dump.
    static let largeLogCases: [RuntimeCase] = [
        runtime(
            "20,000 lines with no dump",
            #"awk 'BEGIN { for (i = 0; i < 20000; i++) printf "[%12.6f] usb 1-1.2: new high-speed USB device number %d using ehci-pci\n", i / 1000, i }' > quiet.log; exec timeout 60 "$VMCS" show quiet.log"#,
            .error(
                "quiet.log",
                says:
                    "quiet.log: no dump found in 20000 lines (looked for KVM dump_vmcb or dump_vmcs, Xen VMCS or VMCB dump, VirtualBox Guru Meditation (VBox.log), QEMU CPU state dump)"
            )),
        runtime(
            "10,000 dumps, the last one picked",
            tenThousand + #"exec timeout 120 "$VMCS" show many.log@9999"#,
            .read(
                "many.log@9999",
                shows: ["VMCS many.log@9999 (field log at line 19999)", "  681e  GUEST_RIP              0xffffffff8100270f"])),
        runtime(
            "10,000 dumps, one past the last picked",
            tenThousand + #"exec timeout 120 "$VMCS" show many.log@10000"#,
            .usage("many.log@10000", says: "many.log@10000: the input holds 10000 dumps (0 to 9999)")),
        runtime(
            "10,000 dumps on standard input, the last one picked",
            tenThousand + #"cat many.log | timeout 120 "$VMCS" show -- -@9999"#,
            .read("-@9999", shows: ["VMCS <stdin>@9999 (field log at line 19999)", "  681e  GUEST_RIP              0xffffffff8100270f"])),
        runtime(
            "a dump, then standard input that never ends",
            #"{ cat "$SAMPLES/vmcb-npf.kvm.log"; yes '[ 9999.000000] usb 1-1: reset high-speed USB device number 2 using ehci-pci'; } | timeout 60 "$VMCS" show --field exit_code -- -@0"#,
            .read("-@0", shows: ["VMCB <stdin>@0 (KVM dump_vmcb at line 2)", "  070  exit_code              0x0000000000000400 NPF"])),
        runtime(
            "nothing on standard input",
            #"exec timeout 60 "$VMCS" show - < /dev/null"#,
            .error("-", says: "<stdin>: empty input")),
    ]

    /// A field log of 10,000 dumps (each a VM_EXIT_REASON and a GUEST_RIP line; the repeated
    /// field starts the next), written to many.log.
    static let tenThousand =
        #"awk 'BEGIN { for (i = 0; i < 10000; i++) printf "VM_EXIT_REASON = 0x%08x\nGUEST_RIP = 0xffffffff81%06x\n", i % 2 ? 48 : 30, i }' > many.log; "#

    /// JSON on one line longer than the line scanner keeps, as `jq -c` or `tr -d` leave it.
    @Test func jsonOnOneLongLine() throws {
        let result = try Self.run(
            #"timeout 60 "$VMCS" show --json "$SAMPLES/vmcs-several.kvm-4.x.log" | tr -d '\n' > one.json && test $(wc -c < one.json) -gt 300000 && exec timeout 60 "$VMCS" show --field GUEST_RIP - < one.json"#
        )
        Self.expect(
            result,
            .read(
                "-",
                shows: [
                    "VMCS <stdin>@0 (vmcs-inspect JSON)", "  681e  GUEST_RIP              0xffffffff81a4c2d6",
                    "VMCS <stdin>@2 (vmcs-inspect JSON)",
                    "  681e  GUEST_RIP              0xffffffff8107a3b5",
                ]))
    }

    @Test(arguments: largeLogCases)
    func largeLogs(_ item: RuntimeCase) throws {
        Self.expect(try Self.run(item.script), item.expected)
    }

    @Test(arguments: overlongCases)
    func overlongLines(_ item: RuntimeCase) throws {
        Self.expect(try Self.run(item.script), item.expected)
    }

    @Test(arguments: streamCases)
    func streamsStopWhereFilesWould(_ item: RuntimeCase) throws {
        Self.expect(try Self.run(item.script), item.expected)
    }

    /// An unreadable file. Root reads it anyway, so the test says so instead of running.
    @Test(.enabled(if: getuid() != 0, "running as root, which reads a file whatever its mode"))
    func unreadableFile() throws {
        let result = try Self.run(
            #"cp "$SAMPLES/vmcb-npf.bin" locked.bin && chmod 000 locked.bin && exec timeout 60 "$VMCS" show locked.bin"#)
        Self.expect(result, .error("locked.bin", says: "locked.bin: permission denied: cannot open the file for reading"))
    }

    /// The output after its header (the line naming the input and its format, and the
    /// metadata lines under it, which carry a log's timestamps).
    static func body(_ text: String) -> String {
        guard let blank = text.range(of: "\n\n") else { return text }
        return String(text[blank.lowerBound...])
    }

    static func expect(_ result: Binary.Result, _ item: MalformedCase, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == item.status, "exit status; stderr: \(result.stderr)", sourceLocation: sourceLocation)
        var lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        #expect(lines == item.stderr, sourceLocation: sourceLocation)
        if item.status == 0 {
            #expect(!result.stdout.isEmpty, sourceLocation: sourceLocation)
            for line in item.shows {
                #expect(
                    result.stdout.split(separator: "\n").contains { $0 == line }, "stdout lacks '\(line)'", sourceLocation: sourceLocation)
            }
        } else {
            #expect(result.stdout == "", "nothing on stdout", sourceLocation: sourceLocation)
        }
    }
}
