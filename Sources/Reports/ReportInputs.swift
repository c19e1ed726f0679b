import Experiments
import Foundation

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
    let summary: [String: Any]
    /// Rows of timeseries.csv: (kind, series) → months in order with mean, P10, P90.
    let series: [String: [(month: String, mean: Double, p10: Double, p90: Double)]]
    /// Start of the legal term → PIP of the persons in leadtimes.csv, censored at the horizon.
    let termToPIP: LeadTimeHistogram

    func metric(_ name: String, group: String = "all") -> [String: Any]? {
        if group == "all" { return (summary["metrics"] as? [String: Any])?[name] as? [String: Any] }
        return ((summary["groups"] as? [String: Any])?[group] as? [String: Any])?[name] as? [String: Any]
    }

    func value(_ name: String, _ field: String = "mean", group: String = "all") -> Double {
        metric(name, group: group).map { number($0[field]) } ?? .nan
    }

    func ci(_ name: String, group: String = "all") -> (Double, Double) {
        let c = metric(name, group: group)?["ci95"] as? [Any] ?? []
        return (number(c.first), number(c.dropFirst().first))
    }

    var groups: [String] { ((summary["groups"] as? [String: Any])?.keys).map { $0.sorted() } ?? [] }
}

/// A JSON number (or null: NaN).
func number(_ x: Any?) -> Double {
    switch x {
    case let d as Double: return d
    case let i as Int: return Double(i)
    case let n as NSNumber: return n.doubleValue
    default: return .nan
    }
}

/// The result folder read: scenarios (in the comparison's order), the comparison, the manifest.
struct ResultFolder {
    let scenarios: [ScenarioResult]
    let comparison: [String: Any]?
    let manifest: [String: Any]
    let horizonStart: Date

