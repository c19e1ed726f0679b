import Foundation

// The JSON result files, one type each: the commands write these values and the report reads
// them back, so a renamed or retyped field is a compile error on both sides, not a "–" in a
// report. Field names in the files are snake_case (pandas and R read them); `Figure` fields
// hold NaN for "no value" and write it as null.

/// A metric's statistics over the replications (`MetricSummary` as written).
public struct MetricStatistics: Codable, Sendable, Equatable {
    @Figure public var mean: Double
    @Figure public var ci95: [Double]
    @Figure public var p10: Double
    @Figure public var p50: Double
    @Figure public var p90: Double
    /// Replications in which the metric had a value.
    public var n: Int

    public init(mean: Double, ci95: [Double], p10: Double, p50: Double, p90: Double, n: Int) {
        self.mean = mean; self.ci95 = ci95; self.p10 = p10; self.p50 = p50; self.p90 = p90; self.n = n
    }
}

/// summary.json: one scenario's metrics over its replications, for group "all" (`metrics`)
/// and per group (`groups`, by `MetricGroup` description).
public struct SummaryFile: Codable, Sendable, Equatable {
    public var scenario: String
    /// A whole number from 1 to `SummaryFile.largestReplications`; anything else does not read.
    public var replications: Int
    public var seed: UInt64
    /// The legal term the run counted (days from its start to the PIP).
    public var legalTermDays: Double
    public var metrics: [String: MetricStatistics]
    public var groups: [String: [String: MetricStatistics]]

    public static let largestReplications = 100_000
    /// What a field must hold, for the message when a file does not read (`ResultJSON.read`).
    public static let expected = [
        "replications": "a whole number from 1 to \(largestReplications)",
        "legal_term_days": "a number of days in (0, 3650] (a folder written before it was recorded: run it again)",
    ]

    enum CodingKeys: String, CodingKey {
        case scenario, replications, seed, metrics, groups
        case legalTermDays = "legal_term_days"
    }

    public init(scenario: String, replications: Int, seed: UInt64, legalTermDays: Double,
                metrics: [String: MetricStatistics], groups: [String: [String: MetricStatistics]]) {
        self.scenario = scenario; self.replications = replications; self.seed = seed; self.legalTermDays = legalTermDays
        self.metrics = metrics; self.groups = groups
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try c.decode(String.self, forKey: .scenario)
        // Read as a number first: 1e300 or 2.5 must say "replications", not "not valid JSON".
        let r = try c.decode(Double.self, forKey: .replications)
        guard r >= 1, r <= Double(Self.largestReplications), r == r.rounded() else {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.replications], debugDescription: Self.expected["replications"]!))
        }
        replications = Int(r)
        seed = try c.decode(UInt64.self, forKey: .seed)
        legalTermDays = try c.decode(Double.self, forKey: .legalTermDays)
        metrics = try c.decode([String: MetricStatistics].self, forKey: .metrics)
        groups = try c.decode([String: [String: MetricStatistics]].self, forKey: .groups)
    }

    /// A metric's statistics in a group ("all" for the whole scenario).
    public func statistics(_ name: String, group: String = "all") -> MetricStatistics? {
        group == "all" ? metrics[name] : groups[group]?[name]
    }

    /// The names of a group's metrics (group "all": `metrics`).
    public func names(group: String = "all") -> Dictionary<String, MetricStatistics>.Keys? {
        group == "all" ? metrics.keys : groups[group]?.keys
    }
}

/// comparison.json: every scenario's summary and the paired differences from the baseline.
public struct ComparisonFile: Codable, Sendable, Equatable {
    public var baseline: String
    public var scenarios: [SummaryFile]
    public var differences: [DifferenceEntry]

    public struct DifferenceEntry: Codable, Sendable, Equatable {
        public var metric: String
        public var group: String
        public var scenario: String
        public var baseline: String
        @Figure public var mean: Double
        /// Bonferroni-adjusted interval.
        @Figure public var ci: [Double]
        @Figure public var level: Double
        public var significant: Bool

        public init(metric: String, group: String, scenario: String, baseline: String, mean: Double, ci: [Double], level: Double, significant: Bool) {
            self.metric = metric; self.group = group; self.scenario = scenario; self.baseline = baseline
            self.mean = mean; self.ci = ci; self.level = level; self.significant = significant
        }
    }

