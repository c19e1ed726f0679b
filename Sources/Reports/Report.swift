import Experiments
import Foundation
import InburgeringModel
import Mustache
import ResultFiles

/// `ketensim report`: one self-contained HTML file (inline CSS and SVG, no scripts, nothing
/// from the network) from a `run` or `compare` folder and whatever else is given or found
/// beside it. The page is a Mustache template (`ReportTemplate`); the charts come from
/// `Charts`, each with its data table.
public enum Report {
    public static func html(_ inputs: ReportInputs, language: ReportLanguage = .en) throws -> String {
        try ReportLanguage.$current.withValue(language) { try build(inputs) }
    }

    /// The report and the English phrases it had to leave untranslated (none for English).
    public static func htmlNotingUntranslated(_ inputs: ReportInputs, language: ReportLanguage) throws -> (html: String, untranslated: [String]) {
        let missing = Dutch.Missing()
        let page = try Dutch.$missing.withValue(missing) { try html(inputs, language: language) }
        return (page, missing.all)
    }

    static func build(_ inputs: ReportInputs) throws -> String {
        let folder = try ResultFolder.load(inputs.results, scenariosRequired: !inputs.hasStudies)
        var builder = Builder(folder: folder)
        let mca = try inputs.mca.map { (name: $0.deletingPathExtension().lastPathComponent, file: try ResultFolder.read(MCAFile.self, $0)) }
        let sizing = try inputs.sizing.map { try ResultFolder.read(SizingFile.self, $0.appendingPathComponent("sizing.json")) }
        let sensitivity = try inputs.sensitivity.map { try ResultFolder.read(SensitivityFile.self, $0.appendingPathComponent("sensitivity.json")) }
        let calibration = try inputs.calibration.map { try ResultFolder.read(CalibrationFile.self, $0.appendingPathComponent("calibration.json")) }
        builder.summary(sizing: sizing, mca: mca, sensitivity: sensitivity, calibration: calibration)
        if !folder.scenarios.isEmpty {
            builder.pipTerm()
            builder.leadTimes()
            builder.overTime()
            builder.resources()
            builder.demand()
            builder.comparison()
            builder.robustness()
            builder.observed()
        }
        for (name, file) in mca { builder.mca(name: name, file) }
        if let sizing { builder.sizing(sizing) }
        if let sensitivity { builder.sensitivity(sensitivity) }
        if let calibration { builder.calibration(calibration) }
        builder.inputs()
        builder.stressDES()
        return try ReportTemplate.render(builder.page)
    }
}

// MARK: - Formatting

/// The report's numbers and metric names as its language writes them (public for tests).
public enum Format {
    static var dutch: Bool { ReportLanguage.current == .nl }
    /// A decimal number as the report's language writes it (a decimal comma in Dutch).
    public static func decimal(_ s: String) -> String { dutch ? s.replacingOccurrences(of: ".", with: ",") : s }
    /// A metric's name as words ("pip within term share"), in the report's language; a dated
    /// metric keeps its date ("…@2023-12-08") and a step's figure its step (":kennismaking").
    public static func metric(_ name: String) -> String {
        if let cut = name.firstIndex(where: { $0 == "@" || $0 == ":" }) { return metric(String(name[..<cut])) + name[cut...] }
        let censored = "_censored_share"
        if name.hasSuffix(censored) { return tr("{0}: still waiting at the horizon", metric(String(name.dropLast(censored.count)))) }
        return tr(name.replacingOccurrences(of: "_", with: " "))
    }
    public static func share(_ x: Double) -> String { x.isFinite ? decimal(String(format: "%.1f %%", 100 * x)) : "–" }
    public static func days(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let one = x.rounded() == 1
        return String(format: "%.0f ", x) + (dutch ? (one ? "dag" : "dagen") : (one ? "day" : "days"))
    }
    /// The first words all names share (leaving each at least one of its own), and each name
    /// without them: ("Westfriesland", ["opplus", "integratie"]).
    public static func sharedWords(_ names: [String]) -> (shared: String, rest: [String]) {
        let words = names.map { $0.split(separator: " ") }
        var common = 0
        while names.count > 1, let w = words.first?[safe: common], words.allSatisfy({ $0.count > common + 1 && $0[common] == w }) { common += 1 }
        return (words.first?.prefix(common).joined(separator: " ") ?? "", words.map { $0.dropFirst(common).joined(separator: " ") })
    }

