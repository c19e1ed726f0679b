/// A value that changes in steps at given times (FTE growth, sick leave, slots per
/// week). The model schedules an event at each change and applies the new value to
/// its resource; what happens to work in progress is the resource's stated policy
/// (see `ServerPool.setCapacity`).
public struct Schedule: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public let time: Double
        public let value: Double
        public init(time: Double, value: Double) { self.time = time; self.value = value }
    }

    public let initial: Double
    /// Changes in time order.
    public let changes: [Change]

    public init(initial: Double, changes: [Change] = []) {
        self.initial = initial
        self.changes = changes.sorted { $0.time < $1.time }
    }

    /// The value in force at `time` (a change at exactly `time` is in force).
    public func value(at time: Double) -> Double {
        var v = initial
        for c in changes {
            if c.time > time { break }
            v = c.value
        }
        return v
    }

    /// Time-average of the value over [from, to).
    public func average(from: Double, to: Double) -> Double {
        guard to > from else { return value(at: from) }
        var area = 0.0, t = from, v = value(at: from)
        for c in changes where c.time > from && c.time < to {
            area += v * (c.time - t)
            t = c.time
            v = c.value
        }
        return (area + v * (to - t)) / (to - from)
    }
}
