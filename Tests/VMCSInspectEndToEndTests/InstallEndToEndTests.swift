import Foundation
import Testing
import VMCSInspect

/// Runs a program other than the tool (bash, make) from the package root.
enum Program {
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Binary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = Binary.root
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Binary.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh folder under the temporary directory.
    static func scratchFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Shell completion: the generated scripts ask the tool for the library's lists, the tool
/// answers from the catalog, and bash, loading the script as bash-completion does from where
/// `make install` puts it, completes with them.
@Suite struct CompletionEndToEndTests {
    /// The options whose values come from the library, as `---completion` names them.
    static let libraryOptions = [
        "show -- --field", "show -- --group", "show -- --format", "show -- --layout", "diff -- --ignore", "diff -- --group",
        "scan -- --kind", "scan -- --layout", "fields -- positional@0", "explain -- positional@0",
    ]

    @Test(arguments: ["bash", "zsh", "fish"])
    func scriptsAskTheToolRatherThanCopyLists(shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for option in Self.libraryOptions {
            #expect(result.stdout.contains("---completion \(option)"), "\(shell): \(option) does not ask the tool")
        }
        // No copy of a catalog, reader or scan list is frozen into the script (the layouts'
        // names are in --layout's help text, so they cannot tell).
        for name in ["GUEST_CR4", "guest.cr4", "exit_info_1", "bhyvectl", "hexdump", "vmcb-host-save", "control_registers"] {
            #expect(!result.stdout.contains(name), "\(shell): the script holds '\(name)'")
        }
    }

