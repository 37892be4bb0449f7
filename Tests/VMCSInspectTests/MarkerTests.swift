import Foundation
import Testing

@testable import VMCSInspect

/// Between dumps, and past the head of a log, a line reaches a dump kind's `begin` only when it
/// holds one of the kind's markers. A line that would start a dump without holding one would be
/// missed in large logs: no sample or real paste may have one.
@Suite struct MarkerTests {
    static func texts() throws -> [(String, String)] {
        var texts: [(String, String)] = []
        for directory in ["samples", "Tests/Corpus"] {
            let path = Package.path(directory)
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() where !name.hasSuffix(".expected") {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue,
                    let text = try? String(contentsOfFile: path + "/" + name, encoding: .utf8)
                else { continue }
                texts.append((directory + "/" + name, text))
            }
        }
        return texts
    }

    @Test func everyLineThatStartsADumpHoldsAMarker() throws {
        let context = ReaderContext(
            name: "t", settings: InputSettings(), format: .kvm, head: HeadSample(bytes: [], isWhole: true))
        for (name, text) in try Self.texts() {
            for line in LogLine.lines(of: text) {
                for kind in LogDumpKinds.all where kind.begin(line, context: context, after: nil) != nil {
                    var content = line.content
                    let held = content.withUTF8 { MarkerSet(kind.markers).matches($0) }
                    #expect(held, "\(name):\(line.number): \(kind.format) begins at '\(line.content.prefix(60))' without a marker")
                }
            }
        }
    }
}
