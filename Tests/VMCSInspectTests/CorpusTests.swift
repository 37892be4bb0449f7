import Foundation
import Testing

@testable import VMCSInspect

/// Real pastes from mailing lists, bug trackers and issues (Tests/Corpus), each kept as it was
/// posted, with an expected file of values read from it by hand: the readers' ground truth.
///
/// The expected file has `key: value` lines (source, producer, arch, dumps, status, cause,
/// format-notes, and `refused:` with words of the message a paste is refused with when that is
/// its documented limit) and one line per hand-read value, `@N NAME = 0xVALUE` (N counts the paste's
/// dumps or events from 0; NAME is a catalog name, or a producer's own word that `resolvers`
/// below maps).
struct CorpusPaste: CustomStringConvertible, Sendable {
    let slug: String
    let fields: [String: String]
    let values: [(index: Int, name: String, value: UInt64)]

    var description: String { slug }
    var producer: String { fields["producer"] ?? "" }
    var producerKey: String {
        producer.hasPrefix("other:") ? String(producer.dropFirst(6).split(separator: " ").first ?? "") : producer
    }
    var dumps: Int? { fields["dumps"].flatMap { Int($0.split(separator: " ").first ?? "") } }
    var textPath: String { Package.path("Tests/Corpus/\(slug).txt") }

    static func all() -> [CorpusPaste] {
        let directory = Package.path("Tests/Corpus")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".expected") }.sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
            var fields: [String: String] = [:]
            var values: [(Int, String, UInt64)] = []
            for line in text.split(separator: "\n").map(String.init) {
                if line.hasPrefix("@"), let space = line.firstIndex(of: " "), let equals = line.range(of: " = ") {
                    guard let index = Int(line[line.index(after: line.startIndex)..<space]) else { continue }
                    let name = String(line[line.index(after: space)..<equals.lowerBound]).trimmingCharacters(in: .whitespaces)
                    let valueText = line[equals.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                    guard let value = NumberText.hex(valueText) else { continue }
                    values.append((index, name, value))
                } else if let colon = line.firstIndex(of: ":") {
                    let key = String(line[line.startIndex..<colon])
                    if fields[key] == nil { fields[key] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces) }
                }
            }
            return CorpusPaste(slug: String(name.dropLast(".expected".count)), fields: fields, values: values)
        }
    }
}

@Suite struct CorpusTests {
    static let pastes = CorpusPaste.all()

    /// The `--format` each producer's pastes are detected as.
    static let formats: [String: String] = [
        "kvm-vmcs": "kvm", "kvm-vmcb": "kvm", "xen-vmcs": "xen",
        "haxm": "fields", "hobby-vmx-vmread-dump": "fields", "noirvisor": "fields", "kontain-km": "fields",
    ]

    /// Producers whose reader is not written yet: their pastes are expected to fail, and a
    /// paste that passes says the producer belongs in `formats` now.
    static let pending: Set<String> = [
        "xen-vmcb", "qemu-cpu-state", "kvm-trace", "vbox", "noah",
    ]

    /// A hand-read value of a snapshot, by a producer's own word when the catalog has none.
    static func value(of name: String, in snapshot: Snapshot) -> UInt64? {
        if let field = Catalog.forArchitecture(snapshot.architecture).lookup(name), let value = snapshot.integer(field.id) {
            // A value the producer printed narrower than the field (a 32-bit exit code) was
            // read by hand as printed; the tool extends it, and says so in a note.
            if snapshot.notes[field.id]?.contains(where: { $0.hasPrefix("printed as 32 bits") }) == true { return value & 0xffff_ffff }
            return value
        }
        return fieldLogWord(name, in: snapshot)
    }

    /// What the field-log producers printed beside their fields, as their expected files name
    /// it: the metadata the reader keeps, in the radix the producer printed (HAXM's
    /// `vmexit reason is %d`, `vcpu->tr:%x`; NoirVisor's `VMX Status: %d`).
    static let fieldLogMetadata: [String: (key: String, radix: Int)] = [
        "first_vmexit_reason": ("first_vmexit_reason", 10), "vmexit_counter": ("vmexit_counter", 10), "tr": ("vcpu->tr", 16),
        "vmx_status": ("vmx_status", 10),
    ]

