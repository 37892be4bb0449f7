#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
/// A field, or one of its bits, as a user names it (`--field`, `diff --ignore`, the shell).
public struct FieldTarget: Sendable {
    /// The field named.
    public let field: FieldDefinition
    /// The bit as named (its id or the manual's short name); nil for the whole field.
    public let bit: String?
}

/// A catalog of fields for one architecture, with lookup by any spelling.
public struct Catalog: Sendable {
    /// The structure the catalog describes.
    public let architecture: Architecture
    /// Every field, in manual order.
    public let fields: [FieldDefinition]
    /// The groups in display order.
    public let groups: [FieldGroup]
    private let byID: [String: Int]
    private let byOffset: [Int: Int]
    private let byEncoding: [UInt32: Int]
    /// The fields by every spelling, normalized, and the upper halves of 64-bit VMCS fields by
    /// their producers' names (`VMCS_64BIT_CONTROL_IO_BITMAP_A_HI`): made when a name is first
    /// looked up (a raw page is decoded and shown without either).
    let spellings: CatalogSpellings
    /// The producers whose names `producerNames` lists, one per column.
    public let nameColumns: [IntelVMCS.NameColumn]
    /// Other producers' names for the fields, by encoding (`IntelVMCS.producerNames`), checked by
    /// `validate()`.
    public let producerNames: [IntelVMCS.NameRow]
    /// The producers whose names `producerHighNames` lists.
    public let highNameColumns: [IntelVMCS.NameColumn]
    /// Other producers' names for the upper halves of 64-bit fields, by the half's encoding.
    public let producerHighNames: [IntelVMCS.NameRow]
    /// Fields other fields' tables are chosen by (EXITCODE, the exit reason): their value means
    /// something even when zero.
    public let discriminators: Set<String>

