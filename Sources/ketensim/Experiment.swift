import ArgumentParser
import Dispatch
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles
import SimKernel

/// Options shared by `run` and `compare`.
struct ExperimentOptions: ParsableArguments {
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Replications per scenario (2 … \(Budget.maxReplications)).")
    var replications: Int?
    @Option(help: "Master seed.") var seed: UInt64 = 2022
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads (default: the number of cores). Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/<scenario>/<run-id>).") var out: String?
    @Option(parsing: .unconditional, help: "Replications whose persons go to leadtimes.csv.") var keepPersons = 10
    @Flag(help: "Run even when the estimated size exceeds the budget (see README, Limits).") var force = false
    @Flag(help: "Print one JSON object on stdout instead of the table.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false
    @Option(help: ArgumentHelp("Run shard i of n: replications ⌊(i−1)R/n⌋ to ⌊iR/n⌋ − 1 only, into a shard folder that `ketensim merge` combines "
                               + "(with --out, a folder holding this shard complete is left as it is).", valueName: "i/n"))
    var shard: String?

    var parsedShard: Shard? { shard.flatMap(Shard.init) }

    func validate() throws {
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n ≤ \(Shard.most), got \(shard)")
        }
        if shard != nil && json { throw ValidationError("--shard writes a shard folder for `ketensim merge`; --json prints nothing then") }
        if let r = replications, r < 2 { throw ValidationError("--replications must be at least 2 (a CI needs two), got \(r)") }
        if let r = replications, r > Budget.maxReplications {
            throw ValidationError("--replications must be at most \(Budget.maxReplications), got \(r)")
        }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must lie between 1 and 1024, got \(jobs)") }
        if keepPersons < 0 { throw ValidationError("--keep-persons must not be negative, got \(keepPersons)") }
    }
}

/// Loads scenario files, or exits with every problem printed.
func loadScenarios(_ files: [String]) throws -> [LoadedScenario] {
    var loaded: [LoadedScenario] = [], failed = false
    for f in files {
        do { loaded.append(try ScenarioLoader.load(f)) } catch let e as ScenarioError {
            printError(e.description)
            failed = true
        }
    }
    if failed { throw ExitCode(1) }
    return loaded
}

/// SIGINT (Ctrl-C) and SIGTERM (kill, timeout, job schedulers) set the flag: running
/// replications stop between events and nothing is written. A second signal ends the
/// process at once, after removing this process's partial result folders.
func cancelOnInterrupt() -> (CancellationFlag, [DispatchSourceSignal]) {
    let flag = CancellationFlag()
    let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            if flag.isCancelled {
                PartialFolders.removeAll()
                printError("stopped at once: no results were written")
                exit(128 + sig)
            }
            flag.cancel(signal: sig)
        }
        source.resume()
        return source
    }
    return (flag, sources)
}

/// Refuses a run whose estimate exceeds the budget, unless --force.
func checkBudget(_ loaded: [LoadedScenario], _ o: ExperimentOptions, replications: Int) throws {
    guard !o.force else { return }
    for l in loaded {
        if let excess = Budget.excess(l.scenario, replications: replications, keepPersons: o.keepPersons) {
            printError("\(l.file): \(excess); run with --force to go ahead anyway")
            throw ExitCode(1)
        }
    }
}

/// The result folder, created (as a hidden partial folder) before any simulation, so a
/// bad --out is reported at once.
func openOutput(_ out: String?, defaultParent: String, start: Date) throws -> OutputDirectory {
    do {
        let (parent, name) = try OutputDirectory.target(out: out, defaultParent: defaultParent, defaultName: runID(start))
        return try OutputDirectory(parent: parent, name: name)
    } catch let error as OutputError {
        printError(error.description)
        throw ExitCode(1)
    }
}

/// Runs one scenario: R replications, or with `precision` batches of 20 until every
/// headline CI half-width is within that share of its mean (or `maxReplications`).
func runExperiment(_ l: LoadedScenario, _ o: ExperimentOptions, replications: Int, precision: Double?,
                   maxReplications: Int, cancel: CancellationFlag) -> ExperimentResult {
    let target = precision == nil ? replications : maxReplications
    let progress = Progress(total: target, label: l.scenario.name)
    progress.enabled = !o.quiet
    var result = MonteCarlo.run(l.scenario, replications: replications, seed: o.seed, jobs: o.jobs,
                                keepPersons: o.keepPersons, cancel: cancel, progress: progress.update)
    if let precision {
        while !result.cancelled, result.count < maxReplications,
              !Summaries.precise(Summaries.summarise(result), relative: precision) {
            result = MonteCarlo.extend(result, l.scenario, by: min(20, maxReplications - result.count), jobs: o.jobs,
                                       keepPersons: o.keepPersons, cancel: cancel, progress: progress.update)
        }
    }
    progress.finish()
    return result
}

