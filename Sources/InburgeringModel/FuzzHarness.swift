import Foundation

/// One fuzz input, as `make fuzz` (libFuzzer) and the regression test feed it: the bytes
/// are a scenario file placed in `directory` (so `extends: common.yaml` resolves); it must
/// be refused with errors that name the file, or load and run one replication within an
/// event budget. Anything else — a trap, a hang, an unbounded allocation — is a finding.
public enum FuzzHarness {
    public enum Outcome: Equatable, Sendable {
        case refused
        case completed
        /// Valid, but above the event budget or the person estimate (the CLI's --force domain).
        case overBudget
    }

    /// Persons per replication the harness runs (larger valid files count as over budget).
    public static let maxPersons = 20_000.0
    /// Events per replication (checked every 4,096).
    public static let maxEvents = 2_000_000

    public static func run(_ data: Data, directory: String) -> Outcome {
        let file = "\(directory)/.fuzz-input-\(getpid())-\(UUID().uuidString).yaml"
        guard FileManager.default.createFile(atPath: file, contents: data) else { return .refused }
        defer { try? FileManager.default.removeItem(atPath: file) }
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(file)
        } catch let error as ScenarioError {
            // The contract: every problem names this file (or the file it extends).
            precondition(!error.issues.isEmpty && error.issues.allSatisfy { !$0.file.isEmpty && !$0.message.isEmpty },
                         "an error without a file or a message: \(error)")
            return .refused
        } catch {
            preconditionFailure("an error that is not a ScenarioError: \(error)")
        }
        guard ScenarioLimits.estimatedPersons(loaded.scenario) <= maxPersons else { return .overBudget }
        var checks = 0
        let result = ChainModel.replicate(loaded.scenario, seed: 1, replication: 0) {
            checks += 1
            return checks * 4096 > maxEvents
        }
        guard let result else { return .overBudget }
        _ = result.metrics()
        return .completed
    }
}
