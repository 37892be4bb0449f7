import Foundation
import Testing

import VMCSInspect

/// Replays every input the fuzzers found a bug with (Tests/FuzzCorpus/TARGET/NAME, each
/// minimised, with the fix it needed named in Tests/FuzzCorpus/README.md) through the target's
/// whole path as the fuzz harness runs it (FuzzTargets.swift), with every command on every
/// input: it must complete, and the input must either be read (the commands wrote output) or
/// refused with an InspectError that says where in the input. A trap fails the whole run, as it
/// did the fuzzer.
@Suite struct FuzzRegressionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let target: String
        let file: String
        var testDescription: String { "\(target)/\(file)" }
        var path: String { Package.path("Tests/FuzzCorpus/\(target)/\(file)") }
    }

    static let root = Package.path("Tests/FuzzCorpus")

    static let cases: [Case] = {
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return targets.sorted().flatMap { target -> [Case] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + target)) ?? []
            return files.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { Case(target: target, file: $0) }
        }
    }()

    /// Targets whose path refuses nothing: they only have to complete.
    static let unrefusing: Set<String> = ["logline"]

    @Test func everyDirectoryIsATarget() throws {
        let targets = (try FileManager.default.contentsOfDirectory(atPath: Self.root)).filter { !$0.hasPrefix(".") && $0 != "README.md" }
        #expect(!targets.isEmpty)
        #expect(targets.count == Set(Self.cases.map(\.target)).count, "a target folder without inputs")
        for target in targets {
            #expect(FuzzTargets.named(target) != nil, "Tests/FuzzCorpus/\(target) names no fuzz target")
        }
    }

    @Test(arguments: cases) func replays(_ regression: Case) throws {
        let target = try #require(FuzzTargets.named(regression.target))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: regression.path)))
        let outcome = try target.run(bytes, session: FuzzSession(remember: false))
        if Self.unrefusing.contains(regression.target) { return }
        if let error = outcome.error, outcome.written == 0 {
            #expect(error.location != nil, "refused without saying where: \(error)")
        } else {
            #expect(outcome.written > 0, "neither read nor refused")
        }
    }
}
