import Foundation
import Yams
import YAMLLimits

/// A multi-criteria analysis as in seed 001 §6: clusters of criteria, each municipality's
/// weight per criterion (1–3), and each scenario's points per criterion (3 best … 1
/// worst, ties allowed) — or, for a simulated criterion, a simulation metric with a value
/// function that turns it into points.
public struct CriteriaFile: Codable, Sendable, Equatable {
    public var name: String
    public var note: String?
    public var municipalities: [String]
    public var scenarios: [String]
    public var clusters: [Cluster]
    /// Where simulated criteria read their metrics (a `ketensim compare` output folder).
    public var simulation: SimulationSource?

    public init(name: String, note: String? = nil, municipalities: [String], scenarios: [String], clusters: [Cluster],
                simulation: SimulationSource? = nil) {
        self.name = name
        self.note = note
        self.municipalities = municipalities
        self.scenarios = scenarios
        self.clusters = clusters
        self.simulation = simulation
    }

    public struct Cluster: Codable, Sendable, Equatable {
        public var name: String
        public var criteria: [Criterion]
        public init(name: String, criteria: [Criterion]) { self.name = name; self.criteria = criteria }
    }

    public struct Criterion: Codable, Sendable, Equatable {
        public var name: String
        /// One score (1–3) per municipality, in the order of `municipalities`.
        public var weights: [Double]
        /// Points per scenario (1–3), for a judged criterion.
        public var points: [String: Double]?
        /// The simulation metric behind a simulated criterion.
        public var simulated: SimulatedCriterion?

        public init(name: String, weights: [Double], points: [String: Double]? = nil, simulated: SimulatedCriterion? = nil) {
            self.name = name
            self.weights = weights
            self.points = points
            self.simulated = simulated
        }

        /// Weight = the municipalities' scores summed, divided by their number (001 L1882).
        public var weight: Double { weights.reduce(0, +) / Double(max(weights.count, 1)) }
    }

    public struct SimulatedCriterion: Codable, Sendable, Equatable {
        public var metric: String
        public var group: String?
        /// Metric value that earns 1 point and the value that earns 3 (linear in between,
        /// clamped): `worst > best` when lower is better.
        public var worst: Double?
        public var best: Double?
        /// Or a piecewise-linear value function: [[metric value, points], …] in metric order.
        public var piecewise: [[Double]]?

        public init(metric: String, group: String? = nil, worst: Double? = nil, best: Double? = nil, piecewise: [[Double]]? = nil) {
            self.metric = metric
            self.group = group
            self.worst = worst
            self.best = best
            self.piecewise = piecewise
        }

        /// Points (1–3) for a metric value.
        public func points(_ x: Double) -> Double {
            if let pts = piecewise, let first = pts.first, let last = pts.last {
                if x <= first[0] { return first[1] }
                if x >= last[0] { return last[1] }
                for (a, b) in zip(pts, pts.dropFirst()) where x <= b[0] {
                    return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])
                }
                return last[1]
            }
            guard let w = worst, let b = best, w != b else { return 2 }
            return 1 + 2 * min(max((x - w) / (b - w), 0), 1)
        }
    }

    public struct SimulationSource: Codable, Sendable, Equatable {
        /// The output folder of `ketensim compare` (holds `<scenario>-metrics.csv`).
        public var results: String
        /// MCA scenario name → simulated scenario name.
        public var scenarios: [String: String]
    }
}

/// A problem in a criteria file: file, path and what was expected.
public struct MCAError: Error, Sendable, CustomStringConvertible {
    public let issues: [String]
    public var description: String { issues.joined(separator: "\n") }
}

