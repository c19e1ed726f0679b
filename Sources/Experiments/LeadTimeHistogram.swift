/// Pooled distribution of lead times over all persons of all replications, in 1-day
/// bins from `lowest` to `highest` days (values outside fall in the edge bins), with the
/// smallest and largest value seen in each bin. Counts are integers and min/max do not
/// depend on order, so merged histograms are the same in any order: the pooled quantiles
/// are bit-identical for any number of threads, and memory does not grow with the number
/// of replications. A quantile is interpolated between its bin's min and max, so point
/// masses (a constant delay, zero waits) come out exactly.
public struct LeadTimeHistogram: Sendable, Equatable {
    public static let lowest = -365
    public static let highest = 2_500
    public private(set) var counts: [UInt32]
    public private(set) var low: [Double]
    public private(set) var high: [Double]
    public private(set) var total: UInt64 = 0

    public init() {
        let n = Self.highest - Self.lowest
        counts = Array(repeating: 0, count: n)
        low = Array(repeating: .infinity, count: n)
        high = Array(repeating: -.infinity, count: n)
    }

    public mutating func record(_ days: Double) {
        let bin = min(max(Int(days.rounded(.down)) - Self.lowest, 0), counts.count - 1)
        counts[bin] += 1
        low[bin] = min(low[bin], days)
        high[bin] = max(high[bin], days)
        total += 1
    }

    public mutating func merge(_ other: LeadTimeHistogram) {
        for i in counts.indices where other.counts[i] > 0 {
            counts[i] += other.counts[i]
            low[i] = min(low[i], other.low[i])
            high[i] = max(high[i], other.high[i])
        }
        total += other.total
    }

    /// The p-quantile, interpolated linearly between the min and max of its bin; NaN when empty.
    public func quantile(_ p: Double) -> Double {
        guard total > 0 else { return .nan }
        let target = p * Double(total)
        var cumulative = 0.0
        for (i, c) in counts.enumerated() where c > 0 {
            let next = cumulative + Double(c)
            if next >= target {
                return low[i] + (high[i] - low[i]) * (target - cumulative) / Double(c)
            }
            cumulative = next
        }
        return high.last { $0.isFinite } ?? .nan
    }
}