    /// "Westfriesland: opplus, integratie" for names that share their first words.
    public static func joinedNames(_ names: [String]) -> String {
        let (shared, rest) = sharedWords(names)
        return shared.isEmpty ? names.joined(separator: ", ") : shared + ": " + rest.joined(separator: ", ")
    }
    public static func euro(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = 0
        f.groupingSeparator = dutch ? "." : ","
        f.usesGroupingSeparator = true
        return "€ " + (f.string(from: NSNumber(value: x.rounded())) ?? String(format: "%.0f", x))
    }
    /// Three significant digits, no exponent for everyday sizes.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        guard abs(x) >= 1e-4 else { return decimal(String(format: "%.1g", x)) }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        let decimals = max(0, 2 - magnitude)
        return decimal(String(format: "%.\(min(decimals, 4))f", x))
    }
    /// "[0.5, 0.7]"; in Dutch "[0,5; 0,7]", since the comma is the decimal sign there.
    public static func interval(_ lo: Double, _ hi: Double, _ f: (Double) -> String = number) -> String {
        lo.isFinite && hi.isFinite ? "[\(f(lo))\(dutch ? ";" : ",") \(f(hi))]" : ""
    }
    /// An axis label for a decimal year: "2023" on a year, "2023-07" within one.
    public static func yearLabel(_ x: Double) -> String {
        guard abs(x) < 100_000 else { return "?" }
        let year = x.rounded(.down), month = Int(((x - year) * 12).rounded()) + 1
        return month == 1 || month > 12 ? String(Int(x.rounded())) : String(format: "%d-%02d", Int(year), month)
    }

    /// A decimal year ("2023.5") from "2023-07-01" or a half-year ("2023-II").
    public static func year(_ label: String) -> Double {
        let parts = label.split(separator: "-")
        guard let y = parts.first.flatMap({ Double($0) }) else { return .nan }
        if parts.count == 2 { return y + (parts[1] == "II" ? 0.5 : 0) }
        let month = parts.count > 1 ? Double(parts[1]) ?? 1 : 1
        return y + (month - 1) / 12
    }
}

/// A table for the template: headers, rows of cells, an optional caption and row classes.
struct TableContext {
    var caption: String?
    var headers: [String]
    var rows: [[String]]
    var rowClasses: [String?] = []

    var context: Page.Table {
        Page.Table(tableCaption: caption, headers: headers,
                   rows: rows.enumerated().map { i, cells in Page.Row(cells: cells, rowClass: rowClasses[safe: i] ?? nil) })
    }
}

/// What the page template (`ReportTemplate`) reads, by the names it uses; an absent
/// (nil) field leaves its part of the template out.
struct Page {
    /// The page's language (`<html lang>`) and the template's own words in it.
    let lang: String
    let words = Words()
    let title: String
    let meta: String
    let summary: [String]
    let keyFigures: Table?
    let sections: [Section]

    /// The words of the page template (`ReportTemplate`).
    struct Words {
        let inShort = tr("In short")
        let contents = tr("Contents")
        let dataTable = tr("Data table")
        let madeBy = tr("Made by")
        let footer = tr("one file, no scripts, nothing loaded from the network. Every chart has its data table; every number comes from the result folder's files (summary.json, timeseries.csv, leadtimes.csv, comparison.json, manifest.json).")
    }

    struct Section {
        let id: String
        let title: String
        let intro: [String]
        let figures: [Figure]
        let tables: [Table]
    }

    /// A chart and its data table; an `openData` table is shown at once, across the page.
    struct Figure {
        let svg: String
        let caption: String
        let table: Table
        let openData: Bool
    }

    struct Table {
        let tableCaption: String?
        let headers: [String]
        let rows: [Row]
    }

    struct Row {
        let cells: [String]
        let rowClass: String?
    }
}

// MARK: - The page, section by section

struct Builder {
    let folder: ResultFolder
    var sections: [Page.Section] = []
    var summaryLines: [String] = []
    var keyFigures: TableContext?
    var chartCount = 0

    init(folder: ResultFolder) { self.folder = folder }