    public init(baseline: String, scenarios: [SummaryFile], differences: [DifferenceEntry]) {
        self.baseline = baseline; self.scenarios = scenarios; self.differences = differences
    }
}

/// manifest.json: what is needed to reproduce and report a run (STRESS-DES, Monks et al.
/// 2019: 1.2 model purpose and version, 3.3 input data and their sources, 4.1–4.3
/// experimentation, 5.1–5.4 implementation). `stressDES` names, per item, the fields that
/// hold it.
public struct ManifestFile: Codable, Sendable, Equatable {
    public var tool: Tool
    public var commandLine: String
    public var createdUTC: String
    public var scenarios: [Scenario]
    public var randomNumbers: RandomNumbers
    public var experiment: Experiment
    public var machine: Machine
    public var stressDES: [String: String]

    enum CodingKeys: String, CodingKey {
        case tool, scenarios, experiment, machine
        case commandLine = "command_line", createdUTC = "created_utc", randomNumbers = "random_numbers", stressDES = "stress_des"
    }

    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        public var gitCommit: String
        enum CodingKeys: String, CodingKey { case name, version, gitCommit = "git_commit" }
        public init(name: String, version: String, gitCommit: String) { self.name = name; self.version = version; self.gitCommit = gitCommit }
    }

    public struct Scenario: Codable, Sendable, Equatable {
        public var name: String
        public var file: String
        public var files: [InputFile]
        public var mergedFNV1a64: String
        public var horizon: Horizon
        /// Parameter path → its source.
        public var sources: [String: String]
        /// Parameter path → its merged value as short text.
        public var parameters: [String: String]
        public var observed: [ObservedFigure]
        public var valuesWithoutSource: [String]

        enum CodingKeys: String, CodingKey {
            case name, file, files, horizon, sources, parameters, observed
            case mergedFNV1a64 = "merged_fnv1a64", valuesWithoutSource = "values_without_source"
        }

        public init(name: String, file: String, files: [InputFile], mergedFNV1a64: String, horizon: Horizon, sources: [String: String],
                    parameters: [String: String], observed: [ObservedFigure], valuesWithoutSource: [String]) {
            self.name = name; self.file = file; self.files = files; self.mergedFNV1a64 = mergedFNV1a64; self.horizon = horizon
            self.sources = sources; self.parameters = parameters; self.observed = observed; self.valuesWithoutSource = valuesWithoutSource
        }
    }

    public struct InputFile: Codable, Sendable, Equatable {
        public var path: String
        public var fnv1a64: String
        public init(path: String, fnv1a64: String) { self.path = path; self.fnv1a64 = fnv1a64 }
    }

    public struct Horizon: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        public init(start: String, end: String) { self.start = start; self.end = end }
    }

    /// A scenario's `observed:` figure (a DUO snapshot) as its file gives it.
    public struct ObservedFigure: Codable, Sendable, Equatable {
        public var date: String
        public var municipality: String?
        public var stream: String
        public var total: Double
        public var withPIP: Double
        public var routes: [String: Double]?
        enum CodingKeys: String, CodingKey { case date, municipality, stream, total, routes, withPIP = "with_pip" }
        public init(date: String, municipality: String?, stream: String, total: Double, withPIP: Double, routes: [String: Double]?) {
            self.date = date; self.municipality = municipality; self.stream = stream; self.total = total; self.withPIP = withPIP; self.routes = routes
        }
    }

    public struct RandomNumbers: Codable, Sendable, Equatable {
        public var library: String
        public var generator: String
        public var streamDerivation: String
        public var streams: String
        public var masterSeed: UInt64
        enum CodingKeys: String, CodingKey {
            case library, generator, streams
            case streamDerivation = "stream_derivation", masterSeed = "master_seed"
        }
        public init(library: String, generator: String, streamDerivation: String, streams: String, masterSeed: UInt64) {
            self.library = library; self.generator = generator; self.streamDerivation = streamDerivation; self.streams = streams; self.masterSeed = masterSeed
        }
    }

    public struct Experiment: Codable, Sendable, Equatable {
        public var replications: Int
        @Figure public var precisionTarget: Double?
        public var initialisation: String
        public var runLength: String
        public var jobs: Int
        public var events: Int
        public var wallSeconds: Double
        public var determinism: String
        /// The shards a merged run was made of (`ketensim merge`); absent for a run made whole.
        public var shards: Int?
        enum CodingKeys: String, CodingKey {
            case replications, initialisation, jobs, events, determinism, shards
            case precisionTarget = "precision_target", runLength = "run_length", wallSeconds = "wall_seconds"
        }
        public init(replications: Int, precisionTarget: Double?, initialisation: String, runLength: String, jobs: Int, events: Int,
                    wallSeconds: Double, determinism: String) {
            self.replications = replications; self.precisionTarget = precisionTarget; self.initialisation = initialisation
            self.runLength = runLength; self.jobs = jobs; self.events = events; self.wallSeconds = wallSeconds; self.determinism = determinism
        }
    }

    public struct Machine: Codable, Sendable, Equatable {
        public var host: String
        public var os: String
        public var cores: Int
        public var memoryBytes: UInt64
        enum CodingKeys: String, CodingKey { case host, os, cores, memoryBytes = "memory_bytes" }
        public init(host: String, os: String, cores: Int, memoryBytes: UInt64) {
            self.host = host; self.os = os; self.cores = cores; self.memoryBytes = memoryBytes
        }
    }

    public init(tool: Tool, commandLine: String, createdUTC: String, scenarios: [Scenario], randomNumbers: RandomNumbers,
                experiment: Experiment, machine: Machine, stressDES: [String: String]) {
        self.tool = tool; self.commandLine = commandLine; self.createdUTC = createdUTC; self.scenarios = scenarios
        self.randomNumbers = randomNumbers; self.experiment = experiment; self.machine = machine; self.stressDES = stressDES
    }
}

