import Foundation
import InburgeringModel
import SimKernel
import Stochastics

/// Calibration of uncertain inputs to observed figures, in the manner of IMABC (Rutter et
/// al.): priors as ranges, targets with acceptance ranges that narrow round by round, and an
/// accepted, weighted sample instead of one "best" point.
///
/// Round 1 draws a Sobol design over the prior box; every point runs each file with the same
/// replications (common random numbers) and is accepted when every target's model mean lies
/// within the round's acceptance range. Later rounds narrow the ranges (linearly to the
/// final ones) and draw new points from Gaussians around the accepted ones (sd: half the
/// accepted spread, at least 2 % of the prior width), truncated to the prior; a point's weight
/// is prior density / proposal density, normalised. If no point is accepted, the closest
/// `fallbackCentres` points seed the next round. Everything is deterministic for a seed, so an
/// interrupted run resumes from its cache of evaluated points.
public struct Calibration {
    public struct Parameter: Sendable, Equatable {
        public let name: String
        public let path: String
        /// Index of the file it applies to; nil: shared by all files but those in `except`
        /// (which keep their own value: their chapter gives it).
        public let file: Int?
        public let except: Set<Int>
        public let low: Double, high: Double
        public init(name: String, path: String, file: Int?, except: Set<Int> = [], low: Double, high: Double) {
            self.name = name; self.path = path; self.file = file; self.except = except; self.low = low; self.high = high
        }

        /// Whether it sets a value in file `f`.
        public func applies(to f: Int) -> Bool { file == f || (file == nil && !except.contains(f)) }
    }

    public struct Target: Sendable, Equatable {
        public let file: Int
        public let metric: String
        public let group: String
        public let observed: Double
        /// Half-widths of the acceptance range in the first and the last round.
        public let initialTolerance: Double, finalTolerance: Double
        public init(file: Int, metric: String, group: String, observed: Double, initialTolerance: Double, finalTolerance: Double) {
            self.file = file; self.metric = metric; self.group = group; self.observed = observed
            self.initialTolerance = initialTolerance; self.finalTolerance = finalTolerance
        }
        public var label: String { "\(metric) [\(group)]" }
    }

    public struct Point: Sendable {
        public let values: [Double]
        /// Model mean of each target (NaN: the file refused the values).
        public let model: [Double]
        public let round: Int
        public var weight: Double
        public init(values: [Double], model: [Double], round: Int, weight: Double) {
            self.values = values; self.model = model; self.round = round; self.weight = weight
        }
    }

    public let files: [ScenarioLoader.Template]
    public let parameters: [Parameter]
    public let targets: [Target]
    public let replications: Int
    public let seed: UInt64
    public let jobs: Int
    /// Evaluated points by their values (a resumed run reads them back).
    public var cache: [[Double]: [Double]] = [:]
    public private(set) var evaluations = 0
    /// Called with each newly evaluated point (values, model means): to keep a cache on disk.
    public var onEvaluated: (([Double], [Double]) -> Void)?

    public init(files: [ScenarioLoader.Template], parameters: [Parameter], targets: [Target], replications: Int, seed: UInt64, jobs: Int) {
        self.files = files; self.parameters = parameters; self.targets = targets
        self.replications = replications; self.seed = seed; self.jobs = jobs
    }

    /// Model means of every target at `values` (cached).
    public mutating func evaluate(_ values: [Double], cancel: CancellationFlag) -> [Double] {
        evaluate([values], cancel: cancel)[0]
    }

