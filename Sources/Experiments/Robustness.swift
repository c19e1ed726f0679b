import Foundation
import InburgeringModel
import Stochastics

/// How sure a choice between scenarios is, given what the sources leave open: the uncertain
/// inputs (every `range:`, and every number sourced as an assumption at ± a share) are drawn
/// together N times; at each draw every scenario runs the same replications (common random
/// numbers), and the scenarios are ranked per metric. Reported per metric: the probability
/// that each scenario ranks first, the pairwise probability that one is better than another,
/// and the inputs whose value moves the leader's margin (the ones that flip the ranking).
public enum Robustness {
    /// One uncertain input as each scenario states it: its low and high value there, or nil
    /// where the scenario has no such value (it then keeps its own). One draw `u` in [0, 1)
    /// sets every scenario's value to low + u (high − low): an input the scenarios share moves
    /// them together, as a wrong assumption would.
    public struct Input: Sendable, Equatable, Codable {
        public let path: String
        public let ranges: [ClosedRange<Double>?]
        /// The field takes whole numbers (consultants, talks): drawn values are rounded.
        public let whole: Bool
        public init(path: String, ranges: [ClosedRange<Double>?], whole: Bool) { self.path = path; self.ranges = ranges; self.whole = whole }
        public func value(_ u: Double, scenario s: Int) -> Double? {
            ranges[s].map { r in
                let x = r.lowerBound + u * (r.upperBound - r.lowerBound)
                return whole ? x.rounded() : x
            }
        }
    }

