import CGSL

/// Observations of a quantity (waits, lead times): count, mean and variance by
/// Welford's method, min and max; the samples themselves only when quantiles are needed.
public struct Tally: Sendable, Equatable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    var m2: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity
    /// The observations in arrival order, when `keepsSamples`.
    public private(set) var samples: [Double] = []
    public let keepsSamples: Bool

    public init(keepsSamples: Bool = false) { self.keepsSamples = keepsSamples }

    public mutating func record(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
        if keepsSamples { samples.append(x) }
    }

    /// Sample variance (n - 1 in the denominator); NaN below two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }
    public var standardDeviation: Double { variance.squareRoot() }
    public var sum: Double { mean * Double(count) }

    /// Half-width of the confidence interval for the mean (Student t, GSL).
    public func halfWidth(level: Double = 0.95) -> Double {
        guard count > 1 else { return .nan }
        let t = gsl_cdf_tdist_Pinv(0.5 + level / 2, Double(count - 1))
        return t * standardDeviation / Double(count).squareRoot()
    }

    /// The confidence interval for the mean (Student t, GSL); a single point below two
    /// observations. Only for a finite mean (see `bounds`).
    public func confidenceInterval(level: Double = 0.95) -> ClosedRange<Double> {
        let (lower, upper) = bounds(level: level)
        return lower...upper
    }

    /// The interval's ends as numbers: NaN for both when the mean or the half-width is not
    /// finite (a result file shows them as missing), never a trap.
    public func bounds(level: Double = 0.95) -> (lower: Double, upper: Double) {
        guard count > 0, mean.isFinite else { return (.nan, .nan) }
        let h = count > 1 ? halfWidth(level: level) : 0
        return h.isFinite ? (mean - h, mean + h) : (.nan, .nan)
    }

    /// Quantiles (GSL's interpolation between order statistics) of the kept samples;
    /// NaN when none were kept.
    public func quantiles(_ probabilities: [Double]) -> [Double] {
        Quantiles.of(samples, probabilities)
    }

    /// Merges another tally into this one (Chan et al.'s parallel update).
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            let keep = keepsSamples
            self = other
            if !keep { samples = [] }
            return
        }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        mean += delta * Double(other.count) / n
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        if keepsSamples { samples += other.samples }
    }
}

/// Quantiles of a sample (GSL `gsl_stats_quantile_from_sorted_data`).
public enum Quantiles {
    public static func of(_ values: [Double], _ probabilities: [Double]) -> [Double] {
        guard !values.isEmpty else { return probabilities.map { _ in .nan } }
        let sorted = values.sorted()
        return sorted.withUnsafeBufferPointer { buffer in
            probabilities.map { gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, $0) }
        }
    }
}
