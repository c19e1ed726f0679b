import SimKernel

/// Sizing to a service level with stated confidence: the cheapest configuration of
/// decision variables (FTE per pool, LBT places, class groups …) whose service levels all
/// hold with one-sided confidence, found by simulation with common random numbers.
///
/// - **Judging a configuration** (sequential, stated stopping rule): run `initial`
///   replications; a level *holds* when its one-sided bound at its confidence meets the
///   target (`at_least`: mean − t·s/√n ≥ target; `at_most`: mean + t·s/√n ≤ target) and
///   *fails* when the opposite bound misses it; while any level is undecided, add `batch`
///   replications up to `max`; still undecided then counts as failing (conservative).
///   Replication i uses the same random numbers in every configuration (CRN).
/// - **Search**: one variable — bisection over its steps (the level is assumed monotone in
///   it); several — greedy marginal allocation from the static estimate (each round adds
///   the move, a twentieth of a variable's range, with the largest reduction of the total
///   shortfall per euro), then a final check that lowers each variable by bisection to the
///   least that still holds and trades up to three steps of one variable for one of
///   another while that is cheaper and holds. Heuristic for several variables: the cheapest
///   configuration is guaranteed for one variable (monotone level) or separable levels.
public struct Sizer {
    public struct Variable: Sendable, Equatable {
        public let name: String
        public let lower: Double, upper: Double, step: Double
        /// Price per unit per year (an FTE, an LBT place per session, a group).
        public let price: Double
        public init(name: String, lower: Double, upper: Double, step: Double, price: Double) {
            self.name = name; self.lower = lower; self.upper = upper; self.step = step; self.price = price
        }
        /// Steps from `lower` to `upper` inclusive.
        public var steps: Int { Int(((upper - lower) / step + 1e-9).rounded(.down)) }
        public func value(_ k: Int) -> Double { ((lower + Double(k) * step) * 1e9).rounded() / 1e9 }
    }

    public struct Level: Sendable, Equatable {
        public enum Direction: String, Sendable { case atLeast = "at_least", atMost = "at_most" }
        public let name: String
        public let direction: Direction
        public let target: Double
        public let confidence: Double
        public init(name: String, direction: Direction, target: Double, confidence: Double) {
            self.name = name; self.direction = direction; self.target = target; self.confidence = confidence
        }
    }

    public struct Replications: Sendable, Equatable {
        public let initial: Int, batch: Int, max: Int
        public init(initial: Int = 20, batch: Int = 20, max: Int = 200) { self.initial = initial; self.batch = batch; self.max = max }
    }

    /// What a level reached in a configuration.
    public struct Achieved: Sendable, Equatable {
        public let mean: Double
        /// The one-sided bound at the level's confidence (lower for at_least, upper for at_most).
        public let bound: Double
        public let holds: Bool
        /// How far the bound misses the target (0 when it holds), in the level's units.
        public let shortfall: Double
    }

    public struct Judgement: Sendable, Equatable {
        public let steps: [Int]
        public let values: [Double]
        public let cost: Double
        public let replications: Int
        public let levels: [Achieved]
        public var holds: Bool { levels.allSatisfy(\.holds) }
    }

    public let variables: [Variable]
    public let levels: [Level]
    public let replications: Replications
    /// Per level, per replication: the level's value for a configuration (values of the
    /// variables) and replications `range` — replication i must use the same random
    /// numbers in every configuration.
    public let evaluate: ([Double], Range<Int>) -> [[Double]]
    public private(set) var judged: [[Int]: Judgement] = [:]
    /// Configurations simulated and replications run, for the report.
    public var evaluations: Int { judged.count }
    public var replicationsRun: Int { judged.values.reduce(0) { $0 + $1.replications } }

    public init(variables: [Variable], levels: [Level], replications: Replications,
                evaluate: @escaping ([Double], Range<Int>) -> [[Double]]) {
        self.variables = variables
        self.levels = levels
        self.replications = replications
        self.evaluate = evaluate
    }

    public func cost(_ steps: [Int]) -> Double {
        zip(variables, steps).reduce(0) { $0 + $1.0.value($1.1) * $1.0.price }
    }

    /// Judges a configuration (cached).
    public mutating func judge(_ steps: [Int]) -> Judgement {
        if let j = judged[steps] { return j }
        let values = zip(variables, steps).map { $0.value($1) }
        var samples = Array(repeating: [Double](), count: levels.count)
        var n = 0
        var result: [Achieved] = []
        while true {
            let more = n == 0 ? replications.initial : min(replications.batch, replications.max - n)
            let fresh = evaluate(values, n..<(n + more))
            for i in levels.indices { samples[i] += fresh[i] }
            n += more
            var undecided = false
            result = levels.indices.map { i in
                let (achieved, decided) = Self.assess(levels[i], samples[i])
                if !decided { undecided = true }
                return achieved
            }
            if !undecided || n >= replications.max { break }
        }
        let j = Judgement(steps: steps, values: values, cost: cost(steps), replications: n, levels: result)
        judged[steps] = j
        return j
    }