    /// The union of the scenarios' uncertain inputs (`Sensitivity.inputs` of each). An input a
    /// scenario cannot take at its low or high value is left out for that scenario, and named
    /// in `skipped`.
    public static func inputs(_ templates: [ScenarioLoader.Template], assumptions: Double?) throws -> (inputs: [Input], skipped: [String]) {
        var perScenario: [[String: Sensitivity.Input]] = []
        for t in templates {
            let loaded = try t.instantiate()
            perScenario.append(Dictionary(Sensitivity.inputs(t, loaded, assumptions: assumptions).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        var skipped: [String] = []
        let paths = Set(perScenario.flatMap(\.keys)).sorted()
        let inputs: [Input] = paths.compactMap { path in
            let bases = perScenario.compactMap { $0[path]?.base }
            // A whole-number field refuses the values halfway to the whole numbers on either
            // side (a bounded field, such as a share at 1, refuses one side only).
            let whole = bases.allSatisfy { $0 == $0.rounded() } && zip(templates, perScenario).contains { t, inputs in
                guard let i = inputs[path] else { return false }
                return (try? t.instantiate([path: i.base + 0.5])) == nil && (try? t.instantiate([path: i.base - 0.5])) == nil
            }
            var ranges: [ClosedRange<Double>?] = []
            for (t, inputs) in zip(templates, perScenario) {
                guard let i = inputs[path], i.low <= i.high else { ranges.append(nil); continue }
                let ends = whole ? [i.low.rounded(), i.high.rounded()] : [i.low, i.high]
                do {
                    for v in ends { _ = try t.instantiate([path: v]) }
                    ranges.append(ends[0]...ends[1])
                } catch {
                    skipped.append("\(t.file): \(path): \((error as? ScenarioError)?.issues.first?.message ?? "\(error)")")
                    ranges.append(nil)
                }
            }
            return ranges.contains { $0 != nil && $0!.lowerBound < $0!.upperBound } ? Input(path: path, ranges: ranges, whole: whole) : nil
        }
        return (inputs, skipped)
    }

    /// One draw: the inputs' positions `u` and each metric's mean per scenario
    /// (`means[metric][scenario]`, NaN where the scenario could not run or has no value).
    public struct Sample: Sendable, Equatable, Codable {
        public let u: [Double]
        public let means: [[Double]]
        public init(u: [Double], means: [[Double]]) { self.u = u; self.means = means }
    }

    /// The positions of N draws: uniform on [0, 1)^k from a GSL stream of its own (no
    /// dimension limit, unlike the Sobol sequence), the same for the same seed.
    public static func design(inputs k: Int, samples n: Int, seed: UInt64) -> [[Double]] {
        let stream = RandomStream(master: seed, replication: 0, name: "robustness-design")
        return (0..<n).map { _ in (0..<k).map { _ in stream.uniform() } }
    }

    /// The draws `draws` (default: all n): draw j runs every scenario at replications j·R ..< (j+1)·R
    /// (common random numbers between scenarios within a draw, fresh people between draws).
    /// A draw depends on (seed, j) only, so shards of the draws join to the whole.
    public static func run(_ templates: [ScenarioLoader.Template], inputs: [Input], metrics: [String], samples n: Int, replications: Int,
                           seed: UInt64, jobs: Int, draws: Range<Int>? = nil, cancel: CancellationFlag = CancellationFlag(),
                           progress: (Int, Int) -> Void = { _, _ in }) -> (samples: [Sample], failed: [String]) {
        var out: [Sample] = [], failed: [String] = []
        let design = design(inputs: inputs.count, samples: n, seed: seed), draws = draws ?? design.indices
        for j in draws where !cancel.isCancelled {
            let u = design[j]
            progress(j - draws.lowerBound, draws.count)
            var means = metrics.map { _ in [Double](repeating: .nan, count: templates.count) }
            // A scenario that simulates like an earlier one of this draw takes its replications.
            var ran: [(scenario: Scenario, result: ExperimentResult)] = []
            for (s, t) in templates.enumerated() {
                var overrides: [String: Double] = [:]
                for (i, input) in inputs.enumerated() { if let v = input.value(u[i], scenario: s) { overrides[input.path] = v } }
                let scenario: Scenario
                do { scenario = try t.instantiate(overrides).scenario } catch {
                    failed.append("draw \(j + 1), \(t.file): \((error as? ScenarioError)?.issues.first?.message ?? "\(error)")")
                    continue
                }
                let r = ran.first { $0.scenario.simulatesLike(scenario) }?.result
                    ?? MonteCarlo.run(scenario, replications: replications, seed: seed, jobs: jobs, firstReplication: j * replications, cancel: cancel)
                ran.append((scenario, r))
                for (m, metric) in metrics.enumerated() {
                    means[m][s] = Sensitivity.mean(r.values(MetricKey(name: metric, group: MetricGroup.allName)))
                }
            }
            if !cancel.isCancelled { out.append(Sample(u: u, means: means)) }
        }
        progress(out.count, draws.count)
        return (out, failed)
    }

    /// A shard's draws, with what makes them part of one robustness run (`compare --robust N --shard i/n`).
    public struct Part: Codable, Sendable, Equatable {
        public var inputs: [Input]
        public var skipped: [String]
        public var assumptions: Double?
        public var metrics: [String]
        /// Draws of the whole run, and replications per scenario at each.
        public var draws: Int
        public var replications: Int
        public var samples: [Sample] = []
        public var failed: [String] = []
        public init(inputs: [Input], skipped: [String], assumptions: Double?, metrics: [String], draws: Int, replications: Int) {
            self.inputs = inputs; self.skipped = skipped; self.assumptions = assumptions; self.metrics = metrics
            self.draws = draws; self.replications = replications
        }
        /// Whether `other` is another shard's part of the same robustness run.
        public func sameRun(as other: Part) -> Bool {
            inputs == other.inputs && skipped == other.skipped && assumptions == other.assumptions && metrics == other.metrics
                && draws == other.draws && replications == other.replications
        }
    }

    /// An input's hold on the ranking: Spearman's correlation of its position with the
    /// leader's margin over the best other scenario (positive: a higher value helps the
    /// leader), and how often the leader ranks first in the lower and upper half of its range.
    public struct Flip: Sendable, Equatable {
        public let path: String
        public let rho: Double
        /// rho √(N − 1): approximately standard normal when the input has no hold.
        public let z: Double
        /// |z| beyond the Bonferroni bound for the number of inputs at 5 % (two-sided).
        public let significant: Bool
        public let leaderFirstLow: Double
        public let leaderFirstHigh: Double
    }

    /// What the draws say about one metric.
    public struct Ranking: Sendable, Equatable {
        public let metric: String
        public let better: Better
        /// Mean over draws, per scenario.
        public let meanOverDraws: [Double]
        /// P(scenario ranks first); ties share the draw.
        public let first: [Double]
        /// `better[a][b]`: P(a better than b); ties count half.
        public let pairwise: [[Double]]
        /// The scenario most often first.
        public let leader: Int
        /// The inputs by their hold on the leader's margin, strongest first.
        public let flips: [Flip]
    }

    /// Whether `a` is better than `b` (NaN is worst); 0.5 for a tie.
    static func score(_ a: Double, _ b: Double, _ better: Better) -> Double {
        switch (a.isNaN, b.isNaN) {
        case (true, true): return 0.5
        case (true, false): return 0
        case (false, true): return 1
        default: return a == b ? 0.5 : ((better == .higher) == (a > b) ? 1 : 0)
        }
    }

    /// Rankings of every metric from the draws (`better` per metric).
    public static func rankings(_ samples: [Sample], inputs: [Input], metrics: [String], better: [Better]) -> [Ranking] {
        metrics.indices.map { m in
            let values = samples.map { $0.means[m] }
            let k = values.first?.count ?? 0, n = Double(max(samples.count, 1))
            var first = [Double](repeating: 0, count: k), pairwise = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            // Counts first (ties share a draw), divided once: a share of every draw is exactly 1.
            for v in values {
                let winners = (0..<k).filter { a in (0..<k).allSatisfy { b in a == b || score(v[a], v[b], better[m]) >= 0.5 } }
                for a in winners { first[a] += 1 / Double(winners.count) }
                for a in 0..<k { for b in 0..<k where a != b { pairwise[a][b] += score(v[a], v[b], better[m]) } }
            }
            first = first.map { $0 / n }
            pairwise = pairwise.map { $0.map { $0 / n } }
            let leader = first.indices.max { first[$0] < first[$1] } ?? 0
            // The leader's margin over the best other scenario, positive when it leads.
            let sign = better[m] == .higher ? 1.0 : -1.0
            let margins = values.map { v -> Double in
                let others = (0..<k).filter { $0 != leader && !v[$0].isNaN }.map { sign * v[$0] }
                guard let best = others.max(), !v[leader].isNaN else { return .nan }
                return sign * v[leader] - best
            }
            let bound = normalQuantile(1 - 0.025 / Double(max(inputs.count, 1)))
            let flips = inputs.indices.map { i -> Flip in
                let u = samples.map { $0.u[i] }
                let rho = spearman(u, margins), z = rho * (Double(samples.count) - 1).squareRoot()
                let low = samples.indices.filter { u[$0] < 0.5 }, high = samples.indices.filter { u[$0] >= 0.5 }
                let share = { (ix: [Int]) -> Double in
                    ix.isEmpty ? .nan : Double(ix.filter { j in (0..<k).allSatisfy { b in b == leader || score(values[j][leader], values[j][b], better[m]) >= 0.5 } }.count) / Double(ix.count)
                }
                return Flip(path: inputs[i].path, rho: rho, z: z, significant: abs(z) > bound, leaderFirstLow: share(low), leaderFirstHigh: share(high))
            }.sorted { abs($0.rho.isNaN ? 0 : $0.rho) > abs($1.rho.isNaN ? 0 : $1.rho) }
            let meanOverDraws = (0..<k).map { s in Sensitivity.mean(values.map { $0[s] }) }
            return Ranking(metric: metrics[m], better: better[m], meanOverDraws: meanOverDraws, first: first, pairwise: pairwise, leader: leader, flips: flips)
        }
    }

    /// Spearman's rank correlation (average ranks for ties), over the pairs where both are
    /// numbers; NaN when either side is constant or fewer than three pairs remain.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }
        guard pairs.count >= 3 else { return .nan }
        let rx = ranks(pairs.map(\.0)), ry = ranks(pairs.map(\.1))
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(rx, ry) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count), i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            for t in i...j { r[order[t]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }
}
