import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict a municipality the calibration did not see, in seconds: its figures on the snapshot date at a kept posterior, with intervals.",
        discussion: """
            Runs each FILE at the shared values of the posterior points a calibration of SPEC kept \
            (posterior-points.csv, which `calibrate` writes; the shipped calibration's is \
            Scenarios/cases/posterior-points.csv), its own inputs as it states them, with the spec's \
            replications and seed. The figures are those `calibrate SPEC --predict FILE` gives at that \
            calibration, without calibrating again. Each target (the share with a PIP per stream, the \
            statushouders obligated) gets the 90 % interval over the points (the parameters' \
            uncertainty) and, from a cross-validation's model-error.csv, the interval widened by the \
            model's error on the cases it was not fitted to (split conformal, at the level shown). \
            Writes predictions.csv and manifest.json. Rerun `make posterior` (and `make model-error`) \
            after changing the model or the spec's case files: a kept posterior is of the files it was \
            fitted with.
            """
    )

    @Argument(help: "Scenario files of municipalities to predict.") var files: [String]
    @Option(help: "Calibration spec: its shared parameters, targets, replications and seed.") var spec = "Scenarios/cases/calibration.yaml"
    @Option(help: ArgumentHelp("A calibration's posterior-points.csv, or its result folder (default: posterior-points.csv beside the spec).",
                               valueName: "path"))
    var posterior: String?
    @Option(help: ArgumentHelp("A cross-validation's model-error.csv, or its folder (default: model-error.csv beside the spec, when it is there).",
                               valueName: "path"))
    var modelError: String?
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/predict/<run-id>).") var out: String?
    @Option(help: ArgumentHelp("Also write each FILE as an overlay at the posterior's shared values (their weighted medians), for run, "
                               + "compare and size: DIR/<file name>, extending FILE. A run of it is at one point, the prediction over all.",
                               valueName: "DIR"))
    var overlays: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file to predict") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let start = Date()
        let prepared: CalibrationSpec.Prepared
        do { prepared = try CalibrationSpec.prepare(spec) } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let predicted = try PredictionReport.templates(files)
        let folder = URL(fileURLWithPath: spec).deletingLastPathComponent()
        let posteriorPath = posterior ?? folder.appendingPathComponent("posterior-points.csv").path
        let besideSpec = folder.appendingPathComponent("model-error.csv").path
        let errorPath = modelError ?? (FileManager.default.fileExists(atPath: besideSpec) ? besideSpec : nil)
        let points: (values: [[Double]], weights: [Double], fromAccepted: Bool)
        do { points = try CalibrationOutputs.readPosteriorPoints(posteriorPath, parameters: prepared.parameters) } catch let e as CSVTable.Problem {
            printError(e.description + (posterior == nil ? " (the posterior beside the spec: run `calibrate \(spec)` and copy its posterior-points.csv, or give --posterior)" : ""))
            throw ExitCode(1)
        }
        var report = PredictionReport(modelError: try PredictionReport.modelError(errorPath))
        let calibration = Calibration(files: prepared.templates, parameters: prepared.parameters, targets: prepared.targets,
                                      replications: prepared.spec.budget.replications, seed: prepared.seed, jobs: jobs)
        let wanted = CalibrationOutputs(calibration, paths: prepared.paths, specFiles: prepared.spec.files).predictionTargets
        let dir = try openOutput(out, defaultParent: "Results/predict", start: start)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        var done = 0
        for (path, template) in predicted where !cancel.isCancelled {
            let (predictions, used) = calibration.predict(template, wanted, at: points.values, weights: points.weights, cancel: cancel)
            report.add(path, predictions, points: used, fromAccepted: points.fromAccepted)
            if !cancel.isCancelled { done += used * calibration.replications }
        }
        if cancel.isCancelled { throw interrupted(dir, done: done, cancel: cancel) }
        try dir.write("predictions.csv", report.csv)
        let loaded = try predicted.map { try $0.template.instantiate() }
        try dir.write("manifest.json", Manifest.json(tool: Ketensim.version, loaded: loaded, seed: prepared.seed,
                                                     replications: prepared.spec.budget.replications, jobs: jobs,
                                                     wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0))
        let written = try overlays.map { try writeOverlays(predicted, names: loaded.map(\.scenario.name), in: $0, parameters: prepared.parameters,
                                                           points: points, from: posteriorPath) } ?? []
        try dir.commit()
        print("predicted at the posterior of \(posteriorPath) (spec \(spec))" + (errorPath.map { "; model error: \($0)" } ?? ""))
        print(report.text)
        if !written.isEmpty { print("overlays: " + written.joined(separator: ", ")) }
        print("results: \(dir.final.path)")
    }

    /// Each predicted file as an overlay that sets the shared parameters to their weighted
    /// posterior medians (the file's own inputs as it states them), as `calibrate` writes its
    /// files' overlays. Returns the paths written.
    func writeOverlays(_ predicted: [(path: String, template: ScenarioLoader.Template)], names: [String], in folder: String,
                       parameters: [Calibration.Parameter], points: (values: [[Double]], weights: [Double], fromAccepted: Bool),
                       from posterior: String) throws -> [String] {
        var values: [String: (value: Double, source: String)] = [:]
        for (i, p) in parameters.enumerated() where p.file == nil {
            let xs = points.values.map { $0[i] }
            let (median, low, high) = (Calibration.quantile(xs, weights: points.weights, 0.5), Calibration.quantile(xs, weights: points.weights, 0.05),
                                       Calibration.quantile(xs, weights: points.weights, 0.95))
            values[p.path] = (median, "calibrated: \(posterior) (posterior median of \(xs.count) \(points.fromAccepted ? "accepted" : "closest") points; "
                              + "90 % interval [\(Tables.formatNumber(low)), \(Tables.formatNumber(high))], prior [\(p.low), \(p.high)])")
        }
        let target = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        return try zip(predicted, names).map { file, name in
            let overlay: String
            do {
                overlay = try file.template.overlay(values, extends: Calibrate.relativePath(from: target, to: URL(fileURLWithPath: file.path)),
                                                    name: "\(name), calibrated")
            } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
            let url = target.appendingPathComponent(URL(fileURLWithPath: file.path).lastPathComponent)
            try Data(overlay.utf8).write(to: url, options: .atomic)
            return url.path
        }
    }
}