    /// Model means of every target at each of `batch` (cached ones from the cache). The missing
    /// points run side by side, a (point, file) pair per worker thread with its replications on
    /// that thread, in chunks; they enter the cache and `onEvaluated` in the batch's order, so
    /// results and the cache file are the same on any number of threads. `progress` gets the
    /// number of the batch's points done after each chunk.
    public mutating func evaluate(_ batch: [[Double]], cancel: CancellationFlag, progress: (Int) -> Void = { _ in }) -> [[Double]] {
        var todo: [[Double]] = [], seen = Set<[Double]>()
        for v in batch where cache[v] == nil && seen.insert(v).inserted { todo.append(v) }
        // A file without a target (a held-out one) is not run.
        let (files, parameters, targets, replications, seed) = (files, parameters, targets, replications, seed)
        let run = files.indices.filter { f in targets.contains { $0.file == f } }
        let chunk = max(1, 4 * jobs)
        var start = 0
        progress(batch.count - todo.count)
        while start < todo.count && !cancel.isCancelled {
            let part = Array(todo[start..<min(start + chunk, todo.count)])
            let pairs = part.indices.flatMap { i in run.map { (point: i, file: $0) } }
            let out = IndexedResults<[(Int, Double)]>(count: pairs.count)
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, pairs.count))) { _ in
                while !cancel.isCancelled, let k = out.next() {
                    let (i, f) = pairs[k]
                    out.set(k, Self.means(files[f], file: f, parameters: parameters, values: part[i], targets: targets,
                                          replications: replications, seed: seed, jobs: 1, cancel: cancel))
                }
            }
            if cancel.isCancelled { break }
            var models = part.map { _ in [Double](repeating: .nan, count: targets.count) }
            for (k, pair) in pairs.enumerated() { for (t, mean) in out.value(k) ?? [] { models[pair.point][t] = mean } }
            for (v, m) in zip(part, models) {
                cache[v] = m
                evaluations += 1
                onEvaluated?(v, m)
            }
            start += part.count
            progress(batch.count - todo.count + start)
        }
        return batch.map { cache[$0] ?? [Double](repeating: .nan, count: targets.count) }
    }

    /// File `f` run at `values` (the parameters that apply to it): the model mean of each of
    /// its targets, by target index (NaN: no value; none: the file refused the values).
    static func means(_ template: ScenarioLoader.Template, file f: Int, parameters: [Parameter], values: [Double], targets: [Target],
                      replications: Int, seed: UInt64, jobs: Int, cancel: CancellationFlag) -> [(Int, Double)] {
        var overrides: [String: Double] = [:]
        for (p, v) in zip(parameters, values) where p.applies(to: f) { overrides[p.path] = v }
        guard let s = try? template.instantiate(overrides).scenario else { return [] }
        let r = MonteCarlo.run(s, replications: replications, seed: seed, jobs: jobs, cancel: cancel)
        return targets.indices.filter { targets[$0].file == f }.map { t in
            let xs = r.values(MetricKey(name: targets[t].metric, group: targets[t].group)).filter { !$0.isNaN }
            return (t, xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count))
        }
    }

    func tolerance(_ t: Target, round: Int, rounds: Int) -> Double {
        rounds <= 1 ? t.finalTolerance : t.initialTolerance + (t.finalTolerance - t.initialTolerance) * Double(round - 1) / Double(rounds - 1)
    }

    /// The largest |model − observed| / tolerance over the targets (≤ 1: accepted).
    func distance(_ model: [Double], round: Int, rounds: Int) -> Double {
        zip(targets, model).reduce(0) { d, tm in
            // NaN never accepts: max(d, NaN) would ignore it.
            let q = abs(tm.1 - tm.0.observed) / tolerance(tm.0, round: round, rounds: rounds)
            return q.isNaN ? .infinity : max(d, q)
        }
    }

    /// A point's distance at the final ranges (≤ 1: accepted).
    public func finalDistance(_ p: Point, rounds: Int = 1) -> Double { distance(p.model, round: rounds, rounds: rounds) }

    public struct Result: Sendable {
        /// Accepted at the final ranges, with normalised weights (empty: none accepted).
        public let accepted: [Point]
        /// Every point evaluated.
        public let all: [Point]
        public let rounds: Int
        /// With a shard: the round whose share it evaluated, or that still lacks points of
        /// other shards; nil when every round was done already.
        public let shardRound: Int?
        public init(accepted: [Point], all: [Point], rounds: Int, shardRound: Int? = nil) {
            self.accepted = accepted; self.all = all; self.rounds = rounds; self.shardRound = shardRound
        }
    }

    /// Runs the rounds. With `shard`, one round at a time: the first round not yet done,
    /// of which only the shard's share of points is evaluated (the others must be in the
    /// cache), and the run stops after it (`Result.shardRound`). A round's points depend only
    /// on the rounds before it, so the shards of one round run anywhere at once.
    public mutating func run(points: Int, rounds: Int, fallbackCentres: Int = 10, shard: Shard? = nil, cancel: CancellationFlag,
                             progress: (Int, Int) -> Void = { _, _ in }) -> Result {
        let mine = shard?.range(of: points) ?? 0..<points
        var missing = false, before = evaluations
        /// With a shard: whether to stop after this round (it was this shard's round).
        func stops() -> Bool {
            defer { before = evaluations }
            return missing || (shard != nil && evaluations > before)
        }
        let total = points * rounds
        // A round's points: this shard's evaluated (side by side), another shard's taken from the
        // cache or left out (the round is then incomplete). The values of a round do not depend
        // on the evaluations within it, so they are drawn first.
        func evaluated(_ values: [[Double]], round: Int) -> [Point] {
            let kept = values.indices.filter { mine.contains($0) || cache[values[$0]] != nil }
            if kept.count < values.count { missing = true }
            let models = evaluate(kept.map { values[$0] }, cancel: cancel) { progress(points * (round - 1) + $0, total) }
            return cancel.isCancelled ? [] : zip(kept, models).map { Point(values: values[$0], model: $1, round: round, weight: 1) }
        }
        let k = parameters.count
        var all: [Point] = []
        // Round 1: Sobol design over the prior box (dimensions beyond 40 fall back to the stream).
        let stream = RandomStream(master: seed, replication: 0, name: "calibration")
        let sobol = SobolSequence(dimension: max(k, 1))
        _ = sobol?.next()
        let first = (0..<points).map { _ in zip(parameters, sobol?.next() ?? (0..<k).map { _ in stream.uniform() }).map { $0.low + $1 * ($0.high - $0.low) } }
        all += evaluated(first, round: 1)
        if stops() { return Result(accepted: [], all: all, rounds: rounds, shardRound: 1) }
        var proposals: [(centre: [Double], sd: [Double])] = []
        for round in 2...max(rounds, 2) where round <= rounds && !cancel.isCancelled {
            // Centres: accepted at this round's ranges, else the closest.
            var centres = all.filter { distance($0.model, round: round, rounds: rounds) <= 1 }
            if centres.isEmpty {
                centres = Array(all.sorted { distance($0.model, round: round, rounds: rounds) < distance($1.model, round: round, rounds: rounds) }
                    .prefix(fallbackCentres))
            }
            let sd = (0..<k).map { i -> Double in
                let xs = centres.map { $0.values[i] }
                let m = xs.reduce(0, +) / Double(xs.count)
                let spread = xs.count > 1 ? (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot() : 0
                return max(0.5 * spread, 0.02 * (parameters[i].high - parameters[i].low))
            }
            let roundProposals = centres.map { (centre: $0.values, sd: sd) }
            proposals += roundProposals
            let values = (0..<points).map { n -> [Double] in
                let c = roundProposals[n % roundProposals.count]
                return (0..<k).map { i -> Double in
                    // Truncated normal around the centre, within the prior.
                    for _ in 0..<100 {
                        let x = c.centre[i] + c.sd[i] * gaussian(stream)
                        if x >= parameters[i].low && x <= parameters[i].high { return x }
                    }
                    return c.centre[i]
                }
            }
            all += evaluated(values, round: round)
            if stops() { return Result(accepted: [], all: all, rounds: rounds, shardRound: round) }
        }
        // Weights: prior (uniform) / proposal density of the mixture that drew the point.
        let priorDensity = parameters.reduce(1.0) { $0 / max($1.high - $1.low, 1e-300) }
        for i in all.indices where all[i].round > 1 && !proposals.isEmpty {
            let q = proposals.reduce(0.0) { acc, p in
                acc + zip(zip(all[i].values, p.centre), p.sd).reduce(1.0) { d, e in
                    let ((x, c), s) = e
                    return d * exp(-0.5 * (x - c) * (x - c) / (s * s)) / (s * (2 * Double.pi).squareRoot())
                } / Double(proposals.count)
            }
            // Mix the uniform first round in as part of the proposal.
            let firstShare = Double(points) / Double(all.count)
            all[i].weight = priorDensity / (firstShare * priorDensity + (1 - firstShare) * q)
        }
        var accepted = all.filter { distance($0.model, round: rounds, rounds: rounds) <= 1 }
        let sum = accepted.reduce(0) { $0 + $1.weight }
        for i in accepted.indices { accepted[i].weight /= max(sum, 1e-300) }
        return Result(accepted: accepted, all: all, rounds: rounds)
    }

    private func gaussian(_ s: RandomStream) -> Double {
        // Box–Muller from the stream's uniforms (deterministic for the seed).
        let u1 = max(s.uniform(), 1e-300), u2 = s.uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Weighted quantile of `values`.
    public static func quantile(_ values: [Double], weights: [Double], _ q: Double) -> Double {
        let pairs = zip(values, weights).sorted { $0.0 < $1.0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return .nan }
        var cumulative = 0.0
        for (v, w) in pairs {
            cumulative += w
            if cumulative >= q * total { return v }
        }
        return pairs.last?.0 ?? .nan
    }
}

extension Calibration {
    /// A parameter's posterior: weighted mean and quantiles of the points it is drawn from.
    public struct Posterior: Sendable, Equatable {
        public let parameter: Parameter
        public let mean: Double, p05: Double, p50: Double, p95: Double
        /// Points it rests on.
        public let points: Int
    }

    /// A target's fit: the model's weighted mean and 90 % interval against the observation.
    public struct Fit: Sendable, Equatable {
        public let target: Target
        public let mean: Double, p05: Double, p95: Double
        /// Whether the mean lies within the final acceptance range.
        public let inside: Bool
        public var range: (low: Double, high: Double) { (target.observed - target.finalTolerance, target.observed + target.finalTolerance) }
    }

    /// What a calibration found: posterior per parameter and fit per target, of the accepted
    /// points (with their weights) or, when none is accepted, of the ten closest points
    /// (equal weights; flagged: the model cannot reach every range). A point that left a
    /// target without a value (infinitely far) is never among them.
    public struct Summary: Sendable {
        public let posterior: [Posterior]
        public let fit: [Fit]
        public let fromAccepted: Bool
        /// Points that left a target without a value.
        public let unreachable: Int
    }

    /// The points a summary rests on, with their weights: the accepted ones, or when none is,
    /// the ten closest reachable ones, equally weighted.
    public func posteriorPoints(_ result: Result) -> (points: [Point], weights: [Double]) {
        guard result.accepted.isEmpty else { return (result.accepted, result.accepted.map(\.weight)) }
        let closest = Array(result.all.filter { finalDistance($0).isFinite }.sorted { finalDistance($0) < finalDistance($1) }.prefix(10))
        return (closest, closest.map { _ in 1.0 / Double(closest.count) })
    }

    public func summarise(_ result: Result) -> Summary {
        let reachable = result.all.filter { finalDistance($0).isFinite }
        let (shown, w) = posteriorPoints(result)
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : zip(xs, w).reduce(0) { $0 + $1.0 * $1.1 } }
        let posterior = parameters.indices.map { i -> Posterior in
            let xs = shown.map { $0.values[i] }
            let q = [0.05, 0.5, 0.95].map { Self.quantile(xs, weights: w, $0) }
            return Posterior(parameter: parameters[i], mean: mean(xs), p05: q[0], p50: q[1], p95: q[2], points: xs.count)
        }
        let fit = targets.indices.map { t -> Fit in
            let xs = shown.map { $0.model[t] }, m = mean(xs)
            return Fit(target: targets[t], mean: m, p05: Self.quantile(xs, weights: w, 0.05), p95: Self.quantile(xs, weights: w, 0.95),
                       inside: !xs.isEmpty && abs(m - targets[t].observed) <= targets[t].finalTolerance)
        }
        return Summary(posterior: posterior, fit: fit, fromAccepted: !result.accepted.isEmpty, unreachable: result.all.count - reachable.count)
    }
}

