import ArgumentParser
import Foundation
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// Everything that touches the terminal and the standard streams.
enum Terminal {
    /// Writing into a closed pipe (`| head`) ends the program quietly.
    static func preparePipes() {
        signal(SIGPIPE, SIG_DFL)
    }

    static func colorByDefault() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Standard output is written unbuffered through FileHandle, so it is already flushed.
    static func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Each distinct warning once.
    static func report(_ warnings: [InputWarning]) {
        var seen = Set<String>()
        for warning in warnings where seen.insert(warning.description).inserted {
            writeError("vmcs-inspect: warning: \(warning)")
        }
    }
}

extension VMCSInspectCommand {
    /// Errors to one line on stderr and the documented exit status.
    static func exit(withError error: Error) -> Never {
        if let error = error as? InspectError {
            Terminal.writeError("vmcs-inspect: error: \(error)")
            Foundation.exit(error.isUsage ? 64 : 2)
        }
        Self.exit(withError: error as Error?)
    }
}