/// sizing.json (`ketensim size`): per scenario the cheapest configuration that holds every
/// service level, with the static estimate beside it.
public struct SizingFile: Codable, Sendable, Equatable {
    public var spec: String
    public var seed: UInt64
    public var scenarios: [Scenario]

    public struct Scenario: Codable, Sendable, Equatable {
        public var scenario: String
        public var feasible: Bool
        /// Variable name → the spreadsheet answer (workload ÷ productive hours; caseload ÷ cap).
        @Figure public var staticEstimate: [String: Double]
        /// The cheapest configuration that holds every level; absent when none within the bounds does.
        public var chosen: Judgement?
        public var atUpperBounds: Judgement
        public var cheaperFailing: [Judgement]
        public var configurationsJudged: Int
        public var replicationsRun: Int
        public var wallSeconds: Double
        /// Utilisation and caseload per FTE per pool at the chosen (or upper-bound) size.
        public var pools: [Pool]

        enum CodingKeys: String, CodingKey {
            case scenario, feasible, chosen, pools
            case staticEstimate = "static_estimate", atUpperBounds = "at_upper_bounds", cheaperFailing = "cheaper_failing"
            case configurationsJudged = "configurations_judged", replicationsRun = "replications_run", wallSeconds = "wall_seconds"
        }

        public init(scenario: String, feasible: Bool, staticEstimate: [String: Double], chosen: Judgement?, atUpperBounds: Judgement,
                    cheaperFailing: [Judgement], configurationsJudged: Int, replicationsRun: Int, wallSeconds: Double, pools: [Pool]) {
            self.scenario = scenario; self.feasible = feasible; self.staticEstimate = staticEstimate; self.chosen = chosen
            self.atUpperBounds = atUpperBounds; self.cheaperFailing = cheaperFailing; self.configurationsJudged = configurationsJudged
            self.replicationsRun = replicationsRun; self.wallSeconds = wallSeconds; self.pools = pools
        }
    }

    public struct Judgement: Codable, Sendable, Equatable {
        /// Variable name → value.
        public var values: [String: Double]
        public var costPerYear: Double
        public var replications: Int
        public var holds: Bool
        public var levels: [Level]
        enum CodingKeys: String, CodingKey { case values, replications, holds, levels, costPerYear = "cost_per_year" }
        public init(values: [String: Double], costPerYear: Double, replications: Int, holds: Bool, levels: [Level]) {
            self.values = values; self.costPerYear = costPerYear; self.replications = replications; self.holds = holds; self.levels = levels
        }
    }

