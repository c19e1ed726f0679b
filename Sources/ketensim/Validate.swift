import ArgumentParser
import Foundation
import InburgeringModel
import MCA
import Yams

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
            let lines = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n")
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
            // Calibration specs (top-level `budget:`) are checked with their scenarios.
            if has("budget:") {
                do {
                    let spec = try YAMLDecoder().decode(CalibrationSpec.self, from: lines.joined(separator: "\n"))
                    let base = URL(fileURLWithPath: file).deletingLastPathComponent()
                    let loaded = try loadScenarios(spec.files.map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path })
                    print("\(file): valid calibration spec (\(loaded.count) files, \(spec.parameters.count) parameters)")
                } catch {
                    failed = true
                    printError("\(file): \(error)")
                }
                continue
            }
            // Sizing specs (top-level `service_levels:`) are checked with their scenarios.
            if has("service_levels:") {
                do {
                    let spec = try SizingSpec.load(file)
                    let base = URL(fileURLWithPath: file).deletingLastPathComponent()
                    for l in try loadScenarios(spec.scenarios.map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path }) {
                        _ = try Size.variables(spec, l)
                        _ = try Size.levels(spec, l)
                    }
                    print("\(file): valid sizing spec (\(spec.scenarios.count) scenarios, \(spec.serviceLevels.count) service levels)")
                } catch let error as ValidationError {
                    failed = true
                    printError(error.message)
                } catch {
                    failed = true
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