    var scenarios: [ScenarioResult] { folder.scenarios }
    var names: [String] { scenarios.map(\.name) }
    /// The names without the words they all share ("opplus" for "Westfriesland opplus"): for
    /// legends, axes and columns, under a title that names the shared words.
    var labels: [String] { scenarios.map(\.label) }
    /// Checked when the folder is read (`ResultFolder.load`).
    var replications: Int { scenarios.first?.summary.replications ?? 0 }
    /// The legal term the run used (`legal_term_days` of summary.json, checked when read).
    var termDays: Double { scenarios.first?.summary.legalTermDays ?? .nan }
    /// The scenarios the manifest names (for a `size`, `sensitivity` or `calibrate` folder).
    var manifestNames: [String] { folder.manifest.scenarios.map(\.name) }

    var page: Page {
        let tool = folder.manifest.tool, seed = folder.manifest.randomNumbers.masterSeed
        let runs: String = names.isEmpty ? tr("seed {0}", "\(seed)")
            : names.count > 1 ? tr("{0} replications per scenario, seed {1}, common random numbers", "\(replications)", "\(seed)")
            : tr("{0} replications per scenario, seed {1}", "\(replications)", "\(seed)")
        return Page(
            lang: ReportLanguage.current.rawValue,
            title: tr("ketensim report — {0}", Format.joinedNames(names.isEmpty ? manifestNames : names)),
            meta: runs
                + " · " + tr("ketensim {0} (commit {1})", "\(tool.version)", "\(tool.gitCommit.prefix(12))")
                + " · " + tr("results of {0}", "\(folder.manifest.createdUTC)"),
            summary: summaryLines, keyFigures: keyFigures?.context, sections: sections)
    }

    mutating func nextID(_ stem: String) -> String {
        chartCount += 1
        return "fig\(chartCount)-\(stem)"
    }

    mutating func section(_ id: String, _ title: String, intro: [String] = [], figures: [Page.Figure] = [], tables: [TableContext] = []) {
        sections.append(Page.Section(id: id, title: title, intro: intro, figures: figures, tables: tables.map(\.context)))
    }

    /// A chart with its data table; an `open` table is shown at once, across the page's width.
    func figure(_ svg: String, caption: String, table: TableContext, open: Bool = false) -> Page.Figure {
        Page.Figure(svg: svg, caption: caption, table: table.context, openData: open)
    }

    // MARK: Summary