    public struct Level: Codable, Sendable, Equatable {
        public var level: String
        /// `at_least` or `at_most`.
        public var direction: String
        public var target: Double
        public var confidence: Double
        @Figure public var mean: Double
        @Figure public var bound: Double
        public var holds: Bool
        @Figure public var shortfall: Double
        public init(level: String, direction: String, target: Double, confidence: Double, mean: Double, bound: Double, holds: Bool, shortfall: Double) {
            self.level = level; self.direction = direction; self.target = target; self.confidence = confidence
            self.mean = mean; self.bound = bound; self.holds = holds; self.shortfall = shortfall
        }
    }

    public struct Pool: Codable, Sendable, Equatable {
        public var pool: String
        @Figure public var utilisation: Double
        @Figure public var caseloadPerFTE: Double
        enum CodingKeys: String, CodingKey { case pool, utilisation, caseloadPerFTE = "caseload_per_fte" }
        public init(pool: String, utilisation: Double, caseloadPerFTE: Double) {
            self.pool = pool; self.utilisation = utilisation; self.caseloadPerFTE = caseloadPerFTE
        }
    }

    public init(spec: String, seed: UInt64, scenarios: [Scenario]) { self.spec = spec; self.seed = seed; self.scenarios = scenarios }
}

/// sensitivity.json (`ketensim sensitivity`): the tornado and, when asked, Sobol indices.
public struct SensitivityFile: Codable, Sendable, Equatable {
    public var file: String
    public var seed: UInt64
    public var replications: Int
    public var modelRuns: Int
    /// Inputs left out, with why.
    public var skipped: [String]
    public var tornado: [Bar]
    public var sobol: [SobolIndex]?
    public var sobolPoints: Int?

    enum CodingKeys: String, CodingKey {
        case file, seed, replications, skipped, tornado, sobol
        case modelRuns = "model_runs", sobolPoints = "sobol_points"
    }

    public struct Bar: Codable, Sendable, Equatable {
        public var input: String
        public var baseValue: Double
        public var lowValue: Double
        public var highValue: Double
        public var metric: String
        @Figure public var baseMean: Double
        /// Change of the metric's mean at the input's low value, with its 95 % CI.
        @Figure public var effectLow: Double
        @Figure public var effectLowCI95: [Double]
        @Figure public var effectHigh: Double
        @Figure public var effectHighCI95: [Double]
        enum CodingKeys: String, CodingKey {
            case input, metric
            case baseValue = "base_value", lowValue = "low_value", highValue = "high_value", baseMean = "base_mean"
            case effectLow = "effect_low", effectLowCI95 = "effect_low_ci95", effectHigh = "effect_high", effectHighCI95 = "effect_high_ci95"
        }
        public init(input: String, baseValue: Double, lowValue: Double, highValue: Double, metric: String, baseMean: Double,
                    effectLow: Double, effectLowCI95: [Double], effectHigh: Double, effectHighCI95: [Double]) {
            self.input = input; self.baseValue = baseValue; self.lowValue = lowValue; self.highValue = highValue; self.metric = metric
            self.baseMean = baseMean; self.effectLow = effectLow; self.effectLowCI95 = effectLowCI95; self.effectHigh = effectHigh
            self.effectHighCI95 = effectHighCI95
        }
        /// The largest effect, either way.
        public var swing: Double { max(abs(effectLow), abs(effectHigh)) }
    }

    public struct SobolIndex: Codable, Sendable, Equatable {
        public var metric: String
        public var input: String
        @Figure public var firstOrder: Double
        @Figure public var total: Double
        enum CodingKeys: String, CodingKey { case metric, input, total, firstOrder = "first_order" }
        public init(metric: String, input: String, firstOrder: Double, total: Double) {
            self.metric = metric; self.input = input; self.firstOrder = firstOrder; self.total = total
        }
    }

    public init(file: String, seed: UInt64, replications: Int, modelRuns: Int, skipped: [String], tornado: [Bar],
                sobol: [SobolIndex]? = nil, sobolPoints: Int? = nil) {
        self.file = file; self.seed = seed; self.replications = replications; self.modelRuns = modelRuns; self.skipped = skipped
        self.tornado = tornado; self.sobol = sobol; self.sobolPoints = sobolPoints
    }
}

/// calibration.json (`ketensim calibrate`): the posterior and the fit per target.
public struct CalibrationFile: Codable, Sendable, Equatable {
    public var spec: String
    public var seed: UInt64
    public var runID: String
    public var pointsEvaluated: Int
    public var accepted: Int
    public var replicationsPerPointAndFile: Int
    public var posterior: [Posterior]
    public var fit: [Fit]
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey {
        case spec, seed, accepted, posterior, fit
        case runID = "run_id", pointsEvaluated = "points_evaluated", replicationsPerPointAndFile = "replications_per_point_and_file"
        case wallSeconds = "wall_seconds"
    }

