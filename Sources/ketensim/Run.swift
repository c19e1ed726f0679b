import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Monte Carlo replications of a scenario and write its results.",
        discussion: """
            Writes summary.json, metrics.csv, leadtimes.csv, timeseries.csv and manifest.json to \
            Results/<scenario>/<run-id>/ (or --out). The folder appears only when the run is complete.
            """
    )

    @Argument(help: "Scenario file (YAML).") var file: String
    @OptionGroup var options: ExperimentOptions
    @Option(help: "Add replications (in batches of 20) until every headline 95 % CI half-width is within this share of its mean.")
    var precision: Double?
    @Option(parsing: .unconditional, help: "Upper limit for --precision.") var maxReplications = 10_000

    func validate() throws {
        if let p = precision, !(p > 0 && p < 1) { throw ValidationError("--precision must lie in (0, 1), e.g. 0.05") }
        if !(2...Budget.maxReplications).contains(maxReplications) {
            throw ValidationError("--max-replications must lie between 2 and \(Budget.maxReplications), got \(maxReplications)")
        }
    }

    func run() throws {
        let loaded = try loadScenarios([file])[0]
        let first = min(options.replications ?? (precision == nil ? 100 : 20), precision == nil ? Int.max : maxReplications)
        if let shard = options.parsedShard {
            guard precision == nil else {
                printError("--shard runs a fixed share of --replications: it does not go with --precision")
                throw ExitCode(1)
            }
            try checkBudget([loaded], options, replications: shard.range(of: first).count)
            return try runShard([loaded], options, shard: shard, replications: first, baseline: nil,
                                defaultParent: "Results/\(slug(loaded.scenario.name))")
        }
        try checkBudget([loaded], options, replications: precision == nil ? first : maxReplications)
        let start = Date()
        let dir = try openOutput(options.out, defaultParent: "Results/\(slug(loaded.scenario.name))", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let result = runExperiment(loaded, options, replications: first, precision: precision, maxReplications: maxReplications, cancel: cancel)
        if result.cancelled { throw interrupted(dir, done: result.count, cancel: cancel) }
        let summaries = Summaries.summarise(result)
        try writeScenarioFiles(dir, prefix: "", result, summaries)
        try dir.write("manifest.json", Manifest.json(
            tool: Ketensim.version, loaded: [loaded], seed: options.seed, replications: result.count, jobs: options.jobs,
            wallSeconds: Date().timeIntervalSince(start), precision: precision, events: result.events))
        if cancel.isCancelled { throw interrupted(dir, done: result.count, cancel: cancel) }
        try dir.commit()
        if options.json {
            print(Writers.summaryJSON(result, summaries), terminator: "")
        } else {
            print("\(loaded.scenario.name): \(result.count) replications, seed \(options.seed), "
                  + String(format: "%.2f s, %.0f events/s", result.wallSeconds, Double(result.events) / result.wallSeconds))
            if let precision { print("precision \(precision): reached with \(result.count) replications" + (Summaries.precise(summaries, relative: precision) ? "" : " (NOT reached: limit)")) }
            print(Tables.summary(summaries))
            if let observed = loaded.scenario.observed, !observed.isEmpty {
                print("\nDUO's count beside the model's")
                print(Tables.observed(observed, municipalities: loaded.scenario.municipalities.map(\.name), summaries))
            }
            print("results: \(dir.final.path)")
        }
    }
}
