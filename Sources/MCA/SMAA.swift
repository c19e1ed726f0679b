import Foundation
import ResultFiles
import Stochastics

/// Stochastic multicriteria acceptability analysis (Lahdelma & Salminen): how sure is a
/// ranking when the weights are uncertain (and, for simulated criteria, the outcomes)?
///
/// Each sample draws every criterion's weight uniformly within the range of the
/// municipalities' scores for it (a criterion all seven scored 2 stays at 2), and — when
/// the file has simulated criteria — one simulation replication, shared by all scenarios
/// (they ran on common random numbers). Totals rank the scenarios; exact ties are broken
/// at random. Rank acceptability b[j][r] is the share of samples in which scenario j has
/// rank r+1; its central weights are the mean weights over the samples where it ranks first.
public struct SMAAResult: Sendable {
    public let scenarios: [String]
    public let criteria: [String]
    public let samples: Int
    /// `rankAcceptability[scenario][rank]`, rank 0 = first.
    public let rankAcceptability: [[Double]]
    /// Per scenario, the mean weight vector where it ranked first (nil if it never did).
    public let centralWeights: [[Double]?]

    /// Half-width of the 95 % (normal approximation) interval of an acceptability.
    public func halfWidth(_ p: Double) -> Double { 1.96 * (p * (1 - p) / Double(samples)).squareRoot() }
}

public enum SMAA {
    /// `simulated[criterion name][replication][scenario]` are points (1–3) per replication.
    public static func run(_ file: CriteriaFile, samples: Int, seed: UInt64,
                           simulated: [String: [[Double]]] = [:]) -> SMAAResult {
        let stream = RandomStream(master: seed, replication: 0, name: "smaa")
        let criteria = file.clusters.flatMap(\.criteria)
        let k = file.scenarios.count
        let ranges = criteria.map { c in (c.weights.min() ?? 1, c.weights.max() ?? 1) }
        let replications = simulated.values.map(\.count).min() ?? 0
        var counts = Array(repeating: Array(repeating: 0, count: k), count: k)
        var central = Array(repeating: Array(repeating: 0.0, count: criteria.count), count: k)
        var firsts = Array(repeating: 0, count: k)
        var weights = Array(repeating: 0.0, count: criteria.count)
        for _ in 0..<samples {
            for (i, (lo, hi)) in ranges.enumerated() { weights[i] = lo == hi ? lo : lo + (hi - lo) * stream.uniform() }
            let r = replications > 0 ? stream.integer(below: replications) : 0
            var totals = Array(repeating: 0.0, count: k)
            for (i, c) in criteria.enumerated() {
                for j in 0..<k {
                    let p = c.points.map { $0[file.scenarios[j]] ?? 1 } ?? simulated[c.name].map { $0[r][j] } ?? 2
                    totals[j] += weights[i] * p
                }
            }
            let tieBreak = (0..<k).map { _ in stream.uniform() }
            let order = (0..<k).sorted { (totals[$0], tieBreak[$0]) > (totals[$1], tieBreak[$1]) }
            for (rank, j) in order.enumerated() { counts[j][rank] += 1 }
            let first = order[0]
            firsts[first] += 1
            for i in weights.indices { central[first][i] += weights[i] }
        }
        return SMAAResult(
            scenarios: file.scenarios, criteria: criteria.map(\.name), samples: samples,
            rankAcceptability: counts.map { $0.map { Double($0) / Double(max(samples, 1)) } },
            centralWeights: (0..<k).map { j in firsts[j] > 0 ? central[j].map { $0 / Double(firsts[j]) } : nil })
    }
}

/// Per-replication metric values from a `ketensim compare` folder, turned into points.
public enum SimulatedPoints {
    /// `[criterion name][replication][scenario]` points, and the mean points per criterion.
    public static func load(_ file: CriteriaFile, relativeTo base: String) throws -> [String: [[Double]]] {
        guard let sim = file.simulation else { return [:] }
        let folder = sim.results.hasPrefix("/") ? sim.results : (base as NSString).appendingPathComponent(sim.results)
        var out: [String: [[Double]]] = [:]
        for c in file.simulatedCriteria {
            guard let spec = c.simulated else { continue }
            var columns: [[Double]] = []
            for s in file.scenarios {
                let prefix = sim.scenarios[s] ?? s
                let path = (folder as NSString).appendingPathComponent("\(prefix)-metrics.csv")
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw MCAError(issues: ["simulation.scenarios.\(s): cannot read \(path)"])
                }
                let group = spec.group ?? "all"
                var values: [Double] = []
                do {
                    let table = try CSVTable(contentsOf: path)
                    let (rep, metric, grp, value) = try (table.column("replication"), table.column("metric"), table.column("group"), table.column("value"))
                    for (f, line) in zip(table.rows, table.lines) where f.count > max(rep, metric, grp, value) && f[metric] == spec.metric && f[grp] == group {
                        // A missing or non-finite value never ranks: it would make a total NaN.
                        guard let x = Double(f[value]), x.isFinite else {
                            throw MCAError(issues: ["\(path): line \(line): \(spec.metric) (\(group)) has no finite value in replication \(f[rep]) "
                                                    + "(criterion '\(c.name)'); a simulated criterion needs one in every replication: choose a group that always has one"])
                        }
                        values.append(x)
                    }
                } catch let p as CSVTable.Problem { throw MCAError(issues: [p.description]) }
                if values.isEmpty { throw MCAError(issues: ["\(c.name): metric \(spec.metric) (\(group)) not found in \(path)"]) }
                columns.append(values)
            }
            let n = columns.map(\.count).min() ?? 0
            out[c.name] = (0..<n).map { r in columns.map { spec.points($0[r]) } }
        }
        return out
    }

    /// Mean points per scenario over replications, for the deterministic table.
    public static func means(_ perReplication: [String: [[Double]]]) -> [String: [Double]] {
        perReplication.mapValues { reps in
            guard let k = reps.first?.count else { return [] }
            return (0..<k).map { j in reps.reduce(0) { $0 + $1[j] } / Double(reps.count) }
        }
    }
}
