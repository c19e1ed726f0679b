import Experiments
import Foundation

/// Readable tables for the terminal.
public enum Tables {
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

    /// The metrics of group "all": mean, 95 % CI, P10, P50, P90.
    public static func summary(_ s: [MetricKey: MetricSummary], group: String = "all") -> String {
        var lines = [pad("metric", 28) + pad("mean", 12, right: true) + pad("95 % CI", 26, right: true)
                     + pad("P10", 11, right: true) + pad("P50", 11, right: true) + pad("P90", 11, right: true)]
        for key in s.keys.filter({ $0.group == group }).sorted() {
            guard let m = s[key] else { continue }
            let ci = "[\(format(m.ci95[0])), \(format(m.ci95[1]))]"
            lines.append(pad(key.name, 28) + pad(format(m.mean), 12, right: true) + pad(ci, 26, right: true)
                         + pad(format(m.p10), 11, right: true) + pad(format(m.p50), 11, right: true) + pad(format(m.p90), 11, right: true))
        }
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
            let key = MetricKey(name: metric, group: "all")
            var row = pad(metric, 26)
            for (i, s) in summaries.enumerated() {
                guard let m = s[key] else { row += pad("–", width, right: true); continue }
                var cell = "\(format(m.mean)) ±\(format(m.halfWidth))"
                if i != baseline, let d = diffs.first(where: { $0.metric == metric && $0.group == "all" && $0.scenario == names[i] }) {
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
}

/// Progress on standard error: a redrawn line on a terminal, plain lines (every 10 %)
/// otherwise.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastDecile = -1
    private let terminal = isatty(STDERR_FILENO) != 0
    public var enabled = true

    /// Ends a redrawn line that stopped before its total (a run that stopped early).
    public func finish() {
        lock.withLock { if enabled && terminal { FileHandle.standardError.write(Data("\n".utf8)) } }
    }

    public init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    public func update(_ done: Int) {
        lock.withLock {
            guard enabled else { return }
            let now = Date()
            let elapsed = now.timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(max(total - done, 0)) / rate : 0
            let text = "\(label): \(done)/\(total) replications, \(String(format: "%.0f", rate))/s, ETA \(String(format: "%.0f", eta)) s"
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
