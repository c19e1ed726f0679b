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

    static let tableMetrics = MetricCatalogue.comparisonTable

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
        let (cancel, source) = cancelOnInterrupt()
        defer { source.cancel() }
        let start = Date()
        var results: [ExperimentResult] = []
        for l in loaded {
            let r = runExperiment(l, options, replications: options.replications ?? 1000, precision: nil,
                                  maxReplications: 0, cancel: cancel)
            if r.cancelled { throw interrupted(nil, done: results.reduce(r.count) { $0 + $1.count }) }
            results.append(r)
        }
        let summaries = results.map(Summaries.summarise)
        let diffs = Comparison.differences(results, baseline: b)
        let outURL = options.out.map { URL(fileURLWithPath: $0) }
        let parent = outURL?.deletingLastPathComponent() ?? URL(fileURLWithPath: "Results/compare-" + loaded.map { slug($0.scenario.name) }.joined(separator: "-vs-"))
        let dir = try OutputDirectory(parent: parent, name: outURL?.lastPathComponent ?? runID(start))
        for (r, s) in zip(results, summaries) { try writeScenarioFiles(dir, prefix: slug(r.scenario) + "-", r, s) }
        try dir.write("comparison.csv", Writers.comparisonCSV(results, summaries, diffs))
        let comparisonJSON = Writers.comparisonJSON(results, summaries, diffs, baseline: names[b])
        try dir.write("comparison.json", comparisonJSON)
        try dir.write("manifest.json", jsonText(Manifest.object(
            tool: Ketensim.version, loaded: loaded, seed: options.seed, replications: results.first?.count ?? 0, jobs: options.jobs,
            wallSeconds: Date().timeIntervalSince(start), precision: nil, events: results.reduce(0) { $0 + $1.events })))
        if cancel.isCancelled { throw interrupted(dir, done: results.reduce(0) { $0 + $1.count }) }
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
