import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles
import Testing

@Suite struct PosteriorPointsTests {
    @Test func thePointsAPosteriorRestsOnReadBackAndABadFileIsNamed() throws {
        // One shared and one per-file parameter, one target at 0.5 with a final range of
        // ±0.01: no point is accepted, so the file holds the ten closest (of twelve), each
        // weighted 1/10, heaviest first as `posteriorPoints` gives them; read back, the shared
        // values come back exactly and the per-file one as NaN (a prediction runs a file at
        // its own value).
        let t = try ScenarioLoader.template("Scenarios/cases/tholen.yaml")
        let parameters = [
            Calibration.Parameter(name: "hand-off, mode", path: "organisation.handoff_delay.mode", file: nil, low: 3, high: 14),
            Calibration.Parameter(name: "realisation (Tholen)", path: "housing.realisation", file: 0, low: 0.9, high: 1.05),
        ]
        let target = Calibration.Target(file: 0, metric: "pip_coverage@2023-12-08", group: "stream:asylum", observed: 0.5,
                                        initialTolerance: 0.01, finalTolerance: 0.01)
        let c = Calibration(files: [t], parameters: parameters, targets: [target], replications: 1, seed: 1, jobs: 1)
        let all = (0..<12).map { i in
            Calibration.Point(values: [3 + Double(i) * 0.9, 0.9 + Double(i) / 100], model: [0.5 + Double(i % 7) / 100 + Double(i) / 1000], round: 1, weight: 0)
        }
        let result = Calibration.Result(accepted: [], all: all, rounds: 1)
        let outputs = CalibrationOutputs(c, paths: ["tholen.yaml"], specFiles: ["tholen.yaml"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("posterior-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("posterior-points.csv")
        try outputs.posteriorPointsCSV(result).write(to: file, atomically: true, encoding: .utf8)

        let read = try CalibrationOutputs.readPosteriorPoints(folder.path, parameters: parameters)
        let (closest, weights) = c.posteriorPoints(result)
        #expect(!read.fromAccepted && read.values.count == 10 && closest.count == 10)
        #expect(read.weights == Array(repeating: 0.1, count: 10) && weights == read.weights)
        #expect(read.values.map { $0[0] } == closest.map { $0.values[0] })
        #expect(read.values.allSatisfy { $0[1].isNaN })
        // The two farthest from 0.5 (i = 6 at 0.566, i = 5 at 0.555) are the ones left out.
        #expect(Set(read.values.map { $0[0] }) == Set(all.sorted { abs($0.model[0] - 0.5) < abs($1.model[0] - 0.5) }.prefix(10).map { $0.values[0] }))

        func problem(_ text: String) -> String {
            try? text.write(to: file, atomically: true, encoding: .utf8)
            do { _ = try CalibrationOutputs.readPosteriorPoints(file.path, parameters: parameters); return "" } catch { return "\(error)" }
        }
        let header = "from,weight,\"hand-off, mode\",realisation (Tholen)\n"
        #expect(problem("from,weight,realisation (Tholen)\nclosest,1,0.95\n") == "\(file.path): no column 'hand-off, mode'")
        #expect(problem(header + "closest,1,15,0.95\n")
                == "\(file.path): line 2: hand-off, mode: expected a value within the spec's prior [3.0, 14.0], got '15'")
        #expect(problem(header + "closest,0,5,0.95\n") == "\(file.path): line 2: weight: expected a weight above 0, got '0'")
        #expect(problem(header + "some,1,5,0.95\n") == "\(file.path): line 2: from: expected accepted or closest, got 'some'")
        #expect(problem(header + "closest,0.5,5,0.95\naccepted,0.5,6,0.95\n")
                == "\(file.path): from: expected every point accepted, or every point closest, not both")
        #expect(problem(header) == "\(file.path): no points; expected one line per posterior point after the header")
        // Only the shared parameters are read: a file without the per-file column is whole.
        #expect(problem("from,weight,\"hand-off, mode\"\naccepted,1,5\n") == "")
    }

    @Test func theShippedPosteriorIsTheShippedCalibrationsTenClosestPoints() throws {
        // `make posterior` writes it: every shared parameter of calibration.yaml within its prior
        // (the reader checks), and, as the calibration accepts no point at its final ranges
        // (README), the ten closest, equally weighted.
        let prepared = try CalibrationSpec.prepare("Scenarios/cases/calibration.yaml")
        let shipped = try CalibrationOutputs.readPosteriorPoints("Scenarios/cases/posterior-points.csv", parameters: prepared.parameters)
        #expect(!shipped.fromAccepted && shipped.values.count == 10)
        #expect(shipped.weights.allSatisfy { $0 == 0.1 })
        let shared = prepared.parameters.indices.filter { prepared.parameters[$0].file == nil }
        #expect(shipped.values.allSatisfy { point in shared.allSatisfy { !point[$0].isNaN } })
    }
}
