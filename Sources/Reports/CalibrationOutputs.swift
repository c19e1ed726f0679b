import Experiments
import Foundation
import InburgeringModel
import ResultFiles

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
        weights ? pointsCSV(points, leading: "weight") { "\($0.weight)" } : pointsCSV(points, leading: "round") { "\($0.round)" }
    }

    private func pointsCSV(_ points: [Calibration.Point], leading: String, _ lead: (Calibration.Point) -> String) -> String {
        let header = (calibration.parameters.map(\.name) + calibration.targets.map { "\($0.label) (\(specFiles[$0.file]))" })
            .map(csvField).joined(separator: ",")
        return CSVText.whole { out in
            out.line(leading + "," + header)
            for p in points { out.line(lead(p) + "," + (p.values + p.model).map { "\($0)" }.joined(separator: ",")) }
        }
    }

    /// posterior-points.csv: the points the posterior, the fit and the predictions rest on
    /// (`Calibration.posteriorPoints`: the accepted ones with their weights, or the ten closest
    /// equally weighted, as `from` says), in accepted.csv's columns. `ketensim predict` reads it
    /// back (`readPosteriorPoints`), so a municipality is predicted without calibrating again.
    public func posteriorPointsCSV(_ result: Calibration.Result) -> String {
        let (points, weights) = calibration.posteriorPoints(result)
        var weighted = points
        for i in weighted.indices { weighted[i].weight = weights[i] }
        let from = result.accepted.isEmpty ? "closest" : "accepted"
        return pointsCSV(weighted, leading: "from,weight") { "\(from),\($0.weight)" }
    }

    /// Reads a posterior-points.csv (or the calibration folder holding one) for `parameters`
    /// (a spec's): each point's value of every shared parameter, found by its name (NaN for the
    /// others, which a prediction does not use), its weight, and whether the points were
    /// accepted. A problem names the file, the line and the field.
    public static func readPosteriorPoints(_ path: String, parameters: [Calibration.Parameter]) throws
        -> (values: [[Double]], weights: [Double], fromAccepted: Bool) {
        var isFolder: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent("posterior-points.csv").path : path
        let table = try CSVTable(contentsOf: file)
        let from = try table.column("from"), weight = try table.column("weight")
        let shared = try parameters.enumerated().filter { $0.element.file == nil }.map { ($0.offset, $0.element.name, try table.column($0.element.name)) }
        var values: [[Double]] = [], weights: [Double] = [], kinds = Set<Substring>()
        for (row, line) in zip(table.rows, table.lines) {
            func field(_ c: Int) -> Substring { c < row.count ? row[c] : "" }
            func problem(_ name: String, _ c: Int, _ expected: String) -> CSVTable.Problem {
                .init(description: "\(file): line \(line): \(name): expected \(expected), got '\(field(c))'")
            }
            guard field(from) == "accepted" || field(from) == "closest" else { throw problem("from", from, "accepted or closest") }
            kinds.insert(field(from))
            guard let w = Double(field(weight)), w.isFinite, w > 0 else { throw problem("weight", weight, "a weight above 0") }
            var point = [Double](repeating: .nan, count: parameters.count)
            for (i, name, c) in shared {
                guard let x = Double(field(c)), x.isFinite else { throw problem(name, c, "a number") }
                guard x >= parameters[i].low && x <= parameters[i].high else {
                    throw problem(name, c, "a value within the spec's prior [\(parameters[i].low), \(parameters[i].high)]")
                }
                point[i] = x
            }
            values.append(point)
            weights.append(w)
        }
        guard !values.isEmpty else { throw CSVTable.Problem(description: "\(file): no points; expected one line per posterior point after the header") }
        guard kinds.count == 1 else { throw CSVTable.Problem(description: "\(file): from: expected every point accepted, or every point closest, not both") }
        return (values, weights, kinds.first == "accepted")
    }

    /// posterior.csv: per parameter its prior, posterior mean and 5/50/95 % quantiles, and the points they rest on.
    public func posteriorCSV(_ summary: Calibration.Summary) -> String {
        CSVText.whole { out in
            out.line("parameter,path,prior_low,prior_high,mean,p05,p50,p95,accepted")
            for p in summary.posterior {
                out.line("\(csvField(p.parameter.name)),\(csvField(p.parameter.path)),\(p.parameter.low),\(p.parameter.high),\(p.mean),\(p.p05),\(p.p50),\(p.p95),\(p.points)")
            }
        }
    }

    /// fit.csv: per target the observation, the model's mean and 90 % interval, and whether
    /// the mean lies within the final acceptance range.
    public func fitCSV(_ summary: Calibration.Summary) -> String {
        CSVText.whole { out in
            out.line("file,target,group,observed,model_mean,model_p05,model_p95,final_low,final_high,inside")
            for f in summary.fit {
                out.line("\(csvField(paths[f.target.file])),\(f.target.metric),\(csvField(f.target.group)),\(f.target.observed),\(f.mean),\(f.p05),\(f.p95),"
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

    public static let predictionsHeader = "file,target,group,predicted_mean,predicted_p05,predicted_p95,points,from,"
        + "with_model_error_low,with_model_error_high,with_model_error_level"

    /// predictions.csv rows of one predicted file. `predicted_p05`/`p95` hold the parameters'
    /// uncertainty only; `with_model_error_*` the interval widened by the model's error that
    /// leave-one-out measured (`ModelError`), empty when none was given for the target.
    public static func predictionRows(_ path: String, _ predictions: [Calibration.Prediction], points: Int, fromAccepted: Bool,
                                      modelError: ModelError? = nil) -> [String] {
        predictions.map { p in
            let e = modelError?.entry(metric: p.target.metric, group: p.target.group)
            let widened = e.map { e -> [String] in let i = e.interval(p.mean); return ["\(i.low)", "\(i.high)", "\(e.level)"] } ?? ["", "", ""]
            return ([path, p.target.metric, p.target.group, "\(p.mean)", "\(p.p05)", "\(p.p95)", "\(points)", fromAccepted ? "accepted" : "closest"] + widened)
                .map(csvField).joined(separator: ",")
        }
    }

    /// model-error.csv: per target, how the leave-one-out errors were measured and the
    /// conformal half-width with its level (`ModelError`).
    public static func modelErrorCSV(_ modelError: ModelError) -> String {
        CSVText.whole { out in
            out.line("target,group,scale,cases,half_width,level")
            for e in modelError.entries {
                out.line([e.metric, e.group, e.scale.rawValue, "\(e.cases)", "\(e.halfWidth)", "\(e.level)"].map(csvField).joined(separator: ","))
            }
        }
    }

    /// Reads a model-error.csv (or the cross-validation folder holding one); a problem names
    /// the file, the line and the field.
    public static func readModelError(_ path: String) throws -> ModelError {
        var isFolder: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent("model-error.csv").path : path
        let table = try CSVTable(contentsOf: file)
        let names = ["target", "group", "scale", "cases", "half_width", "level"]
        let columns = try names.map(table.column)
        var entries: [ModelError.Entry] = []
        for (row, line) in zip(table.rows, table.lines) {
            func field(_ c: Int) -> Substring { columns[c] < row.count ? row[columns[c]] : "" }
            func problem(_ c: Int, _ expected: String) -> CSVTable.Problem {
                .init(description: "\(file): line \(line): \(names[c]): expected \(expected), got '\(field(c))'")
            }
            guard !field(0).isEmpty else { throw problem(0, "a target name") }
            guard let scale = ModelError.Scale(rawValue: String(field(2))) else { throw problem(2, ModelError.Scale.allCases.map(\.rawValue).joined(separator: " or ")) }
            guard let cases = Int(field(3)), cases >= 1 else { throw problem(3, "a whole number of cases, at least 1") }
            guard let width = Double(field(4)), width.isFinite, width >= 0 else { throw problem(4, "a half-width of 0 or more") }
            guard let level = Double(field(5)), level > 0, level < 1 else { throw problem(5, "a level between 0 and 1") }
            entries.append(.init(metric: String(field(0)), group: String(field(1)), scale: scale, cases: cases, halfWidth: width, level: level))
        }
        guard !entries.isEmpty else { throw CSVTable.Problem(description: "\(file): no targets; expected one line per target after the header") }
        return ModelError(entries: entries)
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
        CSVText.whole { out in
            out.line("file,target,group,observed,predicted_mean,predicted_p05,predicted_p95,error,interval_covers,points,from")
            for fold in folds {
                for p in fold.predictions {
                    out.line([name(fold.heldOut), p.target.metric, p.target.group, "\(p.target.observed)", "\(p.mean)", "\(p.p05)", "\(p.p95)",
                          "\(p.error)", "\(p.covers)", "\(fold.points)", fold.summary.fromAccepted ? "accepted" : "closest"].map(csvField).joined(separator: ","))
                }
            }
        }
    }

    /// folds.csv: each fold's posterior of the shared parameters.
    public func foldsCSV(_ folds: [Calibration.Fold]) -> String {
        CSVText.whole { out in
            out.line("held_out,points_evaluated,accepted,parameter,path,prior_low,prior_high,p05,p50,p95")
            for fold in folds {
                for p in fold.summary.posterior where p.parameter.file == nil {
                    out.line([name(fold.heldOut), "\(fold.result.all.count)", "\(fold.result.accepted.count)", p.parameter.name, p.parameter.path,
                          "\(p.parameter.low)", "\(p.parameter.high)", "\(p.p05)", "\(p.p50)", "\(p.p95)"].map(csvField).joined(separator: ","))
                }
            }
        }
    }

    /// A file's name without its folder.
    public func name(_ f: Int) -> String { URL(fileURLWithPath: paths[f]).lastPathComponent }
}
