/// A 4-ary min-heap of values ordered by `(key, sequence)`, where the sequence number
/// is the order of insertion: equal keys come out first-in, first-out. This is what
/// makes equal-time events fire in scheduling order and runs deterministic.
///
/// Entries are stored inline in one array (no allocation per push once the array has
/// grown); sifting moves a hole instead of swapping. Four children per node halve the depth
/// of a binary heap, which matters when a large run keeps a million events pending.
/// `ketensim bench heap` compares it with swift-collections' `Heap`.
public struct KeyedHeap<Value> {
    @usableFromInline
    struct Entry {
        @usableFromInline var key: Double
        @usableFromInline var sequence: UInt64
        @usableFromInline var value: Value

        @inlinable init(key: Double, sequence: UInt64, value: Value) {
            self.key = key
            self.sequence = sequence
            self.value = value
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            key < other.key || (key == other.key && sequence < other.sequence)
        }
    }

    @usableFromInline var entries: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    @inlinable public init(capacity: Int = 0) { entries.reserveCapacity(capacity) }

    @inlinable public var count: Int { entries.count }
    @inlinable public var isEmpty: Bool { entries.isEmpty }

    /// The smallest key, if any.
    @inlinable public var minKey: Double? { entries.first?.key }

    /// The value with the smallest key (first inserted among equals).
    @inlinable public var min: Value? { entries.first?.value }

    /// Takes the next sequence number now, for a value inserted later with `insert(_:key:sequence:)`.
    @inlinable public mutating func reserveSequence() -> UInt64 {
        defer { nextSequence &+= 1 }
        return nextSequence
    }

    @inlinable
    public mutating func insert(_ value: Value, key: Double) {
        insert(value, key: key, sequence: reserveSequence())
    }

    /// Inserts with a sequence number reserved earlier (its place among equal keys).
    @inlinable
    public mutating func insert(_ value: Value, key: Double, sequence: UInt64) {
        let entry = Entry(key: key, sequence: sequence, value: value)
        entries.append(entry)
        var hole = entries.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard entry.precedes(entries[parent]) else { break }
            entries[hole] = entries[parent]
            hole = parent
        }
        entries[hole] = entry
    }

    @inlinable
    public mutating func popMin() -> (key: Double, value: Value)? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        let n = entries.count
        if n > 0 {
            var hole = 0
            while true {
                let first = 4 * hole + 1
                if first >= n { break }
                var child = first
                for c in (first + 1)..<Swift.min(first + 4, n) where entries[c].precedes(entries[child]) { child = c }
                guard entries[child].precedes(last) else { break }
                entries[hole] = entries[child]
                hole = child
            }
            entries[hole] = last
        }
        return (top.key, top.value)
    }

    @inlinable public mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
}
