import Foundation
import Testing

@testable import VMCSInspect

/// Every JSON the tool writes validates against the command's checked-in schema
/// (`Sources/VMCSInspect/Render/schemas/<command>.schema.json`): the goldens, and documents and
/// JSON Lines rendered here for every command.
@Suite struct SchemaTests {
    static let folder = "Sources/VMCSInspect/Render/schemas"

    static func validator(_ kind: DocumentKind) throws -> JSONSchemaValidator {
        let text = try String(contentsOfFile: Package.path("\(folder)/\(kind.rawValue).schema.json"), encoding: .utf8)
        return JSONSchemaValidator(root: try JSONText.parse(text))
    }

    /// The schema a document names, and its problems against it.
    static func problems(_ json: String, expected kind: DocumentKind? = nil) throws -> [String] {
        let value = try JSONText.parse(json)
        guard let name = value["schema"]?.string, let kind = DocumentKind.allCases.first(where: { $0.schema == name }) else {
            return ["no known schema named"]
        }
        if let expected = kind as DocumentKind?, let wanted = expected as DocumentKind?, wanted != kind { return ["schema \(name)"] }
        return try validator(kind).validate(value)
    }

    /// Each line of JSON Lines against the schema's `line` definition.
    static func lineProblems(_ text: String, _ kind: DocumentKind) throws -> [String] {
        let validator = try validator(kind)
        var problems: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "JSON Lines end with a line feed")
        for (number, line) in lines.enumerated() where !line.isEmpty {
            problems += validator.validate(try JSONText.parse(String(line)), at: "#/$defs/line").map { "line \(number + 1): \($0)" }
        }
        return problems
    }

    @Test func everyKindButTheShellsHasASchemaWhoseIdIsItsName() throws {
        for kind in DocumentKind.allCases where kind != .shell {
            let root = try Self.validator(kind).root
            #expect(root["$id"]?.string == kind.schema, "\(kind)")
            #expect(root["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
            #expect(root["$defs"]?["line"] != nil, "\(kind) describes its JSON Lines")
        }
    }

    /// Every JSON golden file validates against the schema it names.
    @Test func everyJSONGoldenValidates() throws {
        let root = Package.path("Tests/VMCSInspectTests/Golden")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 40)
        for file in files {
            let text = try String(contentsOfFile: "\(root)/\(file)", encoding: .utf8)
            #expect(try Self.problems(text) == [], "\(file)")
        }
    }

    /// The validator fails what it should: a test that cannot fail is no test.
    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let request = ShowRequest(path: Package.path("samples/vmcb-npf.bin"))
        let good = try Rendered.json { try ShowCommand.run(request, to: $0) }.output
        #expect(try Self.problems(good) == [])
        let broken = [
            good.replacingOccurrences(of: "\"value\": \"0x0000000000000400\"", with: "\"value\": 1024"),
            good.replacingOccurrences(of: "\"producer\": ", with: "\"maker\": "),
            good.replacingOccurrences(of: "\"kind\": \"flag\"", with: "\"kind\": \"bool\""),
            good.replacingOccurrences(of: "\"id\": \"control.exit_code\"", with: "\"id\": \"Exit Code\""),
            good.replacingOccurrences(of: "\"warnings\": []", with: "\"warnings\": [{\"message\": \"m\"}]"),
            good.replacingOccurrences(of: "\"byte\": 0", with: "\"byte\": -1"),
        ]
        for (index, text) in broken.enumerated() {
            #expect(text != good, "case \(index) changed nothing")
            #expect(try Self.problems(text) != [], "case \(index)")
        }
        #expect(throws: JSONText.Failure.self) { try JSONText.parse("{\"a\": 1, \"a\": 2}") }
        #expect(throws: JSONText.Failure.self) { try JSONText.parse("[1, 2,]") }
    }

    static let inputs = [
        "vmcb-npf.kvm.log", "vmcs-several.kvm-4.x.log", "vmcb-mail-paste.kvm.log", "vmcs-entry-failure.qemu.log",
        "vmcs-msr-load-failure.xen.log",
        "vmcs-entry-failure.vbox.log", "cpu-triple-fault.vbox.log", "svm-exits.trace-cmd.txt", "vmcs-hobby.fields.log", "cores/core.kdump",
    ]

    @Test(arguments: inputs)
    func showCheckAndExplainValidateAsDocumentsAndLines(sample: String) throws {
        let path = Package.path("samples/\(sample)")
        let names: [String?] = ["samples/\(sample)"]
        let show = ShowRequest(inputs: [path], displayNames: names, fields: [], bits: .set)
        #expect(try Self.problems(try Rendered.json { try ShowCommand.run(show, to: $0) }.output) == [])
        #expect(try Self.lineProblems(try Rendered.json(lines: true) { try ShowCommand.run(show, to: $0) }.output, .show) == [])
        guard !sample.hasPrefix("cores/") else { return }
        let check = CheckRequest(inputs: [path], displayNames: names)
        #expect(try Self.problems(try Rendered.json { try CheckCommand.run(check, to: $0) }.output) == [])
        #expect(try Self.lineProblems(try Rendered.json(lines: true) { try CheckCommand.run(check, to: $0) }.output, .check) == [])
        let explain = ExplainRequest(source: .inputs([path], InputSettings()), displayNames: names)
        #expect(try Self.problems(try Rendered.json { try ExplainCommand.run(explain, to: $0) }.output) == [])
        #expect(try Self.lineProblems(try Rendered.json(lines: true) { try ExplainCommand.run(explain, to: $0) }.output, .explain) == [])
    }

    @Test func diffFieldsRulesScanAndExitNamesValidate() throws {
        let diff = DiffRequest(inputs: [InputReference(path: Package.path("samples/vmcs-several.kvm-4.x.log"))], showAll: true)
        #expect(try Self.problems(try Rendered.json { try DiffCommand.run(diff, to: $0) }.output) == [])
        #expect(try Self.lineProblems(try Rendered.json(lines: true) { try DiffCommand.run(diff, to: $0) }.output, .diff) == [])
        let fields = FieldsRequest(pattern: "cr4")
        #expect(try Self.problems(Rendered.json { FieldsCommand.run(fields, to: $0) }.output) == [])
        #expect(try Self.lineProblems(Rendered.json(lines: true) { FieldsCommand.run(fields, to: $0) }.output, .fields) == [])
        let everyField = Rendered.json { FieldsCommand.run(FieldsRequest(), to: $0) }.output
        #expect(try Self.problems(everyField) == [])
        let rules = Rendered.json {
            CheckCommand.list(to: $0); return CommandOutcome()
        }.output
        #expect(try Self.problems(rules) == [])
        #expect(
            try Self.lineProblems(
                Rendered.json(lines: true) {
                    CheckCommand.list(to: $0); return CommandOutcome()
                }.output, .checkList) == [])
        let scan = [ScanRequest(path: Package.path("samples/cores/core.flat"), displayName: "core.flat")]
        #expect(try Self.problems(try Rendered.json { try ScanCommand.run(scan, to: $0) }.output) == [])
        #expect(try Self.lineProblems(try Rendered.json(lines: true) { try ScanCommand.run(scan, to: $0) }.output, .scan) == [])
        for architecture in [Architecture.vmx, .svm] {
            let numbers = ExplainRequest(
                source: .numbers(architecture, architecture == .vmx ? [.reason: "48", .qualification: "0x181"] : [.exitCode: "-1"]))
            #expect(try Self.problems(try Rendered.json { try ExplainCommand.run(numbers, to: $0) }.output) == [])
            let names = ExplainRequest(source: .numbers(architecture, architecture == .vmx ? [.reason: "list"] : [.exitCode: "list"]))
            #expect(try Self.problems(try Rendered.json { try ExplainCommand.run(names, to: $0) }.output) == [])
        }
    }
}