    /// The answers the scripts get: `---completion SUBCOMMAND -- OPTION WORD-INDEX CURSOR WORDS…`.
    static func ask(_ subcommand: String, _ option: String, _ words: [String], shell: String = "bash") throws -> [String] {
        let cursor = words.last?.count ?? 0
        let result = try Binary.run(
            ["---completion", subcommand, "--", option, "\(words.count - 1)", "\(cursor)"] + words, environment: ["SAP_SHELL": shell])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func theToolAnswersFromTheLibrary() throws {
        // SDM Vol. 3 Appendix B: the guest CR and CS fields; every VMCS and VMCB name is offered.
        #expect(
            try Self.ask("show", "--field", ["vmcs-inspect", "show", "--field", "GUEST_C"])
                == ["GUEST_CR0", "GUEST_CR3", "GUEST_CR4", "GUEST_CS_AR_BYTES", "GUEST_CS_BASE", "GUEST_CS_LIMIT", "GUEST_CS_SELECTOR"])
        #expect(
            try Self.ask("diff", "--ignore", ["vmcs-inspect", "diff", "--ignore", "guest.cr"]) == ["guest.cr0", "guest.cr3", "guest.cr4"])
        #expect(try Self.ask("show", "--format", ["vmcs-inspect", "show", "--format", ""]) == InputFormat.all.map(\.rawValue).sorted())
        #expect(try Self.ask("show", "--group", ["vmcs-inspect", "show", "--group", "exit"]) == ["exit", "exit_controls", "exit_info"])
        #expect(try Self.ask("scan", "--kind", ["vmcs-inspect", "scan", "--kind", "vmcs"]) == ["vmcs-region", "vmcs12"])
        // Layouts: the built-in names, then files; explain: vmx, svm, then files.
        #expect(
            try Self.ask("show", "--layout", ["vmcs-inspect", "show", "--layout", "samples/vmcs12-e"])
                == ["samples/vmcs12-ept-violation.bin", "samples/vmcs12-ept-violation.xxd", "samples/vmcs12-exit.layout"])
        #expect(try Self.ask("show", "--layout", ["vmcs-inspect", "show", "--layout", "hyper"]) == ["hyperv-evmcs"])
        #expect(try Self.ask("explain", "positional@0", ["vmcs-inspect", "explain", "v"]) == ["vmx"])
        // A lone folder is opened, so zsh does not end the word after it.
        let inside = try Self.ask("explain", "positional@0", ["vmcs-inspect", "explain", "sam"])
        #expect(inside.contains("samples/vmcb-npf.kvm.log"))
        #expect(inside.contains("samples/malformed/"))
        #expect(inside.allSatisfy { $0.hasPrefix("samples/") && !$0.hasPrefix("samples/.") })
        // Paths from ~ only for fish: bash's compgen would expand them and zsh's script escape them.
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        let visible = try FileManager.default.contentsOfDirectory(atPath: home).filter { !$0.hasPrefix(".") }
        #expect(try Self.ask("explain", "positional@0", ["vmcs-inspect", "explain", "~/"], shell: "bash") == [])
        #expect(try Self.ask("explain", "positional@0", ["vmcs-inspect", "explain", "~/"], shell: "zsh").allSatisfy { !$0.contains("~") })
        #expect(try Self.ask("explain", "positional@0", ["vmcs-inspect", "explain", "~/"], shell: "fish").count == visible.count)
    }

    /// bash with bash-completion loads the script from `bash-completion/completions/vmcs-inspect`
    /// under `XDG_DATA_HOME`, as after `make install PREFIX=~/.local`, and completes.
    @Test func bashCompletesThroughBashCompletion() throws {
        let loader = "/usr/share/bash-completion/bash_completion"
        guard FileManager.default.fileExists(atPath: loader) else {
            Issue.record("bash-completion is missing: apt-get install bash-completion")
            return
        }
        let binary = try #require(Binary.url)
        let data = try Program.scratchFolder("bash-completion")
        defer { try? FileManager.default.removeItem(at: data) }
        let folder = data.appendingPathComponent("bash-completion/completions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = try Binary.run(["--generate-completion-script", "bash"])
        try script.stdout.write(to: folder.appendingPathComponent("vmcs-inspect"), atomically: true, encoding: .utf8)
        // What bash does on TAB: the words, the cursor at the end, the function complete -p names.
        let driver = """
            source \(loader) || exit 3
            _completion_loader vmcs-inspect
            complete -p vmcs-inspect >/dev/null || exit 4
            complete_line() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
                _vmcs-inspect vmcs-inspect "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                echo "[$1]"; printf '%s\\n' "${COMPREPLY[@]}" | LC_ALL=C sort
            }
            complete_line 'vmcs-inspect '
            complete_line 'vmcs-inspect show --format '
            complete_line 'vmcs-inspect show --field GUEST_CR'
            complete_line 'vmcs-inspect show --group exit_'
            complete_line 'vmcs-inspect show samples/vmcb-npf.x'
            complete_line 'vmcs-inspect diff samples/vmcs-pf'
            complete_line 'vmcs-inspect diff --ignore EXIT_QUAL'
            """
        let result = try Program.run(
            "/bin/bash", ["--norc", "--noprofile", "-c", driver],
            environment: [
                "XDG_DATA_HOME": data.path, "BASH_COMPLETION_USER_DIR": "",
                "PATH": binary.deletingLastPathComponent().path + ":/usr/bin:/bin",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let formats = InputFormat.all.map(\.rawValue).sorted().joined(separator: "\n")
        let expected = """
            [vmcs-inspect ]
            --help
            --version
            -h
            check
            diff
            explain
            fields
            help
            scan
            shell
            show
            [vmcs-inspect show --format ]
            \(formats)
            [vmcs-inspect show --field GUEST_CR]
            GUEST_CR0
            GUEST_CR3
            GUEST_CR4
            [vmcs-inspect show --group exit_]
            exit_controls
            exit_info
            [vmcs-inspect show samples/vmcb-npf.x]
            samples/vmcb-npf.xen-svm.log
            samples/vmcb-npf.xxd
            [vmcs-inspect diff samples/vmcs-pf]
            samples/vmcs-pf.xen.log
            [vmcs-inspect diff --ignore EXIT_QUAL]
            EXIT_QUALIFICATION

            """
        #expect(result.stdout == expected)
    }
}

/// `make install` lays the files out where the shells, man and PATH look, and `make uninstall`
/// takes them away; a debug binary stands in for the release build, which takes minutes.
@Suite struct InstallLayoutTests {
    @Test func makeInstallAndUninstall() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/make") else {
            Issue.record("make is missing: apt-get install make")
            return
        }
        let binary = try #require(Binary.url)
        let stage = try Program.scratchFolder("install")
        defer { try? FileManager.default.removeItem(at: stage) }
        let variables = [
            "DESTDIR=\(stage.path)/root", "PREFIX=/opt/vi", "BINARY=\(binary.path)", "SCRATCH=\(stage.path)/scratch",
        ]
        let install = try Program.run("/usr/bin/make", ["-s", "install"] + variables)
        #expect(install.status == 0, "\(install.stderr)")
        let root = stage.appendingPathComponent("root/opt/vi")
        let files = [
            "bin/vmcs-inspect", "share/man/man1/vmcs-inspect.1", "share/bash-completion/completions/vmcs-inspect",
            "share/zsh/site-functions/_vmcs-inspect", "share/fish/vendor_completions.d/vmcs-inspect.fish",
        ]
        let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter {
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &folder) && !folder.boolValue
        }
        #expect(Set(found ?? []) == Set(files))
        #expect(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("bin/vmcs-inspect").path))
        let page = try Data(contentsOf: root.appendingPathComponent("share/man/man1/vmcs-inspect.1"))
        #expect(page == (try Data(contentsOf: Binary.root.appendingPathComponent("man/vmcs-inspect.1"))))
        let bash = try String(contentsOf: root.appendingPathComponent(files[2]), encoding: .utf8)
        #expect(bash.hasSuffix("complete -o filenames -F _vmcs-inspect vmcs-inspect\n"))
        let zsh = try String(contentsOf: root.appendingPathComponent(files[3]), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef vmcs-inspect\n"))
        let fish = try String(contentsOf: root.appendingPathComponent(files[4]), encoding: .utf8)
        #expect(fish.contains("complete -c 'vmcs-inspect'") || fish.contains("complete -c vmcs-inspect"))
        // The installed program runs and is the one built.
        let version = try Program.run(root.appendingPathComponent("bin/vmcs-inspect").path, ["--version"])
        #expect(version.stdout.hasPrefix("vmcs-inspect "))

        let uninstall = try Program.run("/usr/bin/make", ["-s", "uninstall"] + variables)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for file in files { #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file)") }
    }
}

/// The README's set-up and CI install the same system packages, and the completion-install
/// lines `--help` prints are those the README and the man page give.
@Suite struct ReadmeSetupTests {
    static func readme() throws -> String {
        try String(contentsOf: Binary.root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    @Test func readmeAndCIInstallTheSamePackages() throws {
        let line = try #require(try Self.readme().split(separator: "\n").first { $0.hasPrefix("sudo apt-get install ") })
        let readme = line.dropFirst("sudo apt-get install ".count).split(separator: " ").map(String.init)
        let ci = try String(contentsOf: Binary.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let loop = try #require(ci.split(separator: "\n").first { $0.hasPrefix("for package in ") })
        let listed = loop.dropFirst("for package in ".count).split(separator: ";").first?.split(separator: " ").map(String.init)
        #expect(readme == listed)
        for package in ["libreadline-dev", "zlib1g-dev", "libkdumpfile-dev", "make", "mandoc", "bsdutils", "bash-completion"] {
            #expect(readme.contains(package), "\(package)")
        }
    }

    /// The README runs `samples/tools/bench.py …` and `Fuzz/run.sh …` as commands: every script
    /// with a `#!` line is executable in the clone.
    @Test func scriptsWithAnInterpreterLineAreExecutable() throws {
        let manager = FileManager.default
        var checked = 0
        for folder in ["samples/tools", "Fuzz", ".ci"] {
            let base = Binary.root.appendingPathComponent(folder)
            for name in try manager.contentsOfDirectory(atPath: base.path) {
                let path = base.appendingPathComponent(name).path
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                let head = try handle.read(upToCount: 2) ?? Data()
                try handle.close()
                guard head == Data("#!".utf8) else { continue }
                checked += 1
                #expect(manager.isExecutableFile(atPath: path), "\(folder)/\(name) starts with #! but is not executable")
            }
        }
        #expect(checked >= 15)
    }

    @Test func setUpIsTwoCommandsThatPutTheToolOnPath() throws {
        let text = try Self.readme()
        let setUp = try #require(text.components(separatedBy: "Then, in the clone, two commands:\n\n```sh\n").dropFirst().first)
        let commands = setUp.components(separatedBy: "\n```").first?.split(separator: "\n").map(String.init)
        #expect(commands == ["make install PREFIX=~/.local", "swift test"])
    }

    @Test func completionInstallLinesAreTheSameInHelpReadmeAndManPage() throws {
        let help = try Binary.run(["--help"])
        let section = try #require(help.stdout.components(separatedBy: "\nSHELL COMPLETION:\n").dropFirst().first)
        let commands = section.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.contains("--generate-completion-script") }
        #expect(commands.count == 3)
        let readme = try Self.readme().split(separator: "\n")
        let page = try String(contentsOf: Binary.root.appendingPathComponent("man/vmcs-inspect.1"), encoding: .utf8).split(separator: "\n")
        for (command, shell) in zip(commands, ["bash", "zsh", "fish"]) {
            #expect(command.contains("--generate-completion-script \(shell) > "))
            #expect(readme.contains(command), "README lacks: \(command)")
            #expect(page.contains(command), "man page lacks: \(command)")
        }
    }
}