    static func json(_ url: URL) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError(description: "\(url.path): cannot read the file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReportError(description: "\(url.path): expected a JSON object (a ketensim output)")
        }
        return object
    }

    /// Reads the folder; `scenariosRequired: false` accepts one without summaries (a `size`,
    /// `sensitivity` or `calibrate` folder, which has a manifest only).
    static func load(_ dir: URL, scenariosRequired: Bool = true) throws -> ResultFolder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError(description: "\(dir.path): expected the folder of a `ketensim run`, `compare`, `size`, `sensitivity` or `calibrate`")
        }
        let manifest = try json(dir.appendingPathComponent("manifest.json"))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        // Each scenario's files share a prefix ending in summary.json ("" for a `run`).
        let prefixes = names.filter { $0.hasSuffix("summary.json") }.map { String($0.dropLast("summary.json".count)) }
        guard !prefixes.isEmpty || !scenariosRequired else {
            throw ReportError(description: "\(dir.path): no summary.json: expected the folder of a `ketensim run`, `compare`, `size`, `sensitivity` or `calibrate`")
        }
        let scenarios0 = manifest["scenarios"] as? [[String: Any]] ?? []
        let horizon = scenarios0.first?["horizon"] as? [String: Any]
        guard let start = (horizon?["start"] as? String).flatMap(parseDay), let end = (horizon?["end"] as? String).flatMap(parseDay) else {
            throw ReportError(description: "\(dir.path)/manifest.json: scenarios[0].horizon: expected start and end dates (YYYY-MM-DD)")
        }
        let horizonDays = end.timeIntervalSince(start) / 86_400
        var scenarios: [ScenarioResult] = []
        for prefix in prefixes {
            let summary = try json(dir.appendingPathComponent(prefix + "summary.json"))
            let series = try timeseries(dir.appendingPathComponent(prefix + "timeseries.csv"))
            let lead = try termToPIP(dir.appendingPathComponent(prefix + "leadtimes.csv"), horizon: horizonDays)
            let name = summary["scenario"] as? String ?? prefix
            scenarios.append(ScenarioResult(name: name, label: name, summary: summary, series: series, termToPIP: lead))
        }
        let comparisonURL = dir.appendingPathComponent("comparison.json")
        let comparison = FileManager.default.fileExists(atPath: comparisonURL.path) ? try json(comparisonURL) : nil
        // The comparison's order (baseline first as given), else the files' order.
        let order = (comparison?["scenarios"] as? [[String: Any]])?.compactMap { $0["scenario"] as? String } ?? []
        scenarios.sort { (order.firstIndex(of: $0.name) ?? Int.max, $0.name) < (order.firstIndex(of: $1.name) ?? Int.max, $1.name) }
        for (i, label) in Format.sharedWords(scenarios.map(\.name)).rest.enumerated() { scenarios[i].label = label }
        return ResultFolder(scenarios: scenarios, comparison: comparison, manifest: manifest, horizonStart: start)
    }

    static func parseDay(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: s)
    }

    /// The lines of a CSV file with its header's column indices.
    static func csv(_ url: URL) throws -> (columns: [String: Int], rows: [[Substring]]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError(description: "\(url.path): cannot read the file")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let header = lines.first else { throw ReportError(description: "\(url.path): empty; expected a header line") }
        let columns = Dictionary(header.split(separator: ",").enumerated().map { (String($1), $0) }, uniquingKeysWith: { a, _ in a })
        return (columns, lines.dropFirst().map(fields))
    }

    /// The fields of one CSV line (quoted fields as `csvField` writes them).
    static func fields(_ line: Substring) -> [Substring] {
        guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false) }
        var out: [Substring] = [], current = "", quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted, c == "\"" {
                let next = line.index(after: i)
                if next < line.endIndex, line[next] == "\"" { current.append("\""); i = next } else { quoted = false }
            } else if c == "\"" { quoted = true } else if c == ",", !quoted { out.append(Substring(current)); current = "" } else { current.append(c) }
            i = line.index(after: i)
        }
        out.append(Substring(current))
        return out
    }

    static func column(_ columns: [String: Int], _ name: String, _ url: URL) throws -> Int {
        guard let i = columns[name] else { throw ReportError(description: "\(url.path): no column '\(name)'") }
        return i
    }

    static func timeseries(_ url: URL) throws -> [String: [(month: String, mean: Double, p10: Double, p90: Double)]] {
        let (columns, rows) = try csv(url)
        let (m, k, s, mean, p10, p90) = try (column(columns, "month", url), column(columns, "kind", url), column(columns, "series", url),
                                             column(columns, "mean", url), column(columns, "p10", url), column(columns, "p90", url))
        var out: [String: [(month: String, mean: Double, p10: Double, p90: Double)]] = [:]
        for r in rows where r.count > max(m, k, s, mean, p10, p90) {
            out["\(r[k])/\(r[s])", default: []].append((String(r[m]), Double(r[mean]) ?? .nan, Double(r[p10]) ?? .nan, Double(r[p90]) ?? .nan))
        }
        return out
    }

    /// Start of the legal term → PIP of every person kept in leadtimes.csv, with those whose
    /// term had started but who had no PIP at the horizon censored (as the run's own lead
    /// times are). The term starts at the BRP registration, for family migrants at DUO's
    /// notice when that comes later (`PersonRecord.termStart`).
    static func termToPIP(_ url: URL, horizon: Double) throws -> LeadTimeHistogram {
        let (columns, rows) = try csv(url)
        let (stream, registration, obligation, pip) = try (column(columns, "stream", url), column(columns, "registration", url),
                                                           column(columns, "obligation_start", url), column(columns, "pip", url))
        var h = LeadTimeHistogram()
        for r in rows where r.count > max(stream, registration, obligation, pip) {
            guard let housed = Double(r[registration]) else { continue }
            let start = r[stream] == "family" ? max(Double(r[obligation]) ?? housed, housed) : housed
            guard start <= horizon else { continue }
            if let b = Double(r[pip]) { h.record(b - start) } else { h.recordCensored(horizon - start) }
        }
        return h
    }
}
