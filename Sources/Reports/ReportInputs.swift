import Experiments
import Foundation
import InburgeringModel
import ResultFiles

/// Why a report cannot be made, in plain words (the file and what was expected).
public struct ReportError: Error, CustomStringConvertible {
    public let description: String
}

/// What a report is made from: a `run` or `compare` folder and, when given or found beside
/// it, the JSON of `mca --out`, and `size`, `sensitivity` and `calibrate` folders.
public struct ReportInputs {
    public var results: URL
    public var mca: [URL] = []
    public var sizing: URL?
    public var sensitivity: URL?
    public var calibration: URL?

    /// The folder alone (see `discover` for what lies beside it).
    public init(results: URL) { self.results = results }

    /// Whether there is more than the run or comparison to report (a `size`, `sensitivity`
    /// or `calibrate` folder may be reported on its own).
    var hasStudies: Bool { sizing != nil || sensitivity != nil || calibration != nil || !mca.isEmpty }

    /// The folder, plus what lies in it: `mca*.json` files, and subfolders holding
    /// `sizing.json`, `sensitivity.json` or `calibration.json` — or the folder itself, when it
    /// is the output of `size`, `sensitivity` or `calibrate`.
    public static func discover(_ results: URL) -> ReportInputs {
        var inputs = ReportInputs(results: results)
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: results.path)) ?? []).sorted()
        for (name, url) in [("", results)] + names.map({ ($0, results.appendingPathComponent($0)) }) {
            if name.hasPrefix("mca"), name.hasSuffix(".json") { inputs.mca.append(url) }
            if fm.fileExists(atPath: url.appendingPathComponent("sizing.json").path) { inputs.sizing = inputs.sizing ?? url }
            if fm.fileExists(atPath: url.appendingPathComponent("sensitivity.json").path) { inputs.sensitivity = inputs.sensitivity ?? url }
            if fm.fileExists(atPath: url.appendingPathComponent("calibration.json").path) { inputs.calibration = inputs.calibration ?? url }
        }
        return inputs
    }
}

/// One scenario's result files, read.
struct ScenarioResult {
    let name: String
    var label: String
    let summary: SummaryFile
    /// Rows of timeseries.csv: (kind, series) → months in order with mean, P10, P90.
    let series: [String: [(month: String, mean: Double, p10: Double, p90: Double)]]
    /// Start of the legal term → PIP of the persons in leadtimes.csv, censored at the horizon.
    let termToPIP: LeadTimeHistogram

    /// A statistic of a metric (the mean unless another is named); NaN when the run has none.
    func value(_ name: String, _ field: KeyPath<MetricStatistics, Double> = \.mean, group: String = MetricGroup.allName) -> Double {
        summary.statistics(name, group: group)?[keyPath: field] ?? .nan
    }

    func ci(_ name: String, group: String = MetricGroup.allName) -> (Double, Double) {
        let c = summary.statistics(name, group: group)?.ci95 ?? []
        return (c.first ?? .nan, c.dropFirst().first ?? .nan)
    }

    var groups: [String] { summary.groups.keys.sorted() }
}

/// The largest magnitude a figure in a result file can have (days, persons, euros); a larger
/// one means the file is damaged.
let largestFigure = 1e15

/// The result folder read: scenarios (in the comparison's order), the comparison, the manifest.
struct ResultFolder {
    let scenarios: [ScenarioResult]
    let comparison: ComparisonFile?
    /// `compare --robust`'s draws, when it ran.
    var robustness: RobustnessFile? = nil
    let manifest: ManifestFile
    let horizonStart: Date

    /// A result file of type `T`; what does not read is a report error naming file and field.
    static func read<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T {
        do {
            return try ResultJSON.read(type, url.path, expected: SummaryFile.expected)
        } catch let p as ResultJSON.Problem { throw ReportError(description: p.description) }
    }

