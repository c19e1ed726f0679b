import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports

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

    /// Every scenario's files, comparison.csv and comparison.json (not the manifest).
    static func write(_ dir: OutputDirectory, _ results: [ExperimentResult], baseline b: Int) throws
        -> (summaries: [[MetricKey: MetricSummary]], diffs: [Difference], json: String) {
        let summaries = results.map(Summaries.summarise)
        let diffs = Comparison.differences(results, baseline: b)
        for (r, s) in zip(results, summaries) { try writeScenarioFiles(dir, prefix: slug(r.scenario) + "-", r, s) }
        try dir.write("comparison.csv", Writers.comparisonCSV(results, summaries, diffs))
        let json = Writers.comparisonJSON(results, summaries, diffs, baseline: results[b].scenario)
        try dir.write("comparison.json", json)
        return (summaries, diffs, json)
    }

    func validate() throws {
        if files.count < 2 { throw ValidationError("compare needs at least two scenario files") }
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
        if let shard = options.parsedShard {
            try checkBudget(loaded, options, replications: shard.range(of: replications).count)
            return try runShard(loaded, options, shard: shard, replications: replications, baseline: b, defaultParent: parent)
        }
        try checkBudget(loaded, options, replications: replications)
        let start = Date()
        let dir = try openOutput(options.out, defaultParent: parent, start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        var results: [ExperimentResult] = []
        for l in loaded {
            let r = runExperiment(l, options, replications: replications, precision: nil, maxReplications: 0, cancel: cancel)
            if r.cancelled { throw interrupted(dir, done: results.reduce(r.count) { $0 + $1.count }, cancel: cancel) }
            results.append(r)
        }
        let (summaries, diffs, comparisonJSON) = try Self.write(dir, results, baseline: b)
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
            print("results: \(dir.final.path)")
        }
    }
}
