import Dispatch
import Foundation
import InburgeringModel
import SimKernel
import Stochastics

/// Which inputs an answer hangs on: one-at-a-time effects with common random numbers (a
/// tornado), and Sobol indices from GSL's Sobol sequence.
public enum Sensitivity {
    /// An uncertain input: a path into the scenario and its low and high value.
    public struct Input: Sendable, Equatable, Codable {
        public let path: String
        public let base: Double
        public let low: Double
        public let high: Double
        public init(path: String, base: Double, low: Double, high: Double) {
            self.path = path; self.base = base; self.low = low; self.high = high
        }
    }

    /// The inputs of a file: every value with a `range:`, and, when `assumptions` is given,
    /// every other number whose source says "assumption", at ± that share of its value (for a
    /// triangular distribution: its mode, kept within its min and max).
    public static func inputs(_ t: ScenarioLoader.Template, _ loaded: LoadedScenario, assumptions: Double?) -> [Input] {
        var out: [Input] = loaded.ranges.sorted { $0.key < $1.key }.compactMap { path, r in
            t.number(at: path).map { Input(path: path, base: $0, low: r[0], high: r[1]) }
        }
        if let share = assumptions {
            var taken = Set(out.map(\.path))
            // The most specific source covers a number: a mapping's "assumption" reaches the
            // numbers inside it that carry no source of their own.
            let sourced = Set(loaded.provenance.keys)
            for (path, source) in loaded.provenance.sorted(by: { $0.key < $1.key }) where source.lowercased().contains("assumption") {
                for leaf in t.numberPaths(under: path) where !taken.contains(leaf) {
                    let owner = sourced.filter { leaf == $0 || leaf.hasPrefix($0 + ".") || leaf.hasPrefix($0 + "[") }.max { $0.count < $1.count }
                    guard owner == path, let v = t.number(at: leaf), v != 0, v.isFinite else { continue }
                    taken.insert(leaf)
                    if leaf.hasSuffix(".mode"), let lo = t.number(at: String(leaf.dropLast(5)) + ".min"), let hi = t.number(at: String(leaf.dropLast(5)) + ".max") {
                        // A triangular distribution: its mode, within its own min and max.
                        if v > 0 { out.append(Input(path: leaf, base: v, low: max(lo, v * (1 - share)), high: min(hi, v * (1 + share)))) }
                    } else {
                        out.append(Input(path: leaf, base: v, low: min(v * (1 - share), v * (1 + share)), high: max(v * (1 - share), v * (1 + share))))
                    }
                }
            }
        }
        return out
    }

    /// One bar of the tornado: the metric's change from the base when the input is at its
    /// low or high value (mean of paired differences over replications, with a 95 % CI).
    public struct Bar: Sendable {
        public let input: Input
        public let metric: String
        public let baseMean: Double
        public let low: (mean: Double, ci: [Double])
        public let high: (mean: Double, ci: [Double])
        public var size: Double { max(abs(low.mean), abs(high.mean)) }
    }

    /// What the tornado runs, in the order every run (and every shard) runs it: the base, then
    /// each input's low and high value. Inputs a file cannot take (a value outside its
    /// validity) are skipped with their error.
    public struct Tornado {
        /// The inputs with a bar, in order.
        public let inputs: [Input]
        public let skipped: [String]
        /// The base, then the low and high scenario of each of `inputs`.
        let scenarios: [Scenario]
        /// Replications of model runs for `replications` per scenario.
        public func runs(_ replications: Int) -> Int { scenarios.count * replications }
    }

    public static func tornado(_ t: ScenarioLoader.Template, inputs: [Input]) throws -> Tornado {
        var scenarios = [try t.instantiate().scenario], used: [Input] = [], skipped: [String] = []
        for input in inputs {
            do {
                let lo = try t.instantiate([input.path: input.low]).scenario, hi = try t.instantiate([input.path: input.high]).scenario
                scenarios += [lo, hi]
                used.append(input)
            } catch let error as ScenarioError {
                skipped.append("\(input.path): \(error.issues.first?.message ?? "invalid")")
            }
        }
        return Tornado(inputs: used, skipped: skipped, scenarios: scenarios)
    }

    /// Values of `metrics` (group "all") for the replications `range`: per tornado scenario, per
    /// metric, per replication. Replication r depends on (seed, r) only: common random numbers
    /// across scenarios, and shards of the range that join to the whole.
    public static func tornadoValues(_ tornado: Tornado, metrics: [String], replications range: Range<Int>, seed: UInt64, jobs: Int,
                                     cancel: CancellationFlag = CancellationFlag(), progress: (Int, Int) -> Void = { _, _ in }) -> [[[Double]]] {
        // A shard may hold Sobol points only.
        if range.isEmpty { return tornado.scenarios.map { _ in metrics.map { _ in [] } } }
        var out: [[[Double]]] = []
        for (n, s) in tornado.scenarios.enumerated() where !cancel.isCancelled {
            if n % 2 == 1 { progress(n / 2, tornado.inputs.count) }
            let r = MonteCarlo.run(s, replications: range.count, seed: seed, jobs: jobs, firstReplication: range.lowerBound, cancel: cancel)
            out.append(metrics.map { r.values(MetricKey(name: $0, group: MetricGroup.allName)) })
        }
        progress(tornado.inputs.count, tornado.inputs.count)
        return out
    }