    public struct Posterior: Codable, Sendable, Equatable {
        public var parameter: String
        public var path: String
        /// [low, high]
        public var prior: [Double]
        @Figure public var mean: Double
        @Figure public var p05: Double
        @Figure public var p50: Double
        @Figure public var p95: Double
        /// "accepted", or "closest 10 (none accepted)".
        public var from: String
        public init(parameter: String, path: String, prior: [Double], mean: Double, p05: Double, p50: Double, p95: Double, from: String) {
            self.parameter = parameter; self.path = path; self.prior = prior; self.mean = mean; self.p05 = p05; self.p50 = p50; self.p95 = p95; self.from = from
        }
    }

    public struct Fit: Codable, Sendable, Equatable {
        public var file: String
        public var target: String
        public var group: String
        public var observed: Double
        @Figure public var modelMean: Double
        @Figure public var modelP05: Double
        @Figure public var modelP95: Double
        /// The final acceptance range [low, high].
        public var range: [Double]
        public var inside: Bool
        enum CodingKeys: String, CodingKey {
            case file, target, group, observed, range, inside
            case modelMean = "model_mean", modelP05 = "model_p05", modelP95 = "model_p95"
        }
        public init(file: String, target: String, group: String, observed: Double, modelMean: Double, modelP05: Double, modelP95: Double,
                    range: [Double], inside: Bool) {
            self.file = file; self.target = target; self.group = group; self.observed = observed; self.modelMean = modelMean
            self.modelP05 = modelP05; self.modelP95 = modelP95; self.range = range; self.inside = inside
        }
    }

    public init(spec: String, seed: UInt64, runID: String, pointsEvaluated: Int, accepted: Int, replicationsPerPointAndFile: Int,
                posterior: [Posterior], fit: [Fit], wallSeconds: Double) {
        self.spec = spec; self.seed = seed; self.runID = runID; self.pointsEvaluated = pointsEvaluated; self.accepted = accepted
        self.replicationsPerPointAndFile = replicationsPerPointAndFile; self.posterior = posterior; self.fit = fit; self.wallSeconds = wallSeconds
    }
}

/// The calibration's resume cache, one line per point: values and model means as the hex bit
/// patterns of the doubles, so a resumed run equals an uninterrupted one bit for bit.
public struct CalibrationCacheLine: Codable, Sendable, Equatable {
    public var values: [String]
    public var model: [String]

    public init(values: [Double], model: [Double]) {
        self.values = values.map { String($0.bitPattern, radix: 16) }
        self.model = model.map { String($0.bitPattern, radix: 16) }
    }

    /// The values and model means, or nil when a pattern does not read.
    public var decoded: (values: [Double], model: [Double])? {
        let read = { (xs: [String]) in xs.compactMap { UInt64($0, radix: 16).map(Double.init(bitPattern:)) } }
        let v = read(values), m = read(model)
        return v.count == values.count && m.count == model.count ? (v, m) : nil
    }
}

/// The JSON of `mca --out` / `--json`: the weighted-sum table and, with `--smaa`, rank
/// acceptability and central weights.
public struct MCAFile: Codable, Sendable, Equatable {
    public var name: String
    public var clusters: [Cluster]
    /// Alternative → weighted total.
    @Figure public var totals: [String: Double]
    @Figure public var meanWeight: Double
    public var smaa: SMAA?

    enum CodingKeys: String, CodingKey { case name, clusters, totals, smaa, meanWeight = "mean_weight" }

    public struct Cluster: Codable, Sendable, Equatable {
        public var name: String
        @Figure public var meanWeight: Double
        /// Alternative → score.
        @Figure public var scores: [String: Double]
        enum CodingKeys: String, CodingKey { case name, scores, meanWeight = "mean_weight" }
        public init(name: String, meanWeight: Double, scores: [String: Double]) { self.name = name; self.meanWeight = meanWeight; self.scores = scores }
    }

