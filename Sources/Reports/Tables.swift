import Experiments
import InburgeringModel
import Foundation
import ResultFiles

/// Readable tables for the terminal.
public enum Tables {
    /// A number for people: a few significant digits, – for NaN.
    public static func formatNumber(_ x: Double) -> String { format(x) }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "–" }
        let a = abs(x)
        if a >= 10_000 { return String(format: "%.0f", x) }
        if a >= 100 { return String(format: "%.1f", x) }
        if a >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.3f", x)
    }

    /// `s` padded with spaces to `n` characters, on the left when `right`-aligned.
    public static func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        let c = s.count
        guard c < n else { return s }
        let fill = String(repeating: " ", count: n - c)
        return right ? fill + s : s + fill
    }

    /// The metrics of group "all": mean, 95 % CI, P10, P50, P90 (dated metrics, `name@date`,
    /// are left to `observed`).
    public static func summary(_ s: [MetricKey: MetricSummary], group: String = MetricGroup.allName) -> String {
        let keys = s.keys.filter { $0.group == group && !$0.name.contains("@") }.sorted()
        let w = max(28, (keys.map(\.name.count).max() ?? 0) + 2)
        var lines = [pad("metric", w) + pad("mean", 12, right: true) + pad("95 % CI", 26, right: true)
                     + pad("P10", 11, right: true) + pad("P50", 11, right: true) + pad("P90", 11, right: true)]
        for key in keys {
            guard let m = s[key] else { continue }
            let ci = "[\(format(m.ci95[0])), \(format(m.ci95[1]))]"
            lines.append(pad(key.name, w) + pad(format(m.mean), 12, right: true) + pad(ci, 26, right: true)
                         + pad(format(m.p10), 11, right: true) + pad(format(m.p50), 11, right: true) + pad(format(m.p90), 11, right: true))
        }
        return lines.joined(separator: "\n")
    }

    /// The observed figures of a scenario (DUO snapshots) beside the model's coverage on the
    /// same date, counted the same way: persons whose obligation started, the share with a
    /// PIP, and the route shares among them (model: mean and 95 % CI over replications).
    public static func observed(_ observations: [Observation], municipalities: [String], _ s: [MetricKey: MetricSummary]) -> String {
        guard !observations.isEmpty else { return "" }
        func pct(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.0f %%", 100 * x) }
        var lines = [pad("date", 12) + pad("group", 24) + pad("total obs", 11, right: true) + pad("model [95 % CI]", 22, right: true)
                     + pad("PIP obs", 9, right: true) + pad("model [95 % CI]", 20, right: true) + pad("diff", 8, right: true)
                     + pad("B1/O/Z obs", 16, right: true) + pad("model", 16, right: true)]
        for o in observations {
            let group = MetricGroup.observed(municipality: o.municipality, stream: o.stream, municipalities: municipalities.count).description
            func model(_ name: String) -> MetricSummary? { s[MetricKey(name: "\(name)@\(o.date)", group: group)] }
            let total = model(Metric.obligated.rawValue), cover = model(Metric.pipCoverage.rawValue)
            let observedShare = o.total > 0 ? o.withPIP / o.total : .nan
            let routes = Route.allCases.map { r in o.routes.map { ($0[r.rawValue] ?? 0) / max(o.withPIP, 1) } ?? .nan }
            let modelRoutes = Route.allCases.map { model("pip_route_\($0.rawValue)_share")?.mean ?? .nan }
            let label = (o.municipality.map { "\($0) " } ?? "") + o.stream.rawValue
            lines.append(pad(o.date, 12) + pad(label, 24) + pad(format(o.total), 11, right: true)
                + pad(total.map { "\(format($0.mean)) [\(format($0.ci95[0])), \(format($0.ci95[1]))]" } ?? "–", 22, right: true)
                + pad(pct(observedShare), 9, right: true)
                + pad(cover.map { "\(pct($0.mean)) [\(pct($0.ci95[0])), \(pct($0.ci95[1]))]" } ?? "–", 20, right: true)
                + pad(cover.map { String(format: "%+.0f pp", 100 * ($0.mean - observedShare)) } ?? "–", 8, right: true)
                + pad(routes.map(pct).joined(separator: "/"), 16, right: true)
                + pad(modelRoutes.map(pct).joined(separator: "/"), 16, right: true))
        }
        lines.append("observed: the scenario's `observed:` figures; model: persons whose obligation started by the date (DUO's count), share with a PIP, routes among them")
        return lines.joined(separator: "\n")
    }

    /// One row per metric (group "all"): each scenario's mean [CI], and the difference
    /// against the baseline, marked * when its Bonferroni interval excludes zero.
    public static func comparison(names: [String], summaries: [[MetricKey: MetricSummary]], diffs: [Difference],
                                  baseline: Int, metrics: [String]) -> String {
        let width = 30
        var header = pad("metric", 26)
        for (i, n) in names.enumerated() { header += pad(i == baseline ? "\(n) (baseline)" : n, width, right: true) }
        var lines = [header]
        for metric in metrics {
            let key = MetricKey(name: metric, group: MetricGroup.allName)
            var row = pad(metric, 26)
            for (i, s) in summaries.enumerated() {
                guard let m = s[key] else { row += pad("–", width, right: true); continue }
                var cell = "\(format(m.mean)) ±\(format(m.halfWidth))"
                if i != baseline, let d = diffs.first(where: { $0.metric == metric && $0.group == MetricGroup.allName && $0.scenario == names[i] }) {
                    cell += " (\(d.mean >= 0 ? "+" : "")\(format(d.mean))\(d.significant ? "*" : " "))"
                } else if i != baseline {
                    cell += "          "
                }
                row += pad(cell, width, right: true)
            }
            lines.append(row)
        }
        let level = diffs.first.map { String(format: "%.4g", $0.level * 100) } ?? "95"
        lines.append("mean ±95 % half-width; (difference vs baseline, paired over common random numbers; * = its \(level) % Bonferroni interval excludes 0)")
        return lines.joined(separator: "\n")
    }

    /// The robustness of the ranking: per metric, P(first) per scenario and the inputs with a
    /// significant hold on the leader's margin.
    public static func robustness(_ f: RobustnessFile) -> String {
        var lines = ["\nHow sure the ranking is: \(f.samples) draws of \(f.inputs.count) uncertain inputs, \(f.replications) replications per scenario each"]
        for m in f.metrics {
            let shares = zip(f.scenarios, m.pFirst).map { "\($0) \(String(format: "%.0f %%", 100 * $1))" }.joined(separator: ", ")
            lines.append("  \(pad(m.metric, 26)) (\(m.better) is better) first: \(shares)")
            let held = m.flips.filter(\.significant).prefix(3).map { "\($0.input) (ρ \(String(format: "%+.2f", $0.rho)))" }
            lines.append("  \(pad("", 26)) " + (held.isEmpty ? "no input moves \(m.leader)'s lead beyond chance"
                                                                 : "\(m.leader)'s lead hangs on " + held.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }
}

/// Progress on standard error: a redrawn line on a terminal, plain lines (every 10 %)
/// otherwise.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private let unit: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastDecile = -1
    private let terminal = isatty(STDERR_FILENO) != 0
    public var enabled = true

    /// Ends a redrawn line that stopped before its total (a run that stopped early).
    public func finish() {
        lock.withLock { if enabled && terminal { FileHandle.standardError.write(Data("\n".utf8)) } }
    }

    public init(total: Int, label: String, unit: String = "replications") {
        self.total = total
        self.label = label
        self.unit = unit
    }

    public func update(_ done: Int) {
        lock.withLock {
            guard enabled else { return }
            let now = Date()
            let elapsed = now.timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(max(total - done, 0)) / rate : 0
            let text = "\(label): \(done)/\(total) \(unit), \(String(format: "%.0f", rate))/s, ETA \(String(format: "%.0f", eta)) s"
            if terminal {
                guard now.timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
                lastDraw = now
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            } else {
                let decile = total > 0 ? done * 10 / total : 10
                guard decile > lastDecile else { return }
                lastDecile = decile
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
    }
}
