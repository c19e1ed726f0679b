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
    public static func html(_ inputs: ReportInputs) throws -> String {
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

enum Format {
    static func share(_ x: Double) -> String { x.isFinite ? String(format: "%.1f %%", 100 * x) : "–" }
    static func days(_ x: Double) -> String { x.isFinite ? String(format: "%.0f day%@", x, x.rounded() == 1 ? "" : "s") : "–" }
    /// The first words all names share (leaving each at least one of its own), and each name
    /// without them: ("Westfriesland", ["opplus", "integratie"]).
    static func sharedWords(_ names: [String]) -> (shared: String, rest: [String]) {
        let words = names.map { $0.split(separator: " ") }
        var common = 0
        while names.count > 1, let w = words.first?[safe: common], words.allSatisfy({ $0.count > common + 1 && $0[common] == w }) { common += 1 }
        return (words.first?.prefix(common).joined(separator: " ") ?? "", words.map { $0.dropFirst(common).joined(separator: " ") })
    }

    /// "Westfriesland: opplus, integratie" for names that share their first words.
    static func joinedNames(_ names: [String]) -> String {
        let (shared, rest) = sharedWords(names)
        return shared.isEmpty ? names.joined(separator: ", ") : shared + ": " + rest.joined(separator: ", ")
    }
    static func euro(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = 0
        f.groupingSeparator = ","
        f.usesGroupingSeparator = true
        return "€ " + (f.string(from: NSNumber(value: x.rounded())) ?? String(format: "%.0f", x))
    }
    /// Three significant digits, no exponent for everyday sizes.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        guard abs(x) >= 1e-4 else { return String(format: "%.1g", x) }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        let decimals = max(0, 2 - magnitude)
        return String(format: "%.\(min(decimals, 4))f", x)
    }
    static func interval(_ lo: Double, _ hi: Double, _ f: (Double) -> String = number) -> String {
        lo.isFinite && hi.isFinite ? "[\(f(lo)), \(f(hi))]" : ""
    }
    /// An axis label for a decimal year: "2023" on a year, "2023-07" within one.
    static func yearLabel(_ x: Double) -> String {
        guard abs(x) < 100_000 else { return "?" }
        let year = x.rounded(.down), month = Int(((x - year) * 12).rounded()) + 1
        return month == 1 || month > 12 ? String(Int(x.rounded())) : String(format: "%d-%02d", Int(year), month)
    }

    /// A decimal year ("2023.5") from "2023-07-01" or a half-year ("2023-II").
    static func year(_ label: String) -> Double {
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
    let title: String
    let meta: String
    let summary: [String]
    let keyFigures: Table?
    let sections: [Section]

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
        return Page(
            title: "ketensim report — " + Format.joinedNames(names.isEmpty ? manifestNames : names),
            meta: (names.isEmpty ? "seed \(seed)" : "\(replications) replications per scenario, seed \(seed)")
                + (names.count > 1 ? ", common random numbers" : "")
                + " · ketensim \(tool.version) (commit \(tool.gitCommit.prefix(12)))"
                + " · results of \(folder.manifest.createdUTC)",
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
                ? "The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): \(names[best]) does best, with \(Format.share(within[best])) of PIPs in time (95 % CI \(Format.share(lo))–\(Format.share(hi)))."
                : "The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): \(Format.share(within[best])) of PIPs in time (95 % CI \(Format.share(lo))–\(Format.share(hi)))."
            if most < 0.5 { line += names.count > 1 ? " No scenario meets the term for even half of the people." : " The term is not met for most people." }
            if names.count > 1, let worst = Builder.smallest(within), worst != best {
                line += " The lowest is \(names[worst]) at \(Format.share(within[worst]))."
            }
            summaryLines.append(line)
        }
        let lead = scenarios.map { $0.value(Metric.housingToPipDays.rawValue) }
        if names.count > 1, let fast = Builder.smallest(lead),
           let slow = Builder.largest(lead) {
            summaryLines.append("From housing to a PIP takes \(Format.days(lead[fast])) on average in \(names[fast]) (fastest) and \(Format.days(lead[slow])) in \(names[slow]) (slowest).")
        } else if let only = lead.first, only.isFinite {
            summaryLines.append("From housing to a PIP takes \(Format.days(only)) on average.")
        }
        let cost = scenarios.map { $0.value(Metric.fteCostPerYear.rawValue) }
        let perFTE = parameter("costs.fte_per_year").flatMap(Double.init)
        if let cheap = Builder.smallest(cost) {
            let who: String = names.count > 1 ? "\(names[cheap]) is the cheapest at " : ""
            let fte: String = perFTE.map { " (\(Format.number(cost[cheap] / $0)) FTE)" } ?? ""
            let perPIP: String = Format.euro(scenarios[cheap].value(Metric.costPerPip.rawValue))
            summaryLines.append("Consultant cost: \(who)\(Format.euro(cost[cheap])) a year\(fte), \(perPIP) per PIP.")
        }
        let peaks = scenarios.compactMap { s -> String? in
            let prefix = Metric.fteOfWorkAsked.rawValue + "@"
            guard let key = s.summary.names(group: MetricGroup.allName)?.filter({ $0.hasPrefix(prefix) })
                .max(by: { s.value($0) < s.value($1) }), s.value(key).isFinite else { return nil }
            let has = perFTE.map { " of its \(Format.number(s.value(Metric.fteCostPerYear.rawValue) / $0))" } ?? ""
            return "\(names.count > 1 ? s.label + " " : "")\(Format.number(s.value(key))) FTE\(has) in \(key.dropFirst(prefix.count)) "
                + "(P10–P90 \(Format.number(s.value(key, \.p10))) to \(Format.number(s.value(key, \.p90))))"
        }
        if !peaks.isEmpty {
            summaryLines.append("The consultant work asked peaks at " + peaks.joined(separator: "; ") + ", counted at full utilisation: the FTE path per half-year is under Demand against capacity.")
        }
        let sized = (sizing?.scenarios ?? []).map { s -> String in
            guard s.feasible, let chosen = s.chosen else { return "\(s.scenario) cannot meet them within the bounds searched" }
            let fte = Builder.totalFTE(chosen.values), estimate = Builder.totalFTE(s.staticEstimate)
            return "\(s.scenario) \(Format.euro(chosen.costPerYear)) a year (\(Format.number(fte)) FTE; the spreadsheet says \(Format.number(estimate)))"
        }
        if !sized.isEmpty {
            summaryLines.append("Sized to the service levels of the sizing spec, the cheapest configuration that holds them: \(sized.joined(separator: "; ")).")
        }
        for (_, file) in mca {
            guard let top = file.totals.max(by: { $0.value < $1.value }) else { continue }
            var line = "MCA (\(file.name)): \(top.key) has the highest weighted total (\(Format.number(top.value)))."
            if let first = file.smaa?.rankAcceptability.map({ ($0.key, $0.value.first ?? .nan) }).max(by: { $0.1 < $1.1 }) {
                line += " Over the weights the municipalities might choose (SMAA), \(first.0) ranks first in \(Format.share(first.1)) of samples."
            }
            summaryLines.append(line)
        }
        if let entries = sensitivity?.tornado, let metric = entries.first?.metric,
           let top = entries.filter({ $0.metric == metric }).max(by: { $0.swing < $1.swing }) {
            summaryLines.append("Sensitivity: \(metric.replacingOccurrences(of: "_", with: " ")) hangs most on \(top.input), "
                                + "which moves it by \(Format.number(top.effectLow)) to \(Format.number(top.effectHigh)) between its low and high value.")
        }
        if let calibration, !calibration.fit.isEmpty {
            let inside = calibration.fit.filter(\.inside).count
            summaryLines.append("Calibration: \(inside) of \(calibration.fit.count) targets within their final acceptance range, from \(calibration.accepted) accepted points.")
        }
        guard !scenarios.isEmpty else { return }
        summaryLines.append(names.count > 1
            ? "Each scenario ran \(replications) times on the same simulated people (common random numbers): differences marked * below are beyond chance."
            : "Based on \(replications) replications.")
        keyFigures = TableContext(caption: "Key figures (mean over replications, 95 % CI)",
                                  headers: ["scenario", "PIP within 10 weeks", "housing → PIP", "intake waiting list", "consultant FTE", "FTE cost a year", "cost per PIP"],
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
        let table = TableContext(headers: ["days after the term's start"] + labels, rows: checkpoints.map { d in
            ["\(Int(d))"] + curves.map { c in Format.share(c.last(where: { $0.day <= d })?.share ?? 0) }
        })
        let svg = Charts.lines(id: nextID("pip-term"), title: "Start of the term → PIP: share with a PIP within t days",
                               description: "Kaplan–Meier distribution of the days from the start of the legal term (BRP registration; for family migrants DUO's notice when later) to the PIP, per scenario, with the \(String(format: "%g", termDays))-day term.",
                               xLabel: "days after the start of the term", yLabel: "share with a PIP", series: series,
                               references: [.init(x: termDays, label: "legal term (\(String(format: "%g", termDays)) days)")], steps: true)
        let kept = scenarios.first.map { Int($0.termToPIP.total + $0.termToPIP.totalCensored) } ?? 0
        let shares = TableContext(caption: "Share of PIPs within the term (of those whose term ended within the horizon)",
                                  headers: ["scenario", "mean", "95 % CI", "housing → PIP: still waiting at the horizon"],
                                  rows: scenarios.map { s in
                                      let (lo, hi) = s.ci(Metric.pipWithinTermShare.rawValue)
                                      return [s.label, Format.share(s.value(Metric.pipWithinTermShare.rawValue)), Format.interval(lo, hi, Format.share),
                                              Format.share(s.value(Metric.housingToPipDays.censoredShare))]
                                  })
        section("pip-term", "The PIP and its 10-week term",
                intro: ["The law gives the municipality 10 weeks to fix the PIP, from the BRP registration; for family migrants from DUO's notice when that comes later, since their obligation starts there. The curve is the share of people with a PIP t days after their term started (Kaplan–Meier: people still waiting at the horizon count as censored), from the persons of the replications kept in leadtimes.csv (\(kept) in \(labels.first ?? "the first scenario")); where it crosses the \(String(format: "%g", termDays))-day line is about the share within the term in the table, which counts over all replications."],
                figures: [figure(svg, caption: "Start of the term → PIP per scenario; the dashed line is the legal term.", table: table)],
                tables: [shares])
    }

    // MARK: Lead times per chain step

    mutating func leadTimes() {
        let label = { (name: String) -> String in name.replacingOccurrences(of: "_days", with: "").replacingOccurrences(of: "_", with: " ") }
        let fixed = MetricCatalogue.leadTimes
        var figures = [leadTimeFigure(id: "lead-times", title: "Lead times between milestones (P10–P90, dot at P50)",
                                      names: fixed.map(\.name), labels: fixed.map { label($0.name) })]
        var tables = [TableContext(caption: "The lead times", headers: ["lead time", "from → to"], rows: fixed.map { [label($0.name), $0.meaning] })]
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
            figures.append(leadTimeFigure(id: "step-lead-times", title: "Admission → each step of the chain (P10–P90, dot at P50)",
                                          names: steps, labels: steps.map { String($0.dropFirst(prefix.count)) }))
            tables.append(TableContext(caption: "The chain steps", headers: ["figure", "from → to"],
                                       rows: [["\(prefix)<step>", MetricCatalogue.stepLeadTime.meaning]]))
        }
        section("lead-times", "Lead times per chain step",
                intro: ["Days between two milestones of each person's chain, for those who reached both; people still waiting at the horizon are censored in the quantiles (Kaplan–Meier)."
                        + (steps.isEmpty ? "" : " The second chart follows each person from admission to a caseload through every step of the scenario's own chain (a step that does not apply to a person is not counted for them).")],
                figures: figures, tables: tables)
    }

    /// A range chart of lead times (one category per name) with its table.
    mutating func leadTimeFigure(id: String, title: String, names: [String], labels categories: [String]) -> Page.Figure {
        let results = scenarios
        let field = { (f: KeyPath<MetricStatistics, Double>) in names.map { n in results.map { $0.value(n, f) } } }
        let svg = Charts.ranges(id: nextID(id), title: title,
                                description: "For each lead time, the 10th to 90th percentile in days per scenario, with the median marked.",
                                xLabel: "days", categories: categories, series: labels,
                                low: field(\.p10), mid: field(\.p50), high: field(\.p90), references: [.init(x: termDays, label: "\(String(format: "%g", termDays)) days")])
        var rows: [[String]] = []
        for (name, category) in zip(names, categories) {
            for s in scenarios {
                rows.append([category, s.label, Format.number(s.value(name)), Format.number(s.value(name, \.p10)),
                             Format.number(s.value(name, \.p50)), Format.number(s.value(name, \.p90)),
                             Format.share(s.value(MetricCatalogue.censoredShare(of: name)))])
            }
        }
        let table = TableContext(headers: ["lead time", "scenario", "mean", "P10", "P50", "P90", "still waiting"], rows: rows)
        return figure(svg, caption: "Lead times in days; quantiles of the pooled Kaplan–Meier estimate over all replications.", table: table)
    }

    // MARK: Over time

    func monthly(_ key: String, title: String, description: String, yLabel: String, id: String) -> Page.Figure {
        let data = scenarios.map { $0.series[key] ?? [] }
        let series = zip(labels, data).map { name, rows in
            Charts.Series(name: name, points: rows.map { (x: Format.year($0.month), y: $0.mean) }, band: rows.map { (low: $0.p10, high: $0.p90) })
        }
        let months = data.first?.map(\.month) ?? []
        let table = TableContext(headers: ["month"] + labels.flatMap { ["\($0) mean", "P10", "P90"] }, rows: months.enumerated().map { i, m in
            [m] + data.flatMap { rows in rows[safe: i].map { [Format.number($0.mean), Format.number($0.p10), Format.number($0.p90)] } ?? ["", "", ""] }
        })
        let svg = Charts.lines(id: id, title: title, description: description, xLabel: "month", yLabel: yLabel, series: series,
                               xLabels: Format.yearLabel, width: 640, height: 260)
        return figure(svg, caption: description, table: table)
    }

    mutating func overTime() {
        var figures = [monthly("coverage/pip_coverage", title: "PIP coverage (DUO's way)", description: "Share of the obligated with a PIP, monthly: mean and P10–P90 band over replications.",
                               yLabel: "with PIP / obligated", id: nextID("coverage"))]
        let states: [(String, String)] = [("azc", "in the AZC, housed not yet"), ("settling", "housed, not yet referred"),
                                          ("intake_queue", "waiting for a consultant"), ("intake", "in the brede intake"),
                                          ("lbt", "waiting for or taking the LBT"), ("pip_preparation", "PIP being prepared"),
                                          ("awaiting_route", "PIP fixed, route not started"), ("in_route", "in a leerroute")]
        for (key, meaning) in states {
            figures.append(monthly("wip/\(key)", title: "Work in progress: \(meaning)", description: "Persons \(meaning) at each month's start: mean and P10–P90 band.",
                                   yLabel: "persons", id: nextID("wip-\(key)")))
        }
        figures.append(monthly("throughput/pips_fixed", title: "PIPs fixed per month", description: "PIPs fixed in each month: mean and P10–P90 band.",
                               yLabel: "PIPs", id: nextID("pips-fixed")))
        section("over-time", "Coverage and work in progress over time", intro: ["Monthly snapshots of each chain state; the band is P10–P90 over replications."],
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
        let table = TableContext(headers: ["scenario", "pool", "utilisation", "95 % CI", "caseload per FTE", "95 % CI", "intake wait (days)"], rows: rows)
        let u = Charts.bars(id: nextID("utilisation"), title: "Consultant utilisation per pool", description: "Share of the consultants' time on tasks, per pool and scenario, with 95 % CI.",
                            xLabel: "share of time on tasks", categories: categories, series: ["utilisation"], values: utilisation, intervals: utilisationCI)
        let c = Charts.bars(id: nextID("caseload"), title: "Caseload per FTE per pool", description: "Time-average open cases per FTE (old-law and Participatiewet included), with 95 % CI.",
                            xLabel: "open cases per FTE", categories: categories, series: ["caseload per FTE"], values: caseload, intervals: caseloadCI)
        section("resources", "Consultants: utilisation and caseload", figures: [
            figure(u, caption: "Utilisation per pool (mean, 95 % CI).", table: table),
            figure(c, caption: "Caseload per FTE per pool (mean, 95 % CI).", table: table),
        ])
    }

    // MARK: Demand against capacity

    /// A half-yearly figure per (scenario, group) as lines with the P10–P90 band; a ratio
    /// (the default) with the line at 1.
    func halfYearly(metric: String, groups: [(scenario: ScenarioResult, group: String, name: String)], title: String, description: String, id: String,
                    yLabel: String = "demand / capacity", references: [Charts.Reference] = [.init(y: 1, label: "capacity")]) -> Page.Figure {
        var series: [Charts.Series] = [], rows: [String: [String]] = [:]
        for g in groups {
            let keys = (g.scenario.summary.names(group: g.group).map(Array.init) ?? [])
                .filter { $0.hasPrefix(metric + "@") }.sorted { Format.year(String($0.split(separator: "@")[1])) < Format.year(String($1.split(separator: "@")[1])) }
            let halves = keys.map { String($0.split(separator: "@")[1]) }
            series.append(Charts.Series(name: g.name, points: zip(keys, halves).map { (x: Format.year($1), y: g.scenario.value($0, group: g.group)) },
                                        band: keys.map { (low: g.scenario.value($0, \.p10, group: g.group), high: g.scenario.value($0, \.p90, group: g.group)) }))
            for (k, h) in zip(keys, halves) { rows[h, default: [h]].append(Format.number(g.scenario.value(k, group: g.group))) }
        }
        let table = TableContext(headers: ["half-year"] + groups.map(\.name),
                                 rows: rows.values.sorted { Format.year($0[0]) < Format.year($1[0]) })
        let svg = Charts.lines(id: id, title: title, description: description, xLabel: "half-year", yLabel: yLabel, series: series,
                               references: references, xLabels: Format.yearLabel, legendWidth: 200,
                               width: 640, height: 280)
        return figure(svg, caption: description, table: table)
    }

    mutating func demand() {
        let pools = scenarios.flatMap { s in
            s.groups.compactMap { g -> (scenario: ScenarioResult, group: String, name: String)? in
                guard case .pool(let pool)? = MetricGroup(g) else { return nil }
                return (s, g, "\(s.label) · \(pool)")
            }
        }
        let fte = parameter("costs.fte_per_year").flatMap(Double.init).map { perFTE in
            scenarios.map { Format.number($0.value(Metric.fteCostPerYear.rawValue) / perFTE) }
        }
        var figures = [halfYearly(metric: Metric.fteOfWorkAsked.rawValue, groups: scenarios.map { (scenario: $0, group: MetricGroup.allName, name: $0.label) },
                                  title: "FTE path: the consultant work asked, in FTE",
                                  description: "Per half-year, the work submitted to all consultant pools divided by one FTE's productive hours: the FTE it would fill at full utilisation (mean, P10–P90 band over replications)."
                                      + (fte.map { " The scenarios have " + zip(labels, $0).map { "\($0) \($1)" }.joined(separator: ", ") + " FTE." } ?? ""),
                                  id: nextID("fte-path"), yLabel: "FTE of work", references: []),
                       halfYearly(metric: Metric.hoursAskedPerHoursAvailable.rawValue, groups: pools, title: "Consultants: hours asked per hour available",
                                  description: "Work submitted to each pool per half-year divided by its productive hours (mean, P10–P90 band); above 1 the work cannot all be done.",
                                  id: nextID("demand-pools")),
                       halfYearly(metric: Metric.lbtBookedPerPlaces.rawValue, groups: scenarios.map { (scenario: $0, group: MetricGroup.lbt.description, name: $0.label) },
                                  title: "LBT calendar: places booked per place offered",
                                  description: "Leerbaarheidstoets places booked per place offered per half-year (mean, P10–P90 band).", id: nextID("demand-lbt"))]
        let schools = Set(scenarios.flatMap { $0.groups.compactMap { g -> String? in if case .school(let name)? = MetricGroup(g) { name } else { nil } } }).sorted()
        for school in schools {
            let group = MetricGroup.school(school).description
            figures.append(halfYearly(metric: Metric.registrationsPerPlaces.rawValue, groups: scenarios.filter { $0.groups.contains(group) }.map { (scenario: $0, group: group, name: $0.label) },
                                      title: "\(school): registrations per class place",
                                      description: "School registrations per place at the start moments held, per half-year (mean, P10–P90 band).",
                                      id: nextID("demand-school")))
        }
        section("demand", "Demand against capacity", intro: ["Per half-year: first the consultant work asked, in FTE, the path to hire along; then what was asked of each resource divided by what it offered. A ratio above 1 means a queue grows."],
                figures: figures)
    }

    // MARK: Comparison

    mutating func comparison() {
        guard names.count > 1, let comparison = folder.comparison else { return }
        let baseline = comparison.baseline
        let diffs = comparison.differences.filter { $0.group == MetricGroup.allName }
        var rows: [[String]] = []
        for metric in MetricCatalogue.comparisonTable {
            var row = [metric.replacingOccurrences(of: "_", with: " ")]
            for s in scenarios {
                let (lo, hi) = s.ci(metric)
                var cell = "\(Format.number(s.value(metric))) \(Format.interval(lo, hi))"
                if s.name != baseline, let d = diffs.first(where: { $0.metric == metric && $0.scenario == s.name }) {
                    cell += " · Δ \(d.mean > 0 ? "+" : "")\(Format.number(d.mean)) \(Format.interval(d.ci.first ?? .nan, d.ci.dropFirst().first ?? .nan))"
                        + (d.significant ? " *" : "")
                }
                row.append(cell)
            }
            rows.append(row)
        }
        let level = diffs.first?.level ?? .nan
        section("comparison", "Scenario comparison",
                intro: ["Mean and 95 % CI per scenario; Δ is the difference from \(baseline), paired per replication over common random numbers, with its \(Format.share(level)) Bonferroni interval; * marks an interval that excludes 0."],
                tables: [TableContext(headers: ["metric"] + scenarios.map { $0.name == baseline ? "\($0.label) (baseline)" : $0.label }, rows: rows)])
    }

    // MARK: Robustness

    /// `compare --robust`: how sure the ranking is over the inputs the sources leave open.
    mutating func robustness() {
        guard let f = folder.robustness, !f.metrics.isEmpty else { return }
        let labels = Dictionary(scenarios.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
        let label = { (name: String) in labels[name] ?? name }
        let metricName = { (m: String) in m.replacingOccurrences(of: "_", with: " ") }
        let svg = Charts.bars(id: nextID("robust"), title: "Probability that each scenario ranks first",
                              description: "Per metric, the share of input draws in which each scenario has the best mean.",
                              xLabel: "share of draws", categories: f.metrics.map { metricName($0.metric) }, series: f.scenarios.map(label),
                              values: f.metrics.map(\.pFirst), stacked: true)
        let firstTable = TableContext(headers: ["metric", "better"] + f.scenarios.map(label),
                                      rows: f.metrics.map { m in [metricName(m.metric), m.better] + m.pFirst.map(Format.share) })
        var tables: [TableContext] = []
        for m in f.metrics {
            tables.append(TableContext(caption: "\(metricName(m.metric)): P(row better than column)",
                                       headers: [""] + f.scenarios.map(label),
                                       rows: f.scenarios.indices.map { a in
                                           [label(f.scenarios[a])] + f.scenarios.indices.map { b in a == b ? "–" : Format.share(m.pBetter[a][b]) }
                                       }))
        }
        let flipRows = f.metrics.flatMap { m in
            m.flips.filter(\.significant).prefix(5).map { x in
                [metricName(m.metric), label(m.leader), x.input, String(format: "%+.2f", x.rho),
                 Format.share(x.leaderFirstLow), Format.share(x.leaderFirstHigh)]
            }
        }
        tables.append(TableContext(caption: "Inputs that move the leader's margin beyond chance (|z| over the Bonferroni bound; at most 5 per metric)",
                                   headers: ["metric", "leader", "input", "Spearman ρ with the margin", "leader first, input low half", "leader first, input high half"],
                                   rows: flipRows.isEmpty ? [["no input moves any leader's margin beyond chance", "", "", "", "", ""]] : flipRows))
        let varied = f.assumptions.map { "every value with a range and every number sourced as an assumption, at ± \(Format.share($0))" } ?? "every value with a range"
        section("robustness", "How sure the ranking is",
                intro: ["\(f.samples) draws of the uncertain inputs (\(f.inputs.count) of them: \(varied)); at each draw every scenario ran \(f.replications) replications on the same people, and the scenarios were ranked by their means. The shares include the Monte Carlo noise of \(f.replications) replications."]
                    + (f.failed.isEmpty ? [] : ["\(f.failed.count) scenario runs could not be set up at their draw and count as worst: \(f.failed.prefix(3).joined(separator: "; "))."]),
                figures: [figure(svg, caption: "P(first) per metric.", table: firstTable, open: true)],
                tables: tables)
        if let m = f.metrics.first, let top = m.pFirst.indices.max(by: { m.pFirst[$0] < m.pFirst[$1] }) {
            let held = m.flips.first(where: \.significant).map { " Its lead hangs most on \($0.input)." } ?? ""
            summaryLines.append("How sure: over \(f.samples) draws of the inputs the sources leave open, \(f.scenarios[top]) ranks first on \(metricName(m.metric)) in \(Format.share(m.pFirst[top])) of them.\(held)")
        }
    }

    // MARK: Observed figures

    /// The scenarios' `observed:` figures (the EVAL2024 cases carry DUO's snapshot of
    /// 8-12-2023) beside the model's coverage on the same date, counted DUO's way — as `run`
    /// prints them.
    mutating func observed() {
        let manifests = folder.manifest.scenarios
        var categories: [String] = [], low: [[Double]] = [], mid: [[Double]] = [], high: [[Double]] = [], rows: [[String]] = []
        for s in scenarios {
            guard let m = manifests.first(where: { $0.name == s.name }) else { continue }
            let municipalities = s.groups.filter { if case .municipality? = MetricGroup($0) { return true } else { return false } }.count
            for o in m.observed {
                let (date, stream, municipality) = (o.date, o.stream, o.municipality)
                guard let kind = Stream(rawValue: stream) else { continue }
                let group = MetricGroup.observed(municipality: municipality, stream: kind, municipalities: municipalities).description
                let total = o.total, share = total > 0 ? o.withPIP / total : .nan
                let cover = Metric.pipCoverage.on(date), obligated = Metric.obligated.on(date)
                let label = [names.count > 1 ? s.label : nil, municipality, stream].compactMap { $0 }.joined(separator: " · ") + " · \(date)"
                categories.append(label)
                low.append([s.value(cover, \.p10, group: group), share])
                mid.append([s.value(cover, group: group), share])
                high.append([s.value(cover, \.p90, group: group), share])
                let (clo, chi) = s.ci(cover, group: group), (olo, ohi) = s.ci(obligated, group: group)
                let difference = 100 * (s.value(cover, group: group) - share)
                rows.append([label, String(format: "%.0f", total), "\(Format.number(s.value(obligated, group: group))) \(Format.interval(olo, ohi))",
                             Format.share(share), "\(Format.share(s.value(cover, group: group))) \(Format.interval(clo, chi, Format.share))",
                             difference.isFinite ? String(format: "%+.0f pp", difference) : "–"])
            }
        }
        guard !rows.isEmpty else { return }
        let svg = Charts.ranges(id: nextID("observed"), title: "Share with a PIP: model against the observed figures",
                                description: "Per observed figure, the model's P10–P90 over replications with its mean, and the observed share (DUO's count) as a point.",
                                xLabel: "share of the obligated with a PIP", categories: categories, series: ["model (P10–P90, mean)", "observed"],
                                low: low, mid: mid, high: high)
        section("observed", "Model against the observed figures",
                intro: ["The scenario files' `observed:` figures (DUO's snapshots) beside the model's count on the same date, made the way DUO counts: persons whose obligation had started, and the share of them with a PIP. Where these figures were calibration targets, agreement is fit, not validation."],
                figures: [figure(svg, caption: "Coverage on the observed dates.",
                                 table: TableContext(headers: ["figure", "obligated (observed)", "model [95 % CI]", "with a PIP (observed)", "model [95 % CI]", "difference"], rows: rows),
                                 open: true)])
    }

    // MARK: MCA

    mutating func mca(name: String, _ file: MCAFile) {
        let alternatives = file.totals.keys.sorted()
        var rows = file.clusters.map { c -> [String] in
            [c.name, Format.number(c.meanWeight)] + alternatives.map { Format.number(c.scores[$0] ?? .nan) }
        }
        rows.append(["Total", Format.number(file.meanWeight)] + alternatives.map { Format.number(file.totals[$0] ?? .nan) })
        let table = TableContext(caption: "Weighted-sum table (layout of 001 L1860-1907)", headers: ["criteria cluster", "mean weight"] + alternatives, rows: rows)
        var figures: [Page.Figure] = []
        if let smaa = file.smaa {
            let acceptability = alternatives.map { smaa.rankAcceptability[$0] ?? [] }
            let n = acceptability.map(\.count).max() ?? 0
            let svg = Charts.bars(id: nextID("smaa"), title: "SMAA rank acceptability (\(name))",
                                  description: "Share of weight samples in which each alternative takes each rank.",
                                  xLabel: "share of weight samples", categories: alternatives, series: (1...max(n, 1)).map { "rank \($0)" },
                                  values: acceptability, stacked: true)
            figures.append(figure(svg, caption: "Rank acceptability over \(smaa.samples) weight samples (seed \(smaa.seed)).",
                                  table: TableContext(headers: ["alternative"] + (1...max(n, 1)).map { "rank \($0)" },
                                                      rows: zip(alternatives, acceptability).map { [$0] + $1.map(Format.share) })))
        }
        section("mca-\(slug(name))", "Multi-criteria analysis: \(file.name)", figures: figures, tables: [table])
    }

    // MARK: Sizing

    mutating func sizing(_ file: SizingFile) {
        var categories: [String] = [], values: [[Double]] = [], rows: [[String]] = []
        var levelRows: [[String]] = []
        for s in file.scenarios {
            let name = s.scenario, estimate = s.staticEstimate, sized = s.chosen?.values ?? [:]
            for key in Set(estimate.keys).union(sized.keys).sorted() {
                categories.append("\(name) · \(key)")
                values.append([estimate[key] ?? .nan, sized[key] ?? .nan])
                rows.append([name, key, Format.number(estimate[key] ?? .nan), Format.number(sized[key] ?? .nan)])
            }
            for level in s.chosen?.levels ?? [] {
                levelRows.append([name, level.level, "\(level.direction == "at_least" ? "≥" : "≤") \(Format.number(level.target))",
                                  Format.number(level.mean), Format.number(level.bound), Format.share(level.confidence),
                                  level.holds ? "holds" : "fails"])
            }
            if s.chosen == nil { levelRows.append([name, "no configuration within the bounds holds every level", "", "", "", "", "fails"]) }
        }
        let svg = Charts.bars(id: nextID("sizing"), title: "Spreadsheet estimate against the simulation's size",
                              description: "Per scenario and decision variable: the static (workload / hours) estimate and the cheapest size that holds every service level in the simulation.",
                              xLabel: "FTE, places or groups", categories: categories, series: ["spreadsheet estimate", "simulation"], values: values)
        section("sizing", "Sizing to service levels",
                intro: ["The spreadsheet answer counts workload hours against productive hours and open cases against the caseload norm: no queues, no peaks, no start moments. The simulation searches the cheapest configuration whose service levels hold at their stated confidence."],
                figures: [figure(svg, caption: "Static estimate and simulated size per decision variable.",
                                 table: TableContext(headers: ["scenario", "variable", "spreadsheet estimate", "simulation"], rows: rows), open: true)],
                tables: [TableContext(caption: "Service levels at the chosen size", headers: ["scenario", "service level", "target", "mean", "one-sided bound", "confidence", ""], rows: levelRows)])
    }

    // MARK: Sensitivity

    mutating func sensitivity(_ file: SensitivityFile) {
        let metrics = file.tornado.map(\.metric).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var figures: [Page.Figure] = []
        let ci = { (c: [Double]) -> (low: Double, high: Double) in (c.first ?? .nan, c.dropFirst().first ?? .nan) }
        for metric in metrics {
            let rows = file.tornado.filter { $0.metric == metric }.sorted { $0.swing > $1.swing }
            let top = Array(rows.prefix(12))
            let svg = Charts.bars(id: nextID("tornado"), title: "Tornado: \(metric.replacingOccurrences(of: "_", with: " "))",
                                  description: "Change in the mean of \(metric) when each input is set to its low or high value, same replications as the base run, with 95 % CI.",
                                  xLabel: "change from the base mean \(Format.number(top.first?.baseMean ?? .nan))",
                                  categories: top.map(\.input), series: ["input at its low value", "input at its high value"],
                                  values: top.map { [$0.effectLow, $0.effectHigh] },
                                  intervals: top.map { [ci($0.effectLowCI95), ci($0.effectHighCI95)] })
            let table = TableContext(headers: ["input", "low", "high", "effect at low", "95 % CI", "effect at high", "95 % CI"], rows: rows.map { e in
                let (l, h) = (ci(e.effectLowCI95), ci(e.effectHighCI95))
                return [e.input, Format.number(e.lowValue), Format.number(e.highValue),
                        Format.number(e.effectLow), Format.interval(l.low, l.high), Format.number(e.effectHigh), Format.interval(h.low, h.high)]
            })
            figures.append(figure(svg, caption: "The inputs with the largest effect on \(metric) (at most 12 shown; all in the table).", table: table))
        }
        section("sensitivity", "Sensitivity: which inputs the answer hangs on",
                intro: ["From \(file.file), \(file.replications) replications per point, \(file.modelRuns) model runs."],
                figures: figures)
    }

    // MARK: Calibration

    mutating func calibration(_ file: CalibrationFile) {
        let fit = file.fit
        let name = { (e: CalibrationFile.Fit) in String(e.file.split(separator: "/").last ?? "") }
        let label = { (e: CalibrationFile.Fit) in
            "\(name(e).replacingOccurrences(of: ".yaml", with: "")) · \(Builder.shortLabel(e.group)) · \(e.target)"
        }
        let pair = { (c: [Double]) in Format.interval(c.first ?? .nan, c.dropFirst().first ?? .nan) }
        let svg = Charts.ranges(id: nextID("fit"), title: "Calibration fit: model against observed",
                                description: "Per target, the model's 5–95 % range over the accepted points with its mean, and the observed value.",
                                xLabel: "value", categories: fit.map(label), series: ["model (P05–P95, mean)", "observed"],
                                low: fit.map { [$0.modelP05, $0.observed] }, mid: fit.map { [$0.modelMean, $0.observed] },
                                high: fit.map { [$0.modelP95, $0.observed] })
        let table = TableContext(headers: ["file", "group", "target", "observed", "model mean", "model P05–P95", "final acceptance range", ""], rows: fit.map { e in
            [name(e), e.group, e.target, Format.number(e.observed), Format.number(e.modelMean), Format.interval(e.modelP05, e.modelP95),
             pair(e.range), e.inside ? "inside" : "outside"]
        })
        let posterior = file.posterior.map { p in
            [p.parameter, p.path, Format.number(p.p50), Format.interval(p.p05, p.p95), pair(p.prior)]
        }
        section("calibration", "Calibration to observed figures",
                intro: ["\(file.accepted) accepted points."],
                figures: [figure(svg, caption: "Fit per target.", table: table, open: true)],
                tables: posterior.isEmpty ? [] : [TableContext(caption: "Posterior (weighted accepted points)", headers: ["parameter", "path", "median", "90 % interval", "prior"], rows: posterior)])
    }

    // MARK: Inputs and manifest

    mutating func inputs() {
        var byPath: [String: [(scenario: String, value: String, source: String)]] = [:]
        for s in folder.manifest.scenarios {
            for (path, source) in s.sources { byPath[path, default: []].append((s.name, s.parameters[path] ?? "", source)) }
            for path in s.valuesWithoutSource { byPath[path, default: []].append((s.name, s.parameters[path] ?? "", "no source")) }
        }
        var rows: [[String]] = [], classes: [String?] = []
        for path in byPath.keys.sorted() {
            let entries = byPath[path] ?? []
            let values = Set(entries.map(\.value)), sources = Set(entries.map(\.source))
            let value = values.count == 1 ? entries[0].value : entries.map { "\($0.scenario): \($0.value)" }.joined(separator: "; ")
            let source = sources.count == 1 ? entries[0].source : entries.map { "\($0.scenario): \($0.source)" }.joined(separator: "; ")
            let scope = entries.count == scenarios.count ? "all" : entries.map(\.scenario).joined(separator: ", ")
            rows.append([path, value, source, scope])
            classes.append(source.lowercased().contains("assumption") || source == "no source" ? "assumption" : nil)
        }
        let assumptions = classes.compactMap { $0 }.count
        section("inputs", "Inputs and their sources",
                intro: ["Every parameter the scenario files annotate, with its value and source; \(assumptions) of \(rows.count) rest on an assumption (highlighted). Sources cite the seed documents by line (e.g. 001 L713) or a public figure."],
                tables: [TableContext(headers: ["parameter", "value", "source", "scenarios"], rows: rows, rowClasses: classes)])
    }

    mutating func stressDES() {
        let items = folder.manifest.stressDES
        let names = ["1.2": "model purpose and version", "3.3": "input data and sources", "4.1": "initialisation", "4.2": "run length",
                     "4.3": "replications", "5.1": "software", "5.2": "random numbers", "5.3": "execution", "5.4": "system specification"]
        let rows = items.keys.sorted().map { item -> [String] in
            let fields = (items[item] ?? "").components(separatedBy: ", ")
            return [item, names[item] ?? "", fields.map { "\($0) = \(manifestField($0))" }.joined(separator: "; ")]
        }
        section("manifest", "Reporting items (STRESS-DES)",
                intro: ["Monks et al. (2019) list what a simulation study must report; manifest.json in the result folder holds each item."],
                tables: [TableContext(headers: ["item", "what", "in this run"], rows: rows)])
    }

    /// A manifest field that a STRESS-DES item names (`experiment.jobs`; `scenarios[]` over
    /// every scenario), as short text.
    func manifestField(_ path: String) -> String {
        let m = folder.manifest, e = m.experiment, r = m.randomNumbers
        let count = { (n: Int) in "\(n) entries" }
        switch path {
        case "tool": return "git_commit: \(m.tool.gitCommit), name: \(m.tool.name), version: \(m.tool.version)"
        case "tool.version": return m.tool.version
        case "tool.git_commit": return m.tool.gitCommit
        case "command_line": return m.commandLine
        case "scenarios[].sources": return count(m.scenarios.reduce(0) { $0 + $1.sources.count })
        case "scenarios[].values_without_source":
            let all = m.scenarios.flatMap(\.valuesWithoutSource)
            return all.isEmpty ? "none" : all.count <= 4 ? all.joined(separator: ", ") : count(all.count)
        case "experiment.initialisation": return e.initialisation
        case "experiment.run_length": return e.runLength
        case "experiment.replications": return "\(e.replications)"
        case "experiment.precision_target": return e.precisionTarget.map(Format.number) ?? "–"
        case "experiment.jobs": return "\(e.jobs)"
        case "experiment.wall_seconds": return Format.number(e.wallSeconds)
        case "random_numbers.library": return r.library
        case "random_numbers":
            return "generator: \(r.generator), library: \(r.library), master_seed: \(r.masterSeed), stream_derivation: \(r.streamDerivation), streams: \(r.streams)"
        case "machine":
            let h = m.machine
            return "cores: \(h.cores), host: \(h.host), memory_bytes: \(h.memoryBytes), os: \(h.os)"
        default: return "–"
        }
    }
}
