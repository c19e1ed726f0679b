import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles

struct Size: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the cheapest FTE, LBT places and class groups that meet service levels with stated confidence.",
        discussion: """
            For each scenario of the spec: a static (spreadsheet) estimate, then a simulation search with \
            common random numbers — bisection for one variable, greedy marginal allocation for several — \
            accepting a configuration only when the one-sided bound of every service level meets its target. \
            Writes sizing.json, sizing.csv (every configuration judged) and manifest.json.
            """
    )

    @Argument(help: "Sizing spec (YAML).") var file: String
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/sizing/<run-id>).") var out: String?
    @Flag(help: "Print one JSON object on stdout instead of the table.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must lie between 1 and 1024, got \(jobs)") }
    }

    func run() throws {
        let prepared: SizingSpec.Prepared
        do { prepared = try SizingSpec.prepare(file) } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let spec = prepared.spec, reps = prepared.replications, loaded = prepared.items.map(\.loaded)
        let seed = prepared.seed
        let start = Date()
        let outDir = try openOutput(out, defaultParent: "Results/sizing", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }

        let completed = ChainSizing.Completed()
        var reports: [SizingFile.Scenario] = []
        var csv = ["scenario,configuration,cost_per_year,replications,holds," + spec.serviceLevels.map { "\(csvField($0.metric))_mean" }.joined(separator: ",")]
        var text: [String] = []
        for item in prepared.items {
            let l = item.loaded, knobs = item.knobs, variables = item.variables
            let levels = item.sizerLevels
            let estimate = ChainSizing.staticEstimate(l.scenario, knobs: knobs, seed: seed)
            let startSteps = zip(variables, estimate).map { v, e in Int(((min(max(e, v.lower), v.upper) - v.lower) / v.step).rounded(.down)) }
            var sizer = Sizer(variables: variables, levels: levels, replications: reps,
                              evaluate: ChainSizing.evaluator(l.scenario, knobs: knobs, levels: item.levels, seed: seed, jobs: jobs,
                                                             cancel: cancel, completed: completed))
            let clock = Date()
            if !quiet { printError("\(l.scenario.name): sizing \(variables.count) variable(s) …") }
            let result = sizer.search(start: startSteps)
            if cancel.isCancelled { throw interrupted(outDir, done: completed.count, cancel: cancel) }
            let seconds = Date().timeIntervalSince(clock)
            for j in sizer.judged.values.sorted(by: { $0.steps.lexicographicallyPrecedes($1.steps) }) {
                csv.append([csvField(l.scenario.name), csvField(zip(variables, j.values).map { "\($0.name)=\($1)" }.joined(separator: " ")),
                            "\(j.cost)", "\(j.replications)", j.holds ? "true" : "false"].joined(separator: ",") + ","
                           + j.levels.map { "\($0.mean)" }.joined(separator: ","))
            }
            // Utilisation and caseload per FTE at the chosen (or upper-bound) size.
            let shown = result.chosen ?? result.atUpperBounds
            let at = ChainModel.replicate(ChainSizing.apply(l.scenario, knobs, shown.values), seed: seed, replication: 0)
            let pools = l.scenario.organisation.pools.enumerated().map { i, p in
                SizingFile.Pool(pool: p.name, utilisation: at.consultantUtilisation[i], caseloadPerFTE: at.meanCaseloadPerFTE[i])
            }
            reports.append(.init(name: l.scenario.name, variables: variables, levels: levels, estimate: estimate, result: result, pools: pools, seconds: seconds))
            text.append(Self.table(l.scenario.name, variables, levels, estimate, result, pools: pools, seconds: seconds))
        }
        let sizing = ResultJSON.text(SizingFile(spec: file, seed: seed, scenarios: reports))
        try outDir.write("sizing.json", sizing)
        try outDir.write("sizing.csv", csv.joined(separator: "\n") + "\n")
        try outDir.write("manifest.json", Manifest.json(
            tool: Ketensim.version, loaded: loaded, seed: seed, replications: reps.max, jobs: jobs,
            wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0))
        try outDir.commit()
        if json { print(sizing, terminator: "") } else {
            print(text.joined(separator: "\n\n"))
            print("results: \(outDir.final.path)")
        }
    }

    static func describe(_ j: Sizer.Judgement, _ variables: [Sizer.Variable]) -> String {
        zip(variables, j.values).map { "\($0.name) \(Tables.formatNumber($1))" }.joined(separator: ", ")
    }

    static func table(_ name: String, _ variables: [Sizer.Variable], _ levels: [Sizer.Level], _ estimate: [Double],
                      _ r: Sizer.Result, pools: [SizingFile.Pool], seconds: Double) -> String {
        var lines = ["\(name)"]
        lines.append("  static estimate (workload / productive hours; caseload / cap): "
                     + zip(variables, estimate).map { "\($0.name) \(Tables.formatNumber($1))" }.joined(separator: ", "))
        func levelLines(_ j: Sizer.Judgement) -> [String] {
            zip(levels, j.levels).map { l, a in
                let op = l.direction == .atLeast ? "≥" : "≤"
                return "    \(l.name) \(op) \(Tables.formatNumber(l.target)): mean \(Tables.formatNumber(a.mean)), "
                    + "\(Int(l.confidence * 100)) % bound \(Tables.formatNumber(a.bound)) — \(a.holds ? "holds" : "misses by \(Tables.formatNumber(a.shortfall))")"
            }
        }
        if let c = r.chosen {
            lines.append("  cheapest that holds: \(describe(c, variables)) — € \(Tables.formatNumber(c.cost)) a year (\(c.replications) replications)")
            lines += levelLines(c)
            for f in r.cheaperFailing.prefix(2) {
                lines.append("  next cheaper, fails: \(describe(f, variables)) — € \(Tables.formatNumber(f.cost)) a year")
                lines += levelLines(f).filter { $0.contains("misses") }
            }
        } else {
            lines.append("  NOT REACHABLE within the bounds: even at \(describe(r.atUpperBounds, variables)) (€ \(Tables.formatNumber(r.atUpperBounds.cost)) a year)")
            lines += levelLines(r.atUpperBounds)
        }
        for p in pools {
            lines.append("  at that size, pool \(p.pool): utilisation \(Tables.formatNumber(p.utilisation)), caseload per FTE \(Tables.formatNumber(p.caseloadPerFTE))")
        }
        lines.append("  \(r.evaluations) configurations, \(r.replications) replications, \(String(format: "%.1f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