    mutating func summary(sizing: SizingFile?, mca: [(name: String, file: MCAFile)], sensitivity: SensitivityFile?, calibration: CalibrationFile?) {
        let within = scenarios.map { $0.value(Metric.pipWithinTermShare.rawValue) }
        if let best = Builder.largest(within) {
            let (lo, hi) = scenarios[best].ci(Metric.pipWithinTermShare.rawValue)
            let most = within.filter(\.isFinite).max() ?? 0
            var line = names.count > 1
                ? tr("The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): {0} does best, with {1} of PIPs in time (95 % CI {2}–{3}).",
                     names[best], Format.share(within[best]), Format.share(lo), Format.share(hi))
                : tr("The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): {0} of PIPs in time (95 % CI {1}–{2}).",
                     Format.share(within[best]), Format.share(lo), Format.share(hi))
            if most < 0.5 { line += " " + (names.count > 1 ? tr("No scenario meets the term for even half of the people.") : tr("The term is not met for most people.")) }
            if names.count > 1, let worst = Builder.smallest(within), worst != best {
                line += " " + tr("The lowest is {0} at {1}.", names[worst], Format.share(within[worst]))
            }
            summaryLines.append(line)
        }
        let lead = scenarios.map { $0.value(Metric.housingToPipDays.rawValue) }
        if names.count > 1, let fast = Builder.smallest(lead),
           let slow = Builder.largest(lead) {
            summaryLines.append(tr("From housing to a PIP takes {0} on average in {1} (fastest) and {2} in {3} (slowest).",
                                   Format.days(lead[fast]), names[fast], Format.days(lead[slow]), names[slow]))
        } else if let only = lead.first, only.isFinite {
            summaryLines.append(tr("From housing to a PIP takes {0} on average.", Format.days(only)))
        }
        let cost = scenarios.map { $0.value(Metric.fteCostPerYear.rawValue) }
        let perFTE = parameter("costs.fte_per_year").flatMap(Double.init)
        if let cheap = Builder.smallest(cost) {
            let fte: String = perFTE.map { " (\(Format.number(cost[cheap] / $0)) FTE)" } ?? ""
            let perPIP: String = Format.euro(scenarios[cheap].value(Metric.costPerPip.rawValue))
            summaryLines.append(names.count > 1
                ? tr("Consultant cost: {0} is the cheapest at {1} a year{2}, {3} per PIP.", names[cheap], Format.euro(cost[cheap]), fte, perPIP)
                : tr("Consultant cost: {0} a year{1}, {2} per PIP.", Format.euro(cost[cheap]), fte, perPIP))
        }
        let peaks = scenarios.compactMap { s -> String? in
            let prefix = Metric.fteOfWorkAsked.rawValue + "@"
            guard let key = s.summary.names(group: MetricGroup.allName)?.filter({ $0.hasPrefix(prefix) })
                .max(by: { s.value($0) < s.value($1) }), s.value(key).isFinite else { return nil }
            let amount: String = perFTE.map { tr("{0} FTE of its {1}", Format.number(s.value(key)), Format.number(s.value(Metric.fteCostPerYear.rawValue) / $0)) }
                ?? tr("{0} FTE", Format.number(s.value(key)))
            return (names.count > 1 ? s.label + " " : "")
                + tr("{0} in {1} (P10–P90 {2} to {3})", amount, "\(key.dropFirst(prefix.count))", Format.number(s.value(key, \.p10)), Format.number(s.value(key, \.p90)))
        }
        if !peaks.isEmpty {
            summaryLines.append(tr("The consultant work asked peaks at {0}, counted at full utilisation: the FTE path per half-year is under Demand against capacity.",
                                   peaks.joined(separator: "; ")))
        }
        let sized = (sizing?.scenarios ?? []).map { s -> String in
            guard s.feasible, let chosen = s.chosen else { return tr("{0} cannot meet them within the bounds searched", "\(s.scenario)") }
            let fte = Builder.totalFTE(chosen.values), estimate = Builder.totalFTE(s.staticEstimate)
            return tr("{0} {1} a year ({2} FTE; the spreadsheet says {3})", "\(s.scenario)", Format.euro(chosen.costPerYear), Format.number(fte), Format.number(estimate))
        }
        if !sized.isEmpty {
            summaryLines.append(tr("Sized to the service levels of the sizing spec, the cheapest configuration that holds them: {0}.", sized.joined(separator: "; ")))
        }
        for (_, file) in mca {
            guard let top = file.totals.max(by: { $0.value < $1.value }) else { continue }
            var line = tr("MCA ({0}): {1} has the highest weighted total ({2}).", "\(file.name)", "\(top.key)", Format.number(top.value))
            if let first = file.smaa?.rankAcceptability.map({ ($0.key, $0.value.first ?? .nan) }).max(by: { $0.1 < $1.1 }) {
                line += " " + tr("Over the weights the municipalities might choose (SMAA), {0} ranks first in {1} of samples.", "\(first.0)", Format.share(first.1))
            }
            summaryLines.append(line)
        }
        if let entries = sensitivity?.tornado, let metric = entries.first?.metric,
           let top = entries.filter({ $0.metric == metric }).max(by: { $0.swing < $1.swing }) {
            summaryLines.append(tr("Sensitivity: {0} hangs most on {1}, which moves it by {2} to {3} between its low and high value.",
                                   Format.metric(metric), "\(top.input)", Format.number(top.effectLow), Format.number(top.effectHigh)))
        }
        if let calibration, !calibration.fit.isEmpty {
            let inside = calibration.fit.filter(\.inside).count
            summaryLines.append(tr("Calibration: {0} of {1} targets within their final acceptance range, from {2} accepted points.",
                                   "\(inside)", "\(calibration.fit.count)", "\(calibration.accepted)"))
        }
        guard !scenarios.isEmpty else { return }
        summaryLines.append(names.count > 1
            ? tr("Each scenario ran {0} times on the same simulated people (common random numbers): differences marked * below are beyond chance.", "\(replications)")
            : tr("Based on {0} replications.", "\(replications)"))
        keyFigures = TableContext(caption: tr("Key figures (mean over replications, 95 % CI)"),
                                  headers: [tr("scenario"), tr("PIP within 10 weeks"), tr("housing → PIP"), tr("intake waiting list"), tr("consultant FTE"),
                                            tr("FTE cost a year"), tr("cost per PIP")],
                                  rows: scenarios.map { s in
                                      let (lo, hi) = s.ci(Metric.pipWithinTermShare.rawValue)
                                      return [s.name, "\(Format.share(s.value(Metric.pipWithinTermShare.rawValue))) \(Format.interval(lo, hi, Format.share))",
                                              Format.days(s.value(Metric.housingToPipDays.rawValue)), Format.days(s.value(Metric.intakeWaitDays.rawValue)),
                                              perFTE.map { Format.number(s.value(Metric.fteCostPerYear.rawValue) / $0) } ?? "–",
                                              Format.euro(s.value(Metric.fteCostPerYear.rawValue)), Format.euro(s.value(Metric.costPerPip.rawValue))]
                                  })
    }