    /// KVM's `struct kvm_segment` members that Kontain prints, as bits of the access rights,
    /// transcribed from KVM's vmx_segment_access_rights() (arch/x86/kvm/vmx/vmx.c): type 3:0,
    /// s 4, dpl 6:5, present 7, avl 12, l 13, db 14, g 15, unusable 16.
    static let kvmSegmentBits: [String: (lsb: UInt64, width: UInt64)] = [
        "type": (0, 4), "s": (4, 1), "dpl": (5, 2), "present": (7, 1), "avl": (12, 1), "l": (13, 1), "db": (14, 1), "g": (15, 1),
        "unusable": (16, 1),
    ]

    /// A field-log producer's word the catalog lacks: metadata; NoirVisor's `cs.access_rights`
    /// (guest state in a VMCS); a register name in a VMCS (the guest's, by `CPUState.mappings`,
    /// when the VMCS holds it for the guest only); Kontain's `CS.type` (bits of `CS.ar`).
    static func fieldLogWord(_ name: String, in snapshot: Snapshot) -> UInt64? {
        if let (key, radix) = fieldLogMetadata[name], let text = snapshot.metadata.last(where: { $0.key == key })?.value {
            return radix == 16 ? NumberText.hex(text) : UInt64(text)
        }
        let parts = name.lowercased().split(separator: ".").map(String.init)
        if parts.count == 2, snapshot.architecture == .vmx {
            let part = ["selector": "selector", "access_rights": "ar", "limit": "limit", "base": "base"][parts[1]]
            if let part { return snapshot.integer("guest.\(parts[0]).\(part)") }
        }
        if parts.count == 2, snapshot.architecture == .cpu, let bits = kvmSegmentBits[parts[1]],
            let word = snapshot.integer("cpu.\(parts[0]).ar")
        {
            return (word >> bits.lsb) & ((1 << bits.width) - 1)
        }
        if snapshot.architecture == .vmx, let register = Catalog.cpu.lookup(name),
            let guest = CPUState.mappings.first(where: { $0.id == register.id })?.vmcs,
            Catalog.vmcs.field(id: "host." + guest.dropFirst("guest.".count)) == nil
        {
            return snapshot.integer(guest)
        }
        return nil
    }

    @Test func corpusIsLargeAndEveryPasteHasAProducerAndValues() {
        #expect(Self.pastes.count >= 25)
        for paste in Self.pastes {
            #expect(Self.formats[paste.producerKey] != nil || Self.pending.contains(paste.producerKey), "\(paste): producer \(paste.producer)")
            #expect(!paste.values.isEmpty, "\(paste): no hand-read values")
            #expect(paste.fields["source"] != nil, "\(paste): no source")
        }
    }

    @Test(arguments: pastes)
    func pasteReadsAsItsProducerWithEveryValueRight(_ paste: CorpusPaste) throws {
        if Self.pending.contains(paste.producerKey) {
            withKnownIssue("no reader for \(paste.producer) yet") { try Self.check(paste) }
        } else {
            try Self.check(paste)
        }
    }

    static func check(_ paste: CorpusPaste) throws {
        if let refusal = paste.fields["refused"] {
            // A documented limit: the paste is refused with this message rather than misread.
            #expect(
                performing: { try SnapshotReader(path: paste.textPath, displayName: paste.slug).readAll() },
                throws: { error in
                    (error as? InspectError)?.message.contains(refusal) == true
                })
            return
        }
        let reader = try SnapshotReader(path: paste.textPath, displayName: paste.slug)
        let format = formats[paste.producerKey]
        // A paste may hold another producer's dump too (QEMU's beside the kernel's): the
        // expected file counts and numbers this producer's.
        let snapshots = try reader.readAll().filter { $0.format.rawValue == format }
        let detected = reader.format.rawValue == format || LogDumpKinds.formats.contains(reader.format)
            && LogDumpKinds.formats.contains { $0.rawValue == format }
        #expect(detected, "\(paste): detected as \(reader.format.rawValue)")
        if let dumps = paste.dumps { #expect(snapshots.count == dumps, "\(paste): \(snapshots.count) dumps read") }
        for (index, name, value) in paste.values {
            guard snapshots.indices.contains(index) else {
                Issue.record("\(paste): no dump @\(index) for \(name)")
                continue
            }
            #expect(Self.value(of: name, in: snapshots[index]) == value, "\(paste) @\(index) \(name)")
        }
    }
}
