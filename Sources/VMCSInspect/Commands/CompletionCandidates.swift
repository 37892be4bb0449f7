/// What the command line's options accept, for shell completion (bash, zsh, fish ask the tool
/// at TAB time). Every list comes from the catalogs, the readers and the layouts, so completion
/// offers exactly what the options take and never drifts from them.
public enum CompletionCandidates {
    /// The names `--field` and `--ignore` take that start with `prefix` (case ignored): every
    /// catalog's ids (`guest.cr4`, `control.exit_code`), conventional names (`GUEST_CR4`,
    /// `exit_code`) and manual names written as one word (`EXITINFO1`). Other spellings
    /// (`Guest CR4`, producers' names) are accepted but not offered. In a comma-separated
    /// list (`exit_code,exit_i`) the last name is completed and the rest kept. After a field's
    /// id and a dot (`guest.cr4.`), its bits' ids (`guest.cr4.vmxe`).
    public static func fieldNames(prefix: String) -> [String] {
        if let comma = prefix.lastIndex(of: ",") {
            let head = prefix[...comma]
            return fieldNames(prefix: String(prefix[prefix.index(after: comma)...])).map { head + $0 }
        }
        var names: [String] = []
        var seen = Set<String>()
        for architecture in Architecture.allCases {
            for field in Catalog.forArchitecture(architecture).fields {
                for name in [field.id, field.name, field.manualName] where isOneWord(name) && !seen.contains(name) {
                    seen.insert(name)
                    names.append(name)
                }
                if prefix.lowercased().hasPrefix(field.id + ".") {
                    names += Catalog.forArchitecture(architecture).bitIDs(of: field)
                }
            }
        }
        return matching(names, prefix: prefix)
    }

    /// The group ids `--group` takes, of every catalog, that start with `prefix`.
    public static func groupNames(prefix: String) -> [String] {
        var names: [String] = []
        for architecture in Architecture.allCases {
            for group in Catalog.forArchitecture(architecture).groups where !names.contains(group.id) {
                names.append(group.id)
            }
        }
        return matching(names, prefix: prefix)
    }

    /// The `--format` names (`InputFormat.all`) that start with `prefix`.
    public static func formatNames(prefix: String) -> [String] {
        matching(InputFormat.all.map(\.rawValue), prefix: prefix)
    }

    /// The built-in `--layout` names (`VMCSLayout.builtIn` and `vmsa`) that start with `prefix`.
    public static func layoutNames(prefix: String) -> [String] {
        matching(VMCSLayout.builtIn.map(\.name) + [VMSALayout.name], prefix: prefix)
    }

    /// The `scan --kind` names (`CandidateKind`) that start with `prefix`.
    public static func scanKindNames(prefix: String) -> [String] {
        matching(CandidateKind.allCases.map(\.rawValue), prefix: prefix)
    }

    /// The names starting with `prefix` (case ignored), sorted (zsh and fish list them in the
    /// order given; the VMCS's and the VMCB's have no common order); the shells filter again
    /// by their own rules.
    static func matching(_ names: [String], prefix: String) -> [String] {
        let wanted = prefix.lowercased()
        return names.filter { wanted.isEmpty || $0.lowercased().hasPrefix(wanted) }.sorted()
    }

    /// A name a shell word can hold without quoting.
    static func isOneWord(_ name: String) -> Bool {
        !name.isEmpty && !name.contains { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == "(" || $0 == ")" }
    }
}
