import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit uncertain inputs to observed figures (IMABC-style): an accepted, weighted sample, a fit table and calibrated overlay files.",
        discussion: """
            Round 1 is a Sobol design over the priors; later rounds sample around accepted points while the \
            acceptance ranges narrow. Every point runs every file with the same replications. Writes \
            accepted.csv, points.csv, posterior.csv, posterior-points.csv (the points the posterior rests \
            on, for `ketensim predict`), fit.csv, calibration.json, manifest.json and one overlay per file \
            (extends the file, each calibrated value sourced `calibrated: <run-id>`). Evaluated points \
            are cached beside the result folder, so a rerun after an interruption resumes where it stopped.

            With --predict FILE (repeatable): after calibrating, run each FILE — a municipality the \
            calibration did not see — at the posterior's shared values, its own inputs as it states them, \
            and report the targets' figures (e.g. the share with a PIP per stream on the snapshot date) \
            with 90 % intervals: predictions.csv. Those intervals hold the parameters' uncertainty only; \
            with --model-error (a cross-validation's model-error.csv or its folder) each figure also gets \
            the interval widened by the error the model made on the cases it was not fitted to.

            With --cross-validate: leave one file out. For each file, calibrate on the others (their \
            targets, the shared parameters and their own), then predict the file's targets from its own \
            inputs at the fold's posterior points, with no fitting to them. Writes cross-validation.csv \
            (observed against predicted, with 90 % intervals, per target), folds.csv (per fold: points \
            accepted, shared posterior) and model-error.csv (per target, the conformal half-width of the \
            held-out errors, for --model-error); no overlays.
            """
    )

    @Argument(help: "Calibration spec (YAML).") var file: String
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Worker threads. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default: Results/calibration/<run-id>).") var out: String?
    @Option(help: "Folder for the calibrated overlay files (default: an `calibrated/` folder beside the first scenario file).")
    var overlays: String?
    @Flag(help: "No progress on stderr.") var quiet = false
    @Flag(help: "Leave one file out: calibrate on the others, predict its targets (see above).") var crossValidate = false
    @Option(help: "A scenario file to predict at the calibrated shared values (repeatable; see above).") var predict: [String] = []
    @Option(help: ArgumentHelp("With --predict: a cross-validation's model-error.csv (or its folder), to widen each prediction by the model's "
                               + "error on cases it was not fitted to (see above).", valueName: "path"))
    var modelError: String?
    @Option(help: ArgumentHelp("Evaluate shard i of n of the first round not yet done, into the cache beside --out; run without "
                               + "--shard once every round is done to write the results (see README, Running on a cluster).", valueName: "i/n"))
    var shard: String?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n ≤ \(Shard.most), got \(shard)") }
        if shard != nil && (crossValidate || !predict.isEmpty) {
            throw ValidationError("--shard evaluates points of a round only: it does not go with --cross-validate or --predict")
        }
        if crossValidate && !predict.isEmpty {
            throw ValidationError("--cross-validate and --predict are two runs: cross-validate first, then --predict FILE --model-error <its folder>")
        }
        if modelError != nil && predict.isEmpty { throw ValidationError("--model-error widens the predictions of --predict: give a file to predict") }
        if shard != nil && out == nil { throw ValidationError("--shard needs --out: the shards of a calibration share the cache beside it") }
    }

    func run() throws {
        let prepared: CalibrationSpec.Prepared
        do { prepared = try CalibrationSpec.prepare(file) } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        let spec = prepared.spec, text = prepared.text, paths = prepared.paths, templates = prepared.templates, loaded = prepared.loaded
        let parameters = prepared.parameters, targets = prepared.targets
        let seed = spec.seed ?? 2022
        let start = Date()
        let id = runID(start)
        if crossValidate && Set(prepared.targets.map(\.file)).count < 2 {
            printError("\(file): files: --cross-validate leaves one file out, so it needs targets in at least two files")
            throw ExitCode(1)
        }
        // Files to predict are read before anything runs: a bad one costs no calibration.
        let predicted = try PredictionReport.templates(predict)
        var report = PredictionReport(modelError: try PredictionReport.modelError(modelError))
        let shard = self.shard.flatMap(Shard.init)
        // A shard makes no result folder: its points go to the cache beside --out.
        let dir = shard == nil ? try openOutput(out, defaultParent: "Results/calibration", start: start) : nil
        if crossValidate, let dir { return try runCrossValidation(prepared, dir: dir, start: start) }
        // The cache of evaluated points lives beside the result folder (`CalibrationCache`).
        let parent: URL
        if let dir { parent = dir.final.deletingLastPathComponent() } else {
            do { parent = try OutputDirectory.target(out: out, defaultParent: "Results/calibration", defaultName: id).parent } catch let e as OutputError {
                printError(e.description)
                throw ExitCode(1)
            }
            try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        let cache = CalibrationCache(folder: parent, spec: text, paths: paths, contents: loaded.map(\.canonicalJSON))
        let cacheURL = cache.file(shard)
        var calibration = Calibration(files: templates, parameters: parameters, targets: targets,
                                      replications: spec.budget.replications, seed: seed, jobs: jobs)
        calibration.cache = cache.load(parameters: parameters.count, targets: targets.count)
        if !calibration.cache.isEmpty && !quiet { printError("resuming: \(calibration.cache.count) points already evaluated (\(parent.path)/\(cache.stem)*.jsonl)") }
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let clock = Date()
        let writer = CalibrationCache.Writer(cacheURL) { error in
            printError("cannot extend the resume cache \(cacheURL.path): \(error.localizedDescription); the calibration goes on")
        }
        calibration.onEvaluated = { writer.append(values: $0, model: $1) }
        let result = calibration.run(points: spec.budget.points, rounds: spec.budget.rounds, shard: shard, cancel: cancel) { done, total in
            if !quiet {
                let elapsed = Date().timeIntervalSince(clock)
                let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
                printError(String(format: "calibration: %d/%d points, %.0f s, ETA %.0f s", done, total, elapsed, eta))
            }
        }
        if cancel.isCancelled { throw interrupted(dir, done: calibration.evaluations, cancel: cancel) }
        guard let dir else {
            let which = shard.map { "shard \($0)" } ?? ""
            if let round = result.shardRound {
                print("calibration \(which): round \(round) of \(spec.budget.rounds): \(calibration.evaluations) points evaluated into \(cacheURL.path)"
                      + (round < spec.budget.rounds ? "; when every shard of it is done, run the shards again for round \(round + 1)" : "; when every shard of it is done, run calibrate without --shard"))
            } else {
                print("calibration \(which): every round is done; run calibrate without --shard to write the results")
            }
            return
        }

        let summary = calibration.summarise(result)
        let outputs = CalibrationOutputs(calibration, paths: paths, specFiles: spec.files)
        try dir.write("accepted.csv", outputs.pointsCSV(result.accepted, weights: true))
        try dir.write("points.csv", outputs.pointsCSV(result.all, weights: false))
        try dir.write("posterior.csv", outputs.posteriorCSV(summary))
        try dir.write("fit.csv", outputs.fitCSV(summary))
        try dir.write("posterior-points.csv", outputs.posteriorPointsCSV(result))
        // Municipalities the calibration did not see, at its shared values.
        for (path, template) in predicted where !cancel.isCancelled {
            let (predictions, points) = calibration.predict(template, outputs.predictionTargets, from: result, cancel: cancel)
            report.add(path, predictions, points: points, fromAccepted: summary.fromAccepted)
        }
        if cancel.isCancelled { throw interrupted(dir, done: calibration.evaluations, cancel: cancel) }
        if !predicted.isEmpty { try dir.write("predictions.csv", report.csv) }
        try dir.write("calibration.json", ResultJSON.text(CalibrationFile(
            spec: file, seed: seed, runID: id, result: result, summary: summary, replications: spec.budget.replications, paths: paths,
            wallSeconds: Date().timeIntervalSince(start))))
        try dir.write("manifest.json", Manifest.json(tool: Ketensim.version, loaded: loaded, seed: seed,
                                                               replications: spec.budget.replications, jobs: jobs,
                                                               wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0))
        // Overlays: each file's calibrated values (posterior medians) over the file itself.
        var overlayPaths: [String] = []
        if !result.accepted.isEmpty {
            let folder = overlays.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: paths[0]).deletingLastPathComponent().appendingPathComponent("calibrated")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (f, t) in templates.enumerated() {
                let values = outputs.overlayValues(summary, file: f, runID: id, accepted: result.accepted.count)
                let relative = Self.relativePath(from: folder, to: URL(fileURLWithPath: paths[f]))
                let overlay = try t.overlay(values, extends: relative, name: "\(loaded[f].scenario.name), calibrated \(id)")
                let target = folder.appendingPathComponent(URL(fileURLWithPath: paths[f]).lastPathComponent)
                try Data(overlay.utf8).write(to: target, options: .atomic)
                overlayPaths.append(target.path)
            }
        }
        try dir.commit()
        print("calibration: \(result.all.count) points × \(paths.count) files × \(spec.budget.replications) replications "
              + "(\(calibration.evaluations) evaluated now, \(result.all.count - calibration.evaluations) from the cache), "
              + "\(result.accepted.count) accepted at the final ranges, \(String(format: "%.0f", Date().timeIntervalSince(start))) s")
        if summary.unreachable > 0 {
            print("\(summary.unreachable) points left a target without a value (an invalid combination of values, or no person to measure): never accepted")
        }
        print(result.accepted.isEmpty ? "\nno point lies within every final range: the ten closest points instead (no overlays written)"
                                      : "\nposterior (weighted, accepted points)")
        for p in summary.posterior {
            print("  \(Tables.pad(p.parameter.name, 52)) median \(Tables.formatNumber(p.p50))  90 % [\(Tables.formatNumber(p.p05)), \(Tables.formatNumber(p.p95))]  prior [\(p.parameter.low), \(p.parameter.high)]")
        }
        print("\nfit")
        for f in summary.fit {
            print("  \(Tables.pad(URL(fileURLWithPath: paths[f.target.file]).lastPathComponent, 16)) \(Tables.pad(f.target.group, 16)) observed \(Tables.formatNumber(f.target.observed))  model \(Tables.formatNumber(f.mean)) [\(Tables.formatNumber(f.p05)), \(Tables.formatNumber(f.p95))]  \(f.inside ? "inside" : "OUTSIDE") its range")
        }
        if !overlayPaths.isEmpty { print("\noverlays: " + overlayPaths.joined(separator: ", ")) }
        if !predicted.isEmpty { print("\npredicted (not calibrated to)\n" + report.text) }
        print("results: \(dir.final.path)")
    }

    func runCrossValidation(_ prepared: CalibrationSpec.Prepared, dir: OutputDirectory, start: Date) throws {
        let spec = prepared.spec, paths = prepared.paths
        let calibration = Calibration(files: prepared.templates, parameters: prepared.parameters, targets: prepared.targets,
                                      replications: spec.budget.replications, seed: prepared.seed, jobs: jobs)
        let (cancel, sources) = cancelOnInterrupt()
        defer { sources.forEach { $0.cancel() } }
        let outputs = CalibrationOutputs(calibration, paths: paths, specFiles: spec.files), name = outputs.name
        let folds = calibration.crossValidate(points: spec.budget.points, rounds: spec.budget.rounds, cancel: cancel) { f, done, total in
            if !quiet && (done % 16 == 0 || done == total) {
                printError(String(format: "cross-validation: leaving out %@: %d/%d points, %.0f s", name(f), done, total, Date().timeIntervalSince(start)))
            }
        }
        if cancel.isCancelled { throw interrupted(dir, done: folds.count, cancel: cancel) }
        try dir.write("cross-validation.csv", outputs.crossValidationCSV(folds))
        try dir.write("folds.csv", outputs.foldsCSV(folds))
        let modelError = ModelError(folds: folds)
        try dir.write("model-error.csv", CalibrationOutputs.modelErrorCSV(modelError))
        try dir.write("manifest.json", Manifest.json(tool: Ketensim.version, loaded: prepared.loaded, seed: prepared.seed,
                                                               replications: spec.budget.replications, jobs: jobs,
                                                               wallSeconds: Date().timeIntervalSince(start), precision: nil, events: 0))
        try dir.commit()
        print("cross-validation (leave one file out): \(folds.count) folds × \(spec.budget.points * spec.budget.rounds) points × "
              + "\(paths.count - 1) files × \(spec.budget.replications) replications, \(String(format: "%.0f", Date().timeIntervalSince(start))) s\n")
        for fold in folds {
            print("\(name(fold.heldOut)): predicted from \(fold.points) \(fold.summary.fromAccepted ? "accepted" : "closest (none accepted)") points of a calibration on the others")
            for p in fold.predictions {
                print("  \(Tables.pad(p.target.metric, 26)) \(Tables.pad(p.target.group, 16)) observed \(Tables.formatNumber(p.target.observed))  predicted \(Tables.formatNumber(p.mean)) [\(Tables.formatNumber(p.p05)), \(Tables.formatNumber(p.p95))]  error \(Tables.formatNumber(p.error))")
            }
        }
        // Shares with a PIP per stream: mean absolute error in percentage points and cases within ±10 pp.
        let coverage = folds.flatMap(\.predictions).filter { $0.target.metric.hasPrefix(Metric.pipCoverage.rawValue + "@") && !$0.mean.isNaN }
        for group in Set(coverage.map(\.target.group)).sorted() {
            let errors = coverage.filter { $0.target.group == group }.map { abs($0.error) * 100 }
            print(String(format: "\n%@, share with a PIP: mean absolute error %.1f pp, %d of %d within ±10 pp", group,
                         errors.reduce(0, +) / Double(errors.count), errors.filter { $0 <= 10 }.count, errors.count))
        }
        // The model's error as a prediction interval for a municipality it was not fitted to.
        let nested = ModelError.nestedCoverage(ModelError.heldOut(folds))
        print("\nthe model's error on a case it was not fitted to (model-error.csv; calibrate --predict FILE --model-error \(dir.final.path)):")
        for e in modelError.entries {
            let width = e.scale == .absolute ? "± \(Tables.formatNumber(e.halfWidth))" : String(format: "× / ÷ %.2f", exp(e.halfWidth))
            let check = nested.first { $0.metric == e.metric && $0.group == e.group && $0.cases > 0 }.map { "; from the other cases only, it holds \($0.covered) of \($0.cases) held-out cases" } ?? ""
            print("  \(Tables.pad(e.metric, 26)) \(Tables.pad(e.group, 16)) \(width) at \(String(format: "%.0f", e.level * 100)) % (\(e.cases) cases)\(check)")
        }
        print("results: \(dir.final.path)")
    }

    /// `target` as a path relative to the folder `base` (so overlays can move with the repository).
    static func relativePath(from base: URL, to target: URL) -> String {
        let a = base.standardizedFileURL.pathComponents, b = target.standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }
}