    /// Reads the folder; `scenariosRequired: false` accepts one without summaries (a `size`,
    /// `sensitivity` or `calibrate` folder, which has a manifest only).
    static func load(_ dir: URL, scenariosRequired: Bool = true) throws -> ResultFolder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError(description: "\(dir.path): expected the folder of a `ketensim run`, `compare`, `size`, `sensitivity` or `calibrate`")
        }
        let manifest = try read(ManifestFile.self, dir.appendingPathComponent("manifest.json"))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        // Each scenario's files share a prefix ending in summary.json ("" for a `run`).
        let prefixes = names.filter { $0.hasSuffix("summary.json") }.map { String($0.dropLast("summary.json".count)) }
        guard !prefixes.isEmpty || !scenariosRequired else {
            throw ReportError(description: "\(dir.path): no summary.json: expected the folder of a `ketensim run`, `compare`, `size`, `sensitivity` or `calibrate`")
        }
        let horizon = manifest.scenarios.first?.horizon
        guard let start = horizon.flatMap({ parseDay($0.start) }), let end = horizon.flatMap({ parseDay($0.end) }) else {
            throw ReportError(description: "\(dir.path)/manifest.json: scenarios[0].horizon: expected start and end dates (YYYY-MM-DD)")
        }
        let horizonDays = end.timeIntervalSince(start) / 86_400
        var scenarios: [ScenarioResult] = []
        for prefix in prefixes {
            let summaryURL = dir.appendingPathComponent(prefix + "summary.json")
            let summary = try read(SummaryFile.self, summaryURL)
            try checkSummary(summary, summaryURL)
            let series = try timeseries(dir.appendingPathComponent(prefix + "timeseries.csv"))
            let lead = try termToPIP(dir.appendingPathComponent(prefix + "leadtimes.csv"), horizon: horizonDays)
            let name = summary.scenario
            scenarios.append(ScenarioResult(name: name, label: name, summary: summary, series: series, termToPIP: lead))
        }
        let comparisonURL = dir.appendingPathComponent("comparison.json")
        let comparison = FileManager.default.fileExists(atPath: comparisonURL.path) ? try read(ComparisonFile.self, comparisonURL) : nil
        // The comparison's order (baseline first as given), else the files' order.
        let order = comparison?.scenarios.map(\.scenario) ?? []
        scenarios.sort { (order.firstIndex(of: $0.name) ?? Int.max, $0.name) < (order.firstIndex(of: $1.name) ?? Int.max, $1.name) }
        for (i, label) in Format.sharedWords(scenarios.map(\.name)).rest.enumerated() { scenarios[i].label = label }
        let robustnessURL = dir.appendingPathComponent("robustness.json")
        let robustness = FileManager.default.fileExists(atPath: robustnessURL.path) ? try read(RobustnessFile.self, robustnessURL) : nil
        if let robustness { try checkRobustness(robustness, robustnessURL, names: scenarios.map(\.name)) }
        return ResultFolder(scenarios: scenarios, comparison: comparison, robustness: robustness, manifest: manifest, horizonStart: start)
    }

    /// robustness.json as `compare --robust` writes it: the folder's scenarios, one
    /// probability in [0, 1] per scenario (and pair), P(first) summing to 1.
    static func checkRobustness(_ f: RobustnessFile, _ url: URL, names: [String]) throws {
        let problem = { (field: String, expected: String) in ReportError(description: "\(url.path): \(field): expected \(expected)") }
        guard Set(f.scenarios) == Set(names), f.scenarios.count == names.count else {
            throw problem("scenarios", "the folder's scenarios (\(names.joined(separator: ", ")))")
        }
        let k = names.count, unit = { (p: Double) in p >= 0 && p <= 1 + 1e-9 }
        for (i, m) in f.metrics.enumerated() {
            guard m.pFirst.count == k, m.pFirst.allSatisfy(unit), abs(m.pFirst.reduce(0, +) - 1) < 1e-6 else {
                throw problem("metrics[\(i)].p_first", "\(k) probabilities that sum to 1")
            }
            guard m.pBetter.count == k, m.pBetter.allSatisfy({ $0.count == k && $0.allSatisfy(unit) }) else {
                throw problem("metrics[\(i)].p_better", "a \(k) × \(k) table of probabilities")
            }
            guard f.scenarios.contains(m.leader) else { throw problem("metrics[\(i)].leader", "one of the scenarios") }
        }
    }

    /// A summary as `run` writes it: a legal term of a plausible length, and every figure
    /// finite and of a size a figure can have (null, read as NaN, stands for none). The
    /// number of replications is checked as the file is read (`SummaryFile`).
    static func checkSummary(_ summary: SummaryFile, _ url: URL) throws {
        let term = summary.legalTermDays
        guard term > 0, term <= 3_650 else {
            throw ReportError(description: "\(url.path): legal_term_days: expected \(SummaryFile.expected["legal_term_days"]!)")
        }
        func check(_ metrics: [String: MetricStatistics], _ path: String) throws {
            for (name, m) in metrics {
                let figures = [("mean", m.mean), ("p10", m.p10), ("p50", m.p50), ("p90", m.p90)] + m.ci95.enumerated().map { ("ci95[\($0)]", $1) }
                for (field, x) in figures where !x.isNaN && !(x.isFinite && abs(x) <= largestFigure) {
                    throw ReportError(description: "\(url.path): \(path).\(name).\(field): expected a finite figure within ±1e15, got \(x) (is the file damaged?)")
                }
            }
        }
        try check(summary.metrics, "metrics")
        for (group, metrics) in summary.groups { try check(metrics, "groups.\(group)") }
    }

    /// A number field of a result CSV: empty is none (nil); anything else must be a finite
    /// figure within ±1e15.
    static func figure(_ field: Substring, _ url: URL, line: Int, column: String) throws -> Double? {
        if field.isEmpty { return nil }
        guard let x = Double(field), x.isFinite, abs(x) <= largestFigure else {
            throw ReportError(description: "\(url.path): line \(line): \(column): expected a finite number within ±1e15 or an empty field, "
                              + "got '\(field.prefix(40))' (is the file damaged?)")
        }
        return x
    }

    static func parseDay(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: s)
    }

    /// A result CSV by its header; its problems as report errors.
    static func csv(_ url: URL) throws -> CSVTable {
        do { return try CSVTable(contentsOf: url.path) } catch let p as CSVTable.Problem { throw ReportError(description: p.description) }
    }

    static func columns(_ t: CSVTable, _ names: String...) throws -> [Int] {
        do { return try names.map(t.column) } catch let p as CSVTable.Problem { throw ReportError(description: p.description) }
    }

    static func timeseries(_ url: URL) throws -> [String: [(month: String, mean: Double, p10: Double, p90: Double)]] {
        let table = try csv(url)
        let c = try columns(table, "month", "kind", "series", "mean", "p10", "p90")
        let (m, k, s, mean, p10, p90) = (c[0], c[1], c[2], c[3], c[4], c[5])
        var out: [String: [(month: String, mean: Double, p10: Double, p90: Double)]] = [:]
        for (r, line) in zip(table.rows, table.lines) where r.count > c.max()! {
            // A month as `run` writes it: the first day of a month of a plausible year.
            guard r[m].count == 10, let day = parseDay(String(r[m])), (1900...2300).contains(Calendar(identifier: .gregorian).component(.year, from: day)) else {
                throw ReportError(description: "\(url.path): line \(line): month: expected a date YYYY-MM-DD, got '\(r[m].prefix(40))' (is the file damaged?)")
            }
            func value(_ c: Int, _ name: String) throws -> Double { try figure(r[c], url, line: line, column: name) ?? .nan }
            out["\(r[k])/\(r[s])", default: []].append((String(r[m]), try value(mean, "mean"), try value(p10, "p10"), try value(p90, "p90")))
        }
        return out
    }

    /// Start of the legal term → PIP of every person kept in leadtimes.csv, with those whose
    /// term had started but who had no PIP at the horizon censored (as the run's own lead
    /// times are). The term's start is the model's own (`term_start`, from
    /// `PersonRecord.termStart`), not worked out again here.
    static func termToPIP(_ url: URL, horizon: Double) throws -> LeadTimeHistogram {
        let table = try csv(url)
        let c = try columns(table, "term_start", "pip")
        let (term, pip) = (c[0], c[1])
        var h = LeadTimeHistogram()
        for (r, line) in zip(table.rows, table.lines) where r.count > c.max()! {
            func day(_ c: Int, _ name: String) throws -> Double? { try figure(r[c], url, line: line, column: name) }
            guard let start = try day(term, "term_start"), start <= horizon else { continue }
            if let b = try day(pip, "pip") { h.record(b - start) } else { h.recordCensored(horizon - start) }
        }
        return h
    }
}
