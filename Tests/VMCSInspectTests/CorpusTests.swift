import Foundation
import Testing

@testable import VMCSInspect

/// Real pastes from mailing lists, bug trackers and issues (Tests/Corpus), each kept as it was
/// posted, with an expected file of values read from it by hand: the readers' ground truth.
///
/// The expected file has `key: value` lines (source, producer, arch, dumps, status, cause,
/// format-notes) and one line per hand-read value, `@N NAME = 0xVALUE` (N counts the paste's
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
    static let formats: [String: String] = ["kvm-trace": "trace"]

    /// Producers whose reader is not written yet: their pastes are expected to fail, and a
    /// paste that passes says the producer belongs in `formats` now.
    static let pending: Set<String> = [
        "kvm-vmcs", "kvm-vmcb", "xen-vmcs", "xen-vmcb", "qemu-cpu-state", "vbox", "haxm", "hobby-vmx-vmread-dump", "kontain-km", "noah", "noirvisor",
    ]

    /// A hand-read value of a snapshot, by a producer's own word when the catalog has none.
    static func value(of name: String, in snapshot: Snapshot) -> UInt64? {
        if snapshot.format.rawValue == "trace", let value = traceWord(name, in: snapshot) { return value }
        if let field = Catalog.forArchitecture(snapshot.architecture).lookup(name) { return snapshot.integer(field.id) }
        return nil
    }

    /// kvm-trace: the words of KVM's trace events (kvm_exit's `info1`, `info2`, `intr_info`,
    /// `error_code`; kvm_nested_vmexit_inject's `int_info`, `int_info_err`) by the VMCS or VMCB
    /// field the reader placed them in; `vcpu`, `cpu`, `pid`, `tgid` from the metadata (printed
    /// in decimal).
    static func traceWord(_ name: String, in snapshot: Snapshot) -> UInt64? {
        let vmx = snapshot.architecture == .vmx
        switch name {
        case "reason": return snapshot.integer(vmx ? "exit.reason" : "control.exit_code")
        case "rip": return snapshot.integer(vmx ? "guest.rip" : "save.rip")
        case "info1": return snapshot.integer(vmx ? "exit.qualification" : "control.exit_info_1")
        // Linux 5.10 moved VMX's info2 from VM_EXIT_INTR_INFO to the IDT-vectoring information.
        case "info2": return vmx ? snapshot.integer("exit.idt_vectoring_info") ?? snapshot.integer("exit.intr_info") : snapshot.integer("control.exit_info_2")
        case "intr_info", "int_info": return snapshot.integer(vmx ? "exit.intr_info" : "control.exit_int_info")
        case "error_code", "int_info_err": return snapshot.integer(vmx ? "exit.intr_error_code" : "control.exit_int_info_err")
        case "vcpu", "cpu", "pid", "tgid":
            let text = snapshot.metadata.first { $0.key == name }?.value.split(separator: " ").first
            return text.flatMap { UInt64($0) }
        default: return nil
        }
    }

    /// kvm-trace: a value of the paste's event `event` (an exit's from its snapshot first, as
    /// the reader placed it), else as the event printed it: a payload field, or its context.
    static func traceValue(of name: String, in event: TraceEvent, snapshot: Snapshot?) -> UInt64? {
        if let snapshot, let value = value(of: name, in: snapshot) { return value }
        if let value = event.field(name)?.number { return value }
        switch name {
        case "cpu": return event.cpu.map { UInt64($0) }
        case "pid": return event.pid.map { UInt64($0) }
        case "tgid": return event.tgid.map { UInt64($0) }
        case "vcpu": return event.vcpu.map { UInt64($0) }
        default: return nil
        }
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
        if formats[paste.producerKey] == "trace" { return try checkTrace(paste) }
        let reader = try SnapshotReader(path: paste.textPath, displayName: paste.slug)
        let snapshots = try reader.readAll()
        #expect(reader.format.rawValue == formats[paste.producerKey], "\(paste): detected as \(reader.format.rawValue)")
        if let dumps = paste.dumps { #expect(snapshots.count == dumps, "\(paste): \(snapshots.count) dumps read") }
        for (index, name, value) in paste.values {
            guard snapshots.indices.contains(index) else {
                Issue.record("\(paste): no dump @\(index) for \(name)")
                continue
            }
            #expect(Self.value(of: name, in: snapshots[index]) == value, "\(paste) @\(index) \(name)")
        }
    }

    /// kvm-trace pastes count `@N` over every event line, as `show` lists them; an exit event's
    /// values are read from its snapshot (`FILE@exit`), the other events' from their fields.
    static func checkTrace(_ paste: CorpusPaste) throws {
        let contents = try #require(try TraceSummary.read(path: paste.textPath, displayName: paste.slug), "\(paste): not read as a trace")
        #expect(contents.format.rawValue == formats[paste.producerKey], "\(paste): detected as \(contents.format.rawValue)")
        if let dumps = paste.dumps { #expect(contents.events.count == dumps, "\(paste): \(contents.events.count) events read") }
        for (index, name, value) in paste.values {
            guard contents.events.indices.contains(index) else {
                Issue.record("\(paste): no event @\(index) for \(name)")
                continue
            }
            let event = contents.events[index]
            let snapshot = event.exitIndex.flatMap { contents.snapshots.indices.contains($0) ? contents.snapshots[$0] : nil }
            #expect(traceValue(of: name, in: event, snapshot: snapshot) == value, "\(paste) @\(index) \(name) (\(event.name))")
        }
    }
}