extension Calibration {
    /// A held-out target's prediction: the model's weighted mean and 90 % interval over the
    /// posterior points of a calibration that did not see its file.
    public struct Prediction: Sendable {
        public let target: Target
        public let mean: Double, p05: Double, p95: Double
        public var error: Double { mean - target.observed }
        public var covers: Bool { p05 <= target.observed && target.observed <= p95 }
    }

    /// One fold of a leave-one-file-out cross-validation.
    public struct Fold {
        public let heldOut: Int
        public let result: Result
        public let summary: Summary
        public let predictions: [Prediction]
        /// Posterior points the predictions rest on.
        public let points: Int
    }

    /// The calibration without file `f`: none of its targets, none of its own parameters.
    public func leaving(_ f: Int) -> Calibration {
        Calibration(files: files, parameters: parameters.filter { $0.file != f }, targets: targets.filter { $0.file != f },
                    replications: replications, seed: seed, jobs: jobs)
    }

    /// `template`'s figures `wanted` (their file index is ignored) at this calibration's
    /// posterior points in `result`: the file at each point's shared values, its own inputs as
    /// it states them, with this calibration's replications and seed (at most `maxPoints`
    /// points, the heaviest first). A file the calibration never saw, or one it left out
    /// (`heldOut`: its index, so that a shared parameter it is excepted from stays its own).
    public func predict(_ template: ScenarioLoader.Template, _ wanted: [Target], from result: Result, heldOut: Int? = nil, maxPoints: Int = 20,
                        cancel: CancellationFlag) -> (predictions: [Prediction], points: Int) {
        let (points, weights) = posteriorPoints(result)
        return predict(template, wanted, at: points.map(\.values), weights: weights, heldOut: heldOut, maxPoints: maxPoints, cancel: cancel)
    }