    /// The bars, input by input and metric by metric, from `tornadoValues` over all
    /// replications (`inputs`: the tornado's).
    public static func bars(_ inputs: [Input], metrics: [String], values: [[[Double]]]) -> [Bar] {
        var bars: [Bar] = []
        let base = values[0]
        for (j, input) in inputs.enumerated() {
            let lo = values[1 + 2 * j], hi = values[2 + 2 * j]
            for (m, metric) in metrics.enumerated() {
                bars.append(Bar(input: input, metric: metric, baseMean: mean(base[m]), low: paired(lo[m], base[m]), high: paired(hi[m], base[m])))
            }
        }
        return bars
    }

    /// The tornado on one machine: base and each input at low and high, the same replications (CRN).
    public static func tornado(_ t: ScenarioLoader.Template, inputs: [Input], metrics: [String], replications: Int,
                               seed: UInt64, jobs: Int, cancel: CancellationFlag = CancellationFlag(),
                               progress: (Int, Int) -> Void = { _, _ in }) throws -> (bars: [Bar], runs: Int, skipped: [String]) {
        let plan = try tornado(t, inputs: inputs)
        let values = tornadoValues(plan, metrics: metrics, replications: 0..<replications, seed: seed, jobs: jobs, cancel: cancel, progress: progress)
        return (cancel.isCancelled ? [] : bars(plan.inputs, metrics: metrics, values: values), plan.runs(replications), plan.skipped)
    }

    /// The mean of each metric at Sobol points (u in [0, 1)^k maps input i to low + u_i (high − low)),
    /// `replications` each; NaN where the file cannot take a point's values.
    public static func sobolValues(_ t: ScenarioLoader.Template, inputs: [Input], points: ArraySlice<[Double]>, metrics: [String],
                                   replications: Int, seed: UInt64, jobs: Int, cancel: CancellationFlag = CancellationFlag(),
                                   progress: (Int) -> Void = { _ in }) -> [[Double]] {
        points.enumerated().map { done, u in
            guard !cancel.isCancelled else { return metrics.map { _ in .nan } }
            progress(done)
            var overrides: [String: Double] = [:]
            for (i, input) in inputs.enumerated() { overrides[input.path] = input.low + u[i] * (input.high - input.low) }
            guard let s = try? t.instantiate(overrides).scenario else { return metrics.map { _ in .nan } }
            let r = MonteCarlo.run(s, replications: replications, seed: seed, jobs: jobs, cancel: cancel)
            return metrics.map { mean(r.values(MetricKey(name: $0, group: MetricGroup.allName))) }
        }
    }

    static func mean(_ xs: [Double]) -> Double {
        let v = xs.filter { !$0.isNaN }
        return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
    }

    static func paired(_ a: [Double], _ b: [Double]) -> (mean: Double, ci: [Double]) {
        var t = Tally()
        for (x, y) in zip(a, b) where !x.isNaN && !y.isNaN { t.record(x - y) }
        guard t.count > 1 else { return (.nan, [.nan, .nan]) }
        let h = t.halfWidth(level: 0.95)
        return (t.mean, [t.mean - h, t.mean + h])
    }

    /// The Sobol design on the unit cube [0, 1)^k: the matrices A and B (one Sobol point of
    /// dimension 2k per row, the origin skipped), then A with column i from B for i = 1 … k.
    /// n (k + 2) points; nil unless 1 ≤ k ≤ 20.
    public static func sobolDesign(k: Int, n: Int) -> [[Double]]? {
        guard let sequence = SobolSequence(dimension: 2 * k) else { return nil }
        _ = sequence.next() // skip the origin
        var a: [[Double]] = [], b: [[Double]] = []
        for _ in 0..<n {
            let x = sequence.next()
            a.append(Array(x[0..<k]))
            b.append(Array(x[k..<(2 * k)]))
        }
        return a + b + (0..<k).flatMap { i in zip(a, b).map { rowA, rowB -> [Double] in var r = rowA; r[i] = rowB[i]; return r } }
    }

    /// First-order (Saltelli 2010) and total (Jansen 1999) indices from the values at the
    /// points of `sobolDesign(k:n:)`, in its order.
    public static func sobolIndices(k: Int, n: Int, values: [Double]) -> (first: [Double], total: [Double]) {
        let fa = values[0..<n], fb = values[n..<(2 * n)]
        let all = values[0..<(2 * n)]
        let mu = all.reduce(0, +) / Double(all.count)
        let variance = all.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(all.count - 1)
        var first: [Double] = [], total: [Double] = []
        for i in 0..<k {
            let fab = values[((2 + i) * n)..<((3 + i) * n)]
            var s = 0.0, st = 0.0
            for j in 0..<n {
                let a = fa[fa.startIndex + j], b = fb[fb.startIndex + j], ab = fab[fab.startIndex + j]
                s += b * (ab - a)
                st += (a - ab) * (a - ab)
            }
            first.append(s / Double(n) / variance)
            total.append(st / Double(2 * n) / variance)
        }
        return (first, total)
    }

    /// Sobol indices of `f` (which evaluates a batch of points) on the unit cube [0, 1)^k. Runs: n (k + 2).
    public static func sobolIndices(k: Int, n: Int, f: ([[Double]]) -> [Double]) -> (first: [Double], total: [Double], runs: Int)? {
        guard let points = sobolDesign(k: k, n: n) else { return nil }
        let s = sobolIndices(k: k, n: n, values: f(points))
        return (s.first, s.total, points.count)
    }
}