    /// A catalog of `fields`. `producerNames` (VMCS encodings to each producer's name, in the
    /// columns `nameColumns`) add spellings after the fields' own, which win on a clash.
    public init(
        architecture: Architecture, fields: [FieldDefinition], groups: [FieldGroup],
        nameColumns: [IntelVMCS.NameColumn] = [], producerNames: [IntelVMCS.NameRow] = [],
        highNameColumns: [IntelVMCS.NameColumn] = [], producerHighNames: [IntelVMCS.NameRow] = []
    ) {
        self.architecture = architecture
        self.fields = fields
        self.groups = groups
        self.nameColumns = nameColumns
        self.producerNames = producerNames
        self.highNameColumns = highNameColumns
        self.producerHighNames = producerHighNames
        var byID: [String: Int] = [:]
        var byOffset: [Int: Int] = [:]
        var byEncoding: [UInt32: Int] = [:]
        byID.reserveCapacity(fields.count)
        byOffset.reserveCapacity(fields.count)
        byEncoding.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            if let encoding = field.encoding, byEncoding[encoding] == nil { byEncoding[encoding] = index }
            if byID[field.id] == nil { byID[field.id] = index }
            if field.encoding == nil, byOffset[field.offset] == nil { byOffset[field.offset] = index }
        }
        let encodings = byEncoding
        spellings = CatalogSpellings {
            var bySpelling: [String: Int] = [:]
            bySpelling.reserveCapacity(fields.count * 4)
            for (index, field) in fields.enumerated() {
                for spelling in field.spellings {
                    let key = FieldName.normalize(spelling)
                    if bySpelling[key] == nil { bySpelling[key] = index }
                }
            }
            // Producers' names come after every field's own spellings, so those stay first.
            for row in producerNames {
                guard let index = encodings[row.encoding] else { continue }
                for (column, name) in zip(nameColumns, row.names) where !name.isEmpty {
                    for spelling in Self.spellings(of: name, in: column) {
                        let key = FieldName.normalize(spelling)
                        if bySpelling[key] == nil { bySpelling[key] = index }
                    }
                }
            }
            var byHighSpelling: [String: Int] = [:]
            for row in producerHighNames {
                guard row.encoding & 1 == 1, let index = encodings[row.encoding & ~1], fields[index].hasHighHalf else { continue }
                for (column, name) in zip(highNameColumns, row.names) where !name.isEmpty {
                    for spelling in Self.spellings(of: name, in: column) {
                        let key = FieldName.normalize(spelling)
                        if bySpelling[key] == nil, byHighSpelling[key] == nil { byHighSpelling[key] = index }
                    }
                }
            }
            return (bySpelling, byHighSpelling)
        }
        self.byEncoding = byEncoding
        var discriminators = Set<String>()
        for field in fields {
            switch field.layout {
            case .selected(let by, _): discriminators.insert(by)
            case .keyed(let parts, _): discriminators.formUnion(parts.filter { !$0.refinesOnly }.map(\.field))
            default: break
            }
        }
        self.discriminators = discriminators
        self.byID = byID
        self.byOffset = byOffset
    }

    /// The VMCB catalog (AMD APM Vol. 2 rev 3.42, Appendix B).
    public static let vmcb = Catalog(architecture: .svm, fields: AMDVMCB.fields, groups: AMDVMCB.groups)

    /// The vendor-neutral CPU-state catalog (architectural registers).
    public static let cpu = Catalog(architecture: .cpu, fields: CPUState.fields, groups: CPUState.groups)

    /// The VMCS catalog (Intel SDM Vol. 3 Appendix B), with other producers' names for its fields.
    public static let vmcs = Catalog(
        architecture: .vmx, fields: IntelVMCS.fields, groups: IntelVMCS.groups, nameColumns: IntelVMCS.nameColumns,
        producerNames: IntelVMCS.producerNames, highNameColumns: IntelVMCS.highNameColumns,
        producerHighNames: IntelVMCS.producerHighNames)

    /// A producer's name as written and, when the column has an optional prefix the name
    /// starts with, without it (ia32-doc's `VMCS_GUEST_ES_SEL` is also `GUEST_ES_SEL`).
    static func spellings(of name: String, in column: IntelVMCS.NameColumn) -> [String] {
        guard let prefix = column.optionalPrefix, name.hasPrefix(prefix), name.count > prefix.count else { return [name] }
        return [name, String(name.dropFirst(prefix.count))]
    }

    /// The catalog of an architecture's structure.
    public static func forArchitecture(_ architecture: Architecture) -> Catalog {
        switch architecture {
        case .svm: return vmcb
        case .vmx: return vmcs
        case .cpu: return cpu
        }
    }

    /// The field with this exact id.
    public func field(id: String) -> FieldDefinition? {
        byID[id].flatMap { fields.indices.contains($0) ? fields[$0] : nil }
    }

    /// Looks a field up by id, Linux name, manual name, alias, another producer's name (HAXM,
    /// Xen, Bochs, ia32-doc …: `IntelVMCS.producerNames`), VMCB offset (`0x070`) or VMCS
    /// encoding (`0x681e`), ignoring case, spaces, underscores, hyphens and dots. The `_HIGH`
    /// half of a 64-bit VMCS field (`IO_BITMAP_A_HIGH`, `0x2001`, Bochs's `…_HI`) names the
    /// whole field; so does the SDM's "full" access (`IO_BITMAP_A_FULL`).
    public func lookup(_ spelling: String) -> FieldDefinition? {
        resolve(spelling)?.field
    }

    /// A field named by a spelling, and whether the spelling named only its upper 32 bits.
    public struct Reference: Sendable {
        /// The field named.
        public let field: FieldDefinition
        /// True when the spelling named only the upper 32 bits (`…_HIGH`).
        public let isHighHalf: Bool
    }

    /// The field a spelling names, as `lookup` finds it, and whether it named the upper half.
    /// Readers ask for the same few hundred spellings on every line: answers are remembered.
    public func resolve(_ spelling: String) -> Reference? {
        if let known = spellings.remembered(spelling) { return known }
        let found = resolveAfresh(spelling)
        spellings.remember(spelling, found)
        return found
    }

    private func resolveAfresh(_ spelling: String) -> Reference? {
        var trimmed = Substring(spelling)
        while trimmed.first == " " || trimmed.first == "\t" { trimmed = trimmed.dropFirst() }
        trimmed = trimmed.droppingLast { $0 == " " || $0 == "\t" }
        func at(_ index: Int?) -> FieldDefinition? { index.flatMap { fields.indices.contains($0) ? fields[$0] : nil } }
        if let number = Self.parseOffset(String(trimmed)) {
            if architecture == .svm { return at(byOffset[number]).map { Reference(field: $0, isHighHalf: false) } }
            guard number >= 0, number <= Int(UInt32.max) else { return nil }
            let encoding = UInt32(number)
            if let field = at(byEncoding[encoding]) { return Reference(field: field, isHighHalf: false) }
            if encoding & 1 == 1, let field = at(byEncoding[encoding & ~1]), field.hasHighHalf {
                return Reference(field: field, isHighHalf: true)
            }
            return nil
        }
        let key = FieldName.normalize(trimmed)
        let (bySpelling, byHighSpelling) = spellings.value
        if let field = at(bySpelling[key]) { return Reference(field: field, isHighHalf: false) }
        if let field = at(byHighSpelling[key]) { return Reference(field: field, isHighHalf: true) }
        if key.hasSuffix("high"), let field = at(bySpelling[String(key.dropLast(4))]), field.hasHighHalf {
            return Reference(field: field, isHighHalf: true)
        }
        // The SDM calls access type 0 of a 64-bit field "full" (Appendix B: "(full)"), and
        // headers that list both halves spell it `…_FULL`.
        if key.hasSuffix("full"), let field = at(bySpelling[String(key.dropLast(4))]), field.hasHighHalf {
            return Reference(field: field, isHighHalf: false)
        }
        return nil
    }

    /// Resolves `FIELD` or `FIELD.BIT`: `guest.cr4.vmxe`, `GUEST_CR4.VMXE`, `cr4.vmxe`. Field
    /// names may hold dots (`guest.cs.ar`, `cs.attrib`), so the longest leading part that names a
    /// field wins and the rest names a bit; nil when no leading part names a field.
    public func target(_ spelling: String) -> FieldTarget? {
        // Each leading part is joined and looked up: on a long name of many dots that takes
        // time in the square of its length, and no field and bit is spelled in 256 bytes.
        guard spelling.utf8.count <= 256 else { return nil }
        let parts = spelling.split(separator: ".", omittingEmptySubsequences: false)
        for count in stride(from: parts.count, through: 1, by: -1) {
            guard let field = lookup(parts.prefix(count).joined(separator: ".")) else { continue }
            let rest = parts.dropFirst(count).joined(separator: ".")
            return FieldTarget(field: field, bit: rest.isEmpty ? nil : rest)
        }
        return nil
    }

    /// The bit rows of a field's tables a name matches, by id or by the manual's short name
    /// (case, underscores and hyphens ignored), across every table the field can use, each row
    /// once.
    public func bits(named name: String, of field: FieldDefinition) -> [BitDefinition] {
        let wanted = FieldName.normalize(name)
        var found: [BitDefinition] = []
        for layout in layouts(of: field) {
            for bit in layout.bits where FieldName.normalize(bit.id) == wanted || FieldName.normalize(bit.name) == wanted {
                if !found.contains(where: { $0.id == bit.id && $0.range == bit.range }) { found.append(bit) }
            }
        }
        return found
    }

    /// The stable global ids of a field's bit rows, `field.bit` (`guest.cr4.vmxe`), each once,
    /// in table order.
    public func bitIDs(of field: FieldDefinition) -> [String] {
        var ids: [String] = []
        var seen = Set<String>()
        for layout in layouts(of: field) {
            for bit in layout.bits where seen.insert(bit.id).inserted { ids.append(field.bitID(bit)) }
        }
        return ids
    }

    /// Every table a field's value can be split by.
    public func layouts(of field: FieldDefinition) -> [BitLayout] {
        switch field.layout {
        case .none: return []
        case .fixed(let layout): return [layout]
        case .selected(_, let cases): return cases.map(\.layout)
        case .keyed(_, let cases): return cases.map(\.layout)
        }
    }

    /// The group with this id or title (case, spaces and underscores ignored).
    public func group(id: String) -> FieldGroup? {
        let wanted = FieldName.normalize(id)
        return groups.first { FieldName.normalize($0.id) == wanted || FieldName.normalize($0.title) == wanted }
    }

    static func parseOffset(_ text: String) -> Int? {
        let lower = text.lowercased()
        guard lower.hasPrefix("0x"), let value = NumberText.hexDigits(lower.dropFirst(2)) else { return nil }
        return Int(exactly: value)
    }

    /// Checks the catalog's invariants; returns one message per problem, none when sound.
    public func validate() -> [String] {
        var problems: [String] = []
        var ids = Set<String>()
        var spellings: [String: String] = [:]
        let groupIDs = Set(groups.map(\.id))
        var encodings = Set<UInt32>()
        var covered: [(range: Range<Int>, id: String, conditional: Bool)] = []
        // Tables are told apart by name (the decoder's choice between a field's tables, diff's
        // test for a changed table): one name, one set of rows.
        var tables: [String: String] = [:]
        for field in fields {
            if !ids.insert(field.id).inserted { problems.append("duplicate id \(field.id)") }
            for layout in layouts(of: field) {
                let rows = layout.bits.map { "\($0.id)@\($0.range)" }.joined(separator: ",")
                if let other = tables[layout.name], other != rows { problems.append("\(field.id): two tables named \(layout.name)") }
                tables[layout.name] = rows
            }
            for spelling in Set(field.spellings.map { FieldName.normalize($0) }) {
                if let other = spellings[spelling], other != field.id {
                    problems.append("spelling '\(spelling)' names both \(other) and \(field.id)")
                }
                spellings[spelling] = field.id
            }
            if !groupIDs.contains(field.group) { problems.append("\(field.id): unknown group \(field.group)") }
            if field.size <= 0 { problems.append("\(field.id): size \(field.size)") }
            if let encoding = field.encoding {
                problems += Self.validate(encoding: encoding, of: field)
                if !encodings.insert(encoding).inserted { problems.append("\(field.id): duplicate encoding") }
                for layout in layouts(of: field) {
                    problems += Self.validate(layout: layout, width: min(field.size, 8) * 8, field: field.id)
                }
                continue
            }
            if field.architecture == .cpu {
                for layout in layouts(of: field) {
                    problems += Self.validate(layout: layout, width: min(field.size, 8) * 8, field: field.id)
                }
                continue
            }
            if field.offset < 0 || field.offset + field.size > 4096 {
                problems.append("\(field.id): offset 0x\(String(field.offset, radix: 16)) outside the page")
            }
            if !field.isByteString, [1, 2, 4, 8].contains(field.size), field.offset % field.size != 0 {
                problems.append("\(field.id): offset 0x\(String(field.offset, radix: 16)) not aligned to \(field.size)")
            }
            let range = field.offset..<(field.offset + field.size)
            for other in covered where other.range.overlaps(range) {
                problems.append("\(field.id) overlaps \(other.id)")
            }
            covered.append((range, field.id, field.condition != nil))
            if let condition = field.condition, self.field(id: condition.field) == nil {
                problems.append("\(field.id): condition names unknown field \(condition.field)")
            }
            for layout in layouts(of: field) {
                problems += Self.validate(layout: layout, width: min(field.size, 8) * 8, field: field.id)
            }
            if case .selected(let discriminator, _) = field.layout, self.field(id: discriminator) == nil {
                problems.append("\(field.id): layout selected by unknown field \(discriminator)")
            }
            if case .keyed(let parts, _) = field.layout {
                for part in parts where self.field(id: part.field) == nil {
                    problems.append("\(field.id): layout keyed by unknown field \(part.field)")
                }
            }
        }
        return problems + validateProducerNames()
    }

    /// Every producer name (and its spelling without the column's optional prefix) names its
    /// row's field, and no producer spelling names two fields. Rows whose encoding the catalog
    /// has no field for yet are skipped but must be full encodings.
    func validateProducerNames() -> [String] {
        var problems: [String] = []
        for (rows, columns, high) in [(producerNames, nameColumns, false), (producerHighNames, highNameColumns, true)] {
            var named: [String: String] = [:]
            var encodings = Set<UInt32>()
            for row in rows {
                let place = "0x" + String(row.encoding, radix: 16)
                if !encodings.insert(row.encoding).inserted { problems.append("producer names: \(place) listed twice") }
                if row.names.count != columns.count {
                    problems.append("producer names: \(place) has \(row.names.count) names for \(columns.count) columns")
                }
                if row.encoding & 0xffff_9000 != 0 || (row.encoding & 1 == 1) != high {
                    problems.append("producer names: \(place) is not a \(high ? "high" : "full") field encoding")
                }
                let full = row.encoding & ~1
                guard let field = fields.first(where: { $0.encoding == full }) else { continue }
                if high, !field.hasHighHalf { problems.append("producer names: \(place) names a high half of \(field.id), which has none") }
                for (column, name) in zip(columns, row.names) where !name.isEmpty {
                    for spelling in Self.spellings(of: name, in: column) {
                        let key = FieldName.normalize(spelling)
                        if let other = named[key], other != field.id {
                            problems.append("producer spelling '\(spelling)' (\(column.producer)) names both \(other) and \(field.id)")
                        }
                        named[key] = field.id
                        let found = resolve(spelling)
                        if found?.field.id != field.id || found?.isHighHalf != high {
                            let what = found.map { "\($0.field.id)\($0.isHighHalf ? " (high half)" : "")" } ?? "nothing"
                            problems.append("\(column.producer) name '\(spelling)' for \(place) finds \(what), not \(field.id)")
                        }
                    }
                }
            }
        }
        return problems
    }

    /// The SDM's encoding rules (Vol. 3 section 25.11.2, Table 25-21): bit 0 access type (0 full),
    /// 9:1 index, 11:10 type (control, read-only data, guest, host), 12 reserved, 14:13 width
    /// (16-bit, 64-bit, 32-bit, natural), 31:15 reserved.
    static func validate(encoding: UInt32, of field: FieldDefinition) -> [String] {
        var problems: [String] = []
        if encoding & 1 != 0 { problems.append("\(field.id): encoding 0x\(String(encoding, radix: 16)) has access type 1 (high)") }
        if encoding & 0xffff_9000 != 0 { problems.append("\(field.id): encoding sets reserved bits") }
        if IntelVMCS.size(ofEncoding: encoding) != field.size { problems.append("\(field.id): size disagrees with width bits") }
        let typeGroups: [UInt32: Set<String>] = [
            0: ["execution", "exit_controls", "entry_controls"], 1: ["exit_info"], 2: ["guest"], 3: ["host"],
        ]
        let type = IntelVMCS.typeBits(ofEncoding: encoding)
        if !(typeGroups[type]?.contains(field.group) ?? false) {
            problems.append("\(field.id): group \(field.group) disagrees with type bits \(type)")
        }
        let prefix = field.id.split(separator: ".").first.map(String.init) ?? ""
        let typePrefixes: [UInt32: String] = [0: "ctrl", 1: "exit", 2: "guest", 3: "host"]
        if typePrefixes[type] != prefix { problems.append("\(field.id): id prefix disagrees with type bits") }
        return problems
    }

    /// Bit ranges inside the width; rows that can apply at once are disjoint; keys unique.
    static func validate(layout: BitLayout, width: Int, field: String) -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for (index, bit) in layout.bits.enumerated() {
            if bit.range.lsb < 0 || bit.range.msb >= width {
                problems.append("\(field) [\(layout.name)]: \(bit.id) bits \(bit.range) outside \(width)-bit field")
            }
            if case .flag = bit.kind, bit.range.width != 1 {
                problems.append("\(field) [\(layout.name)]: flag \(bit.id) is \(bit.range.width) bits wide")
            }
            if seen.contains(bit.id), bit.conditions.isEmpty {
                problems.append("\(field) [\(layout.name)]: duplicate bit id \(bit.id)")
            }
            seen.insert(bit.id)
            for other in layout.bits.prefix(index) where other.range.mask & bit.range.mask != 0 {
                if !bit.excludes(other) {
                    problems.append("\(field) [\(layout.name)]: \(bit.id) overlaps \(other.id)")
                }
            }
        }
        return problems
    }
}

