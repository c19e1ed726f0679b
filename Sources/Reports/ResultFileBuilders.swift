import Experiments
import Foundation
import InburgeringModel
import ResultFiles

// The result files' content from the library's own results: the commands only write them.

extension SizingFile.Scenario {
    public init(name: String, variables: [Sizer.Variable], levels: [Sizer.Level], estimate: [Double], result r: Sizer.Result,
                pools: [SizingFile.Pool], seconds: Double) {
        func judgement(_ j: Sizer.Judgement) -> SizingFile.Judgement {
            .init(values: Dictionary(uniqueKeysWithValues: zip(variables.map(\.name), j.values)), costPerYear: j.cost,
                  replications: j.replications, holds: j.holds,
                  levels: zip(levels, j.levels).map { l, a in
                      .init(level: l.name, direction: l.direction.rawValue, target: l.target, confidence: l.confidence,
                            mean: a.mean, bound: a.bound, holds: a.holds, shortfall: a.shortfall)
                  })
        }
        self.init(scenario: name, feasible: r.chosen != nil, staticEstimate: Dictionary(uniqueKeysWithValues: zip(variables.map(\.name), estimate)),
                  chosen: r.chosen.map(judgement), atUpperBounds: judgement(r.atUpperBounds), cheaperFailing: r.cheaperFailing.map(judgement),
                  configurationsJudged: r.evaluations, replicationsRun: r.replications, wallSeconds: seconds, pools: pools)
    }
}

extension SensitivityFile.Bar {
    public init(_ b: Sensitivity.Bar) {
        self.init(input: b.input.path, baseValue: b.input.base, lowValue: b.input.low, highValue: b.input.high, metric: b.metric,
                  baseMean: b.baseMean, effectLow: b.low.mean, effectLowCI95: b.low.ci, effectHigh: b.high.mean, effectHighCI95: b.high.ci)
    }
}

extension CalibrationFile {
    /// calibration.json from a run's summary; `paths` are the spec's files in order.
    public init(spec: String, seed: UInt64, runID: String, result: Calibration.Result, summary: Calibration.Summary,
                replications: Int, paths: [String], wallSeconds: Double) {
        let from = summary.fromAccepted ? "accepted" : "closest 10 (none accepted)"
        self.init(
            spec: spec, seed: seed, runID: runID, pointsEvaluated: result.all.count, accepted: result.accepted.count,
            replicationsPerPointAndFile: replications,
            posterior: summary.posterior.map { p in
                .init(parameter: p.parameter.name, path: p.parameter.path, prior: [p.parameter.low, p.parameter.high],
                      mean: p.mean, p05: p.p05, p50: p.p50, p95: p.p95, from: from)
            },
            fit: summary.fit.map { f in
                .init(file: paths[f.target.file], target: f.target.metric, group: f.target.group, observed: f.target.observed,
                      modelMean: f.mean, modelP05: f.p05, modelP95: f.p95, range: [f.range.low, f.range.high], inside: f.inside)
            },
            wallSeconds: wallSeconds)
    }
}

extension RobustnessFile {
    /// robustness.json from the draws of `Robustness.run`.
    public init(names: [String], inputs: [Robustness.Input], skipped: [String], failed: [String], samples: [Robustness.Sample],
                metrics: [String], replications: Int, seed: UInt64, assumptions: Double?) {
        let better = metrics.map { Metric(resultName: $0)?.better ?? .lower }
        let rankings = Robustness.rankings(samples, inputs: inputs, metrics: metrics, better: better)
        self.init(scenarios: names, samples: samples.count, replications: replications, seed: seed, assumptions: assumptions,
                  inputs: inputs.map { .init(path: $0.path, ranges: $0.ranges.map { $0.map { [$0.lowerBound, $0.upperBound] } }, whole: $0.whole) },
                  skipped: skipped, failed: failed,
                  metrics: rankings.map { r in
                      .init(metric: r.metric, better: r.better.rawValue, meanOverDraws: r.meanOverDraws, pFirst: r.first, pBetter: r.pairwise,
                            leader: names[r.leader],
                            flips: r.flips.map { .init(input: $0.path, rho: $0.rho, z: $0.z, significant: $0.significant,
                                                       leaderFirstLow: $0.leaderFirstLow, leaderFirstHigh: $0.leaderFirstHigh) })
                  })
    }
}
