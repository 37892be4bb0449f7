import Foundation

/// A catalog of fields for one architecture, with lookup by any spelling.
public struct Catalog: Sendable {
    public let architecture: Architecture
    public let fields: [FieldDefinition]
    public let groups: [FieldGroup]
    private let byID: [String: Int]
    private let bySpelling: [String: Int]
    private let byOffset: [Int: Int]

    public init(architecture: Architecture, fields: [FieldDefinition], groups: [FieldGroup]) {
        self.architecture = architecture
        self.fields = fields
        self.groups = groups
        var byID: [String: Int] = [:]
        var bySpelling: [String: Int] = [:]
        var byOffset: [Int: Int] = [:]
        for (index, field) in fields.enumerated() {
            if byID[field.id] == nil { byID[field.id] = index }
            for spelling in field.spellings {
                let key = FieldName.normalize(spelling)
                if bySpelling[key] == nil { bySpelling[key] = index }
            }
            if byOffset[field.offset] == nil { byOffset[field.offset] = index }
        }
        self.byID = byID
        self.bySpelling = bySpelling
        self.byOffset = byOffset
    }

    /// The VMCB catalog (AMD APM Vol. 2 rev 3.42, Appendix B).
    public static let vmcb = Catalog(architecture: .svm, fields: AMDVMCB.fields, groups: AMDVMCB.groups)

    public static func forArchitecture(_ architecture: Architecture) -> Catalog? {
        switch architecture {
        case .svm: return vmcb
        case .vmx: return nil
        }
    }

    public func field(id: String) -> FieldDefinition? {
        byID[id].flatMap { fields.indices.contains($0) ? fields[$0] : nil }
    }

    /// Looks a field up by id, Linux name, manual name, alias or offset (`0x070`), ignoring
    /// case, spaces, underscores, hyphens and dots.
    public func lookup(_ spelling: String) -> FieldDefinition? {
        let trimmed = spelling.trimmingCharacters(in: .whitespaces)
        if let offset = Self.parseOffset(trimmed) {
            return byOffset[offset].flatMap { fields.indices.contains($0) ? fields[$0] : nil }
        }
        return bySpelling[FieldName.normalize(trimmed)].flatMap { fields.indices.contains($0) ? fields[$0] : nil }
    }

    public func group(id: String) -> FieldGroup? {
        let wanted = FieldName.normalize(id)
        return groups.first { FieldName.normalize($0.id) == wanted || FieldName.normalize($0.title) == wanted }
    }

    static func parseOffset(_ text: String) -> Int? {
        let lower = text.lowercased()
        guard lower.hasPrefix("0x"), lower.count > 2 else { return nil }
        return Int(lower.dropFirst(2), radix: 16)
    }

    /// Checks the catalog's invariants; returns one message per problem, none when sound.
    public func validate() -> [String] {
        var problems: [String] = []
        var ids = Set<String>()
        var spellings: [String: String] = [:]
        let groupIDs = Set(groups.map(\.id))
        var covered: [(range: Range<Int>, id: String, conditional: Bool)] = []
        for field in fields {
            if !ids.insert(field.id).inserted { problems.append("duplicate id \(field.id)") }
            for spelling in Set(field.spellings.map { FieldName.normalize($0) }) {
                if let other = spellings[spelling], other != field.id {
                    problems.append("spelling '\(spelling)' names both \(other) and \(field.id)")
                }
                spellings[spelling] = field.id
            }
            if !groupIDs.contains(field.group) { problems.append("\(field.id): unknown group \(field.group)") }
            if field.size <= 0 { problems.append("\(field.id): size \(field.size)") }
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
        }
        return problems
    }

    func layouts(of field: FieldDefinition) -> [BitLayout] {
        switch field.layout {
        case .none: return []
        case .fixed(let layout): return [layout]
        case .selected(_, let cases): return cases.map(\.layout)
        }
    }

    /// Bit ranges inside the width; rows that can apply at once are disjoint; keys unique.
    static func validate(layout: BitLayout, width: Int, field: String) -> [String] {
        var problems: [String] = []
        var seen: [String: BitCondition?] = [:]
        for (index, bit) in layout.bits.enumerated() {
            if bit.range.lsb < 0 || bit.range.msb >= width {
                problems.append("\(field) [\(layout.name)]: \(bit.id) bits \(bit.range) outside \(width)-bit field")
            }
            if case .flag = bit.kind, bit.range.width != 1 {
                problems.append("\(field) [\(layout.name)]: flag \(bit.id) is \(bit.range.width) bits wide")
            }
            if seen.keys.contains(bit.id), bit.condition == nil {
                problems.append("\(field) [\(layout.name)]: duplicate bit id \(bit.id)")
            }
            seen[bit.id] = bit.condition
            for other in layout.bits.prefix(index) where other.range.mask & bit.range.mask != 0 {
                let exclusive: Bool = {
                    guard let a = bit.condition, let b = other.condition else { return false }
                    return a.excludes(b)
                }()
                if !exclusive {
                    problems.append("\(field) [\(layout.name)]: \(bit.id) overlaps \(other.id)")
                }
            }
        }
        return problems
    }
}
