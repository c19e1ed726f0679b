import ArgumentParser
import Dispatch
import Experiments
import Foundation
import InburgeringModel
import Reports

/// Options shared by `run` and `compare`.
struct ExperimentOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Replications per scenario.") var replications: Int?
    @Option(help: "Master seed.") var seed: UInt64 = 2022
    @Option(name: .shortAndLong, help: "Worker threads (default: the number of cores). Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/<scenario>/<run-id>).") var out: String?
    @Option(help: "Replications whose persons go to leadtimes.csv.") var keepPersons = 10
    @Flag(help: "Print one JSON object on stdout instead of the table.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if let r = replications, r < 2 { throw ValidationError("--replications must be at least 2 (a CI needs two)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if keepPersons < 0 { throw ValidationError("--keep-persons must not be negative") }
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

/// Ctrl-C sets the flag; running replications finish, the rest are skipped.
func cancelOnInterrupt() -> (CancellationFlag, DispatchSourceSignal) {
    let flag = CancellationFlag()
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { flag.cancel() }
    source.resume()
    return (flag, source)
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

/// Writes the per-scenario files into `dir`.
func writeScenarioFiles(_ dir: OutputDirectory, prefix: String, _ r: ExperimentResult, _ s: [MetricKey: MetricSummary]) throws {
    try dir.write(prefix + "summary.json", Writers.summaryJSON(r, s))
    try dir.stream(prefix + "metrics.csv") { Writers.metricsCSV(r, emit: $0) }
    try dir.stream(prefix + "leadtimes.csv") { Writers.leadtimesCSV(r, emit: $0) }
    try dir.write(prefix + "timeseries.csv", Writers.timeseriesCSV(r))
}

func interrupted(_ dir: OutputDirectory?, done: Int) -> ExitCode {
    dir?.abandon()
    printError("interrupted after \(done) replications: no results were written")
    return ExitCode(130)
}
