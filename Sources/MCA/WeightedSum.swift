import ResultFiles

/// The weighted-sum table of seed 001 (L1860–1907): per cluster its mean weight and each
/// scenario's score Σ points × weight; the total row sums the scores, and its mean
/// weight is the mean of the cluster means (that is how 2.45 comes out of 2.20, 2.49,
/// 2.83 and 2.29; the mean over all 19 criteria would be 2.46).
public struct MCATable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let name: String
        public let criteria: Int
        public let meanWeight: Double
        /// Per scenario, in the file's scenario order.
        public let scores: [Double]
    }

    public let scenarios: [String]
    public let clusters: [Row]

    public var totals: [Double] { scenarios.indices.map { j in clusters.reduce(0) { $0 + $1.scores[j] } } }
    public var totalMeanWeight: Double { clusters.reduce(0) { $0 + $1.meanWeight } / Double(max(clusters.count, 1)) }

    /// The table for given weights and points: `weights[c][k]` and `points[c][k][j]` for
    /// criterion k of cluster c and scenario j.
    public static func compute(names: [String], scenarios: [String], weights: [[Double]], points: [[[Double]]]) -> MCATable {
        let rows = names.indices.map { c in
            Row(name: names[c], criteria: weights[c].count,
                meanWeight: weights[c].reduce(0, +) / Double(max(weights[c].count, 1)),
                scores: scenarios.indices.map { j in zip(weights[c], points[c]).reduce(0) { $0 + $1.0 * $1.1[j] } })
        }
        return MCATable(scenarios: scenarios, clusters: rows)
    }
}

extension CriteriaFile {
    /// Points of judged criteria from the file; simulated criteria from `simulatedPoints`
    /// (criterion name → points per scenario).
    public func points(simulated: [String: [Double]] = [:]) -> [[[Double]]] {
        clusters.map { cluster in
            cluster.criteria.map { c in
                if let p = c.points { return scenarios.map { p[$0] ?? 1 } }
                return simulated[c.name] ?? scenarios.map { _ in 2 }
            }
        }
    }

    public var weights: [[Double]] { clusters.map { $0.criteria.map(\.weight) } }

    public func table(simulated: [String: [Double]] = [:]) -> MCATable {
        MCATable.compute(names: clusters.map(\.name), scenarios: scenarios, weights: weights, points: points(simulated: simulated))
    }

    public var simulatedCriteria: [Criterion] { clusters.flatMap(\.criteria).filter { $0.simulated != nil } }
}

extension MCAFile {
    /// The JSON of `mca --out`: the table and, when run, SMAA's rank acceptability and central weights.
    public init(name: String, table: MCATable, smaa r: SMAAResult?, seed: UInt64) {
        let keyed = { (values: [Double]) in Dictionary(uniqueKeysWithValues: zip(table.scenarios, values)) }
        self.init(
            name: name,
            clusters: table.clusters.map { .init(name: $0.name, meanWeight: $0.meanWeight, scores: keyed($0.scores)) },
            totals: keyed(table.totals), meanWeight: table.totalMeanWeight,
            smaa: r.map { r in
                .init(samples: r.samples, seed: seed,
                      rankAcceptability: Dictionary(uniqueKeysWithValues: zip(r.scenarios, r.rankAcceptability)),
                      centralWeights: Dictionary(uniqueKeysWithValues: zip(r.scenarios, r.centralWeights.map { w in
                          w.map { Dictionary(uniqueKeysWithValues: zip(r.criteria, $0)) }
                      })))
            })
    }
}