    /// The index of the largest (smallest) finite value; the first of equals.
    static func largest(_ xs: [Double]) -> Int? { xs.indices.filter { xs[$0].isFinite }.max { xs[$0] < xs[$1] } }
    static func smallest(_ xs: [Double]) -> Int? { xs.indices.filter { xs[$0].isFinite }.min { xs[$0] < xs[$1] } }

    /// A group as a label: "asylum" for a stream, "Hoorn asylum" for a municipality's stream.
    static func shortLabel(_ group: String) -> String {
        switch MetricGroup(group) {
        case .stream(let s)?: return s.rawValue
        case .municipalityStream(let m, let s)?: return "\(m) \(s.rawValue)"
        default: return group
        }
    }

    /// The FTE of a sizing configuration: its variables named "FTE …" added up.
    static func totalFTE(_ values: [String: Double]) -> Double {
        values.filter { $0.key.hasPrefix("FTE") }.values.reduce(0, +)
    }

    /// A scenario parameter's value from the manifest (the first scenario that has it).
    func parameter(_ path: String) -> String? {
        folder.manifest.scenarios.lazy.compactMap { $0.parameters[path] }.first
    }

    // MARK: PIP term

    mutating func pipTerm() {
        let curves = scenarios.map { $0.termToPIP.distribution() }
        let series = zip(labels, curves).map { name, curve in
            Charts.Series(name: name, points: curve.isEmpty ? [] : [(0, 0)] + curve.map { (x: $0.day, y: $0.share) })
        }
        let checkpoints = [14.0, 28, 42, 56, 70, 84, 112, 140, 182, 273, 365]
        let table = TableContext(headers: [tr("days after the term's start")] + labels, rows: checkpoints.map { d in
            ["\(Int(d))"] + curves.map { c in Format.share(c.last(where: { $0.day <= d })?.share ?? 0) }
        })
        let term = Format.decimal(String(format: "%g", termDays))
        let svg = Charts.lines(id: nextID("pip-term"), title: tr("Start of the term → PIP: share with a PIP within t days"),
                               description: tr("Kaplan–Meier distribution of the days from the start of the legal term (BRP registration; for family migrants DUO's notice when later) to the PIP, per scenario, with the {0}-day term.", term),
                               xLabel: tr("days after the start of the term"), yLabel: tr("share with a PIP"), series: series,
                               references: [.init(x: termDays, label: tr("legal term ({0} days)", term))], steps: true)
        let kept = scenarios.first.map { Int($0.termToPIP.total + $0.termToPIP.totalCensored) } ?? 0
        let shares = TableContext(caption: tr("Share of PIPs within the term (of those whose term ended within the horizon)"),
                                  headers: [tr("scenario"), tr("mean"), tr("95 % CI"), tr("housing → PIP: still waiting at the horizon")],
                                  rows: scenarios.map { s in
                                      let (lo, hi) = s.ci(Metric.pipWithinTermShare.rawValue)
                                      return [s.label, Format.share(s.value(Metric.pipWithinTermShare.rawValue)), Format.interval(lo, hi, Format.share),
                                              Format.share(s.value(Metric.housingToPipDays.censoredShare))]
                                  })
        section("pip-term", tr("The PIP and its 10-week term"),
                intro: [tr("The law gives the municipality 10 weeks to fix the PIP, from the BRP registration; for family migrants from DUO's notice when that comes later, since their obligation starts there. The curve is the share of people with a PIP t days after their term started (Kaplan–Meier: people still waiting at the horizon count as censored), from the persons of the replications kept in leadtimes.csv ({0} in {1}); where it crosses the {2}-day line is about the share within the term in the table, which counts over all replications.",
                           "\(kept)", labels.first ?? tr("the first scenario"), term)],
                figures: [figure(svg, caption: tr("Start of the term → PIP per scenario; the dashed line is the legal term."), table: table)],
                tables: [shares])
    }

