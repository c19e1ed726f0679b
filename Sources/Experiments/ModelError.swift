import Foundation
import InburgeringModel

/// How far the model can be off for a municipality it was not fitted to, as leaving each case
/// out measured it, and the prediction interval that follows: split-conformal prediction
/// (Vovk, Gammerman and Shafer 2005; Lei et al. 2018, JASA 113:1094) with the held-out cases'
/// errors as the calibration scores.
///
/// A prediction's 90 % interval over posterior points holds the parameters' uncertainty only.
/// For a municipality the calibration did not see, the model's own error is larger: in the
/// five-case leave-one-out, those intervals held the observed share in few cases. With n
/// held-out cases and scores s₁ ≤ … ≤ sₙ (|error| for a share, |log(observed / predicted)| for
/// a count), the interval `mean ± s_k`, k = ⌈(1 − α)(n + 1)⌉, holds a new case's observed value
/// with probability at least k / (n + 1) when the cases are exchangeable. With few cases k is
/// capped at n, so the level is n / (n + 1): 5/6 with five cases, never the 90 % asked for.
public struct ModelError: Sendable, Equatable {
    /// How a target's error is measured: absolutely for a share (in [0, 1]), as a ratio for a
    /// count (a count's error grows with its size; 32 and 792 obligated are not off by the same).
    public enum Scale: String, Sendable, CaseIterable {
        case absolute, ratio
    }

    public struct Entry: Sendable, Equatable {
        public let metric: String, group: String
        public let scale: Scale
        /// Held-out cases behind it.
        public let cases: Int
        /// s_k: the interval's half-width (a share's units, or a log ratio).
        public let halfWidth: Double
        /// The level it holds at, k / (n + 1).
        public let level: Double

        public init(metric: String, group: String, scale: Scale, cases: Int, halfWidth: Double, level: Double) {
            self.metric = metric; self.group = group; self.scale = scale
            self.cases = cases; self.halfWidth = halfWidth; self.level = level
        }

        /// The prediction interval around a predicted `mean` (a share's kept within [0, 1],
        /// where its observed value always lies).
        public func interval(_ mean: Double) -> (low: Double, high: Double) {
            switch scale {
            case .absolute: (Swift.max(mean - halfWidth, 0), Swift.min(mean + halfWidth, 1))
            case .ratio: (mean * exp(-halfWidth), mean * exp(halfWidth))
            }
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The level asked for; fewer cases give less (see the type's comment).
    public static let wantedLevel = 0.9

    /// A share (pip_coverage@…, …_share, utilisation) is measured absolutely, anything else
    /// (a count, days) as a ratio.
    public static func scale(of metric: String) -> Scale {
        let base = metric.split(separator: "@").first.flatMap { $0.split(separator: ":").first }.map(String.init) ?? metric
        return Metric(rawValue: base)?.isShare == true ? .absolute : .ratio
    }

    /// One held-out case's score: how far its observed value lies from the prediction, or nil
    /// when it cannot be measured (no prediction, or a ratio of a value that is not positive).
    public static func score(observed: Double, predicted: Double, scale: Scale) -> Double? {
        guard observed.isFinite, predicted.isFinite else { return nil }
        switch scale {
        case .absolute: return abs(observed - predicted)
        case .ratio: return observed > 0 && predicted > 0 ? abs(log(observed / predicted)) : nil
        }
    }

    /// The conformal half-width and its level from n scores: the k-th smallest, k =
    /// min(n, ⌈level × (n + 1)⌉); nil without scores.
    public static func halfWidth(_ scores: [Double], level wanted: Double = wantedLevel) -> (halfWidth: Double, level: Double)? {
        guard !scores.isEmpty else { return nil }
        let n = scores.count, k = min(n, Int((wanted * Double(n + 1)).rounded(.up)))
        return (scores.sorted()[k - 1], Double(k) / Double(n + 1))
    }

    /// One held-out case's figure: what was observed and what the model predicted for it.
    public typealias HeldOut = (metric: String, group: String, observed: Double, predicted: Double)

    /// From a leave-one-out: per target (metric and group), the held-out cases' scores.
    public init(folds: [Calibration.Fold]) { self.init(heldOut: Self.heldOut(folds)) }

    public init(heldOut: [HeldOut]) {
        entries = Self.scoresByTarget(heldOut).compactMap { key, scores in
            Self.halfWidth(scores).map {
                Entry(metric: key.metric, group: key.group, scale: Self.scale(of: key.metric), cases: scores.count, halfWidth: $0.halfWidth, level: $0.level)
            }
        }
    }

    public static func heldOut(_ folds: [Calibration.Fold]) -> [HeldOut] {
        folds.flatMap { $0.predictions.map { ($0.target.metric, $0.target.group, $0.target.observed, $0.mean) } }
    }

    public func entry(metric: String, group: String) -> Entry? {
        entries.first { $0.metric == metric && $0.group == group }
    }

    /// Does the method hold on these cases? For each held-out case, the interval from the
    /// other cases' scores alone, and whether it holds the case's observed value: per target,
    /// how many of how many (cases with fewer than two others are not counted).
    public static func nestedCoverage(_ heldOut: [HeldOut]) -> [(metric: String, group: String, covered: Int, cases: Int)] {
        scoresByTarget(heldOut).map { key, scores in
            var covered = 0, cases = 0
            for i in scores.indices {
                var others = scores
                others.remove(at: i)
                guard others.count >= 2, let (h, _) = halfWidth(others) else { continue }
                cases += 1
                if scores[i] <= h { covered += 1 }
            }
            return (key.metric, key.group, covered, cases)
        }
    }

    /// The scores per target, in the order the targets first appear.
    private static func scoresByTarget(_ heldOut: [HeldOut]) -> [(key: (metric: String, group: String), value: [Double])] {
        var order: [String] = [], byKey: [String: (metric: String, group: String, scores: [Double])] = [:]
        for h in heldOut {
            guard let s = score(observed: h.observed, predicted: h.predicted, scale: scale(of: h.metric)) else { continue }
            let key = h.metric + "\u{1}" + h.group
            if byKey[key] == nil { order.append(key); byKey[key] = (h.metric, h.group, []) }
            byKey[key]!.scores.append(s)
        }
        return order.map { let e = byKey[$0]!; return ((e.metric, e.group), e.scores) }
    }
}