extension CriteriaFile {
    public static func load(_ path: String) throws -> CriteriaFile {
        let text: String
        switch YAMLLimits.read(path) {
        case .success(let t): text = t
        case .failure(let refusal): throw MCAError(issues: ["\(path): \(refusal.message)"])
        }
        // Syntax first, so a YAML error carries its line and column; then the size limits.
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw MCAError(issues: ["\(path): the file is empty"]) }
            node = composed
        } catch let error as MCAError { throw error } catch {
            throw MCAError(issues: ["\(path): not valid YAML: \(String("\(error)".prefix(300)))"])
        }
        if let problem = YAMLLimits.problem(node) { throw MCAError(issues: ["\(path): \(problem)"]) }
        let file: CriteriaFile
        do {
            file = try YAMLDecoder().decode(CriteriaFile.self, from: node)
        } catch let DecodingError.keyNotFound(key, c) {
            throw MCAError(issues: ["\(path): \(Self.path(c.codingPath + [key])): missing (required)"])
        } catch let DecodingError.typeMismatch(_, c) {
            throw MCAError(issues: ["\(path): \(Self.path(c.codingPath)): \(c.debugDescription)"])
        } catch let DecodingError.dataCorrupted(c) {
            throw MCAError(issues: ["\(path): \(Self.path(c.codingPath)): \(c.debugDescription)"])
        } catch {
            throw MCAError(issues: ["\(path): \(error)"])
        }
        let issues = file.validate().map { "\(path): \($0)" }
        if !issues.isEmpty { throw MCAError(issues: issues) }
        return file
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { s, k in k.intValue.map { s + "[\($0)]" } ?? (s.isEmpty ? k.stringValue : s + "." + k.stringValue) }
    }

    /// Every problem, as "path: expected …".
    public func validate() -> [String] {
        var out: [String] = []
        if municipalities.isEmpty { out.append("municipalities: expected at least one") }
        if scenarios.count < 2 { out.append("scenarios: expected at least two") }
        if clusters.isEmpty { out.append("clusters: expected at least one") }
        // Names are keys of the results (totals per scenario, weights per criterion).
        func unique(_ names: [String], _ path: String, _ what: String) {
            var seen = Set<String>()
            for (i, n) in names.enumerated() where !seen.insert(n).inserted { out.append("\(path)[\(i)]: duplicate \(what) '\(String(n.prefix(40)))'") }
        }
        unique(municipalities, "municipalities", "municipality")
        unique(scenarios, "scenarios", "scenario")
        unique(clusters.map(\.name), "clusters", "cluster")
        var criterionNames = Set<String>()
        for (ci, cluster) in clusters.enumerated() {
            for (k, c) in cluster.criteria.enumerated() where !criterionNames.insert(c.name).inserted {
                out.append("clusters[\(ci)].criteria[\(k)].name: duplicate criterion '\(String(c.name.prefix(40)))'")
            }
        }
        for (ci, cluster) in clusters.enumerated() {
            if cluster.criteria.isEmpty { out.append("clusters[\(ci)].criteria: expected at least one criterion") }
            for (k, c) in cluster.criteria.enumerated() {
                let p = "clusters[\(ci)].criteria[\(k)]"
                if c.weights.count != municipalities.count {
                    out.append("\(p).weights: expected one score per municipality (\(municipalities.count)), got \(c.weights.count)")
                }
                for (j, w) in c.weights.enumerated() where !(w >= 1 && w <= 3) {
                    out.append("\(p).weights[\(j)]: expected a score from 1 to 3, got \(w)")
                }
                switch (c.points, c.simulated) {
                case (let points?, nil):
                    for s in scenarios where points[s] == nil { out.append("\(p).points: no points for scenario '\(s)'") }
                    for (s, v) in points {
                        if !scenarios.contains(s) { out.append("\(p).points.\(s): unknown scenario") }
                        if !(v >= 1 && v <= 3) { out.append("\(p).points.\(s): expected points from 1 to 3, got \(v)") }
                    }
                case (nil, let sim?):
                    if simulation == nil { out.append("\(p).simulated: needs a top-level `simulation` section") }
                    let hasLinear = sim.worst != nil && sim.best != nil
                    if hasLinear == (sim.piecewise != nil) {
                        out.append("\(p).simulated: expected either `worst` and `best`, or `piecewise`")
                    }
                    for (key, x) in [("worst", sim.worst), ("best", sim.best)] {
                        if let x, !x.isFinite { out.append("\(p).simulated.\(key): expected a finite number, got \(x)") }
                    }
                    if let w = sim.worst, let b = sim.best, w == b { out.append("\(p).simulated.best: must differ from worst") }
                    if let pw = sim.piecewise {
                        if pw.count < 2 || pw.contains(where: { $0.count != 2 || !$0.allSatisfy(\.isFinite) }) {
                            out.append("\(p).simulated.piecewise: expected at least two [value, points] pairs of finite numbers")
                        } else {
                            if zip(pw, pw.dropFirst()).contains(where: { $0[0] >= $1[0] }) {
                                out.append("\(p).simulated.piecewise: metric values must increase")
                            }
                            if pw.contains(where: { !($0[1] >= 1 && $0[1] <= 3) }) {
                                out.append("\(p).simulated.piecewise: points must lie from 1 to 3")
                            }
                        }
                    }
                default:
                    out.append("\(p): expected either `points` or `simulated`")
                }
            }
        }
        if let sim = simulation {
            for s in scenarios where sim.scenarios[s] == nil { out.append("simulation.scenarios: no simulated scenario for '\(s)'") }
        }
        return out
    }
}