    // MARK: Lead times per chain step

    mutating func leadTimes() {
        let label = { (name: String) -> String in tr(name.replacingOccurrences(of: "_days", with: "").replacingOccurrences(of: "_", with: " ")) }
        let fixed = MetricCatalogue.leadTimes
        var figures = [leadTimeFigure(id: "lead-times", title: tr("Lead times between milestones (P10–P90, dot at P50)"),
                                      names: fixed.map(\.name), labels: fixed.map { label($0.name) })]
        var tables = [TableContext(caption: tr("The lead times"), headers: [tr("lead time"), tr("from → to")], rows: fixed.map { [label($0.name), tr($0.meaning)] })]
        // Admission → each step of the scenarios' chains, in the order the first scenario
        // reaches them (steps of later scenarios' chains after, in theirs).
        let prefix = Metric.admissionToStepDays.of(step: "")
        var steps: [String] = []
        for s in scenarios {
            let own = s.summary.metrics.keys.filter { $0.hasPrefix(prefix) && !steps.contains($0) }
            let median = { (name: String) -> Double in s.value(name, \.p50).isNaN ? .infinity : s.value(name, \.p50) }
            steps += own.sorted { (median($0), $0) < (median($1), $1) }
        }
        if !steps.isEmpty {
            figures.append(leadTimeFigure(id: "step-lead-times", title: tr("Admission → each step of the chain (P10–P90, dot at P50)"),
                                          names: steps, labels: steps.map { String($0.dropFirst(prefix.count)) }))
            tables.append(TableContext(caption: tr("The chain steps"), headers: [tr("figure"), tr("from → to")],
                                       rows: [["\(prefix)<step>", tr(MetricCatalogue.stepLeadTime.meaning)]]))
        }
        section("lead-times", tr("Lead times per chain step"),
                intro: [tr("Days between two milestones of each person's chain, for those who reached both; people still waiting at the horizon are censored in the quantiles (Kaplan–Meier).")
                        + (steps.isEmpty ? "" : " " + tr("The second chart follows each person from admission to a caseload through every step of the scenario's own chain (a step that does not apply to a person is not counted for them)."))],
                figures: figures, tables: tables)
    }

    /// A range chart of lead times (one category per name) with its table.
    mutating func leadTimeFigure(id: String, title: String, names: [String], labels categories: [String]) -> Page.Figure {
        let results = scenarios
        let field = { (f: KeyPath<MetricStatistics, Double>) in names.map { n in results.map { $0.value(n, f) } } }
        let svg = Charts.ranges(id: nextID(id), title: title,
                                description: tr("For each lead time, the 10th to 90th percentile in days per scenario, with the median marked."),
                                xLabel: tr("days"), categories: categories, series: labels,
                                low: field(\.p10), mid: field(\.p50), high: field(\.p90),
                                references: [.init(x: termDays, label: tr("{0} days", Format.decimal(String(format: "%g", termDays))))])
        var rows: [[String]] = []
        for (name, category) in zip(names, categories) {
            for s in scenarios {
                rows.append([category, s.label, Format.number(s.value(name)), Format.number(s.value(name, \.p10)),
                             Format.number(s.value(name, \.p50)), Format.number(s.value(name, \.p90)),
                             Format.share(s.value(MetricCatalogue.censoredShare(of: name)))])
            }
        }
        let table = TableContext(headers: [tr("lead time"), tr("scenario"), tr("mean"), "P10", "P50", "P90", tr("still waiting")], rows: rows)
        return figure(svg, caption: tr("Lead times in days; quantiles of the pooled Kaplan–Meier estimate over all replications."), table: table)
    }

    // MARK: Over time

    func monthly(_ key: String, title: String, description: String, yLabel: String, id: String) -> Page.Figure {
        let data = scenarios.map { $0.series[key] ?? [] }
        let series = zip(labels, data).map { name, rows in
            Charts.Series(name: name, points: rows.map { (x: Format.year($0.month), y: $0.mean) }, band: rows.map { (low: $0.p10, high: $0.p90) })
        }
        let months = data.first?.map(\.month) ?? []
        let table = TableContext(headers: [tr("month")] + labels.flatMap { [tr("{0} mean", $0), "P10", "P90"] }, rows: months.enumerated().map { i, m in
            [m] + data.flatMap { rows in rows[safe: i].map { [Format.number($0.mean), Format.number($0.p10), Format.number($0.p90)] } ?? ["", "", ""] }
        })
        let svg = Charts.lines(id: id, title: title, description: description, xLabel: tr("month"), yLabel: yLabel, series: series,
                               xLabels: Format.yearLabel, width: 640, height: 260)
        return figure(svg, caption: description, table: table)
    }