    public struct SMAA: Codable, Sendable, Equatable {
        public var samples: Int
        public var seed: UInt64
        /// Alternative → share of samples at rank 1, 2, …
        @Figure public var rankAcceptability: [String: [Double]]
        /// Alternative → criterion → mean weight where it ranks first; null when it never does.
        @Figure public var centralWeights: [String: [String: Double]?]
        enum CodingKeys: String, CodingKey {
            case samples, seed
            case rankAcceptability = "rank_acceptability", centralWeights = "central_weights"
        }
        public init(samples: Int, seed: UInt64, rankAcceptability: [String: [Double]], centralWeights: [String: [String: Double]?]) {
            self.samples = samples; self.seed = seed; self.rankAcceptability = rankAcceptability; self.centralWeights = centralWeights
        }
    }

    public init(name: String, clusters: [Cluster], totals: [String: Double], meanWeight: Double, smaa: SMAA?) {
        self.name = name; self.clusters = clusters; self.totals = totals; self.meanWeight = meanWeight; self.smaa = smaa
    }
}

/// robustness.json (`ketensim compare --robust N`): how sure the choice between scenarios is
/// over the inputs the sources leave open.
public struct RobustnessFile: Codable, Sendable, Equatable {
    public var scenarios: [String]
    public var samples: Int
    public var replications: Int
    public var seed: UInt64
    /// The ± share for numbers sourced as an assumption; nil: only `range:` values varied.
    public var assumptions: Double?
    public var inputs: [Input]
    /// Inputs a scenario could not take at an end of their range, with why.
    public var skipped: [String]
    /// Draws in which a scenario could not be set up, with why.
    public var failed: [String]
    public var metrics: [Ranking]

    enum CodingKeys: String, CodingKey { case scenarios, samples, replications, seed, assumptions, inputs, skipped, failed, metrics }

    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        /// Per scenario, [low, high]; null where the scenario keeps its own value.
        public var ranges: [[Double]?]
        public var whole: Bool
        public init(path: String, ranges: [[Double]?], whole: Bool) { self.path = path; self.ranges = ranges; self.whole = whole }
    }

    public struct Ranking: Codable, Sendable, Equatable {
        public var metric: String
        /// "higher" or "lower".
        public var better: String
        @Figure public var meanOverDraws: [Double]
        /// P(ranks first), per scenario.
        public var pFirst: [Double]
        /// pBetter[a][b] = P(a better than b).
        public var pBetter: [[Double]]
        public var leader: String
        public var flips: [Flip]
        enum CodingKeys: String, CodingKey {
            case metric, better, leader, flips
            case meanOverDraws = "mean_over_draws", pFirst = "p_first", pBetter = "p_better"
        }
        public init(metric: String, better: String, meanOverDraws: [Double], pFirst: [Double], pBetter: [[Double]], leader: String, flips: [Flip]) {
            self.metric = metric; self.better = better; self.meanOverDraws = meanOverDraws; self.pFirst = pFirst; self.pBetter = pBetter
            self.leader = leader; self.flips = flips
        }
    }

    /// An input's hold on the leader's margin over the best other scenario.
    public struct Flip: Codable, Sendable, Equatable {
        public var input: String
        /// Spearman's correlation of the input's value with the leader's margin.
        @Figure public var rho: Double
        @Figure public var z: Double
        /// |z| beyond the Bonferroni bound over the inputs (5 %, two-sided).
        public var significant: Bool
        /// P(the leader ranks first) with the input in the lower and the upper half of its range.
        @Figure public var leaderFirstLow: Double
        @Figure public var leaderFirstHigh: Double
        enum CodingKeys: String, CodingKey {
            case input, rho, z, significant
            case leaderFirstLow = "leader_first_low", leaderFirstHigh = "leader_first_high"
        }
        public init(input: String, rho: Double, z: Double, significant: Bool, leaderFirstLow: Double, leaderFirstHigh: Double) {
            self.input = input; self.rho = rho; self.z = z; self.significant = significant
            self.leaderFirstLow = leaderFirstLow; self.leaderFirstHigh = leaderFirstHigh
        }
    }

    public init(scenarios: [String], samples: Int, replications: Int, seed: UInt64, assumptions: Double?, inputs: [Input],
                skipped: [String], failed: [String], metrics: [Ranking]) {
        self.scenarios = scenarios; self.samples = samples; self.replications = replications; self.seed = seed
        self.assumptions = assumptions; self.inputs = inputs; self.skipped = skipped; self.failed = failed; self.metrics = metrics
    }
}