/// Each scenario's experiment, in order, simulating each distinct chain once: a scenario
/// that simulates like an earlier one (`Scenario.simulatesLike`) takes that one's
/// replications under its own name. `run` gets the scenario and the replications done before it.
func runEach(_ loaded: [LoadedScenario], quiet: Bool,
             _ run: (LoadedScenario, _ done: Int) throws -> ExperimentResult) throws -> [ExperimentResult] {
    var results: [ExperimentResult] = []
    for l in loaded {
        if let t = results.indices.first(where: { loaded[$0].scenario.simulatesLike(l.scenario) }) {
            if !quiet { printError("\(l.scenario.name): the same chain as \(loaded[t].scenario.name), whose replications it takes") }
            results.append(results[t].named(l.scenario.name))
        } else {
            results.append(try run(l, results.reduce(0) { $0 + $1.count }))
        }
    }
    return results
}

/// Writes the per-scenario files into `dir`.
func writeScenarioFiles(_ dir: OutputDirectory, prefix: String, _ r: ExperimentResult, _ s: [MetricKey: MetricSummary]) throws {
    try dir.write(prefix + "summary.json", Writers.summaryJSON(r, s))
    try dir.stream(prefix + "metrics.csv") { Writers.metricsCSV(r, into: &$0) }
    try dir.stream(prefix + "leadtimes.csv") { Writers.leadtimesCSV(r, into: &$0) }
    try dir.write(prefix + "timeseries.csv", Writers.timeseriesCSV(r))
}

func interrupted(_ dir: OutputDirectory?, done: Int, cancel: CancellationFlag) -> ExitCode {
    dir?.abandon()
    printError("interrupted after \(done) replications: no results were written")
    return ExitCode(128 + cancel.signal)
}

/// Whether `out` holds this shard complete already (`same` judges its shard.json): a rerun
/// array job then skips it, and says so.
func shardAlreadyComplete(_ shard: Shard, out: String?, same: (Data) -> Bool) -> Bool {
    guard let out, let data = FileManager.default.contents(atPath: URL(fileURLWithPath: out).appendingPathComponent("shard.json").path),
          same(data) else { return false }
    print("shard \(shard): already complete in \(out)")
    return true
}

/// `--shard i/n`: runs the shard's replications of every scenario (the same indices for each:
/// common random numbers) and writes shard.json and manifest.json. With --out, a folder that
/// holds this shard of this run complete is kept as it is: a rerun array job resumes.
/// With `robustness` (`compare --robust`): the run's robustness part without draws, and what runs
/// the shard's share of the draws.
func runShard(_ loaded: [LoadedScenario], _ o: ExperimentOptions, shard: Shard, replications: Int, baseline: Int?,
              defaultParent: String, robustness: (part: Robustness.Part, run: (CancellationFlag) -> Robustness.Part)? = nil) throws {
    guard shard.count <= replications else {
        printError("--shard \(shard): \(replications) replications cannot make \(shard.count) shards (each needs at least one)")
        throw ExitCode(1)
    }
    let hashes = loaded.map(Manifest.contentHash)
    if shardAlreadyComplete(shard, out: o.out, same: { data in
        guard let done = try? ShardFile.decode(data) else { return false }
        return done.shard == shard && done.replications == replications && done.seed == o.seed && done.keepPersons == o.keepPersons
            && done.baseline == baseline && done.scenarioHashes == hashes && (done.robustness == nil) == (robustness == nil)
            && (robustness.map { done.robustness!.sameRun(as: $0.part) } ?? true)
    }) { return }
    let start = Date()
    let dir = try openOutput(o.out, defaultParent: defaultParent, start: start)
    let (cancel, sources) = cancelOnInterrupt()
    defer { sources.forEach { $0.cancel() } }
    let range = shard.range(of: replications)
    let results = try runEach(loaded, quiet: o.quiet) { l, done in
        let progress = Progress(total: range.count, label: "\(l.scenario.name), shard \(shard)")
        progress.enabled = !o.quiet
        let r = MonteCarlo.run(l.scenario, replications: range.count, seed: o.seed, jobs: o.jobs, firstReplication: range.lowerBound,
                               keepPersons: o.keepPersons, cancel: cancel, progress: progress.update)
        progress.finish()
        if r.cancelled { throw interrupted(dir, done: done + r.count, cancel: cancel) }
        return r
    }
    let part = robustness?.run(cancel)
    if cancel.isCancelled { throw interrupted(dir, done: results.reduce(0) { $0 + $1.count }, cancel: cancel) }
    let file = ShardFile(shard: shard, replications: replications, seed: o.seed, keepPersons: o.keepPersons, baseline: baseline,
                         scenarioHashes: hashes, results: results, robustness: part)
    try dir.write("shard.json", String(decoding: try file.encoded(), as: UTF8.self))
    try dir.write("manifest.json", Manifest.json(
        tool: Ketensim.version, loaded: loaded, seed: o.seed, replications: range.count, jobs: o.jobs,
        wallSeconds: Date().timeIntervalSince(start), precision: nil, events: results.reduce(0) { $0 + $1.events }))
    if cancel.isCancelled { throw interrupted(dir, done: results.reduce(0) { $0 + $1.count }, cancel: cancel) }
    try dir.commit()
    print("shard \(shard): replications \(range.lowerBound) to \(range.upperBound - 1) of \(replications), \(loaded.count) scenario(s), "
          + String(format: "%.1f s", Date().timeIntervalSince(start)) + "\nresults: \(dir.final.path)")
}
