import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles
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
        var order: [[Double]] = []
        c.onEvaluated = { values, model in order.append(values + model) }
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
        // Deterministic on any number of threads (points run side by side): the same points, model
        // means and accepted sample, and the cache written in the same order.
        for jobs in [1, 3] {
            var again = Calibration(files: [t], parameters: parameters, targets: targets, replications: 20, seed: 2022, jobs: jobs)
            var againOrder: [[Double]] = []
            again.onEvaluated = { values, model in againOrder.append(values + model) }
            let r = again.run(points: 24, rounds: 3, cancel: CancellationFlag())
            #expect(r.accepted.map(\.values) == result.accepted.map(\.values) && r.all.map(\.model) == result.all.map(\.model), "jobs \(jobs)")
            #expect(againOrder == order && order.count == 72, "jobs \(jobs)")
        }
    }

    @Test func theSummaryWeighsAcceptedPointsAndNeverShowsAnUnreachableOne() {
        // One parameter, one target observed at 10 ± 2 (final). Accepted: values 1, 2, 3 with
        // weights 0.5, 0.25, 0.25 → mean 1.75, weighted median 1 (cumulative 0.5 reaches 0.5),
        // P95 3; model means 9, 10, 12 → mean 10, inside.
        let c = Calibration(files: [], parameters: [.init(name: "x", path: "a.b", file: nil, low: 0, high: 4)],
                            targets: [.init(file: 0, metric: "m", group: "all", observed: 10, initialTolerance: 4, finalTolerance: 2)],
                            replications: 2, seed: 1, jobs: 1)
        let accepted = [Calibration.Point(values: [1], model: [9], round: 2, weight: 0.5),
                        Calibration.Point(values: [2], model: [10], round: 2, weight: 0.25),
                        Calibration.Point(values: [3], model: [12], round: 2, weight: 0.25)]
        let lost = Calibration.Point(values: [4], model: [.nan], round: 1, weight: 1)
        let s = c.summarise(.init(accepted: accepted, all: accepted + [lost], rounds: 2))
        #expect(s.fromAccepted && s.unreachable == 1)
        #expect(s.posterior[0].mean == 1.75 && s.posterior[0].p50 == 1 && s.posterior[0].p95 == 3 && s.posterior[0].points == 3)
        #expect(s.fit[0].mean == 10 && s.fit[0].inside && s.fit[0].range == (8, 12))
        // None accepted: the ten closest reachable points, equally weighted; the NaN point is
        // not among them, and a mean of 13.5 lies outside 10 ± 2.
        let far = [Calibration.Point(values: [1], model: [13], round: 1, weight: 1), Calibration.Point(values: [3], model: [14], round: 1, weight: 1)]
        let t = c.summarise(.init(accepted: [], all: far + [lost], rounds: 2))
        #expect(!t.fromAccepted && t.unreachable == 1 && t.posterior[0].points == 2)
        #expect(t.posterior[0].mean == 2 && t.fit[0].mean == 13.5 && !t.fit[0].inside)
    }

    @Test func theOutputFilesSayWhatTheSummarySays() throws {
        // The hand-computed case above, written: two files, a shared parameter and one of the
        // second file's own; the targets of both files.
        let c = Calibration(files: [], parameters: [.init(name: "x", path: "a.b", file: nil, low: 0, high: 4),
                                                    .init(name: "own, y", path: "c", file: 1, low: 5, high: 6)],
                            targets: [.init(file: 0, metric: "m", group: "all", observed: 10, initialTolerance: 4, finalTolerance: 2),
                                      .init(file: 1, metric: "m", group: "all", observed: 11, initialTolerance: 4, finalTolerance: 2)],
                            replications: 2, seed: 1, jobs: 1)
        let accepted = [Calibration.Point(values: [1, 5], model: [9, 11], round: 2, weight: 0.5),
                        Calibration.Point(values: [2, 6], model: [10, 11], round: 2, weight: 0.25),
                        Calibration.Point(values: [3, 5.5], model: [12, 11], round: 2, weight: 0.25)]
        let result = Calibration.Result(accepted: accepted, all: accepted, rounds: 2)
        let s = c.summarise(result)
        let out = CalibrationOutputs(c, paths: ["/r/a.yaml", "/r/b.yaml"], specFiles: ["a.yaml", "b.yaml"])
        let posterior = try CSVTable(out.posteriorCSV(s), file: "posterior.csv")
        let (mean, p50, parameter) = (try posterior.column("mean"), try posterior.column("p50"), try posterior.column("parameter"))
        #expect(posterior.rows.count == 2 && posterior.rows[0][mean] == "1.75" && posterior.rows[0][p50] == "1.0" && posterior.rows[1][parameter] == "own, y")
        let fit = try CSVTable(out.fitCSV(s), file: "fit.csv")
        let (modelMean, finalLow) = (try fit.column("model_mean"), try fit.column("final_low"))
        #expect(fit.rows.map { String($0[modelMean]) } == ["10.0", "11.0"] && fit.rows[1][0] == "/r/b.yaml")
        #expect(fit.rows.map { String($0[finalLow]) } == ["8.0", "9.0"])
        let points = try CSVTable(out.pointsCSV(accepted, weights: true), file: "accepted.csv")
        let (ownColumn, second) = (try points.column("own, y"), try points.column("m [all] (b.yaml)"))
        #expect(ownColumn == 2 && second == 4 && points.rows[2].map(String.init) == ["0.25", "3.0", "5.5", "12.0", "11.0"])
        // Overlays: file 0 gets the shared median only; file 1 its own too.
        #expect(out.overlayValues(s, file: 0, runID: "r", accepted: 3).keys.sorted() == ["a.b"])
        let own = out.overlayValues(s, file: 1, runID: "r", accepted: 3)
        #expect(own["a.b"]?.0 == 1 && own["c"]?.0 == 5 && own["c"]!.1.hasPrefix("calibrated: r (posterior median of 3 accepted points; 90 % interval [5.00, 6.00], prior [5.0, 6.0])"), "\(own["c"]!.1)")
        // A predicted file is asked each (metric, group) once.
        #expect(out.predictionTargets.count == 1)
        // calibration.json carries the same figures.
        let file = CalibrationFile(spec: "s.yaml", seed: 1, runID: "r", result: result, summary: s, replications: 2, paths: out.paths, wallSeconds: 0)
        #expect(file.posterior[0].mean == 1.75 && file.fit[1].file == "/r/b.yaml" && file.fit[0].range == [8, 12] && file.accepted == 3)
    }

    @Test func crossValidationPredictsAHeldOutFileWithoutItsTargetsOrItsOwnParameters() throws {
        // Two files: Tholen twice, the housing realisation shared (truth 0.75) and the second
        // file's longest family referral its own parameter. "Observed" = the model at the
        // truth (another seed, 200 replications). Leaving file 1 out, the fold has none of its
        // targets or its own parameter; predicting it from the heaviest point alone equals
        // running the file at that point's shared value (its own input as the file states it);
        // and the 90 % interval over the posterior points covers the truth's coverage.
        let t = try ScenarioLoader.template("Scenarios/cases/tholen.yaml")
        let observedRun = MonteCarlo.run(try t.instantiate(["housing.realisation": 0.75]).scenario, replications: 200, seed: 99, jobs: 2)
        let metric = "azc_share@2023-12-08", group = "stream:asylum"
        let xs = observedRun.values(MetricKey(name: metric, group: group))
        let observed = xs.reduce(0, +) / Double(xs.count)
        let targets = (0..<2).map { Calibration.Target(file: $0, metric: metric, group: group, observed: observed, initialTolerance: 0.15, finalTolerance: 0.05) }
        let parameters = [
            Calibration.Parameter(name: "realisation", path: "housing.realisation", file: nil, low: 0.4, high: 1.1),
            Calibration.Parameter(name: "referral max (file 1)", path: "inflow.family_migrants.referral_delay.max", file: 1, low: 56, high: 365),
        ]
        let c = Calibration(files: [t, t], parameters: parameters, targets: targets, replications: 10, seed: 2022, jobs: 2)
        var fold = c.leaving(1)
        #expect(fold.targets.map(\.file) == [0] && fold.parameters.map(\.name) == ["realisation"])
        let result = fold.run(points: 16, rounds: 2, cancel: CancellationFlag())
        #expect(!result.accepted.isEmpty)
        let one = fold.predict(t, [targets[1]], from: result, maxPoints: 1, cancel: CancellationFlag())
        // The heaviest accepted point (the first of equal weights).
        let w = result.accepted.map(\.weight)
        let heaviest = result.accepted[try #require(w.indices.max { (w[$0], -$0) < (w[$1], -$1) })]
        let direct = MonteCarlo.run(try t.instantiate(["housing.realisation": heaviest.values[0]]).scenario, replications: 10, seed: 2022, jobs: 1)
        let values = direct.values(MetricKey(name: metric, group: group)).filter { !$0.isNaN }
        let directMean = values.reduce(0, +) / Double(values.count)
        #expect(one.points == 1 && one.predictions.count == 1)
        #expect(one.predictions.first?.mean == directMean, "\(one.predictions.first?.mean ?? .nan) ≠ \(directMean)")
        let folds = c.crossValidate(points: 16, rounds: 2, cancel: CancellationFlag())
        #expect(folds.map(\.heldOut) == [0, 1])
        for f in folds {
            let p = try #require(f.predictions.first)
            #expect(p.target.file == f.heldOut && p.covers, "fold \(f.heldOut): observed \(observed) outside [\(p.p05), \(p.p95)]")
        }
    }

    @Test func aFileExceptedFromASharedParameterKeepsItsOwnValue() throws {
        // Realisation shared by two Tholen files except the second (its chapter gives its own):
        // the parameter applies to file 0 only; leaving file 1 out, its prediction runs it at
        // its own value, so from one point it equals the file run as it stands.
        let t = try ScenarioLoader.template("Scenarios/cases/tholen.yaml")
        let metric = "pip_coverage@2023-12-08", group = "stream:asylum"
        let targets = (0..<2).map { Calibration.Target(file: $0, metric: metric, group: group, observed: 0.84, initialTolerance: 0.5, finalTolerance: 0.5) }
        let shared = Calibration.Parameter(name: "realisation", path: "housing.realisation", file: nil, except: [1], low: 0.4, high: 0.6)
        #expect(shared.applies(to: 0) && !shared.applies(to: 1))
        let c = Calibration(files: [t, t], parameters: [shared], targets: targets, replications: 4, seed: 2022, jobs: 2)
        var fold = c.leaving(1)
        let result = fold.run(points: 4, rounds: 1, cancel: CancellationFlag())
        let one = fold.predict(t, [targets[1]], from: result, heldOut: 1, maxPoints: 1, cancel: CancellationFlag())
        let asItStands = MonteCarlo.run(try t.instantiate([:]).scenario, replications: 4, seed: 2022, jobs: 1)
        let xs = asItStands.values(MetricKey(name: metric, group: group)).filter { !$0.isNaN }
        #expect(one.predictions.first?.mean == xs.reduce(0, +) / Double(xs.count))
        // Not excepted (a file the calibration never saw), the realisation of 0.4–0.6 applies.
        let unseen = fold.predict(t, [targets[1]], from: result, maxPoints: 1, cancel: CancellationFlag())
        #expect(unseen.predictions.first?.mean != one.predictions.first?.mean)
    }
}
