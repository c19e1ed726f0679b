import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios with common random numbers and compare them with a baseline.",
        discussion: """
            Every scenario runs the same replication indices with the same seed, so replication i of \
            each sees the same people; differences are paired per replication, with Bonferroni-adjusted \
            intervals. Writes each scenario's files into a subfolder plus comparison.csv and comparison.json.
            """
    )

    @Argument(help: "Scenario files (YAML); the first is the baseline unless --baseline names another.")
    var files: [String]
    @OptionGroup var options: ExperimentOptions
    @Option(help: "Scenario name (or file) to compare against.") var baseline: String?
    @Flag(help: "Compare scenarios with different municipalities, horizons or inflow (the pairing per person is then meaningless).")
    var allowDifferent = false
    @Option(help: ArgumentHelp("Also say how sure the ranking is: draw the uncertain inputs (every `range:`, and numbers sourced as an assumption, "
                               + "see --robust-assumptions) N times and rank the scenarios at each draw. Writes robustness.json and robustness.csv; "
                               + "with --shard, each shard runs its share of the draws.",
                               valueName: "N"))
    var robust = 0
    @Option(help: "Replications per scenario at each robustness draw (common random numbers within a draw).") var robustReplications = 20
    @Option(help: "± share for numbers sourced as an assumption in the robustness draws (0: only values with a `range:`).")
    var robustAssumptions = 0.25
    @Option(help: "Metrics the robustness ranks (each must have a better direction).")
    var robustMetric: [String] = Robust.defaultMetrics

    static let tableMetrics = MetricCatalogue.comparisonTable

    /// What makes the scenarios' people differ (municipalities, horizon, inflow), if anything.
    static func difference(_ loaded: [LoadedScenario]) -> String? {
        guard let first = loaded.first?.scenario else { return nil }
        for l in loaded.dropFirst() {
            let s = l.scenario
            if s.municipalities != first.municipalities { return "\(l.file): other municipalities than \(loaded[0].file)" }
            if s.horizon != first.horizon { return "\(l.file): another horizon than \(loaded[0].file)" }
            if s.inflow != first.inflow || s.duo != first.duo { return "\(l.file): another inflow than \(loaded[0].file)" }
        }
        return nil
    }

    /// Every scenario's files, comparison.csv and comparison.json (not the manifest). The
    /// scenarios' summaries and files are made `jobs` at a time: each scenario's are its own.
    static func write(_ dir: OutputDirectory, _ results: [ExperimentResult], baseline b: Int, jobs: Int) throws
        -> (summaries: [[MetricKey: MetricSummary]], diffs: [Difference], json: String) {
        let summaries = try parallelMap(results.count, jobs: jobs) { i in
            Result { () throws -> [MetricKey: MetricSummary] in
                let s = Summaries.summarise(results[i])
                try writeScenarioFiles(dir, prefix: slug(results[i].scenario) + "-", results[i], s)
                return s
            }
        }.map { try $0.get() }
        let diffs = Comparison.differences(results, baseline: b)
        try dir.write("comparison.csv", Writers.comparisonCSV(results, summaries, diffs))
        let json = Writers.comparisonJSON(results, summaries, diffs, baseline: results[b].scenario)
        try dir.write("comparison.json", json)
        return (summaries, diffs, json)
    }

    func validate() throws {
        if files.count < 2 { throw ValidationError("compare needs at least two scenario files") }
        if robust < 0 || robust > 10_000 { throw ValidationError("--robust must lie in 0…10000, got \(robust)") }
        if robustReplications < 2 || robustReplications > 10_000 {
            throw ValidationError("--robust-replications must lie between 2 and 10000, got \(robustReplications)")
        }
        if !(robustAssumptions >= 0 && robustAssumptions < 1) { throw ValidationError("--robust-assumptions must lie in [0, 1), got \(robustAssumptions)") }
        for m in robustMetric where Metric(resultName: m)?.better == nil || !MetricCatalogue.knows(m) {
            throw ValidationError("--robust-metric \(m): not a metric that is better one way (e.g. \(Robust.defaultMetrics.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let loaded = try loadScenarios(files)
        let names = loaded.map(\.scenario.name)
        var b = 0
        if let baseline {
            guard let i = loaded.firstIndex(where: { $0.scenario.name == baseline || $0.file == baseline }) else {
                printError("--baseline \(baseline): no such scenario; expected one of \(names.joined(separator: ", "))")
                throw ExitCode(1)
            }
            b = i
        }
        // Every scenario's files carry its slug: two scenarios with one slug would overwrite.
        let slugs = loaded.map { slug($0.scenario.name) }
        for (i, s) in slugs.enumerated() where slugs[..<i].contains(s) {
            printError("\(loaded[i].file): the scenario name '\(loaded[i].scenario.name)' gives the same file names as "
                       + "\(loaded[slugs.firstIndex(of: s) ?? 0].file); give each scenario a distinct `name:`")
            throw ExitCode(1)
        }
        if !allowDifferent, let problem = Self.difference(loaded) {
            printError("\(problem)\ncommon random numbers pair the same people only when municipalities, horizon and inflow agree; "
                       + "use --allow-different to compare anyway")
            throw ExitCode(1)
        }
        let replications = options.replications ?? 1000
        let parent = "Results/compare-" + slugs.joined(separator: "-vs-").prefix(150)
        // The robustness inputs are read once the budget allows the run (reading them runs every file at each input's ends).
        func robustness() throws -> Robust.Prepared? { robust > 0 ? try Robust.prepare(files, assumptions: robustAssumptions) : nil }
        if let shard = options.parsedShard {
            let draws = shard.range(of: robust)
            try checkBudget(loaded, options, replications: shard.range(of: replications).count + draws.count * robustReplications)
            return try runShard(loaded, options, shard: shard, replications: replications, baseline: b, defaultParent: parent,
                                robustness: try robustness().map { p in
                                    (Robust.part(p, metrics: robustMetric, samples: robust, replications: robustReplications),
                                     { cancel in Robust.run(p, metrics: robustMetric, samples: robust, replications: robustReplications, seed: options.seed,
                                                            jobs: options.jobs, draws: draws, cancel: cancel, quiet: options.quiet) })
                                })
        }
        try checkBudget(loaded, options, replications: replications + robust * robustReplications)
        let robustness = try robustness()
        let start = Date()
        let dir = try openOutput(options.out, defaultParent: parent, start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let results = try runEach(loaded, quiet: options.quiet) { l, done in
            let r = runExperiment(l, options, replications: replications, precision: nil, maxReplications: 0, cancel: cancel)
            if r.cancelled { throw interrupted(dir, done: done + r.count, cancel: cancel) }
            return r
        }
        let (summaries, diffs, comparisonJSON) = try Self.write(dir, results, baseline: b, jobs: options.jobs)
        var robustText = ""
        if let robustness {
            let part = Robust.run(robustness, metrics: robustMetric, samples: robust, replications: robustReplications,
                                  seed: options.seed, jobs: options.jobs, cancel: cancel, quiet: options.quiet || options.json)
            if cancel.isCancelled { throw interrupted(dir, done: results.reduce(0) { $0 + $1.count }, cancel: cancel) }
            robustText = try Robust.write(dir, part, names: names, seed: options.seed)
        }
        try dir.write("manifest.json", Manifest.json(
            tool: Ketensim.version, loaded: loaded, seed: options.seed, replications: results.first?.count ?? 0, jobs: options.jobs,
            wallSeconds: Date().timeIntervalSince(start), precision: nil, events: results.reduce(0) { $0 + $1.events }))
        if cancel.isCancelled { throw interrupted(dir, done: results.reduce(0) { $0 + $1.count }, cancel: cancel) }
        try dir.commit()
        if options.json {
            print(comparisonJSON, terminator: "")
        } else {
            let wall = Date().timeIntervalSince(start)
            print("\(names.count) scenarios × \(results.first?.count ?? 0) replications, seed \(options.seed), "
                  + "common random numbers, \(String(format: "%.1f", wall)) s")
            print(Tables.comparison(names: names, summaries: summaries, diffs: diffs, baseline: b, metrics: Self.tableMetrics))
            if !robustText.isEmpty { print(robustText) }
            print("results: \(dir.final.path)")
        }
    }
}

/// `compare --robust N`: the scenario files as templates, their uncertain inputs, the draws.
enum Robust {
    static let defaultMetrics = [Metric.pipWithinTermShare, Metric.housingToPipDays, Metric.intakeWaitDays, Metric.costPerPip].map(\.rawValue)

    struct Prepared {
        let templates: [ScenarioLoader.Template]
        let inputs: [Robustness.Input]
        let skipped: [String]
        let assumptions: Double?
    }

    static func prepare(_ files: [String], assumptions: Double) throws -> Prepared {
        do {
            let templates = try files.map(ScenarioLoader.template)
            let share = assumptions > 0 ? assumptions : nil
            let (inputs, skipped) = try Robustness.inputs(templates, assumptions: share)
            guard !inputs.isEmpty else {
                printError("\(files.joined(separator: ", ")): no uncertain inputs for --robust: give values a `range:` or set --robust-assumptions")
                throw ExitCode(1)
            }
            return Prepared(templates: templates, inputs: inputs, skipped: skipped, assumptions: share)
        } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
    }

    /// What makes a robustness run one, without draws yet.
    static func part(_ p: Prepared, metrics: [String], samples: Int, replications: Int) -> Robustness.Part {
        Robustness.Part(inputs: p.inputs, skipped: p.skipped, assumptions: p.assumptions, metrics: metrics, draws: samples, replications: replications)
    }

    /// The draws `draws` (default: all) of `samples`, as a part that `write` writes, or a shard stores.
    static func run(_ p: Prepared, metrics: [String], samples: Int, replications: Int, seed: UInt64, jobs: Int, draws: Range<Int>? = nil,
                    cancel: CancellationFlag, quiet: Bool) -> Robustness.Part {
        var part = Self.part(p, metrics: metrics, samples: samples, replications: replications)
        let count = draws?.count ?? samples
        let progress = Progress(total: count, label: "robustness", unit: "draws")
        progress.enabled = !quiet && count > 0
        (part.samples, part.failed) = Robustness.run(p.templates, inputs: p.inputs, metrics: metrics, samples: samples, replications: replications,
                                                     seed: seed, jobs: jobs, draws: draws, cancel: cancel) { done, _ in progress.update(done) }
        progress.finish()
        return part
    }

    /// robustness.json and robustness.csv of every draw, and the table: the same for a comparison on one
    /// machine and for its shards merged.
    static func write(_ dir: OutputDirectory, _ part: Robustness.Part, names: [String], seed: UInt64) throws -> String {
        let json = RobustnessFile(names: names, inputs: part.inputs, skipped: part.skipped, failed: part.failed, samples: part.samples,
                                  metrics: part.metrics, replications: part.replications, seed: seed, assumptions: part.assumptions)
        try dir.write("robustness.json", ResultJSON.text(json))
        try dir.write("robustness.csv", Writers.robustnessCSV(names: names, inputs: part.inputs, metrics: part.metrics, samples: part.samples))
        return Tables.robustness(json)
    }
}
