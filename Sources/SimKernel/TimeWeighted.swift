/// A quantity that changes in steps over time (work in progress, busy servers,
/// caseload): keeps the area under its step function for the time average.
public struct TimeWeighted: Sendable, Equatable {
    public private(set) var value: Double
    public private(set) var start: Double
    public private(set) var lastTime: Double
    public private(set) var area: Double = 0
    public private(set) var max: Double

    public init(value: Double = 0, at time: Double = 0) {
        self.value = value
        self.start = time
        self.lastTime = time
        self.max = value
    }

    /// The quantity becomes `newValue` at `time` (not before the last change).
    public mutating func update(_ newValue: Double, at time: Double) {
        area += value * (time - lastTime)
        lastTime = time
        value = newValue
        if newValue > max { max = newValue }
    }

    public mutating func add(_ delta: Double, at time: Double) { update(value + delta, at: time) }

    /// Area under the step function from `start` to `time` (≥ the last change).
    public func integral(until time: Double) -> Double { area + value * (time - lastTime) }

    /// Time average from `start` to `time`; the current value over an empty interval.
    public func mean(until time: Double) -> Double {
        time > start ? integral(until: time) / (time - start) : value
    }

    /// Forgets the history before `time` (end of a warm-up period), keeping the value.
    public mutating func reset(at time: Double) {
        area = 0
        start = time
        lastTime = time
        max = value
    }
}

/// Values of several quantities read at regular times (e.g. monthly WIP per step).
public struct Snapshots: Sendable, Equatable {
    public let names: [String]
    public private(set) var times: [Double] = []
    /// `rows[i][j]` is quantity `names[j]` at `times[i]`.
    public private(set) var rows: [[Double]] = []

    public init(names: [String]) { self.names = names }

    public mutating func record(at time: Double, _ values: [Double]) {
        precondition(values.count == names.count, "a snapshot needs one value per name")
        times.append(time)
        rows.append(values)
    }

    /// The series of one quantity.
    public func series(_ name: String) -> [Double]? {
        names.firstIndex(of: name).map { j in rows.map { $0[j] } }
    }
}