/// The files `calibrate --predict` and `predict` run, and what they print and write of them.
struct PredictionReport {
    let modelError: ModelError?
    private(set) var csvRows = [CalibrationOutputs.predictionsHeader]
    private var lines: [String] = []

    init(modelError: ModelError?) { self.modelError = modelError }

    /// The scenario files to predict, read and checked before anything runs: a bad one costs no runs.
    static func templates(_ paths: [String]) throws -> [(path: String, template: ScenarioLoader.Template)] {
        try paths.map { path in
            do {
                let template = try ScenarioLoader.template(path)
                _ = try template.instantiate([:])
                return (path, template)
            } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        }
    }

    static func modelError(_ path: String?) throws -> ModelError? {
        guard let path else { return nil }
        do { return try CalibrationOutputs.readModelError(path) } catch let e as CSVTable.Problem { printError(e.description); throw ExitCode(1) }
    }

    mutating func add(_ path: String, _ predictions: [Calibration.Prediction], points: Int, fromAccepted: Bool) {
        lines.append("\(path): at the shared values of \(points) \(fromAccepted ? "accepted" : "closest (none accepted)") points")
        csvRows += CalibrationOutputs.predictionRows(path, predictions, points: points, fromAccepted: fromAccepted, modelError: modelError)
        for p in predictions {
            var line = "  \(Tables.pad(p.target.metric, 26)) \(Tables.pad(p.target.group, 16)) predicted \(Tables.formatNumber(p.mean)) [\(Tables.formatNumber(p.p05)), \(Tables.formatNumber(p.p95))]"
            if let e = modelError?.entry(metric: p.target.metric, group: p.target.group) {
                let i = e.interval(p.mean)
                line += String(format: "  with the model's error: [%@, %@] (%.0f %%, %d cases)", Tables.formatNumber(i.low), Tables.formatNumber(i.high), e.level * 100, e.cases)
            } else if modelError != nil {
                line += "  (the model-error file has no figure for this target)"
            }
            lines.append(line)
        }
    }

    var csv: String { csvRows.joined(separator: "\n") + "\n" }

    var text: String {
        (lines + [modelError == nil
            ? "[intervals: the parameters' uncertainty only, not the model's error on a municipality it was not fitted to; "
                + "run calibrate --cross-validate and give its folder to --model-error]"
            : "[first interval: the parameters' uncertainty, 90 %; second: widened by the leave-one-out errors (split conformal), at the level shown]"])
            .joined(separator: "\n")
    }
}
