import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import MCA

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files: every problem, with file, path and what was expected.",
        discussion: "Exit status 0 when every file is valid, 1 otherwise."
    )

    @Argument(help: "Scenario files (YAML).") var files: [String]
    @Flag(help: "Also list numeric values that carry no source.") var provenance = false

    func run() throws {
        var failed = false
        for file in files {
            // The kind of file by its top-level keys (read once; unreadable files fall through
            // to the scenario loader, which says why).
            let lines = ((try? ScenarioLoader.readText(file)) ?? "").split(separator: "\n")
            func has(_ key: String) -> Bool { lines.contains { $0.hasPrefix(key) } }
            // Criteria files (top-level `clusters:`) are checked as MCA files.
            if has("clusters:") {
                do {
                    let c = try CriteriaFile.load(file)
                    print("\(file): valid criteria file (\(c.name); \(c.clusters.flatMap(\.criteria).count) criteria)")
                } catch let error as MCAError {
                    failed = true
                    printError(error.description)
                }
                continue
            }
            // Calibration specs (top-level `budget:`) and sizing specs (`service_levels:`) are
            // checked with their scenarios by the same code the command runs.
            if has("budget:") || has("service_levels:") {
                do {
                    if has("budget:") {
                        let c = try CalibrationSpec.prepare(file)
                        print("\(file): valid calibration spec (\(c.loaded.count) files, \(c.parameters.count) parameters, \(c.targets.count) targets)")
                    } else {
                        let p = try SizingSpec.prepare(file)
                        print("\(file): valid sizing spec (\(p.items.count) scenarios, \(p.spec.serviceLevels.count) service levels)")
                    }
                } catch let error as ScenarioError {
                    failed = true
                    printError(error.description)
                }
                continue
            }
            do {
                let loaded = try ScenarioLoader.load(file)
                print("\(file): valid (\(loaded.scenario.name); \(loaded.provenance.count) sources, \(loaded.unsourced.count) numbers without one)")
                if provenance { for path in loaded.unsourced { print("  no source: \(path)") } }
            } catch let error as ScenarioError {
                failed = true
                printError(error.description)
            }
        }
        if failed { throw ExitCode(1) }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
