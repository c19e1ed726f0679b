import Experiments
import Foundation
import InburgeringModel
import MCA
import Reports

/// The input kinds `make fuzz` feeds (KETENSIM_FUZZ_KIND), each with what its command does
/// with an accepted input, cut to a few replications. A refusal must name a file and say
/// what was expected, in a message of bounded length; anything else — a trap, a hang, an
/// unbounded allocation, a NaN that ranks or prints as a result — is a finding.
enum Kind: String, CaseIterable {
    case scenario, sizing, calibration, criteria, results
}

enum Harnesses {
    /// Longest message a refusal may print (a hostile value is quoted in a few dozen characters).
    static let longestMessage = 2_000
    /// Persons per replication a spec's scenario may have for the harness to run it.
    static let maxPersons = 20_000.0

    static func check(_ e: ScenarioError) {
        precondition(!e.issues.isEmpty && e.issues.allSatisfy { !$0.file.isEmpty && !$0.message.isEmpty }, "an error without a file or a message: \(e)")
        precondition(e.issues.allSatisfy { $0.message.utf8.count <= longestMessage && $0.path.utf8.count <= longestMessage }, "an unbounded message")
    }

    /// `data` as a file in `directory`, removed afterwards.
    static func withFile<T>(_ data: Data, in directory: String, _ body: (String) -> T) -> T {
        let file = "\(directory)/.fuzz-input-\(getpid())-\(UUID().uuidString).yaml"
        guard FileManager.default.createFile(atPath: file, contents: data) else { preconditionFailure("cannot write \(file)") }
        defer { try? FileManager.default.removeItem(atPath: file) }
        return body(file)
    }

    static func run(_ data: Data, kind: Kind, directory: String) {
        switch kind {
        case .scenario: _ = FuzzHarness.run(data, directory: directory)
        case .sizing: withFile(data, in: directory, sizing)
        case .calibration: withFile(data, in: directory, calibration)
        case .criteria: withFile(data, in: directory, criteria)
        case .results: results(data, seed: directory)
        }
    }

    /// A sizing spec: prepared as `size` and `validate` prepare it; then the static estimate
    /// and one replication at every variable's lower and upper bound.
    static func sizing(_ file: String) {
        let prepared: SizingSpec.Prepared
        do { prepared = try SizingSpec.prepare(file) } catch let e as ScenarioError { return check(e) } catch {
            preconditionFailure("an error that is not a ScenarioError: \(error)")
        }
        for item in prepared.items where ScenarioLimits.estimatedPersons(item.loaded.scenario) <= maxPersons {
            _ = ChainSizing.staticEstimate(item.loaded.scenario, knobs: item.knobs, seed: 1)
            for values in [item.variables.map(\.lower), item.variables.map(\.upper)] {
                let s = ChainSizing.apply(item.loaded.scenario, item.knobs, values)
                precondition(ScenarioLoader.problems(s, file: file).isEmpty, "a bound the spec allows makes an invalid scenario")
                var events = 0
                guard let r = ChainModel.replicate(s, seed: 1, replication: 0, stop: { events += 1; return events * 4096 > FuzzHarness.maxEvents }) else { continue }
                let metrics = r.metrics()
                for level in item.levels { _ = ChainSizing.value(level, r, metrics: metrics) }
            }
        }
    }

    /// A calibration spec: prepared as `calibrate` and `validate` prepare it; then two points
    /// of one replication each.
    static func calibration(_ file: String) {
        let prepared: CalibrationSpec.Prepared
        do { prepared = try CalibrationSpec.prepare(file) } catch let e as ScenarioError { return check(e) } catch {
            preconditionFailure("an error that is not a ScenarioError: \(error)")
        }
        guard prepared.loaded.allSatisfy({ ScenarioLimits.estimatedPersons($0.scenario) <= maxPersons }) else { return }
        var c = Calibration(files: prepared.templates, parameters: prepared.parameters, targets: prepared.targets,
                            replications: 1, seed: prepared.seed, jobs: 1)
        let result = c.run(points: 2, rounds: 1, cancel: CancellationFlag())
        // A NaN never accepts.
        precondition(result.accepted.allSatisfy { $0.model.allSatisfy(\.isFinite) }, "a point with a NaN target accepted")
    }

    /// A criteria file: loaded as `mca` and `validate` load it; then the table and SMAA. A
    /// total must be a number, so a ranking never rests on a NaN.
    static func criteria(_ file: String) {
        let c: CriteriaFile, simulated: [String: [[Double]]]
        do {
            c = try CriteriaFile.load(file)
            simulated = try SimulatedPoints.load(c, relativeTo: (file as NSString).deletingLastPathComponent)
        } catch let e as MCAError {
            precondition(!e.issues.isEmpty && e.issues.allSatisfy { $0.utf8.count <= longestMessage }, "an empty or unbounded MCA error")
            return
        } catch { preconditionFailure("an error that is not an MCAError: \(error)") }
        let table = c.table(simulated: SimulatedPoints.means(simulated))
        precondition(table.totals.allSatisfy(\.isFinite), "a total that is not a number")
        _ = SMAA.run(c, samples: 20, seed: 1, simulated: simulated)
    }

    /// A result folder: `seed` (a `compare` folder) with one of its files — chosen by the first
    /// byte — replaced by the rest of the input; then `report` and `mca --simulation` on it.
    static func results(_ data: Data, seed: String) {
        guard let selector = data.first else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: seed)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        precondition(!names.isEmpty, "KETENSIM_FUZZ_DIR must be a compare folder (make fuzz makes one)")
        let damaged = names[Int(selector) % names.count]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-fuzz-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in names {
            let target = dir.appendingPathComponent(name)
            if name == damaged { _ = FileManager.default.createFile(atPath: target.path, contents: data.dropFirst()) }
            else { try? FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: "\(seed)/\(name)") }
        }
        do { _ = try Report.html(ReportInputs.discover(dir)) } catch let e as ReportError {
            precondition(e.description.utf8.count <= longestMessage + 2_000, "an unbounded report error")
        } catch { preconditionFailure("an error that is not a ReportError: \(error)") }
        if var c = try? CriteriaFile.load("Scenarios/westfriesland/mca-simulated.yaml") {
            c.simulation?.results = dir.path
            if let simulated = try? SimulatedPoints.load(c, relativeTo: ".") {
                precondition(c.table(simulated: SimulatedPoints.means(simulated)).totals.allSatisfy(\.isFinite), "a total that is not a number")
                _ = SMAA.run(c, samples: 20, seed: 1, simulated: simulated)
            }
        }
    }
}
