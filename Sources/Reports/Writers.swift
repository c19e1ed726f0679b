import Experiments
import Foundation
import InburgeringModel
import ResultFiles

/// Writes `text` to `path` whole or not at all: a hidden temporary file beside it, renamed
/// over the target at the end (an interrupted or failed write leaves the old file or none).
public func writeWhole(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
    do {
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw OutputError(description: String(cString: strerror(errno))) }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(description: "\(path): cannot write (\((error as? OutputError)?.description ?? error.localizedDescription))")
    }
}

/// A CSV field, quoted when it needs to be.
public func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

/// Numbers in CSV: shortest round-trip form, empty for NaN (pandas and R read it as NA).
func csvNumber(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }

/// The lines of a large CSV file, made as bytes field by field. A number goes straight from
/// the standard library's shortest round-trip formatting into the buffer (the text of
/// `csvNumber`), where building a `String` per number and per line took most of the time of
/// writing metrics.csv and leadtimes.csv. Past 64 KiB, a line's end hands the bytes to `flush`.
public struct CSVText: TextOutputStream {
    public private(set) var bytes: [UInt8] = []
    private let flush: (([UInt8]) -> Void)?

    /// `flush` takes each full buffer; without it the text is kept whole.
    public init(flush: (([UInt8]) -> Void)? = nil) {
        self.flush = flush
        bytes.reserveCapacity(1 << 17)
    }

