import Foundation
import InburgeringModel

/// One of `count` shards of a run's replications (`--shard index/count`, index from 1):
/// shard i runs replications ⌊(i−1)R/n⌋ ..< ⌊iR/n⌋. Replication r depends on (seed, r)
/// only, so the shards together are the unsharded run, whatever machine runs each.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    public static let most = 10_000

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.most, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// "3/8".
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The replications of this shard, of `total`.
    public func range(of total: Int) -> Range<Int> {
        (index - 1) * total / count ..< index * total / count
    }
}

/// shard.json: what a shard ran, whole enough that `ketensim merge` writes from the shards
/// exactly the files the unsharded run writes. Every scenario's replications of the shard
/// (one for `run`, all for `compare`), in the command's order.
public struct ShardFile: Codable, Sendable {
    public var shard: Shard
    /// The run's replications per scenario (all shards together).
    public var replications: Int
    public var seed: UInt64
    public var keepPersons: Int
    /// `compare` only: the baseline's index in `results`.
    public var baseline: Int?
    /// Each scenario's merged content hash (as the manifest's `merged_fnv1a64`): a shard of
    /// another scenario, or of an edited one, does not merge.
    public var scenarioHashes: [String]
    public var results: [ExperimentResult]
    /// `compare --robust N`: the shard's share of the N draws.
    public var robustness: Robustness.Part?

    public init(shard: Shard, replications: Int, seed: UInt64, keepPersons: Int, baseline: Int?, scenarioHashes: [String],
                results: [ExperimentResult], robustness: Robustness.Part? = nil) {
        self.shard = shard; self.replications = replications; self.seed = seed; self.keepPersons = keepPersons
        self.baseline = baseline; self.scenarioHashes = scenarioHashes; self.results = results; self.robustness = robustness
    }

    /// Whether `other` is another shard of the same run.
    public func sameRun(as other: ShardFile) -> Bool {
        shard.count == other.shard.count && replications == other.replications && seed == other.seed
            && keepPersons == other.keepPersons && baseline == other.baseline && scenarioHashes == other.scenarioHashes
            && (robustness == nil) == (other.robustness == nil) && robustness.map { $0.sameRun(as: other.robustness!) } ?? true
    }

    /// Exact numbers: every double in its shortest round-trip form, NaN and ±∞ as strings.
    public func encoded() throws -> Data { try Self.encode(self) }

    public static func decode(_ data: Data) throws -> ShardFile { try decode(ShardFile.self, data) }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }

    /// The command that wrote a shard.json: "sensitivity" or "size", or nil for `run` and `compare`.
    public static func kind(_ data: Data) -> String? { (try? JSONDecoder().decode(Kind.self, from: data))?.kind }

    struct Kind: Decodable { var kind: String? }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The shards in order 1 … n, checked: every one exactly once. `names` name them in messages.
    public static func ordered<T>(_ shards: [(name: String, file: T)], shard: (T) -> Shard) throws -> [(name: String, file: T)] {
        guard let first = shards.first?.file else { throw Problem(description: "no shard to merge") }
        let n = shard(first).count
        let byIndex = Dictionary(grouping: shards, by: { shard($0.file).index })
        if let twice = byIndex.first(where: { $0.value.count > 1 }) {
            throw Problem(description: "shard \(twice.key)/\(n) given twice: \(twice.value.map(\.name).joined(separator: ", "))")
        }
        let missing = (1...n).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw Problem(description: "shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing")
        }
        return (1...n).map { byIndex[$0]![0] }
    }

    /// The shards of one run, checked and in order, as one result per scenario: every shard
    /// from 1 to n exactly once, all of the same run. `names` name the shards in messages.
    /// With `compare --robust`, the draws of every shard too, in order.
    public static func merge(_ shards: [(name: String, file: ShardFile)]) throws -> (results: [ExperimentResult], robustness: Robustness.Part?) {
        guard let first = shards.first?.file else { throw Problem(description: "no shard to merge") }
        for s in shards where !s.file.sameRun(as: first) {
            throw Problem(description: "\(s.name): a shard of another run than \(shards[0].name) (scenarios, seed, replications, "
                          + "--keep-persons, baseline, robustness draws or number of shards differ)")
        }
        let named = try ordered(shards, shard: \.shard)
        for (name, s) in named {
            let expected = s.shard.range(of: s.replications).count
            guard s.results.count == first.results.count, s.results.allSatisfy({ $0.count == expected }) else {
                throw Problem(description: "\(name)/shard.json: expected \(expected) replications of each of \(first.results.count) scenarios "
                              + "(is the file damaged?)")
            }
            for (k, r) in s.results.enumerated() {
                let model = named[0].file.results[k]
                guard r.scenario == model.scenario, r.keys == model.keys || r.keys.isEmpty || model.keys.isEmpty, r.months == model.months,
                      r.municipalities == model.municipalities, r.legalTermDays == model.legalTermDays else {
                    throw Problem(description: "\(name)/shard.json: scenario \(k + 1) is not the one of \(named[0].name) (is the file damaged?)")
                }
                if let problem = r.inconsistency {
                    throw Problem(description: "\(name)/shard.json: scenario \(k + 1): \(problem) (is the file damaged?)")
                }
            }
        }
        var robustness = first.robustness
        if var part = robustness {
            for (name, s) in named {
                let expected = s.shard.range(of: part.draws).count, metrics = part.metrics.count, scenarios = first.results.count
                guard let p = s.robustness, p.samples.count == expected,
                      p.samples.allSatisfy({ $0.u.count == part.inputs.count && $0.means.count == metrics && $0.means.allSatisfy { $0.count == scenarios } }) else {
                    throw Problem(description: "\(name)/shard.json: expected \(expected) robustness draws of \(scenarios) scenarios (is the file damaged?)")
                }
            }
            part.samples = named.flatMap { $0.file.robustness!.samples }
            part.failed = named.flatMap { $0.file.robustness!.failed }
            robustness = part
        }
        let ordered = named.map(\.file)
        return (first.results.indices.map { k in ExperimentResult.joining(ordered.map { $0.results[k] }) }, robustness)
    }
}

