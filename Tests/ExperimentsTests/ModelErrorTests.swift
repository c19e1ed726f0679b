import Experiments
import Foundation
import Reports
import ResultFiles
import Stochastics
import Testing

@Suite struct ModelErrorTests {
    @Test func theHalfWidthIsTheKthSmallestScore() throws {
        // k = min(n, ⌈0.9 (n + 1)⌉), level k / (n + 1): five cases give the largest at 5/6; nine
        // give the 9th at 9/10; nineteen the 18th at 18/20.
        let five = try #require(ModelError.halfWidth([0.05, 0.01, 0.03, 0.02, 0.04]))
        #expect(five.halfWidth == 0.05)
        #expect(abs(five.level - 5.0 / 6) < 1e-12)
        let nine = try #require(ModelError.halfWidth((1...9).reversed().map(Double.init)))
        #expect(nine.halfWidth == 9)
        #expect(abs(nine.level - 0.9) < 1e-12)
        let nineteen = try #require(ModelError.halfWidth((1...19).map(Double.init)))
        #expect(nineteen.halfWidth == 18)
        #expect(abs(nineteen.level - 0.9) < 1e-12)
        #expect(ModelError.halfWidth([]) == nil)
    }

    @Test func sharesAreMeasuredInTheirUnitsCountsAsRatios() throws {
        #expect(ModelError.scale(of: "pip_coverage@2023-12-08") == .absolute)
        #expect(ModelError.scale(of: "consultant_utilisation") == .absolute)
        #expect(ModelError.scale(of: "obligated@2023-12-08") == .ratio)
        #expect(ModelError.scale(of: "admission_to_step_days:lbt") == .ratio)
        #expect(ModelError.score(observed: 0.55, predicted: 0.71, scale: .absolute).map { abs($0 - 0.16) < 1e-12 } == true)
        #expect(ModelError.score(observed: 0, predicted: 3, scale: .ratio) == nil)
        // A count's interval is a ratio either way: 100 predicted, half-width log 1.5 → [66.7, 150].
        let e = ModelError.Entry(metric: "obligated@2023-12-08", group: "stream:asylum", scale: .ratio, cases: 5, halfWidth: log(1.5), level: 5.0 / 6)
        let i = e.interval(100)
        #expect(abs(i.low - 200.0 / 3) < 1e-9)
        #expect(abs(i.high - 150) < 1e-9)
    }

    @Test func theFiveCaseLeaveOneOutByHand() throws {
        // The held-out predictions of `calibrate Scenarios/cases/calibration.yaml --cross-validate`
        // (stop 30): observed DUO figure, predicted mean, per case (Roermond, Utrecht, Tholen,
        // Tilburg, BUCH). By hand: the asylum shares' errors are 0.115, 0.166, 0.059, 0.046, 0.027,
        // so ± 0.166 at 5/6; from the other four cases only, the largest of them, which misses
        // Utrecht alone (4 of 5). The counts' log ratios are 0.316, 0.388, 0.522, 0.004, 0.140:
        // × / ÷ e^0.522 = 1.69, missing Tholen alone.
        let share = "pip_coverage@2023-12-08", count = "obligated@2023-12-08", g = "stream:asylum"
        let rows: [ModelError.HeldOut] = [
            (share, g, 94.0 / 120, 0.6680), (share, g, 438.0 / 792, 0.7190), (share, g, 27.0 / 32, 0.7851),
            (share, g, 251.0 / 347, 0.6770), (share, g, 96.0 / 151, 0.6628),
            (count, g, 120, 87.45), (count, g, 792, 537.41), (count, g, 32, 53.93), (count, g, 347, 348.28), (count, g, 151, 173.61),
        ]
        let m = ModelError(heldOut: rows)
        let s = try #require(m.entry(metric: share, group: g))
        #expect(s.scale == .absolute && s.cases == 5)
        #expect(abs(s.halfWidth - (0.7190 - 438.0 / 792)) < 1e-12)
        #expect(abs(s.level - 5.0 / 6) < 1e-12)
        let c = try #require(m.entry(metric: count, group: g))
        #expect(c.scale == .ratio)
        #expect(abs(c.halfWidth - log(53.93 / 32)) < 1e-12)
        let nested = ModelError.nestedCoverage(rows)
        #expect(nested.map(\.covered) == [4, 4])
        #expect(nested.map(\.cases) == [5, 5])
    }