    public mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    /// What `Double.write(to:)` calls with its digits.
    public mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// `x` as `csvNumber` writes it (nothing for NaN).
    public mutating func number(_ x: Double) { if !x.isNaN { x.write(to: &self) } }
    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    public mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count >= 1 << 16, let flush {
            flush(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    public mutating func line(_ text: String) { write(text); endLine() }

    /// The whole text that `produce` makes (small results and tests).
    public static func whole(_ produce: (inout CSVText) -> Void) -> String {
        var text = CSVText()
        produce(&text)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}

public enum Writers {
    /// summary.json's content: group "all" under `metrics`, the rest under `groups`.
    public static func summaryFile(_ r: ExperimentResult, _ s: [MetricKey: MetricSummary]) -> SummaryFile {
        var metrics: [String: MetricStatistics] = [:], groups: [String: [String: MetricStatistics]] = [:]
        for (key, m) in s {
            let entry = MetricStatistics(mean: m.mean, ci95: m.ci95, p10: m.p10, p50: m.p50, p90: m.p90, n: m.n)
            if key.group == MetricGroup.allName { metrics[key.name] = entry } else { groups[key.group, default: [:]][key.name] = entry }
        }
        return SummaryFile(scenario: r.scenario, replications: r.count, seed: r.seed, legalTermDays: r.legalTermDays,
                           metrics: metrics, groups: groups)
    }

    public static func summaryJSON(_ r: ExperimentResult, _ s: [MetricKey: MetricSummary]) -> String {
        ResultJSON.text(summaryFile(r, s))
    }

    public static func metricsCSV(_ r: ExperimentResult) -> String { CSVText.whole { metricsCSV(r, into: &$0) } }
    public static func leadtimesCSV(_ r: ExperimentResult) -> String { CSVText.whole { leadtimesCSV(r, into: &$0) } }

    /// metrics.csv: one row per replication × metric × group.
    public static func metricsCSV(_ r: ExperimentResult, into out: inout CSVText) {
        out.line("replication,metric,group,value")
        let groups = r.keys.map { ",\($0.name),\(csvField($0.group))," }
        for (i, rep) in r.replications.enumerated() {
            let index = "\(i)"
            for (j, rest) in groups.enumerated() {
                out.write(index)
                out.write(rest)
                out.number(rep.values[j])
                out.endLine()
            }
        }
    }

    /// leadtimes.csv: per-person milestones (days since the start) and lead times of the
    /// replications whose persons were kept.
    public static func leadtimesCSV(_ r: ExperimentResult, into out: inout CSVText) {
        let milestones: [(String, (PersonRecord) -> Double)] = [
            ("koppeling", { $0.koppeling }), ("registration", { $0.registration }), ("referral", { $0.referral }),
            ("admitted", { $0.admitted }), ("intake_start", { $0.intakeStart }), ("intake_done", { $0.intakeDone }),
            ("lbt", { $0.lbt }), ("pip", { $0.pip }), ("school_registration", { $0.schoolRegistration }),
            ("route_start", { $0.routeStart }), ("obligation_start", { $0.obligationStart }), ("case_closed", { $0.caseClosed }),
            // The start of the legal term as the model counts it (`PersonRecord.termStart`).
            ("term_start", { $0.termStart }),
        ]
        let leads = ReplicationResult.leadTimes(steps: r.stepNames)
        out.line((["replication", "person", "municipality", "stream", "route", "vroege_start", "nareiziger", "own_provider"]
                  + milestones.map(\.0) + leads.map { csvField($0.name) })
            .joined(separator: ","))
        let municipalities = r.municipalities.map(csvField)
        func flag(_ b: Bool) -> String { b ? ",true" : ",false" }
        for (i, rep) in r.replications.enumerated() {
            guard let persons = rep.persons else { continue }
            let stepDone = rep.stepDone ?? []
            for (j, p) in persons.enumerated() {
                out.write("\(i),\(j),\(municipalities[p.municipality]),\(p.stream.rawValue),\(p.route.rawValue)")
                out.write(flag(p.vroegeStart)); out.write(flag(p.nareiziger)); out.write(flag(p.ownProvider))
                for m in milestones { out.comma(); out.number(m.1(p)) }
                for l in leads { out.comma(); out.number(l.value(p, person: j, stepDone: stepDone) ?? .nan) }
                out.endLine()
            }
        }
    }

    /// timeseries.csv: monthly work in progress per state and throughput per series, with
    /// the mean and P10/P50/P90 over replications.
    public static func timeseriesCSV(_ r: ExperimentResult) -> String {
        var lines = ["month,kind,series,mean,p10,p50,p90"]
        let states = ChainState.allCases.map(\.name)
        func band(_ xs: [Double]) -> String {
            let mean = xs.isEmpty ? Double.nan : xs.reduce(0, +) / Double(xs.count)
            let q = quantiles(xs)
            return [mean, q[0], q[1], q[2]].map(csvNumber).joined(separator: ",")
        }
        for (m, month) in r.months.enumerated() {
            for (s, name) in states.enumerated() {
                let xs = r.replications.compactMap { m < $0.wip.count ? $0.wip[m][s] : nil }
                lines.append("\(month),wip,\(name),\(band(xs))")
            }
            for (s, name) in MonteCarlo.throughputSeries.enumerated() {
                let xs = r.replications.compactMap { m < $0.throughput.count ? $0.throughput[m][s] : nil }
                lines.append("\(month),throughput,\(name),\(band(xs))")
            }
            for (s, name) in MonteCarlo.coverageSeries.enumerated() {
                let xs = r.replications.compactMap { m < $0.coverage.count ? $0.coverage[m][s] : nil }.filter { !$0.isNaN }
                lines.append("\(month),coverage,\(name),\(band(xs))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quantiles(_ xs: [Double]) -> [Double] {
        guard !xs.isEmpty else { return [.nan, .nan, .nan] }
        let s = xs.sorted()
        return [0.1, 0.5, 0.9].map { p in
            let h = p * Double(s.count - 1)
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
    }

    /// comparison.csv: every scenario's mean and CI and the paired difference against the
    /// baseline, per metric and group.
    public static func comparisonCSV(_ results: [ExperimentResult], _ summaries: [[MetricKey: MetricSummary]],
                                     _ diffs: [Difference]) -> String {
        var lines = ["metric,group,scenario,mean,ci95_lo,ci95_hi,diff_vs_baseline,diff_ci_lo,diff_ci_hi,diff_level,significant"]
        let byKey = Dictionary(grouping: diffs) { "\($0.metric)|\($0.group)|\($0.scenario)" }
        for key in results.first?.keys ?? [] {
            for (r, s) in zip(results, summaries) {
                guard let m = s[key] else { continue }
                var row = [key.name, csvField(key.group), csvField(r.scenario), csvNumber(m.mean), csvNumber(m.ci95[0]), csvNumber(m.ci95[1])]
                if let d = byKey["\(key.name)|\(key.group)|\(r.scenario)"]?.first {
                    row += [csvNumber(d.mean), csvNumber(d.ci[0]), csvNumber(d.ci[1]), csvNumber(d.level), d.significant ? "true" : "false"]
                } else {
                    row += ["", "", "", "", ""]
                }
                lines.append(row.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func comparisonJSON(_ results: [ExperimentResult], _ summaries: [[MetricKey: MetricSummary]],
                                      _ diffs: [Difference], baseline: String) -> String {
        ResultJSON.text(ComparisonFile(
            baseline: baseline, scenarios: zip(results, summaries).map(summaryFile),
            differences: diffs.map { .init(metric: $0.metric, group: $0.group, scenario: $0.scenario, baseline: $0.baseline,
                                           mean: $0.mean, ci: $0.ci, level: $0.level, significant: $0.significant) }))
    }
}

extension Writers {
    /// robustness.csv: one row per draw, scenario and metric, with the draw's position in
    /// each input's range (`u`: 0 at its low, 1 at its high value).
    public static func robustnessCSV(names: [String], inputs: [Robustness.Input], metrics: [String], samples: [Robustness.Sample]) -> String {
        var lines = [(["draw", "scenario", "metric", "mean"] + inputs.map { "u:" + $0.path }).map(csvField).joined(separator: ",")]
        for (j, sample) in samples.enumerated() {
            let u = sample.u.map { "\($0)" }
            for (m, metric) in metrics.enumerated() {
                for (s, name) in names.enumerated() {
                    lines.append(([String(j + 1), csvField(name), metric, "\(sample.means[m][s])"] + u).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
