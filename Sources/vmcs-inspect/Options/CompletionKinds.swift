import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// Completion of option values, asked of the tool at TAB time (`---completion`), so the shell
/// scripts hold no copy of the library's lists: they stay right when the catalog or the readers
/// grow, even with a completion script from an older install.
extension CompletionKind {
    /// Field ids and names, for `--field` and `--ignore`.
    static var fieldNames: CompletionKind {
        .custom { _, _, prefix in CompletionCandidates.fieldNames(prefix: prefix) }
    }

    /// Group ids, for `--group`.
    static var groupNames: CompletionKind {
        .custom { _, _, prefix in CompletionCandidates.groupNames(prefix: prefix) }
    }

    /// Input format names, for `--format`.
    static var formatNames: CompletionKind {
        .custom { _, _, prefix in CompletionCandidates.formatNames(prefix: prefix) }
    }

    /// Built-in layout names, then layout files, for `--layout`.
    static var layoutNamesOrFiles: CompletionKind {
        .custom { _, _, prefix in FileNames.after(CompletionCandidates.layoutNames(prefix: prefix), prefix) }
    }

    /// `scan --kind` names.
    static var scanKindNames: CompletionKind {
        .custom { _, _, prefix in CompletionCandidates.scanKindNames(prefix: prefix) }
    }

    /// `explain`'s target: the words `vmx` and `svm`, then files.
    static var architectureOrFiles: CompletionKind {
        .custom { _, _, prefix in FileNames.after(["vmx", "svm"].filter { $0.hasPrefix(prefix) }, prefix) }
    }
}

/// File names for completions that mix names and files (the shells' own file completion
/// cannot be combined with a list the tool prints).
enum FileNames {
    /// The entries of the prefix's directory whose names start with its last component, as
    /// paths written the way the prefix writes them, folders ending in `/`; dot files only
    /// when the prefix asks.
    static func matching(_ prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        // A path from ~ is offered to fish only: bash's compgen expands the ~ of each word it
        // is given, so none would match, and the zsh script escapes it into a folder named ~.
        if prefix.hasPrefix("~"), Terminal.environment("SAP_SHELL") != "fish" { return [] }
        let expanded = folder.hasPrefix("~/") ? (Terminal.environment("HOME") ?? "~") + folder.dropFirst() : folder
        guard let directory = opendir(expanded.isEmpty ? "." : expanded) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name.hasPrefix(start), start.hasPrefix(".") || !name.hasPrefix(".") else { continue }
            // A folder ends in "/", so zsh and fish add no space and TAB goes on into it.
            var status = stat()
            let isFolder = stat(expanded + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            names.append(folder + name + (isFolder ? "/" : ""))
        }
        return names.sorted()
    }

    /// `names`, then the files matching `prefix`; when all that matches is one folder, what
    /// is in it, since zsh would end the word after the folder's "/".
    static func after(_ names: [String], _ prefix: String) -> [String] {
        let candidates = names + matching(prefix)
        if candidates.count == 1, let only = candidates.first, only.hasSuffix("/") {
            let inside = matching(only)
            if !inside.isEmpty { return inside }
        }
        return candidates
    }
}
