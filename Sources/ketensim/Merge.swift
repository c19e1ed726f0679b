import ArgumentParser
import Experiments
import Foundation
import Reports
import ResultFiles

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the shard folders of a `run --shard` or `compare --shard` into the folder the whole run writes.",
        discussion: """
            Every shard 1 … n of one run must be given once (the folders in any order). The CSV and \
            JSON files are byte for byte those of the run made whole on one machine; the manifest \
            says how many shards it was made of, with their events and wall time added up.
            """
    )

    @Argument(help: "Shard folders (each with shard.json and manifest.json).") var folders: [String]
    @Option(help: "Output folder (default: Results/merged/<run-id>).") var out: String?

    func run() throws {
        var shards: [(name: String, file: ShardFile)] = [], manifests: [ManifestFile] = []
        do {
            for folder in folders {
                let url = URL(fileURLWithPath: folder)
                let path = url.appendingPathComponent("shard.json").path
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ShardFile.Problem(description: "\(folder): no shard.json (a folder of `run --shard` or `compare --shard`)")
                }
                do { shards.append((folder, try ShardFile.decode(data))) } catch {
                    throw ShardFile.Problem(description: "\(path): not a shard file of this version (is it damaged?)")
                }
                manifests.append(try ResultJSON.read(ManifestFile.self, url.appendingPathComponent("manifest.json").path))
            }
        } catch let p as ShardFile.Problem { printError(p.description); throw ExitCode(1) } catch let p as ResultJSON.Problem {
            printError(p.description)
            throw ExitCode(1)
        }
        let results: [ExperimentResult]
        do { results = try ShardFile.merge(shards) } catch let p as ShardFile.Problem { printError(p.description); throw ExitCode(1) }
        let first = shards[0].file
        let start = Date()
        let dir = try openOutput(out, defaultParent: "Results/merged", start: start)
        var manifest = manifests[0]
        manifest.commandLine = CommandLine.arguments.joined(separator: " ")
        manifest.createdUTC = ISO8601DateFormatter().string(from: start)
        manifest.experiment.replications = first.replications
        manifest.experiment.events = manifests.reduce(0) { $0 + $1.experiment.events }
        manifest.experiment.wallSeconds = manifests.reduce(0) { $0 + $1.experiment.wallSeconds }
        manifest.experiment.shards = first.shard.count
        let table: String
        if let b = first.baseline {
            let (summaries, diffs, _) = try Compare.write(dir, results, baseline: b)
            table = Tables.comparison(names: results.map(\.scenario), summaries: summaries, diffs: diffs, baseline: b, metrics: Compare.tableMetrics)
        } else {
            let summaries = Summaries.summarise(results[0])
            try writeScenarioFiles(dir, prefix: "", results[0], summaries)
            table = Tables.summary(summaries)
        }
        try dir.write("manifest.json", ResultJSON.text(manifest))
        try dir.commit()
        print("\(first.shard.count) shards merged: \(results.map(\.scenario).joined(separator: ", ")), \(first.replications) replications, seed \(first.seed)")
        print(table)
        print("results: \(dir.final.path)")
    }
}
