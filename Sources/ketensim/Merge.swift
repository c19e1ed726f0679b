import ArgumentParser
import Experiments
import Foundation
import Reports
import ResultFiles

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the shard folders of a `run`, `compare`, `sensitivity` or `size` with --shard into the folder the whole run writes.",
        discussion: """
            Every shard 1 … n of one run must be given once (the folders in any order). The CSV and \
            JSON files are byte for byte those of the run made whole on one machine; the manifest \
            says how many shards it was made of, with their events and wall time added up.
            """
    )

    @Argument(help: "Shard folders (each with shard.json and manifest.json).") var folders: [String]
    @Option(help: "Output folder (default: Results/merged/<run-id>).") var out: String?

    func run() throws {
        var datas: [(name: String, data: Data)] = [], manifests: [ManifestFile] = []
        do {
            for folder in folders {
                let url = URL(fileURLWithPath: folder)
                let path = url.appendingPathComponent("shard.json").path
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ShardFile.Problem(description: "\(folder): no shard.json (a folder of `run`, `compare`, `sensitivity` or `size` with --shard)")
                }
                datas.append((folder, data))
                manifests.append(try ResultJSON.read(ManifestFile.self, url.appendingPathComponent("manifest.json").path))
            }
            if let other = datas.first(where: { ShardFile.kind($0.data) != ShardFile.kind(datas[0].data) }) {
                throw ShardFile.Problem(description: "\(other.name): a shard of another command than \(datas[0].name)")
            }
        } catch let p as ShardFile.Problem { printError(p.description); throw ExitCode(1) } catch let p as ResultJSON.Problem {
            printError(p.description)
            throw ExitCode(1)
        }
        // The merged manifest: the first shard's, saying how many shards made it, their events and wall time added up.
        let start = Date()
        var manifest = manifests[0]
        manifest.commandLine = CommandLine.arguments.joined(separator: " ")
        manifest.createdUTC = ISO8601DateFormatter().string(from: start)
        manifest.experiment.events = manifests.reduce(0) { $0 + $1.experiment.events }
        manifest.experiment.wallSeconds = manifests.reduce(0) { $0 + $1.experiment.wallSeconds }
        manifest.experiment.shards = folders.count
        switch ShardFile.kind(datas[0].data) {
        case "sensitivity": return try mergeSensitivity(datas, manifest: manifest, start: start)
        case "size": return try mergeSizing(datas, manifest: manifest, start: start)
        default: break
        }
        let (first, results, robustness) = try joined(datas, "") { (shards: [(name: String, file: ShardFile)]) in
            let (results, robustness) = try ShardFile.merge(shards)
            return (shards[0].file, results, robustness)
        }
        let dir = try openOutput(out, defaultParent: "Results/merged", start: start)
        manifest.experiment.replications = first.replications
        let table: String
        if let b = first.baseline {
            let (summaries, diffs, _) = try Compare.write(dir, results, baseline: b, jobs: ProcessInfo.processInfo.activeProcessorCount)
            table = Tables.comparison(names: results.map(\.scenario), summaries: summaries, diffs: diffs, baseline: b, metrics: Compare.tableMetrics)
                + (try robustness.map { "\n" + (try Robust.write(dir, $0, names: results.map(\.scenario), seed: first.seed)) } ?? "")
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

    /// The shard files decoded as `T` and joined by `merge`; what does not decode or join ends the
    /// command, named.
    func joined<T: Decodable, R>(_ datas: [(name: String, data: Data)], _ kind: String, _ merge: ([(name: String, file: T)]) throws -> R) throws -> R {
        do {
            return try merge(try datas.map { folder, data in
                do { return (folder, try ShardFile.decode(T.self, data)) } catch {
                    throw ShardFile.Problem(description: "\(folder)/shard.json: not a \(kind)shard file of this version (is it damaged?)")
                }
            })
        } catch let p as ShardFile.Problem { printError(p.description); throw ExitCode(1) }
    }

    func mergeSizing(_ datas: [(name: String, data: Data)], manifest: ManifestFile, start: Date) throws {
        let parts = try joined(datas, "sizing ", SizingShardFile.merge)
        let dir = try openOutput(out, defaultParent: "Results/merged", start: start)
        print("\(parts.count) shards of a sizing merged: \(parts[0].run.spec), seed \(parts[0].run.seed)")
        try Size.write(dir, parts[0].run, scenarios: parts.flatMap(\.scenarios), rows: parts.flatMap(\.rows), tables: parts.flatMap(\.tables),
                       manifest: ResultJSON.text(manifest), json: false)
    }

    func mergeSensitivity(_ datas: [(name: String, data: Data)], manifest: ManifestFile, start: Date) throws {
        let merged = try joined(datas, "sensitivity ", SensitivityShardFile.merge)
        var manifest = manifest
        manifest.experiment.replications = merged.run.replications
        let dir = try openOutput(out, defaultParent: "Results/merged", start: start)
        print("\(merged.run.shards) shards of a sensitivity run merged: \(merged.run.file), \(merged.run.replications) replications, seed \(merged.run.seed)")
        try SensitivityCommand.write(dir, merged.run, tornado: merged.tornado, sobol: merged.sobol, manifest: ResultJSON.text(manifest))
    }
}
