import ArgumentParser
import Foundation
import InburgeringModel
import SimKernel

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and print its headline figures."
    )

    @Argument(help: "Scenario file (YAML).") var file: String
    @Option(help: "Master seed.") var seed: UInt64 = 2022

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(file)
        } catch let error as ScenarioError {
            printError(error.description)
            throw ExitCode(1)
        }
        var result: ReplicationResult?
        let wall = measure { result = ChainModel.replicate(loaded.scenario, seed: seed, replication: 0) }
        guard let result else { return }
        print("\(loaded.scenario.name) — one replication, seed \(seed), \(result.events) events in \(String(format: "%.3f", wall)) s")
        let wanted = ["koppeling_to_housing_days", "intake_wait_days", "housing_to_intake_days", "housing_to_pip_days",
                      "koppeling_to_pip_days", "pip_to_route_start_days", "pip_within_term_share", "pips_per_year",
                      "route_starts_per_year", "consultant_utilisation", "mean_caseload", "lbt_slot_use",
                      "class_fill_rate", "fte_cost_per_year", "cost_per_pip"]
        for m in result.metrics() where m.group == "all" && wanted.contains(m.name) {
            print(m.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%12.3f", m.value))
        }
    }
}
