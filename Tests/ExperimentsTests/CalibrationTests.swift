import Experiments
import Foundation
import InburgeringModel
import Testing

@Suite struct CalibrationTests {
    @Test func calibrationRecoversKnownParametersOfASyntheticCase() throws {
        // Tholen with two inputs set to known values: housing realisation 0.75 and the longest
        // family referral 200 days. "Observed" = the model at those values (another seed, 200
        // replications). From wide priors the truth must lie in the accepted 90 % interval,
        // and that interval must be narrower than the prior.
        let t = try ScenarioLoader.template("Scenarios/cases/tholen.yaml")
        let truth = ["housing.realisation": 0.75, "inflow.family_migrants.referral_delay.max": 200.0]
        let observedRun = MonteCarlo.run(try t.instantiate(truth).scenario, replications: 200, seed: 99, jobs: 2)
        func observed(_ name: String, _ group: String) -> Double {
            let xs = observedRun.values(MetricKey(name: name, group: group))
            return xs.reduce(0, +) / Double(xs.count)
        }
        let targets = [
            Calibration.Target(file: 0, metric: "azc_share@2023-12-08", group: "stream:asylum",
                               observed: observed("azc_share@2023-12-08", "stream:asylum"), initialTolerance: 0.15, finalTolerance: 0.05),
            Calibration.Target(file: 0, metric: "pip_coverage@2023-12-08", group: "stream:family",
                               observed: observed("pip_coverage@2023-12-08", "stream:family"), initialTolerance: 0.15, finalTolerance: 0.05),
        ]
        let parameters = [
            Calibration.Parameter(name: "realisation", path: "housing.realisation", file: nil, low: 0.4, high: 1.1),
            Calibration.Parameter(name: "referral max", path: "inflow.family_migrants.referral_delay.max", file: nil, low: 56, high: 365),
        ]
        var c = Calibration(files: [t], parameters: parameters, targets: targets, replications: 20, seed: 2022, jobs: 2)
        let result = c.run(points: 24, rounds: 3, cancel: CancellationFlag())
        #expect(result.accepted.count >= 5)
        #expect(abs(result.accepted.reduce(0) { $0 + $1.weight } - 1) < 1e-9)
        let weights = result.accepted.map(\.weight)
        for (i, p) in parameters.enumerated() {
            let xs = result.accepted.map { $0.values[i] }
            let lo = Calibration.quantile(xs, weights: weights, 0.05), hi = Calibration.quantile(xs, weights: weights, 0.95)
            let value = truth[p.path] ?? .nan
            #expect(lo <= value && value <= hi, "\(p.name): truth \(value) outside [\(lo), \(hi)]")
            #expect(hi - lo < 0.75 * (p.high - p.low), "\(p.name): the accepted interval did not narrow")
        }
        // Deterministic: the same run again gives the same accepted sample.
        var again = Calibration(files: [t], parameters: parameters, targets: targets, replications: 20, seed: 2022, jobs: 1)
        #expect(again.run(points: 24, rounds: 3, cancel: CancellationFlag()).accepted.map(\.values) == result.accepted.map(\.values))
    }
}