extension ExperimentResult {
    /// What in a result read from a file does not fit together (the writers index by it), if anything.
    var inconsistency: String? {
        for (i, r) in replications.enumerated() {
            if r.values.count != keys.count { return "replication \(i) has \(r.values.count) values for \(keys.count) metrics" }
            if let p = r.persons?.first(where: { !municipalities.indices.contains($0.municipality) }) {
                return "replication \(i) has a person of municipality \(p.municipality) of \(municipalities.count)"
            }
        }
        let widths = [(ChainState.allCases.count, \ReplicationSummary.wip, "wip"), (MonteCarlo.throughputSeries.count, \.throughput, "throughput"),
                      (MonteCarlo.coverageSeries.count, \.coverage, "coverage")]
        for (i, r) in replications.enumerated() {
            for (width, series, name) in widths where r[keyPath: series].contains(where: { $0.count != width }) {
                return "replication \(i) has a \(name) row without \(width) series"
            }
        }
        return nil
    }
}

/// shard.json of `sensitivity --shard i/n`: the shard's share of the tornado's replications
/// and of the Sobol design's points, with what `ketensim merge` needs to write the results.
public struct SensitivityShardFile: Codable, Sendable {
    public var kind = "sensitivity"
    public var shard: Shard
    public var run: Run
    /// Per tornado scenario (the base, then each input's low and high), per metric, the
    /// values of the shard's replications.
    public var tornado: [[[Double]]]
    /// Per Sobol point of the shard, the metrics' means.
    public var sobol: [[Double]]

    /// What makes the shards one run: the same for every shard of it.
    public struct Run: Codable, Sendable, Equatable {
        public var file: String
        /// The scenario's merged content hash (as the manifest's `merged_fnv1a64`).
        public var scenarioHash: String
        public var seed: UInt64
        public var replications: Int
        public var metrics: [String]
        /// Every input (the Sobol design's), those with a bar, and those left out with why.
        public var inputs: [Sensitivity.Input]
        public var tornadoInputs: [Sensitivity.Input]
        public var skipped: [String]
        public var sobolBase: Int
        public var sobolReplications: Int
        public var shards: Int
        public init(file: String, scenarioHash: String, seed: UInt64, replications: Int, metrics: [String], inputs: [Sensitivity.Input],
                    tornadoInputs: [Sensitivity.Input], skipped: [String], sobolBase: Int, sobolReplications: Int, shards: Int) {
            self.file = file; self.scenarioHash = scenarioHash; self.seed = seed; self.replications = replications; self.metrics = metrics
            self.inputs = inputs; self.tornadoInputs = tornadoInputs; self.skipped = skipped; self.sobolBase = sobolBase
            self.sobolReplications = sobolReplications; self.shards = shards
        }
        /// Points of the Sobol design: n (k + 2), or none.
        public var sobolPoints: Int { sobolBase == 0 ? 0 : sobolBase * (inputs.count + 2) }
    }

    public init(shard: Shard, run: Run, tornado: [[[Double]]], sobol: [[Double]]) {
        self.shard = shard; self.run = run; self.tornado = tornado; self.sobol = sobol
    }

    public func encoded() throws -> Data { try ShardFile.encode(self) }
    public static func decode(_ data: Data) throws -> SensitivityShardFile { try ShardFile.decode(SensitivityShardFile.self, data) }

    /// The shards of one sensitivity run, checked and joined: the tornado's values over every
    /// replication, the Sobol values at every point.
    public static func merge(_ shards: [(name: String, file: SensitivityShardFile)]) throws -> (run: Run, tornado: [[[Double]]], sobol: [[Double]]) {
        guard let first = shards.first?.file else { throw ShardFile.Problem(description: "no shard to merge") }
        for s in shards where s.file.run != first.run {
            throw ShardFile.Problem(description: "\(s.name): a shard of another sensitivity run than \(shards[0].name) (scenario, seed, "
                                    + "replications, metrics, inputs, Sobol design or number of shards differ)")
        }
        let named = try ShardFile.ordered(shards, shard: \.shard)
        let run = first.run, scenarios = 1 + 2 * run.tornadoInputs.count
        for (name, s) in named {
            let reps = s.shard.range(of: run.replications).count, points = s.shard.range(of: run.sobolPoints).count
            guard s.tornado.count == scenarios, s.tornado.allSatisfy({ $0.count == run.metrics.count && $0.allSatisfy { $0.count == reps } }),
                  s.sobol.count == points, s.sobol.allSatisfy({ $0.count == run.metrics.count }) else {
                throw ShardFile.Problem(description: "\(name)/shard.json: expected \(reps) replications of \(scenarios) tornado scenarios and "
                                        + "\(points) Sobol points, each of \(run.metrics.count) metrics (is the file damaged?)")
            }
        }
        let tornado = (0..<scenarios).map { c in (0..<run.metrics.count).map { m in named.flatMap { $0.file.tornado[c][m] } } }
        return (run, tornado, named.flatMap(\.file.sobol))
    }
}
