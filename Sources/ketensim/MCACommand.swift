import ArgumentParser
import Foundation
import MCA
import Reports
import ResultFiles

struct MCACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mca",
        abstract: "Multi-criteria analysis: the weighted-sum table of seed 001, and its uncertainty (SMAA).",
        discussion: """
            Prints the cluster table (cluster, mean weight, one column per scenario, total). With \
            --smaa N it samples the weights within each criterion's range across the municipalities \
            (and, for simulated criteria, the replications) and prints each scenario's rank \
            acceptability and central weights.
            """
    )

    @Argument(help: "Criteria file (YAML).") var file: String
    @Flag(help: "Print one JSON object.") var json = false
    @Option(help: "Also write the JSON object to this file (whole or not at all), e.g. for `ketensim report`.") var out: String?
    @Option(help: "SMAA samples.") var smaa: Int?
    @Option(help: "Seed for SMAA.") var seed: UInt64 = 2022
    @Option(help: "A `ketensim compare` output folder for simulated criteria (overrides simulation.results).")
    var simulation: String?

    func validate() throws {
        if let n = smaa, n < 1 || n > 10_000_000 { throw ValidationError("--smaa must lie between 1 and 10000000, got \(n)") }
    }

    func run() throws {
        let criteria: CriteriaFile
        let simulated: [String: [[Double]]]
        do {
            var loaded = try CriteriaFile.load(file)
            if let simulation { loaded.simulation?.results = FileManager.default.currentDirectoryPath + "/" + simulation }
            if let simulation, simulation.hasPrefix("/") { loaded.simulation?.results = simulation }
            criteria = loaded
            simulated = try SimulatedPoints.load(criteria, relativeTo: (file as NSString).deletingLastPathComponent)
        } catch let e as MCAError {
            printError(e.description)
            throw ExitCode(1)
        }
        let table = criteria.table(simulated: SimulatedPoints.means(simulated))
        let result = smaa.map { SMAA.run(criteria, samples: $0, seed: seed, simulated: simulated) }
        if json || out != nil {
            let text = ResultJSON.text(MCAFile(name: criteria.name, table: table, smaa: result, seed: seed))
            if let out {
                do { try writeWhole(text, to: out) } catch let e as OutputError {
                    printError(e.description)
                    throw ExitCode(1)
                }
            }
            if json {
                print(text, terminator: "")
                return
            }
        }
        print(criteria.name)
        print(pad("Criteria cluster", 28) + pad("Mean weight", 12, right: true) + table.scenarios.map { pad($0, 14, right: true) }.joined())
        for row in table.clusters {
            print(pad("\(row.name) (\(row.criteria))", 28) + pad(String(format: "%.2f", row.meanWeight), 12, right: true)
                  + row.scores.map { pad(String(format: "%.2f", $0), 14, right: true) }.joined())
        }
        print(pad("Total", 28) + pad(String(format: "%.2f", table.totalMeanWeight), 12, right: true)
              + table.totals.map { pad(String(format: "%.2f", $0), 14, right: true) }.joined())
        if let r = result {
            print("\nSMAA, \(r.samples) samples (seed \(seed)): rank acceptability (± 95 % half-width)")
            print(pad("scenario", 16) + (1...r.scenarios.count).map { pad("rank \($0)", 18, right: true) }.joined())
            for (j, s) in r.scenarios.enumerated() {
                print(pad(s, 16) + r.rankAcceptability[j].map { p in
                    pad(String(format: "%.3f ± %.3f", p, r.halfWidth(p)), 18, right: true)
                }.joined())
            }
            print("\ncentral weights (mean weights where the scenario ranks first):")
            for (j, s) in r.scenarios.enumerated() {
                guard let w = r.centralWeights[j] else { print("  \(s): never first"); continue }
                print("  \(s): " + zip(r.criteria, w).map { "\($0) \(String(format: "%.2f", $1))" }.joined(separator: "; "))
            }
        }
    }

    private func pad(_ s: String, _ n: Int, right: Bool = false) -> String { Tables.pad(s, n, right: right) }
}
