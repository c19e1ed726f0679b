import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Which uncertain inputs each answer hangs on: a tornado with common random numbers, and Sobol indices.",
        discussion: """
            Inputs are the values with a `range:` in the file (and, with --assumptions, every other number \
            whose source says "assumption", at ± that share). One-at-a-time: each input at its low and high \
            value, the same replications as the base run, so a bar is the input's effect and not noise. \
            --sobol N adds first-order and total Sobol indices (GSL's Sobol sequence; N (k + 2) points of \
            --sobol-replications replications each). Writes sensitivity.csv, sensitivity.json, manifest.json.
            """
    )

    @Argument(help: "Scenario file (YAML).") var file: String
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Replications per run.") var replications = 50
    @Option(help: "Metrics (group all).") var metric: [String] = [Metric.pipWithinTermShare.rawValue, Metric.housingToPipDays.rawValue, Metric.intakeWaitDays.rawValue, Metric.costPerPip.rawValue]
    @Option(help: "Also vary every number sourced as an assumption by ± this share (e.g. 0.25).") var assumptions: Double?
    @Option(help: "Sobol indices with this many base points (0: none).") var sobol = 0
    @Option(help: "Replications per Sobol point.") var sobolReplications = 5
    @Option(help: "Master seed.") var seed: UInt64 = 2022
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/sensitivity/<run-id>).") var out: String?
    @Flag(help: "No progress on stderr.") var quiet = false

    /// Most replications one sensitivity run may ask for (tornado and Sobol together).
    static let maxReplications = 1e7

    func validate() throws {
        if replications < 2 || replications > 10_000 { throw ValidationError("--replications must lie between 2 and 10000, got \(replications)") }
        if let a = assumptions, !(a > 0 && a < 1) { throw ValidationError("--assumptions must lie in (0, 1), e.g. 0.25") }
        if sobol < 0 || sobol > 100_000 { throw ValidationError("--sobol must lie in 0…100000, got \(sobol)") }
        if sobolReplications < 1 || sobolReplications > Budget.maxReplications {
            throw ValidationError("--sobol-replications must lie between 1 and \(Budget.maxReplications), got \(sobolReplications)")
        }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must lie between 1 and 1024, got \(jobs)") }
        for m in metric where !MetricCatalogue.knows(m) { throw ValidationError("--metric \(m): unknown metric") }
    }

    func run() throws {
        let template: ScenarioLoader.Template, loaded: LoadedScenario
        do {
            template = try ScenarioLoader.template(file)
            loaded = try template.instantiate()
        } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let inputs = Sensitivity.inputs(template, loaded, assumptions: assumptions)
        guard !inputs.isEmpty else {
            printError("\(file): no uncertain inputs: give values a `range:` or use --assumptions 0.25")
            throw ExitCode(1)
        }
        // The budget before anything runs: every replication of the tornado and the Sobol design.
        let k = inputs.count
        let tornadoRuns = (1 + 2 * k) * replications
        let sobolRuns = Double(sobol) * Double(k + 2) * Double(sobolReplications)
        if Double(tornadoRuns) + sobolRuns > Self.maxReplications {
            printError(String(format: "\(file): about %.3g replications in all (tornado %d, Sobol %.3g); the budget is %.0g: lower "
                              + "--replications, --sobol or --sobol-replications", Double(tornadoRuns) + sobolRuns, tornadoRuns, sobolRuns, Self.maxReplications))
            throw ExitCode(1)
        }
        // After the budget: a request too large to run is refused as that, whatever its inputs.
        if sobol > 0 && !(1...20).contains(k) { printError("\(file): Sobol indices need 1 to 20 inputs, got \(k)"); throw ExitCode(1) }
        if let excess = Budget.excess(loaded.scenario, replications: tornadoRuns + Int(sobolRuns), keepPersons: 0) {
            printError("\(file): \(excess)")
            throw ExitCode(1)
        }
        let start = Date()
        let dir = try openOutput(out, defaultParent: "Results/sensitivity", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let (result, runs, skipped) = try Sensitivity.tornado(template, inputs: inputs, metrics: metric, replications: replications,
                                                              seed: seed, jobs: jobs, cancel: cancel) { done, total in
            if !quiet { printError("tornado: \(done)/\(total) inputs") }
        }
        if cancel.isCancelled { throw interrupted(dir, done: runs, cancel: cancel) }
        var object = SensitivityFile(file: file, seed: seed, replications: replications, modelRuns: runs, skipped: skipped,
                                     tornado: result.map(SensitivityFile.Bar.init))
        var csv = ["input,low_value,high_value,metric,base_mean,effect_low,effect_low_lo,effect_low_hi,effect_high,effect_high_lo,effect_high_hi"]
        for b in result {
            csv.append([csvField(b.input.path), "\(b.input.low)", "\(b.input.high)", b.metric, "\(b.baseMean)", "\(b.low.mean)",
                        "\(b.low.ci[0])", "\(b.low.ci[1])", "\(b.high.mean)", "\(b.high.ci[0])", "\(b.high.ci[1])"].joined(separator: ","))
        }
        var sobolText = ""
        if sobol > 0 {
            let clock = Date(), points = sobol * (k + 2)
            var done = 0, shown = Date.distantPast
            let scenarios: ([[Double]]) -> [[Double]] = { batch in
                batch.map { u in
                    guard !cancel.isCancelled else { return metric.map { _ in .nan } }
                    done += 1
                    if !quiet && Date().timeIntervalSince(shown) >= 1 {
                        shown = Date()
                        let elapsed = shown.timeIntervalSince(clock)
                        printError(String(format: "Sobol: %d/%d points, %.0f s, ETA %.0f s", done, points, elapsed, elapsed / Double(done) * Double(points - done)))
                    }
                    var overrides: [String: Double] = [:]
                    for (i, input) in inputs.enumerated() { overrides[input.path] = input.low + u[i] * (input.high - input.low) }
                    guard let s = try? template.instantiate(overrides).scenario else { return metric.map { _ in .nan } }
                    let r = MonteCarlo.run(s, replications: sobolReplications, seed: seed, jobs: jobs, cancel: cancel)
                    return metric.map { m in
                        let v = r.values(MetricKey(name: m, group: MetricGroup.allName)).filter { !$0.isNaN }
                        return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
                    }
                }
            }
            var cache: [[Double]: [Double]] = [:]
            var indices: [SensitivityFile.SobolIndex] = []
            for (mi, m) in metric.enumerated() {
                guard let s = Sensitivity.sobolIndices(k: k, n: sobol, f: { points in
                    let missing = points.filter { cache[$0] == nil }
                    for (p, v) in zip(missing, scenarios(missing)) { cache[p] = v }
                    return points.map { cache[$0]?[mi] ?? .nan }
                }) else { throw ValidationError("Sobol indices need 1 to 20 inputs, got \(k)") }
                if cancel.isCancelled { throw interrupted(dir, done: runs + done * sobolReplications, cancel: cancel) }
                for (i, input) in inputs.enumerated() {
                    indices.append(.init(metric: m, input: input.path, firstOrder: s.first[i], total: s.total[i]))
                }
                sobolText += "\nSobol indices of \(m) (\(s.runs) points × \(sobolReplications) replications):\n"
                    + inputs.indices.sorted { s.total[$0] > s.total[$1] }.map {
                        "  \(Tables.pad(inputs[$0].path, 52)) first \(Tables.formatNumber(s.first[$0]))  total \(Tables.formatNumber(s.total[$0]))"
                    }.joined(separator: "\n")
            }
            object.sobol = indices
            object.sobolPoints = sobol * (k + 2)
        }
        try dir.write("sensitivity.json", ResultJSON.text(object))
        try dir.write("sensitivity.csv", csv.joined(separator: "\n") + "\n")
        try dir.write("manifest.json", Manifest.json(tool: Ketensim.version, loaded: [loaded], seed: seed, replications: replications,
                                                               jobs: jobs, wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0))
        try dir.commit()
        for m in metric {
            let bars = result.filter { $0.metric == m }.sorted { $0.size > $1.size }
            print("\n\(m) (base \(Tables.formatNumber(bars.first?.baseMean ?? .nan))): change at the input's low / high value, 95 % CI, ranked")
            for b in bars.prefix(10) {
                print("  \(Tables.pad(b.input.path, 52)) \(Tables.pad(Tables.formatNumber(b.low.mean), 9, right: true)) "
                      + "[\(Tables.formatNumber(b.low.ci[0])), \(Tables.formatNumber(b.low.ci[1]))]  "
                      + "\(Tables.pad(Tables.formatNumber(b.high.mean), 9, right: true)) [\(Tables.formatNumber(b.high.ci[0])), \(Tables.formatNumber(b.high.ci[1]))]")
            }
        }
        if !sobolText.isEmpty { print(sobolText) }
        if !skipped.isEmpty { print("\nskipped: " + skipped.joined(separator: "; ")) }
        print("\n\(inputs.count) inputs, \(runs) replications in the tornado; results: \(dir.final.path)")
    }
}
