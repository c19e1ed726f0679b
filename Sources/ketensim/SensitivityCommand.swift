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
            --sobol-replications replications each). Writes sensitivity.csv, sensitivity.json, manifest.json. \
            With --shard i/n, runs its share of the tornado's replications and of the Sobol points into a \
            shard folder; `ketensim merge` makes the shards the folder a whole run writes, byte for byte.
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
    @Option(help: ArgumentHelp("Run shard i of n: replications ⌊(i−1)R/n⌋ to ⌊iR/n⌋ − 1 of the tornado and the same share of the Sobol points, "
                               + "into a shard folder that `ketensim merge` combines (with --out, a folder holding this shard complete is left as it is).",
                               valueName: "i/n"))
    var shard: String?

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
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n ≤ \(Shard.most), got \(shard)") }
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
        let tornado: Sensitivity.Tornado
        do { tornado = try Sensitivity.tornado(template, inputs: inputs) } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let design = sobol > 0 ? Sensitivity.sobolDesign(k: k, n: sobol) ?? [] : []
        let shard = self.shard.flatMap(Shard.init)
        let plan = SensitivityShardFile.Run(file: file, scenarioHash: Manifest.contentHash(loaded), seed: seed, replications: replications, metrics: metric,
                                            inputs: inputs, tornadoInputs: tornado.inputs, skipped: tornado.skipped, sobolBase: sobol,
                                            sobolReplications: sobolReplications, shards: shard?.count ?? 1)
        if let shard {
            guard shard.count <= max(replications, design.count) else {
                printError("--shard \(shard): \(replications) replications and \(design.count) Sobol points cannot make \(shard.count) shards")
                throw ExitCode(1)
            }
            if shardAlreadyComplete(shard, out: out, same: { (try? SensitivityShardFile.decode($0)).map { $0.shard == shard && $0.run == plan } ?? false }) {
                return
            }
        }
        let reps = shard?.range(of: replications) ?? 0..<replications
        let points = shard?.range(of: design.count) ?? design.indices
        let start = Date()
        let dir = try openOutput(out, defaultParent: "Results/sensitivity", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let values = Sensitivity.tornadoValues(tornado, metrics: metric, replications: reps, seed: seed, jobs: jobs, cancel: cancel) { done, total in
            if !quiet { printError("tornado: \(done)/\(total) inputs") }
        }
        if cancel.isCancelled { throw interrupted(dir, done: tornado.runs(reps.count), cancel: cancel) }
        let clock = Date()
        var shown = Date.distantPast
        let sobolValues = Sensitivity.sobolValues(template, inputs: inputs, points: design[points], metrics: metric, replications: sobolReplications,
                                                  seed: seed, jobs: jobs, cancel: cancel) { done in
            guard !quiet, Date().timeIntervalSince(shown) >= 1, done > 0 else { return }
            shown = Date()
            let elapsed = shown.timeIntervalSince(clock)
            printError(String(format: "Sobol: %d/%d points, %.0f s, ETA %.0f s", done, points.count, elapsed, elapsed / Double(done) * Double(points.count - done)))
        }
        if cancel.isCancelled { throw interrupted(dir, done: tornado.runs(reps.count) + points.count * sobolReplications, cancel: cancel) }
        let manifest = Manifest.json(tool: Ketensim.version, loaded: [loaded], seed: seed, replications: reps.count, jobs: jobs,
                                     wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0)
        guard let shard else { return try Self.write(dir, plan, tornado: values, sobol: sobolValues, manifest: manifest) }
        try dir.write("shard.json", String(decoding: try SensitivityShardFile(shard: shard, run: plan, tornado: values, sobol: sobolValues).encoded(),
                                           as: UTF8.self))
        try dir.write("manifest.json", manifest)
        try dir.commit()
        func share(_ r: Range<Int>, _ total: Int, _ what: String) -> String { r.isEmpty ? "no \(what)" : "\(what) \(r.lowerBound) to \(r.upperBound - 1) of \(total)" }
        print("shard \(shard): " + share(reps, replications, "tornado replications") + (design.isEmpty ? "" : ", " + share(points, design.count, "Sobol points"))
              + String(format: ", %.1f s", Date().timeIntervalSince(start)) + "\nresults: \(dir.final.path)")
    }

    /// Writes sensitivity.csv, sensitivity.json and `manifest` into `dir` from the tornado's values
    /// over every replication and the Sobol values at every point, and prints the tables: the
    /// same for a run on one machine and for its shards merged.
    static func write(_ dir: OutputDirectory, _ plan: SensitivityShardFile.Run, tornado values: [[[Double]]], sobol sobolValues: [[Double]],
                      manifest: String) throws {
        let metric = plan.metrics, inputs = plan.inputs, k = inputs.count
        let result = Sensitivity.bars(plan.tornadoInputs, metrics: metric, values: values)
        let runs = (1 + 2 * plan.tornadoInputs.count) * plan.replications
        var object = SensitivityFile(file: plan.file, seed: plan.seed, replications: plan.replications, modelRuns: runs, skipped: plan.skipped,
                                     tornado: result.map(SensitivityFile.Bar.init))
        var csv = ["input,low_value,high_value,metric,base_mean,effect_low,effect_low_lo,effect_low_hi,effect_high,effect_high_lo,effect_high_hi"]
        for b in result {
            csv.append([csvField(b.input.path), "\(b.input.low)", "\(b.input.high)", b.metric, "\(b.baseMean)", "\(b.low.mean)",
                        "\(b.low.ci[0])", "\(b.low.ci[1])", "\(b.high.mean)", "\(b.high.ci[0])", "\(b.high.ci[1])"].joined(separator: ","))
        }
        var sobolText = ""
        if plan.sobolBase > 0 {
            var indices: [SensitivityFile.SobolIndex] = []
            for (mi, m) in metric.enumerated() {
                let s = Sensitivity.sobolIndices(k: k, n: plan.sobolBase, values: sobolValues.map { $0[mi] })
                for (i, input) in inputs.enumerated() {
                    indices.append(.init(metric: m, input: input.path, firstOrder: s.first[i], total: s.total[i]))
                }
                sobolText += "\nSobol indices of \(m) (\(plan.sobolPoints) points × \(plan.sobolReplications) replications):\n"
                    + inputs.indices.sorted { s.total[$0] > s.total[$1] }.map {
                        "  \(Tables.pad(inputs[$0].path, 52)) first \(Tables.formatNumber(s.first[$0]))  total \(Tables.formatNumber(s.total[$0]))"
                    }.joined(separator: "\n")
            }
            object.sobol = indices
            object.sobolPoints = plan.sobolPoints
        }
        try dir.write("sensitivity.json", ResultJSON.text(object))
        try dir.write("sensitivity.csv", csv.joined(separator: "\n") + "\n")
        try dir.write("manifest.json", manifest)
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
        if !plan.skipped.isEmpty { print("\nskipped: " + plan.skipped.joined(separator: "; ")) }
        print("\n\(inputs.count) inputs, \(runs) replications in the tornado; results: \(dir.final.path)")
    }
}
