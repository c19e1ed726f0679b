import DequeModule

/// Class start moments (language-school cohorts): registered people wait for the next
/// start; a start runs only with at least `minSize` people; it opens up to `groups`
/// parallel groups of at most `maxSize`; whoever does not fit waits for the next start.
///
/// At a start with `n` waiting, the number of groups is `g = min(groups, ⌈n / maxSize⌉)`,
/// lowered while the groups would average fewer than `minSize`; `min(n, g × maxSize)`
/// people start, in order of registration, spread as evenly as possible over the groups.
/// With fewer than `minSize` waiting nothing starts and everyone waits.
public struct CohortStarts<Item> {
    struct Waiting {
        let item: Item
        let since: Double
    }

    /// Start moments, in days, in time order.
    public let times: [Double]
    public let minSize: Int
    public let maxSize: Int
    public let groups: Int
    /// Parallel groups from a time on (sorted by time): a start has the groups of the last
    /// change at or before it, else `groups`.
    public let groupChanges: [(from: Double, groups: Int)]
    private var line = Deque<Waiting>()
    /// Size of every group that ran.
    public private(set) var groupSizes = Tally()
    /// Time from registration to start.
    public private(set) var waits = Tally()
    /// Start moments at which nothing ran although someone was waiting.
    public private(set) var cancelledStarts = 0

    public init(times: [Double], minSize: Int = 1, maxSize: Int, groups: Int = 1, changes: [(from: Double, groups: Int)] = []) {
        precondition(minSize >= 1 && maxSize >= minSize && groups >= 1, "need 1 ≤ minSize ≤ maxSize and groups ≥ 1")
        precondition(changes.allSatisfy { $0.groups >= 1 }, "a start has at least one group")
        self.times = times.sorted()
        self.minSize = minSize
        self.maxSize = maxSize
        self.groups = groups
        groupChanges = changes.sorted { $0.from < $1.from }
    }

    /// The parallel groups of a start at `time`.
    public func groups(at time: Double) -> Int {
        groupChanges.last { $0.from <= time }?.groups ?? groups
    }

    /// Start moments every `every` days from `first` up to and including `last`.
    public static func regularTimes(first: Double, every: Double, last: Double) -> [Double] {
        precondition(every > 0, "start moments need a positive interval")
        return stride(from: first, through: last, by: every).map { $0 }
    }

    public var waiting: Int { line.count }

    /// `item` registers for the next start at `now`.
    public mutating func register(_ item: Item, now: Double) {
        line.append(Waiting(item: item, since: now))
    }

    /// The first start moment at or after `time`, if any.
    public func nextStart(atOrAfter time: Double) -> Double? {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < time { lo = mid + 1 } else { hi = mid }
        }
        return lo < times.count ? times[lo] : nil
    }

    /// The start moment at `now`: returns the groups that start (each a list of items).
    public mutating func start(now: Double) -> [[Item]] {
        let n = line.count
        var g = Swift.min(groups(at: now), (n + maxSize - 1) / maxSize)
        while g > 1 && Swift.min(n, g * maxSize) < g * minSize { g -= 1 }
        guard g >= 1, n >= minSize else {
            if n > 0 { cancelledStarts += 1 }
            return []
        }
        let starting = Swift.min(n, g * maxSize)
        let (base, extra) = starting.quotientAndRemainder(dividingBy: g)
        var result: [[Item]] = []
        for k in 0..<g {
            let size = base + (k < extra ? 1 : 0)
            var group: [Item] = []
            group.reserveCapacity(size)
            for _ in 0..<size {
                let w = line.removeFirst()
                waits.record(now - w.since)
                group.append(w.item)
            }
            groupSizes.record(Double(size))
            result.append(group)
        }
        return result
    }

    /// An extra group outside the calendar (the school opens one when the queue warrants
    /// it): up to `maxSize` of those waiting start, if at least `minSize` wait.
    public mutating func startExtraGroup(now: Double) -> [[Item]] {
        guard line.count >= minSize else { return [] }
        var group: [Item] = []
        for _ in 0..<Swift.min(line.count, maxSize) {
            let w = line.removeFirst()
            waits.record(now - w.since)
            group.append(w.item)
        }
        groupSizes.record(Double(group.count))
        return [group]
    }

    /// Mean fill of the groups that ran, as a share of `maxSize`.
    public var fillRate: Double { groupSizes.count > 0 ? groupSizes.mean / Double(maxSize) : .nan }
}
