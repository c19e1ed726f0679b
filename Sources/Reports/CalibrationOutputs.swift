import Experiments
import Foundation
import InburgeringModel

/// The files `ketensim calibrate` writes, made from the calibration's results; the command
/// only writes them and prints.
public struct CalibrationOutputs {
    public let calibration: Calibration
    /// The spec's scenario files, in the order of `Calibration.files`: as found, and as the
    /// spec names them (for column headers).
    public let paths: [String], specFiles: [String]

    public init(_ calibration: Calibration, paths: [String], specFiles: [String]) {
        self.calibration = calibration
        self.paths = paths
        self.specFiles = specFiles
    }

    /// accepted.csv (`weights`: each point's weight first) or points.csv (its round first):
    /// the parameter values, then the model's value of every target.
    public func pointsCSV(_ points: [Calibration.Point], weights: Bool) -> String {
        let header = (calibration.parameters.map(\.name) + calibration.targets.map { "\($0.label) (\(specFiles[$0.file]))" })
            .map(csvField).joined(separator: ",")
        return Writers.text { emit in
            emit((weights ? "weight," : "round,") + header)
            for p in points { emit((weights ? "\(p.weight)," : "\(p.round),") + (p.values + p.model).map { "\($0)" }.joined(separator: ",")) }
        }
    }

    /// posterior.csv: per parameter its prior, posterior mean and 5/50/95 % quantiles, and the points they rest on.
    public func posteriorCSV(_ summary: Calibration.Summary) -> String {
        Writers.text { emit in
            emit("parameter,path,prior_low,prior_high,mean,p05,p50,p95,accepted")
            for p in summary.posterior {
                emit("\(csvField(p.parameter.name)),\(csvField(p.parameter.path)),\(p.parameter.low),\(p.parameter.high),\(p.mean),\(p.p05),\(p.p50),\(p.p95),\(p.points)")
            }
        }
    }

    /// fit.csv: per target the observation, the model's mean and 90 % interval, and whether
    /// the mean lies within the final acceptance range.
    public func fitCSV(_ summary: Calibration.Summary) -> String {
        Writers.text { emit in
            emit("file,target,group,observed,model_mean,model_p05,model_p95,final_low,final_high,inside")
            for f in summary.fit {
                emit("\(csvField(paths[f.target.file])),\(f.target.metric),\(csvField(f.target.group)),\(f.target.observed),\(f.mean),\(f.p05),\(f.p95),"
                     + "\(f.range.low),\(f.range.high),\(f.inside)")
            }
        }
    }

    /// What a file the calibration did not see is asked: each (metric, group) of the targets once.
    public var predictionTargets: [Calibration.Target] {
        var wanted: [Calibration.Target] = []
        for t in calibration.targets where !wanted.contains(where: { $0.metric == t.metric && $0.group == t.group }) {
            wanted.append(.init(file: 0, metric: t.metric, group: t.group, observed: .nan, initialTolerance: 1, finalTolerance: 1))
        }
        return wanted
    }

    public static let predictionsHeader = "file,target,group,predicted_mean,predicted_p05,predicted_p95,points,from"

    /// predictions.csv rows of one predicted file.
    public static func predictionRows(_ path: String, _ predictions: [Calibration.Prediction], points: Int, fromAccepted: Bool) -> [String] {
        predictions.map { p in
            [path, p.target.metric, p.target.group, "\(p.mean)", "\(p.p05)", "\(p.p95)", "\(points)", fromAccepted ? "accepted" : "closest"]
                .map(csvField).joined(separator: ",")
        }
    }

    /// The calibrated values of file `f` (the posterior medians of the parameters that apply
    /// to it), each with the source an overlay gives it.
    public func overlayValues(_ summary: Calibration.Summary, file f: Int, runID: String, accepted: Int) -> [String: (Double, String)] {
        var values: [String: (Double, String)] = [:]
        for post in summary.posterior where post.parameter.applies(to: f) {
            let p = post.parameter
            values[p.path] = (post.p50, "calibrated: \(runID) (posterior median of \(accepted) accepted points; "
                              + "90 % interval [\(Tables.formatNumber(post.p05)), \(Tables.formatNumber(post.p95))], prior [\(p.low), \(p.high)])")
        }
        return values
    }

    /// cross-validation.csv: each held-out file's targets, predicted from a calibration on the others.
    public func crossValidationCSV(_ folds: [Calibration.Fold]) -> String {
        Writers.text { emit in
            emit("file,target,group,observed,predicted_mean,predicted_p05,predicted_p95,error,interval_covers,points,from")
            for fold in folds {
                for p in fold.predictions {
                    emit([name(fold.heldOut), p.target.metric, p.target.group, "\(p.target.observed)", "\(p.mean)", "\(p.p05)", "\(p.p95)",
                          "\(p.error)", "\(p.covers)", "\(fold.points)", fold.summary.fromAccepted ? "accepted" : "closest"].map(csvField).joined(separator: ","))
                }
            }
        }
    }

    /// folds.csv: each fold's posterior of the shared parameters.
    public func foldsCSV(_ folds: [Calibration.Fold]) -> String {
        Writers.text { emit in
            emit("held_out,points_evaluated,accepted,parameter,path,prior_low,prior_high,p05,p50,p95")
            for fold in folds {
                for p in fold.summary.posterior where p.parameter.file == nil {
                    emit([name(fold.heldOut), "\(fold.result.all.count)", "\(fold.result.accepted.count)", p.parameter.name, p.parameter.path,
                          "\(p.parameter.low)", "\(p.parameter.high)", "\(p.p05)", "\(p.p50)", "\(p.p95)"].map(csvField).joined(separator: ","))
                }
            }
        }
    }

    /// A file's name without its folder.
    public func name(_ f: Int) -> String { URL(fileURLWithPath: paths[f]).lastPathComponent }
}
