import Dispatch
import Foundation
import InburgeringModel
import SimKernel
import Stochastics

/// Which inputs an answer hangs on: one-at-a-time effects with common random numbers (a
/// tornado), and Sobol indices from GSL's Sobol sequence.
public enum Sensitivity {
    /// An uncertain input: a path into the scenario and its low and high value.
    public struct Input: Sendable, Equatable {
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

    /// Mean values of `metrics` (group "all") per replication 0..<R for a scenario.
    static func values(_ s: Scenario, metrics: [String], replications: Int, seed: UInt64, jobs: Int,
                       cancel: CancellationFlag = CancellationFlag()) -> [[Double]] {
        let r = MonteCarlo.run(s, replications: replications, seed: seed, jobs: jobs, cancel: cancel)
        return metrics.map { r.values(MetricKey(name: $0, group: MetricGroup.allName)) }
    }

    /// The tornado: base and each input at low and high, the same replications (CRN).
    /// Inputs a file cannot take (a value outside its validity) are skipped with their error.
    public static func tornado(_ t: ScenarioLoader.Template, inputs: [Input], metrics: [String], replications: Int,
                               seed: UInt64, jobs: Int, cancel: CancellationFlag = CancellationFlag(),
                               progress: (Int, Int) -> Void = { _, _ in }) throws -> (bars: [Bar], runs: Int, skipped: [String]) {
        let base = values(try t.instantiate().scenario, metrics: metrics, replications: replications, seed: seed, jobs: jobs, cancel: cancel)
        var bars: [Bar] = [], skipped: [String] = []
        for (n, input) in inputs.enumerated() where !cancel.isCancelled {
            progress(n, inputs.count)
            do {
                let lo = values(try t.instantiate([input.path: input.low]).scenario, metrics: metrics, replications: replications,
                                seed: seed, jobs: jobs, cancel: cancel)
                let hi = values(try t.instantiate([input.path: input.high]).scenario, metrics: metrics, replications: replications,
                                seed: seed, jobs: jobs, cancel: cancel)
                for (m, metric) in metrics.enumerated() {
                    bars.append(Bar(input: input, metric: metric, baseMean: mean(base[m]),
                                    low: paired(lo[m], base[m]), high: paired(hi[m], base[m])))
                }
            } catch let error as ScenarioError {
                skipped.append("\(input.path): \(error.issues.first?.message ?? "invalid")")
            }
        }
        progress(inputs.count, inputs.count)
        return (bars, (1 + 2 * (inputs.count - skipped.count)) * replications, skipped)
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

    /// Sobol indices of `f` on the unit cube [0, 1)^k: first-order (Saltelli 2010) and total
    /// (Jansen 1999) estimators from the matrices A, B (one Sobol point of dimension 2k per
    /// row) and A with column i from B. `f` evaluates a batch of points. Runs: n (k + 2).
    public static func sobolIndices(k: Int, n: Int, f: ([[Double]]) -> [Double]) -> (first: [Double], total: [Double], runs: Int)? {
        guard let sequence = SobolSequence(dimension: 2 * k) else { return nil }
        _ = sequence.next() // skip the origin
        var a: [[Double]] = [], b: [[Double]] = []
        for _ in 0..<n {
            let x = sequence.next()
            a.append(Array(x[0..<k]))
            b.append(Array(x[k..<(2 * k)]))
        }
        let fa = f(a), fb = f(b)
        let all = fa + fb
        let mu = all.reduce(0, +) / Double(all.count)
        let variance = all.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(all.count - 1)
        var first: [Double] = [], total: [Double] = []
        for i in 0..<k {
            let abi = zip(a, b).map { rowA, rowB -> [Double] in var r = rowA; r[i] = rowB[i]; return r }
            let fab = f(abi)
            var s = 0.0, st = 0.0
            for j in 0..<n {
                s += fb[j] * (fab[j] - fa[j])
                st += (fa[j] - fab[j]) * (fa[j] - fab[j])
            }
            first.append(s / Double(n) / variance)
            total.append(st / Double(2 * n) / variance)
        }
        return (first, total, n * (k + 2))
    }
}