    /// As `predict(_:_:from:…)`, at given posterior points (each a value per parameter, in
    /// `parameters`' order; only the shared ones are read) and their weights: a posterior kept
    /// from an earlier calibration (`posterior-points.csv`), so a prediction costs the file's
    /// runs at those points, not a calibration.
    public func predict(_ template: ScenarioLoader.Template, _ wanted: [Target], at values: [[Double]], weights: [Double], heldOut: Int? = nil,
                        maxPoints: Int = 20, cancel: CancellationFlag) -> (predictions: [Prediction], points: Int) {
        var points = values, weights = weights
        let order = points.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }.prefix(maxPoints)
        points = order.map { points[$0] }
        weights = order.map { weights[$0] }
        let shared = parameters.enumerated().filter { $0.element.file == nil && !(heldOut.map($0.element.except.contains) ?? false) }
        let probe = wanted.map { Target(file: 0, metric: $0.metric, group: $0.group, observed: $0.observed, initialTolerance: 1, finalTolerance: 1) }
        var model = [[Double]](repeating: [], count: wanted.count)
        for p in points where !cancel.isCancelled {
            let means = Dictionary(uniqueKeysWithValues: Self.means(template, file: 0, parameters: shared.map { .init(name: $0.element.name, path: $0.element.path, file: nil, low: $0.element.low, high: $0.element.high) },
                                                                  values: shared.map { p[$0.offset] },
                                                                  targets: probe, replications: replications, seed: seed, jobs: jobs, cancel: cancel))
            for t in wanted.indices { model[t].append(means[t] ?? .nan) }
        }
        let predictions = wanted.indices.map { t -> Prediction in
            let pairs = zip(model[t], weights).filter { !$0.0.isNaN }
            let xs = pairs.map(\.0), w = pairs.map(\.1), total = w.reduce(0, +)
            let mean = total > 0 ? zip(xs, w).reduce(0) { $0 + $1.0 * $1.1 } / total : .nan
            return Prediction(target: wanted[t], mean: mean, p05: Self.quantile(xs, weights: w, 0.05), p95: Self.quantile(xs, weights: w, 0.95))
        }
        return (predictions, points.count)
    }

    /// Leave one file out: for each file with a target, calibrate on the others (their targets,
    /// the shared parameters and their own), then predict its targets from its own file with
    /// no fitting to them. `progress`: fold, points done, points in the fold.
    public func crossValidate(points: Int, rounds: Int, cancel: CancellationFlag,
                              progress: (Int, Int, Int) -> Void = { _, _, _ in }) -> [Fold] {
        var folds: [Fold] = []
        for f in files.indices where targets.contains(where: { $0.file == f }) && !cancel.isCancelled {
            var fold = leaving(f)
            let result = fold.run(points: points, rounds: rounds, cancel: cancel) { progress(f, $0, $1) }
            guard !cancel.isCancelled else { break }
            let (predictions, used) = fold.predict(files[f], targets.filter { $0.file == f }, from: result, heldOut: f, cancel: cancel)
            folds.append(Fold(heldOut: f, result: result, summary: fold.summarise(result), predictions: predictions, points: used))
        }
        return folds
    }
}
