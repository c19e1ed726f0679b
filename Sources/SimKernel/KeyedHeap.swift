/// A binary min-heap of values ordered by `(key, sequence)`, where the sequence number
/// is the order of insertion: equal keys come out first-in, first-out. This is what
/// makes equal-time events fire in scheduling order and runs deterministic.
///
/// Entries are stored inline in one array (no allocation per push once the array has
/// grown); sifting moves a hole instead of swapping. `ketensim bench heap` compares it
/// with swift-collections' `Heap`.
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

    @inlinable
    public mutating func insert(_ value: Value, key: Double) {
        let entry = Entry(key: key, sequence: nextSequence, value: value)
        nextSequence &+= 1
        entries.append(entry)
        var hole = entries.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 1
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
                var child = 2 * hole + 1
                if child >= n { break }
                if child + 1 < n && entries[child + 1].precedes(entries[child]) { child += 1 }
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