    mutating func overTime() {
        var figures = [monthly("coverage/pip_coverage", title: tr("PIP coverage (DUO's way)"), description: tr("Share of the obligated with a PIP, monthly: mean and P10–P90 band over replications."),
                               yLabel: tr("with PIP / obligated"), id: nextID("coverage"))]
        let states: [(String, String)] = [("azc", tr("in the AZC, housed not yet")), ("settling", tr("housed, not yet referred")),
                                          ("intake_queue", tr("waiting for a consultant")), ("intake", tr("in the brede intake")),
                                          ("lbt", tr("waiting for or taking the LBT")), ("pip_preparation", tr("PIP being prepared")),
                                          ("awaiting_route", tr("PIP fixed, route not started")), ("in_route", tr("in a leerroute"))]
        for (key, meaning) in states {
            figures.append(monthly("wip/\(key)", title: tr("Work in progress: {0}", meaning), description: tr("Persons {0} at each month's start: mean and P10–P90 band.", meaning),
                                   yLabel: tr("persons"), id: nextID("wip-\(key)")))
        }
        figures.append(monthly("throughput/pips_fixed", title: tr("PIPs fixed per month"), description: tr("PIPs fixed in each month: mean and P10–P90 band."),
                               yLabel: tr("PIPs"), id: nextID("pips-fixed")))
        section("over-time", tr("Coverage and work in progress over time"), intro: [tr("Monthly snapshots of each chain state; the band is P10–P90 over replications.")],
                figures: figures)
    }

    // MARK: Resources

    mutating func resources() {
        var categories: [String] = [], utilisation: [[Double]] = [], utilisationCI: [[(low: Double, high: Double)]] = []
        var caseload: [[Double]] = [], caseloadCI: [[(low: Double, high: Double)]] = [], rows: [[String]] = []
        for s in scenarios {
            for group in s.groups {
                guard case .pool(let pool)? = MetricGroup(group) else { continue }
                categories.append("\(s.label) · \(pool)")
                let u = s.value(Metric.consultantUtilisation.rawValue, group: group), c = s.value(Metric.meanCaseloadPerFte.rawValue, group: group)
                let (ulo, uhi) = s.ci(Metric.consultantUtilisation.rawValue, group: group), (clo, chi) = s.ci(Metric.meanCaseloadPerFte.rawValue, group: group)
                utilisation.append([u]); utilisationCI.append([(ulo, uhi)])
                caseload.append([c]); caseloadCI.append([(clo, chi)])
                rows.append([s.label, pool, Format.share(u), Format.interval(ulo, uhi, Format.share), Format.number(c), Format.interval(clo, chi),
                             Format.number(s.value(Metric.intakeWaitDays.rawValue, group: group))])
            }
        }
        let table = TableContext(headers: [tr("scenario"), tr("pool"), tr("utilisation"), tr("95 % CI"), tr("caseload per FTE"), tr("95 % CI"), tr("intake wait (days)")], rows: rows)
        let u = Charts.bars(id: nextID("utilisation"), title: tr("Consultant utilisation per pool"), description: tr("Share of the consultants' time on tasks, per pool and scenario, with 95 % CI."),
                            xLabel: tr("share of time on tasks"), categories: categories, series: [tr("utilisation")], values: utilisation, intervals: utilisationCI)
        let c = Charts.bars(id: nextID("caseload"), title: tr("Caseload per FTE per pool"), description: tr("Time-average open cases per FTE (old-law and Participatiewet included), with 95 % CI."),
                            xLabel: tr("open cases per FTE"), categories: categories, series: [tr("caseload per FTE")], values: caseload, intervals: caseloadCI)
        section("resources", tr("Consultants: utilisation and caseload"), figures: [
            figure(u, caption: tr("Utilisation per pool (mean, 95 % CI)."), table: table),
            figure(c, caption: tr("Caseload per FTE per pool (mean, 95 % CI)."), table: table),
        ])
    }

}