/// A catalog's spelling indexes, made by the first lookup by name (from any thread: the first
/// makes them under a lock, the others wait and share them), and the answers of the lookups
/// made since.
final class CatalogSpellings: @unchecked Sendable {
    typealias Indexes = (bySpelling: [String: Int], byHighSpelling: [String: Int])
    private var made: Indexes?
    private let make: @Sendable () -> Indexes
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(_ make: @escaping @Sendable () -> Indexes) {
        self.make = make
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    var value: Indexes {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let made { return made }
        let indexes = make()
        made = indexes
        return indexes
    }

    /// Spellings resolved so far, with their answers (nil: names no field). Input decides the
    /// spellings, so memory is bounded twice: only spellings of up to `rememberedLength` bytes
    /// are kept (longer text, whole lines taken for a label, is resolved each time), and the memo starts afresh when it holds
    /// `resolvedLimit`, so names met late in a long input are remembered too.
    private var resolved: [String: Catalog.Reference?] = [:]
    static let resolvedLimit = 4096
    static let rememberedLength = 64

    /// The remembered answer for `spelling`: nil when there is none, `.some(nil)` when the
    /// spelling names no field.
    func remembered(_ spelling: String) -> Catalog.Reference?? {
        guard spelling.utf8.count <= Self.rememberedLength else { return nil }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return resolved[spelling]
    }

    func remember(_ spelling: String, _ reference: Catalog.Reference?) {
        guard spelling.utf8.count <= Self.rememberedLength else { return }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if resolved.count >= Self.resolvedLimit { resolved.removeAll(keepingCapacity: true) }
        resolved[spelling] = .some(reference)
    }

    /// How many spellings are remembered (for tests).
    var rememberedCount: Int {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return resolved.count
    }
}