    /// The level's mean, its one-sided bound, and whether the evidence decides it.
    static func assess(_ level: Level, _ xs: [Double]) -> (Achieved, decided: Bool) {
        var t = Tally()
        for x in xs where !x.isNaN { t.record(x) }
        guard t.count > 1 else {
            return (Achieved(mean: .nan, bound: .nan, holds: false, shortfall: .infinity), true)
        }
        let margin = t.halfWidth(level: 2 * level.confidence - 1)
        let lower = t.mean - margin, upper = t.mean + margin
        switch level.direction {
        case .atLeast:
            let holds = lower >= level.target
            return (Achieved(mean: t.mean, bound: lower, holds: holds, shortfall: max(0, level.target - lower)),
                    holds || upper < level.target)
        case .atMost:
            let holds = upper <= level.target
            return (Achieved(mean: t.mean, bound: upper, holds: holds, shortfall: max(0, upper - level.target)),
                    holds || lower > level.target)
        }
    }

    /// Total shortfall, each level relative to its target's size.
    static func shortfall(_ j: Judgement, _ levels: [Level]) -> Double {
        zip(j.levels, levels).reduce(0) { $0 + ($1.0.shortfall.isFinite ? $1.0.shortfall : 1e9) / max(abs($1.1.target), 1e-9) }
    }

    public struct Result: Sendable {
        /// The cheapest configuration found that holds; nil when none within the bounds.
        public let chosen: Judgement?
        /// The best reached at the upper bounds, when nothing holds.
        public let atUpperBounds: Judgement
        /// Cheaper neighbours of the chosen configuration (one step less) that fail.
        public let cheaperFailing: [Judgement]
        public let evaluations: Int
        public let replications: Int
    }

    /// Searches the cheapest configuration that holds.
    public mutating func search(start: [Int]? = nil) -> Result {
        let top = variables.map(\.steps)
        let best = judge(top)
        guard best.holds else {
            return Result(chosen: nil, atUpperBounds: best, cheaperFailing: [], evaluations: evaluations, replications: replicationsRun)
        }
        var current: [Int]
        if variables.count == 1 {
            var lo = 0, hi = top[0] // hi holds
            while lo < hi {
                let mid = (lo + hi) / 2
                if judge([mid]).holds { hi = mid } else { lo = mid + 1 }
            }
            current = [hi]
        } else {
            current = (start ?? variables.map { _ in 0 }).enumerated().map { min(max($1, 0), top[$0]) }
            // Greedy in coarse moves (a twentieth of each range), so one move matters more
            // than the noise; the refinement below goes back to single steps.
            let coarse = top.map { max(1, $0 / 20) }
            while !judge(current).holds {
                let now = Self.shortfall(judge(current), levels)
                var pick: (index: Int, score: Double)?
                for i in variables.indices where current[i] < top[i] {
                    var next = current
                    next[i] = min(top[i], current[i] + coarse[i])
                    let gain = now - Self.shortfall(judge(next), levels)
                    let score = gain / max(cost(next) - cost(current), 1e-9)
                    if pick.map({ score > $0.score }) ?? true { pick = (i, score) }
                }
                guard let p = pick else { break }
                current[p.index] = min(top[p.index], current[p.index] + coarse[p.index])
            }
            if !judge(current).holds { current = top }
            // Final check, until nothing changes: each variable (most expensive first) down to
            // the smallest value that still holds with the others fixed (bisection); then trade
            // up to three steps of one variable for one of another when cheaper and holding
            // (greedy can overshoot where variables substitute for each other).
            let order = variables.indices.sorted { variables[$0].step * variables[$0].price > variables[$1].step * variables[$1].price }
            var improved = true
            while improved {
                improved = false
                for i in order where current[i] > 0 {
                    var lo = 0, hi = current[i]
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        var next = current
                        next[i] = mid
                        if judge(next).holds { hi = mid } else { lo = mid + 1 }
                    }
                    if hi < current[i] { current[i] = hi; improved = true }
                }
                for i in variables.indices where !improved && current[i] > 0 {
                    for j in variables.indices where j != i && current[j] < top[j] && !improved {
                        for r in stride(from: min(3, current[i]), through: 1, by: -1) where !improved {
                            var next = current
                            next[i] -= r
                            next[j] += 1
                            if cost(next) < cost(current) && judge(next).holds { current = next; improved = true }
                        }
                    }
                }
            }
        }
        let chosen = judge(current)
        var failing: [Judgement] = []
        for i in variables.indices where current[i] > 0 {
            var next = current
            next[i] -= 1
            let j = judge(next)
            if !j.holds { failing.append(j) }
        }
        return Result(chosen: chosen, atUpperBounds: best, cheaperFailing: failing.sorted { $0.cost > $1.cost },
                      evaluations: evaluations, replications: replicationsRun)
    }
}