    @Test func theIntervalHoldsANewCaseAsOftenAsItsLevelSays() {
        // Exchangeable cases: five held-out errors and a sixth, all from one distribution. The
        // interval from the five (± the largest) holds the sixth with probability exactly 5/6
        // for a continuous distribution, whatever it is. 20,000 trials with a fixed seed: the
        // binomial standard error is √(5/6 · 1/6 / 20,000) = 0.0026; 4 SE = 0.011.
        let rng = RandomStream(seed: 2022)
        var held = 0
        let trials = 20_000
        for _ in 0..<trials {
            let errors = (0..<6).map { _ in rng.uniform() * 0.16 - 0.08 }
            let rows = errors.prefix(5).map { ModelError.HeldOut("pip_coverage@2023-12-08", "stream:asylum", 0.6 + $0, 0.6) }
            let e = ModelError(heldOut: rows).entries[0]
            let i = e.interval(0.6)
            if i.low <= 0.6 + errors[5] && 0.6 + errors[5] <= i.high { held += 1 }
        }
        #expect(abs(Double(held) / Double(trials) - 5.0 / 6) < 0.011)
    }

    @Test func theShippedModelErrorIsTheShippedCalibrationsLeaveOneOut() throws {
        // `make model-error` writes it: one line per target of calibration.yaml, measured as
        // the target's kind says, over every case with targets (five: level 5/6).
        let shipped = try CalibrationOutputs.readModelError("Scenarios/cases/model-error.csv")
        let prepared = try CalibrationSpec.prepare("Scenarios/cases/calibration.yaml")
        let cases = Set(prepared.targets.map(\.file)).count
        #expect(shipped.entries.map { "\($0.metric) \($0.group)" }.sorted() == Set(prepared.targets.map { "\($0.metric) \($0.group)" }).sorted())
        for e in shipped.entries {
            #expect(e.cases == cases && e.scale == ModelError.scale(of: e.metric), "\(e)")
            #expect(abs(e.level - Double(cases) / Double(cases + 1)) < 1e-12)
        }
    }

    @Test func theModelErrorFileReadsBackAndABadOneIsNamed() throws {
        let m = ModelError(entries: [
            .init(metric: "pip_coverage@2023-12-08", group: "stream:asylum", scale: .absolute, cases: 5, halfWidth: 0.166, level: 5.0 / 6),
            .init(metric: "obligated@2023-12-08", group: "stream:a, b", scale: .ratio, cases: 4, halfWidth: 0.52, level: 0.8),
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("model-error.csv")
        try CalibrationOutputs.modelErrorCSV(m).write(to: file, atomically: true, encoding: .utf8)
        #expect(try CalibrationOutputs.readModelError(file.path) == m)
        #expect(try CalibrationOutputs.readModelError(folder.path) == m)

        func problem(_ text: String) -> String {
            try? text.write(to: file, atomically: true, encoding: .utf8)
            do { _ = try CalibrationOutputs.readModelError(file.path); return "" } catch { return "\(error)" }
        }
        let header = "target,group,scale,cases,half_width,level\n"
        #expect(problem(header + "pip_coverage@2023-12-08,stream:asylum,linear,5,0.1,0.8\n")
                == "\(file.path): line 2: scale: expected absolute or ratio, got 'linear'")
        #expect(problem(header + "pip_coverage@2023-12-08,stream:asylum,absolute,5,0.1,1.5\n")
                == "\(file.path): line 2: level: expected a level between 0 and 1, got '1.5'")
        #expect(problem(header + "pip_coverage@2023-12-08,stream:asylum,absolute,5,-0.1,0.8\n")
                == "\(file.path): line 2: half_width: expected a half-width of 0 or more, got '-0.1'")
        #expect(problem("target,group,scale,cases,half_width\n") == "\(file.path): no column 'level'")
        #expect(problem(header) == "\(file.path): no targets; expected one line per target after the header")
    }
}
