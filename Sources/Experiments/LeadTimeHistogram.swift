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
    /// A daily bin: completed and censored lead times, and the smallest and largest completed.
    /// One array of bins, so recording a lead time touches one cache line (four arrays took four).
    struct Bin: Sendable, Equatable {
        var count: UInt32 = 0, censored: UInt32 = 0
        var low = Double.infinity, high = -Double.infinity
    }
    private(set) var bins: [Bin]
    /// Completed lead times recorded.
    public private(set) var total: UInt64 = 0
    public private(set) var totalCensored: UInt64 = 0

    public init() {
        bins = Array(repeating: Bin(), count: Self.highest - Self.lowest)
    }

    /// The bin of `days`, clamped to the first and last (never a trap: a NaN goes to the first).
    private static func bin(_ days: Double, count: Int) -> Int {
        let clamped = min(max(days.isNaN ? Double(lowest) : days, Double(lowest)), Double(lowest + count - 1))
        return Int(clamped.rounded(.down)) - lowest
    }

    /// A person still waiting after `days` at the horizon.
    public mutating func recordCensored(_ days: Double) {
        bins[Self.bin(days, count: bins.count)].censored += 1
        totalCensored += 1
    }

    public mutating func record(_ days: Double) {
        bins.withUnsafeMutableBufferPointer { b in
            let i = Self.bin(days, count: b.count)
            b[i].count += 1
            b[i].low = min(b[i].low, days)
            b[i].high = max(b[i].high, days)
        }
        total += 1
    }

    public mutating func merge(_ other: LeadTimeHistogram) {
        for (i, o) in other.bins.enumerated() where o.count > 0 || o.censored > 0 {
            bins[i].censored += o.censored
            if o.count > 0 {
                bins[i].count += o.count
                bins[i].low = min(bins[i].low, o.low)
                bins[i].high = max(bins[i].high, o.high)
            }
        }
        totalCensored += other.totalCensored
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
        for b in bins where b.count > 0 || b.censored > 0 {
            let events = Double(b.count)
            let after = events > 0 ? 1 - (1 - distribution) * (1 - events / atRisk) : distribution
            if events > 0 && after >= p * (1 - 1e-12) {
                let fraction = min(max((p - distribution) / (after - distribution), 0), 1)
                return b.low + (b.high - b.low) * fraction
            }
            distribution = after
            atRisk -= events + Double(b.censored)
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
        for (i, b) in bins.enumerated() where b.count > 0 || b.censored > 0 {
            if b.count > 0 {
                share = 1 - (1 - share) * (1 - Double(b.count) / atRisk)
                out.append((Double(i + Self.lowest + 1), share))
            }
            atRisk -= Double(b.count) + Double(b.censored)
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
        let used = bins.indices.filter { bins[$0].count > 0 }, censoredUsed = bins.indices.filter { bins[$0].censored > 0 }
        try c.encode(used, forKey: .bins)
        try c.encode(used.map { bins[$0].count }, forKey: .counts)
        try c.encode(used.map { bins[$0].low }, forKey: .low)
        try c.encode(used.map { bins[$0].high }, forKey: .high)
        try c.encode(censoredUsed, forKey: .censoredBins)
        try c.encode(censoredUsed.map { bins[$0].censored }, forKey: .censored)
        try c.encode(total, forKey: .total)
        try c.encode(totalCensored, forKey: .totalCensored)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        let used = try c.decode([Int].self, forKey: .bins), n = try c.decode([UInt32].self, forKey: .counts)
        let lo = try c.decode([Double].self, forKey: .low), hi = try c.decode([Double].self, forKey: .high)
        let censoredBins = try c.decode([Int].self, forKey: .censoredBins), censoredCounts = try c.decode([UInt32].self, forKey: .censored)
        guard n.count == used.count, lo.count == used.count, hi.count == used.count, censoredCounts.count == censoredBins.count,
              (used + censoredBins).allSatisfy(bins.indices.contains) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "bins and their counts do not match"))
        }
        for (k, b) in used.enumerated() { bins[b].count = n[k]; bins[b].low = lo[k]; bins[b].high = hi[k] }
        for (k, b) in censoredBins.enumerated() { bins[b].censored = censoredCounts[k] }
        total = try c.decode(UInt64.self, forKey: .total)
        totalCensored = try c.decode(UInt64.self, forKey: .totalCensored)
    }
}
