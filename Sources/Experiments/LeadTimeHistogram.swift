/// Pooled distribution of lead times over all persons of all replications, in 1-day
/// bins from `lowest` to `highest` days (values outside fall in the edge bins), with the
/// smallest and largest value seen in each bin. Counts are integers and min/max do not
/// depend on order, so merged histograms are the same in any order: the pooled quantiles
/// are bit-identical for any number of threads, and memory does not grow with the number
/// of replications. A quantile is interpolated between its bin's min and max, so point
/// masses (a constant delay, zero waits) come out exactly.
///
/// Persons who had not reached the second milestone at the horizon are recorded as
/// right-censored at the time observed so far. Quantiles are then those of the
/// **Kaplan–Meier** estimate on the daily bins (censored persons stay at risk through
/// their own bin); without censoring it is the empirical distribution. A quantile the
/// estimate does not reach (too many still waiting) is NaN: "beyond the horizon".
public struct LeadTimeHistogram: Sendable, Equatable {
    public static let lowest = -365
    public static let highest = 2_500
    public private(set) var counts: [UInt32]
    public private(set) var low: [Double]
    public private(set) var high: [Double]
    public private(set) var censored: [UInt32]
    /// Completed lead times recorded.
    public private(set) var total: UInt64 = 0
    public private(set) var totalCensored: UInt64 = 0

    public init() {
        let n = Self.highest - Self.lowest
        counts = Array(repeating: 0, count: n)
        low = Array(repeating: .infinity, count: n)
        high = Array(repeating: -.infinity, count: n)
        censored = Array(repeating: 0, count: n)
    }

    /// The bin of `days`, clamped to the first and last (never a trap: a NaN goes to the first).
    private static func bin(_ days: Double, count: Int) -> Int {
        let clamped = min(max(days.isNaN ? Double(lowest) : days, Double(lowest)), Double(lowest + count - 1))
        return Int(clamped.rounded(.down)) - lowest
    }

    /// A person still waiting after `days` at the horizon.
    public mutating func recordCensored(_ days: Double) {
        censored[Self.bin(days, count: counts.count)] += 1
        totalCensored += 1
    }

    public mutating func record(_ days: Double) {
        let bin = Self.bin(days, count: counts.count)
        counts[bin] += 1
        low[bin] = min(low[bin], days)
        high[bin] = max(high[bin], days)
        total += 1
    }

    public mutating func merge(_ other: LeadTimeHistogram) {
        for i in counts.indices where other.censored[i] > 0 { censored[i] += other.censored[i] }
        totalCensored += other.totalCensored
        for i in counts.indices where other.counts[i] > 0 {
            counts[i] += other.counts[i]
            low[i] = min(low[i], other.low[i])
            high[i] = max(high[i], other.high[i])
        }
        total += other.total
    }

    /// Share of persons still waiting at the horizon.
    public var censoredShare: Double {
        total + totalCensored > 0 ? Double(totalCensored) / Double(total + totalCensored) : .nan
    }

    /// The p-quantile of the Kaplan–Meier estimate, interpolated linearly between the min
    /// and max of its bin; NaN when empty or when the estimate never reaches p.
    public func quantile(_ p: Double) -> Double {
        guard total > 0 else { return .nan }
        var atRisk = Double(total + totalCensored)
        var distribution = 0.0 // 1 − S before the bin
        for i in counts.indices where counts[i] > 0 || censored[i] > 0 {
            let events = Double(counts[i])
            let after = events > 0 ? 1 - (1 - distribution) * (1 - events / atRisk) : distribution
            if events > 0 && after >= p * (1 - 1e-12) {
                let fraction = min(max((p - distribution) / (after - distribution), 0), 1)
                return low[i] + (high[i] - low[i]) * fraction
            }
            distribution = after
            atRisk -= events + Double(censored[i])
        }
        return .nan
    }

    /// The Kaplan–Meier distribution function at the end of each daily bin that holds an
    /// event: (upper end of the bin in days, share who reached the second milestone by then).
    /// The same estimate as `quantile`, for drawing it (the report's ECDF).
    public func distribution() -> [(day: Double, share: Double)] {
        guard total > 0 else { return [] }
        var atRisk = Double(total + totalCensored)
        var share = 0.0
        var out: [(day: Double, share: Double)] = []
        for i in counts.indices where counts[i] > 0 || censored[i] > 0 {
            if counts[i] > 0 {
                share = 1 - (1 - share) * (1 - Double(counts[i]) / atRisk)
                out.append((Double(i + Self.lowest + 1), share))
            }
            atRisk -= Double(counts[i]) + Double(censored[i])
        }
        return out
    }
}

/// A shard's histograms in `shard.json`: only the bins that hold someone (most of the
/// 2,865 are empty), each with its count, min and max, and the censored ones apart.
extension LeadTimeHistogram: Codable {
    enum CodingKeys: String, CodingKey { case bins, counts, low, high, censoredBins = "censored_bins", censored, total, totalCensored = "total_censored" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let used = counts.indices.filter { counts[$0] > 0 }, censoredUsed = censored.indices.filter { censored[$0] > 0 }
        try c.encode(used, forKey: .bins)
        try c.encode(used.map { counts[$0] }, forKey: .counts)
        try c.encode(used.map { low[$0] }, forKey: .low)
        try c.encode(used.map { high[$0] }, forKey: .high)
        try c.encode(censoredUsed, forKey: .censoredBins)
        try c.encode(censoredUsed.map { censored[$0] }, forKey: .censored)
        try c.encode(total, forKey: .total)
        try c.encode(totalCensored, forKey: .totalCensored)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        let bins = try c.decode([Int].self, forKey: .bins), n = try c.decode([UInt32].self, forKey: .counts)
        let lo = try c.decode([Double].self, forKey: .low), hi = try c.decode([Double].self, forKey: .high)
        let censoredBins = try c.decode([Int].self, forKey: .censoredBins), censoredCounts = try c.decode([UInt32].self, forKey: .censored)
        guard n.count == bins.count, lo.count == bins.count, hi.count == bins.count, censoredCounts.count == censoredBins.count,
              (bins + censoredBins).allSatisfy(counts.indices.contains) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "bins and their counts do not match"))
        }
        for (k, b) in bins.enumerated() { counts[b] = n[k]; low[b] = lo[k]; high[b] = hi[k] }
        for (k, b) in censoredBins.enumerated() { censored[b] = censoredCounts[k] }
        total = try c.decode(UInt64.self, forKey: .total)
        totalCensored = try c.decode(UInt64.self, forKey: .totalCensored)
    }
}
