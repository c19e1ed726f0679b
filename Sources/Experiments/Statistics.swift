import InburgeringModel
import SimKernel

/// A metric over replications: mean with its 95 % confidence interval (Student t),
/// and P10/P50/P90 — of the pooled per-person distribution for lead times, of the
/// per-replication values for everything else.
public struct MetricSummary: Sendable, Equatable, Codable {
    public let mean: Double
    public let ci95: [Double]
    public let p10: Double
    public let p50: Double
    public let p90: Double
    /// Replications in which the metric had a value.
    public let n: Int

    public var halfWidth: Double { (ci95[1] - ci95[0]) / 2 }
}

public enum Summaries {
    /// The figures `--precision` watches (group "all").
    public static let headline = MetricCatalogue.headline

    public static func summarise(_ r: ExperimentResult) -> [MetricKey: MetricSummary] {
        var out: [MetricKey: MetricSummary] = [:]
        for key in r.keys {
            let values = r.values(key).filter { !$0.isNaN }
            var t = Tally()
            for v in values { t.record(v) }
            let ci = t.bounds()
            let q: [Double]
            if MetricCatalogue.isLeadTime(key.name) {
                let h = r.histograms[key] ?? LeadTimeHistogram()
                q = [0.1, 0.5, 0.9].map(h.quantile)
            } else {
                q = Quantiles.of(values, [0.1, 0.5, 0.9])
            }
            out[key] = MetricSummary(mean: t.count > 0 ? t.mean : .nan, ci95: [ci.lower, ci.upper],
                                     p10: q[0], p50: q[1], p90: q[2], n: t.count)
        }
        return out
    }

    /// Whether every headline half-width is within `relative` of its mean.
    public static func precise(_ summaries: [MetricKey: MetricSummary], relative: Double) -> Bool {
        headline.allSatisfy { name in
            guard let s = summaries[MetricKey(name: name, group: MetricGroup.allName)], s.n > 1 else { return false }
            return s.halfWidth <= relative * abs(s.mean)
        }
    }
}

/// A paired difference (scenario − baseline) over replications that share their random
/// numbers (same seed and replication index, same stream names).
public struct Difference: Sendable, Equatable, Codable {
    public let metric: String
    public let group: String
    public let scenario: String
    public let baseline: String
    public let mean: Double
    /// Bonferroni-adjusted interval (family level 95 % over the comparisons).
    public let ci: [Double]
    public let level: Double
    public let significant: Bool
}

public enum Comparison {
    /// Differences of every scenario against `baseline`, metric by metric; the interval
    /// level is 1 − 0.05 / (k − 1) for k scenarios.
    public static func differences(_ results: [ExperimentResult], baseline b: Int) -> [Difference] {
        let k = results.count
        guard k > 1 else { return [] }
        let level = 1 - 0.05 / Double(k - 1)
        var out: [Difference] = []
        let base = results[b]
        for (i, r) in results.enumerated() where i != b {
            for key in base.keys where r.keys.contains(key) {
                let x = r.values(key), y = base.values(key)
                var t = Tally()
                for (a, c) in zip(x, y) where !a.isNaN && !c.isNaN { t.record(a - c) }
                guard t.count > 1 else { continue }
                let h = t.halfWidth(level: level)
                let lo = t.mean - h, hi = t.mean + h
                // Differences within floating-point noise of the baseline's size are no difference.
                let noise = 1e-9 * max(abs(y.filter { !$0.isNaN }.reduce(0, +) / Double(max(y.count, 1))), 1)
                out.append(Difference(metric: key.name, group: key.group, scenario: r.scenario, baseline: base.scenario,
                                      mean: t.mean, ci: [lo, hi], level: level, significant: lo > noise || hi < -noise))
            }
        }
        return out
    }
}
