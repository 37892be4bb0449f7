/// The event names a trace holds, each numbered when first met: a line's event costs one hash
/// of its bytes (FNV-1a, no string made), and what the reader knows of an event, and how many
/// times it occurred, are arrays indexed by its number.
final class EventTable {
    /// Names by number.
    private(set) var names: [String] = []
    /// What the reader knows of each event (its formats, whether it is an exit, …).
    private(set) var kinds: [KVMTraceReader.EventKind] = []
    /// Lines read of each event.
    var counts: [Int] = []

    private var nameBytes: [[UInt8]] = []
    private var hashes: [UInt32] = []
    /// Open addressing: numbers, -1 for an empty slot; a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The number of the name at `range` of `bytes`, given one when it is new.
    func id(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { id($0, range) }
    }

    func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for i in range { hash = (hash ^ UInt32(bytes[i])) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            if hashes[found] == hash, equal(nameBytes[found], bytes, range) { return found }
            slot = (slot + 1) & mask
        }
        let id = names.count
        let name = Array(bytes[range])
        let text = String(decoding: name, as: UTF8.self)
        names.append(text)
        nameBytes.append(name)
        hashes.append(hash)
        kinds.append(KVMTraceReader.kinds[text] ?? .unknown)
        counts.append(0)
        slots[slot] = Int32(truncatingIfNeeded: id)
        if names.count * 2 > slots.count { grow() }
        return id
    }

    private func equal(_ name: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard name.count == range.count else { return false }
        var k = 0
        for i in range {
            if name[k] != bytes[i] { return false }
            k += 1
        }
        return true
    }

    private func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: id)
        }
    }
}
