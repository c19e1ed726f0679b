import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles
import Stochastics

struct Size: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the cheapest FTE, LBT places and class groups that meet service levels with stated confidence.",
        discussion: """
            For each scenario of the spec: a static (spreadsheet) estimate, then a simulation search with \
            common random numbers — bisection for one variable, greedy marginal allocation for several — \
            accepting a configuration only when the one-sided bound of every service level meets its target. \
            Writes sizing.json, sizing.csv (every configuration judged) and manifest.json. With --shard \
            i/n, sizes its share of the spec's scenarios into a shard folder that `ketensim merge` combines.
            """
    )

    @Argument(help: "Sizing spec (YAML).") var file: String
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/sizing/<run-id>).") var out: String?
    @Flag(help: "Print one JSON object on stdout instead of the table.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false
    @Option(help: ArgumentHelp("Size shard i of n of the spec's scenarios (scenarios ⌊(i−1)S/n⌋ + 1 to ⌊iS/n⌋ of S) into a shard folder that "
                               + "`ketensim merge` combines (with --out, a folder holding this shard complete is left as it is).", valueName: "i/n"))
    var shard: String?

    func validate() throws {
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must lie between 1 and 1024, got \(jobs)") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n ≤ \(Shard.most), got \(shard)") }
        if shard != nil && json { throw ValidationError("--shard writes a shard folder for `ketensim merge`; --json prints nothing then") }
    }

    func run() throws {
        let prepared: SizingSpec.Prepared
        do { prepared = try SizingSpec.prepare(file) } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let spec = prepared.spec, reps = prepared.replications, loaded = prepared.items.map(\.loaded)
        let seed = prepared.seed
        let header = "scenario,configuration,cost_per_year,replications,holds," + spec.serviceLevels.map { "\(csvField($0.metric))_mean" }.joined(separator: ",")
        // The scenarios are sized one after the other, each on its own: shard i sizes its share of them.
        let shard = self.shard.flatMap(Shard.init)
        let mine = shard?.range(of: prepared.items.count) ?? prepared.items.indices
        let run = SizingShardFile.Run(spec: file, specHash: String(format: "%016llx", StreamSeed.fnv1a64((try? String(contentsOfFile: file, encoding: .utf8)) ?? "")),
                                      scenarioHashes: loaded.map(Manifest.contentHash), seed: seed, header: header, shards: shard?.count ?? 1)
        if let shard {
            guard shard.count <= prepared.items.count else {
                printError("--shard \(shard): \(prepared.items.count) scenario(s) cannot make \(shard.count) shards (each sizes at least one)")
                throw ExitCode(1)
            }
            if shardAlreadyComplete(shard, out: out, same: { (try? SizingShardFile.decode($0)).map { $0.shard == shard && $0.run == run } ?? false }) {
                return
            }
        }
        let start = Date()
        let outDir = try openOutput(out, defaultParent: "Results/sizing", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }

        let completed = ChainSizing.Completed()
        var reports: [SizingFile.Scenario] = []
        var csv: [String] = []
        var text: [String] = []
        for item in prepared.items[mine] {
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
        let manifest = Manifest.json(tool: Ketensim.version, loaded: loaded, seed: seed, replications: reps.max, jobs: jobs,
                                     wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0)
        guard let shard else {
            return try Self.write(outDir, run, scenarios: reports, rows: csv, tables: text, manifest: manifest, json: json)
        }
        let part = SizingShardFile(shard: shard, run: run, scenarios: reports, rows: csv, tables: text)
        try outDir.write("shard.json", String(decoding: try part.encoded(), as: UTF8.self))
        try outDir.write("manifest.json", manifest)
        try outDir.commit()
        print("shard \(shard): scenario(s) \(mine.lowerBound + 1) to \(mine.upperBound) of \(prepared.items.count), "
              + String(format: "%.1f s", Date().timeIntervalSince(start)) + "\nresults: \(outDir.final.path)")
    }

    /// Writes sizing.json, sizing.csv and `manifest` and prints the tables (or the JSON): the same
    /// for a sizing on one machine and for its shards merged.
    static func write(_ dir: OutputDirectory, _ run: SizingShardFile.Run, scenarios: [SizingFile.Scenario], rows: [String], tables: [String],
                      manifest: String, json: Bool) throws {
        let sizing = ResultJSON.text(SizingFile(spec: run.spec, seed: run.seed, scenarios: scenarios))
        try dir.write("sizing.json", sizing)
        try dir.write("sizing.csv", ([run.header] + rows).joined(separator: "\n") + "\n")
        try dir.write("manifest.json", manifest)
        try dir.commit()
        if json { print(sizing, terminator: "") } else {
            print(tables.joined(separator: "\n\n"))
            print("results: \(dir.final.path)")
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

/// shard.json of `size --shard i/n`: its scenarios sized, as the whole sizing writes them.
struct SizingShardFile: Codable {
    var kind = "size"
    var shard: Shard
    var run: Run
    var scenarios: [SizingFile.Scenario]
    /// Their rows of sizing.csv, and their tables.
    var rows: [String]
    var tables: [String]

    /// What makes the shards one sizing: the same for every shard of it.
    struct Run: Codable, Equatable {
        var spec: String
        var specHash: String
        var scenarioHashes: [String]
        var seed: UInt64
        /// sizing.csv's header.
        var header: String
        var shards: Int
    }

    func encoded() throws -> Data { try ShardFile.encode(self) }
    static func decode(_ data: Data) throws -> SizingShardFile { try ShardFile.decode(SizingShardFile.self, data) }

    /// The shards of one sizing, checked, in order.
    static func merge(_ shards: [(name: String, file: SizingShardFile)]) throws -> [SizingShardFile] {
        guard let first = shards.first?.file else { throw ShardFile.Problem(description: "no shard to merge") }
        for s in shards where s.file.run != first.run {
            throw ShardFile.Problem(description: "\(s.name): a shard of another sizing than \(shards[0].name) (spec, scenarios, seed or number of shards differ)")
        }
        let named = try ShardFile.ordered(shards, shard: \.shard)
        for (name, s) in named where s.scenarios.count != s.shard.range(of: first.run.scenarioHashes.count).count || s.tables.count != s.scenarios.count {
            throw ShardFile.Problem(description: "\(name)/shard.json: expected \(s.shard.range(of: first.run.scenarioHashes.count).count) scenario(s) (is the file damaged?)")
        }
        return named.map(\.file)
    }
}
