/// Seed 001 publishes only cluster totals (mean weight and each scenario's score, to two
/// decimals), not the per-criterion weights and points. This finds per-criterion values
/// consistent with every published number:
///
/// - a criterion's weight is S/7 with S the sum of seven municipal scores (7…21);
/// - points follow the study's rule (001 L1853–1857): per criterion the best scenario gets
///   3 and the worst 1, tied scenarios share a value — so the points of a criterion are a
///   permutation of (3, 2, 1), (3, 3, 1), (3, 1, 1), or (3, 3, 3);
/// - the cluster's mean weight and every scenario's score must round to the published
///   figures.
///
/// Many solutions exist. The chosen one has the weights closest to the published mean
/// weight of their cluster (least squares of S − 7·mean), the weight sums in ascending
/// order over the criteria, and among the points the first found in a fixed search order.
public enum Reconstruction {
    public struct Target: Sendable {
        public let criteria: Int
        public let meanWeight: Double
        public let scores: [Double]
        public init(criteria: Int, meanWeight: Double, scores: [Double]) {
            self.criteria = criteria
            self.meanWeight = meanWeight
            self.scores = scores
        }
    }

    public struct Solution: Sendable, Equatable {
        /// Sum of the municipal scores per criterion (weight = sum / municipalities).
        public let weightSums: [Int]
        /// `points[criterion][scenario]`.
        public let points: [[Int]]
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    static func matches(_ x: Double, _ published: Double) -> Bool { abs(round2(x) - published) < 1e-9 }

    /// Allowed point patterns of one criterion over k scenarios.
    static func allowed(_ p: [Int]) -> Bool {
        guard p.max() == 3 else { return false }
        return Set(p).count == 1 || p.min() == 1
    }

    public static func solve(_ t: Target, municipalities m: Int = 7) -> Solution? {
        let n = t.criteria, k = t.scores.count
        let centre = Double(m) * t.meanWeight
        // Weight-sum vectors in ascending order, ranked by closeness to the mean.
        var candidates: [[Int]] = []
        func build(_ prefix: [Int], from: Int) {
            if prefix.count == n {
                if matches(Double(prefix.reduce(0, +)) / Double(m * n), t.meanWeight) { candidates.append(prefix) }
                return
            }
            for s in from...(3 * m) { build(prefix + [s], from: s) }
        }
        build([], from: m)
        func cost(_ s: [Int]) -> Double { s.reduce(0) { $0 + (Double($1) - centre) * (Double($1) - centre) } }
        candidates.sort { a, b in cost(a) != cost(b) ? cost(a) < cost(b) : a.lexicographicallyPrecedes(b) }
        let patterns = allPoints(n)
        for s in candidates {
            // Per scenario, the point vectors that give its published score.
            let feasible = (0..<k).map { j in
                patterns.filter { p in matches(Double(zip(p, s).reduce(0) { $0 + $1.0 * $1.1 }) / Double(m), t.scores[j]) }
            }
            if feasible.contains(where: \.isEmpty) { continue }
            if let points = combine(feasible, criteria: n) { return Solution(weightSums: s, points: points) }
        }
        return nil
    }

    /// All vectors of n points in 1…3, in a fixed order (3s first).
    static func allPoints(_ n: Int) -> [[Int]] {
        var out: [[Int]] = [[]]
        for _ in 0..<n { out = out.flatMap { p in [3, 2, 1].map { p + [$0] } } }
        return out
    }

    /// One point vector per scenario such that every criterion's points are allowed.
    static func combine(_ feasible: [[[Int]]], criteria n: Int) -> [[Int]]? {
        var chosen: [[Int]] = []
        func search(_ j: Int) -> Bool {
            if j == feasible.count {
                return (0..<n).allSatisfy { c in allowed(chosen.map { $0[c] }) }
            }
            for p in feasible[j] {
                chosen.append(p)
                if search(j + 1) { return true }
                chosen.removeLast()
            }
            return false
        }
        guard search(0) else { return nil }
        return (0..<n).map { c in chosen.map { $0[c] } }
    }

    /// Seven municipal scores (1–3) summing to `sum`, as even as possible; the extra points
    /// rotate over the municipalities with `offset` so no one municipality gets them all.
    public static func municipalScores(sum: Int, municipalities m: Int = 7, offset: Int = 0) -> [Int] {
        let base = sum / m, extra = sum % m
        return (0..<m).map { i in base + ((i - offset % m + m) % m < extra ? 1 : 0) }
    }
}
