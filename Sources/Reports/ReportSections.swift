import Experiments
import Foundation
import InburgeringModel
import ResultFiles

// The report's later sections: demand, comparison, robustness, observed figures, MCA, sizing,
// sensitivity, calibration, inputs and the manifest (the earlier ones are in Report.swift).
extension Builder {
    // MARK: Demand against capacity

    /// A half-yearly figure per (scenario, group) as lines with the P10–P90 band; a ratio
    /// (the default) with the line at 1.
    func halfYearly(metric: String, groups: [(scenario: ScenarioResult, group: String, name: String)], title: String, description: String, id: String,
                    yLabel: String = tr("demand / capacity"), references: [Charts.Reference] = [.init(y: 1, label: tr("capacity"))]) -> Page.Figure {
        var series: [Charts.Series] = [], rows: [String: [String]] = [:]
        for g in groups {
            let keys = (g.scenario.summary.names(group: g.group).map(Array.init) ?? [])
                .filter { $0.hasPrefix(metric + "@") }.sorted { Format.year(String($0.split(separator: "@")[1])) < Format.year(String($1.split(separator: "@")[1])) }
            let halves = keys.map { String($0.split(separator: "@")[1]) }
            series.append(Charts.Series(name: g.name, points: zip(keys, halves).map { (x: Format.year($1), y: g.scenario.value($0, group: g.group)) },
                                        band: keys.map { (low: g.scenario.value($0, \.p10, group: g.group), high: g.scenario.value($0, \.p90, group: g.group)) }))
            for (k, h) in zip(keys, halves) { rows[h, default: [h]].append(Format.number(g.scenario.value(k, group: g.group))) }
        }
        let table = TableContext(headers: [tr("half-year")] + groups.map(\.name),
                                 rows: rows.values.sorted { Format.year($0[0]) < Format.year($1[0]) })
        let svg = Charts.lines(id: id, title: title, description: description, xLabel: tr("half-year"), yLabel: yLabel, series: series,
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
                                  title: tr("FTE path: the consultant work asked, in FTE"),
                                  description: tr("Per half-year, the work submitted to all consultant pools divided by one FTE's productive hours: the FTE it would fill at full utilisation (mean, P10–P90 band over replications).")
                                      + (fte.map { " " + tr("The scenarios have {0} FTE.", zip(labels, $0).map { "\($0) \($1)" }.joined(separator: Format.dutch ? "; " : ", ")) } ?? ""),
                                  id: nextID("fte-path"), yLabel: tr("FTE of work"), references: []),
                       halfYearly(metric: Metric.hoursAskedPerHoursAvailable.rawValue, groups: pools, title: tr("Consultants: hours asked per hour available"),
                                  description: tr("Work submitted to each pool per half-year divided by its productive hours (mean, P10–P90 band); above 1 the work cannot all be done."),
                                  id: nextID("demand-pools")),
                       halfYearly(metric: Metric.lbtBookedPerPlaces.rawValue, groups: scenarios.map { (scenario: $0, group: MetricGroup.lbt.description, name: $0.label) },
                                  title: tr("LBT calendar: places booked per place offered"),
                                  description: tr("Leerbaarheidstoets places booked per place offered per half-year (mean, P10–P90 band)."), id: nextID("demand-lbt"))]
        let schools = Set(scenarios.flatMap { $0.groups.compactMap { g -> String? in if case .school(let name)? = MetricGroup(g) { name } else { nil } } }).sorted()
        for school in schools {
            let group = MetricGroup.school(school).description
            figures.append(halfYearly(metric: Metric.registrationsPerPlaces.rawValue, groups: scenarios.filter { $0.groups.contains(group) }.map { (scenario: $0, group: group, name: $0.label) },
                                      title: tr("{0}: registrations per class place", school),
                                      description: tr("School registrations per place at the start moments held, per half-year (mean, P10–P90 band)."),
                                      id: nextID("demand-school")))
        }
        section("demand", tr("Demand against capacity"), intro: [tr("Per half-year: first the consultant work asked, in FTE, the path to hire along; then what was asked of each resource divided by what it offered. A ratio above 1 means a queue grows.")],
                figures: figures)
    }

    // MARK: Comparison

    mutating func comparison() {
        guard names.count > 1, let comparison = folder.comparison else { return }
        let baseline = comparison.baseline
        let diffs = comparison.differences.filter { $0.group == MetricGroup.allName }
        var rows: [[String]] = []
        for metric in MetricCatalogue.comparisonTable {
            var row = [Format.metric(metric)]
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
        section("comparison", tr("Scenario comparison"),
                intro: [tr("Mean and 95 % CI per scenario; Δ is the difference from {0}, paired per replication over common random numbers, with its {1} Bonferroni interval; * marks an interval that excludes 0.", baseline, Format.share(level))],
                tables: [TableContext(headers: [tr("metric")] + scenarios.map { $0.name == baseline ? tr("{0} (baseline)", $0.label) : $0.label }, rows: rows)])
    }

    // MARK: Robustness

    /// `compare --robust`: how sure the ranking is over the inputs the sources leave open.
    mutating func robustness() {
        guard let f = folder.robustness, !f.metrics.isEmpty else { return }
        let labels = Dictionary(scenarios.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
        let label = { (name: String) in labels[name] ?? name }
        let metricName = Format.metric
        let better = { (b: String) in b == "higher" ? tr("higher") : b == "lower" ? tr("lower") : b }
        let svg = Charts.bars(id: nextID("robust"), title: tr("Probability that each scenario ranks first"),
                              description: tr("Per metric, the share of input draws in which each scenario has the best mean."),
                              xLabel: tr("share of draws"), categories: f.metrics.map { metricName($0.metric) }, series: f.scenarios.map(label),
                              values: f.metrics.map(\.pFirst), stacked: true)
        let firstTable = TableContext(headers: [tr("metric"), tr("better")] + f.scenarios.map(label),
                                      rows: f.metrics.map { m in [metricName(m.metric), better(m.better)] + m.pFirst.map(Format.share) })
        var tables: [TableContext] = []
        for m in f.metrics {
            tables.append(TableContext(caption: tr("{0}: P(row better than column)", metricName(m.metric)),
                                       headers: [""] + f.scenarios.map(label),
                                       rows: f.scenarios.indices.map { a in
                                           [label(f.scenarios[a])] + f.scenarios.indices.map { b in a == b ? "–" : Format.share(m.pBetter[a][b]) }
                                       }))
        }
        let flipRows = f.metrics.flatMap { m in
            m.flips.filter(\.significant).prefix(5).map { x in
                [metricName(m.metric), label(m.leader), x.input, Format.decimal(String(format: "%+.2f", x.rho)),
                 Format.share(x.leaderFirstLow), Format.share(x.leaderFirstHigh)]
            }
        }
        tables.append(TableContext(caption: tr("Inputs that move the leader's margin beyond chance (|z| over the Bonferroni bound; at most 5 per metric)"),
                                   headers: [tr("metric"), tr("leader"), tr("input"), tr("Spearman ρ with the margin"), tr("leader first, input low half"), tr("leader first, input high half")],
                                   rows: flipRows.isEmpty ? [[tr("no input moves any leader's margin beyond chance"), "", "", "", "", ""]] : flipRows))
        let varied = f.assumptions.map { tr("every value with a range and every number sourced as an assumption, at ± {0}", Format.share($0)) } ?? tr("every value with a range")
        section("robustness", tr("How sure the ranking is"),
                intro: [tr("{0} draws of the uncertain inputs ({1} of them: {2}); at each draw every scenario ran {3} replications on the same people, and the scenarios were ranked by their means. The shares include the Monte Carlo noise of {3} replications.",
                           "\(f.samples)", "\(f.inputs.count)", varied, "\(f.replications)")]
                    + (f.failed.isEmpty ? [] : [tr("{0} scenario runs could not be set up at their draw and count as worst: {1}.", "\(f.failed.count)", f.failed.prefix(3).joined(separator: "; "))]),
                figures: [figure(svg, caption: tr("P(first) per metric."), table: firstTable, open: true)],
                tables: tables)
        if let m = f.metrics.first, let top = m.pFirst.indices.max(by: { m.pFirst[$0] < m.pFirst[$1] }) {
            let held = m.flips.first(where: \.significant).map { " " + tr("Its lead hangs most on {0}.", $0.input) } ?? ""
            summaryLines.append(tr("How sure: over {0} draws of the inputs the sources leave open, {1} ranks first on {2} in {3} of them.",
                                   "\(f.samples)", f.scenarios[top], metricName(m.metric), Format.share(m.pFirst[top])) + held)
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
                             difference.isFinite ? tr("{0} pp", String(format: "%+.0f", difference)) : "–"])
            }
        }
        guard !rows.isEmpty else { return }
        let svg = Charts.ranges(id: nextID("observed"), title: tr("Share with a PIP: model against the observed figures"),
                                description: tr("Per observed figure, the model's P10–P90 over replications with its mean, and the observed share (DUO's count) as a point."),
                                xLabel: tr("share of the obligated with a PIP"), categories: categories, series: [tr("model (P10–P90, mean)"), tr("observed")],
                                low: low, mid: mid, high: high)
        section("observed", tr("Model against the observed figures"),
                intro: [tr("The scenario files' `observed:` figures (DUO's snapshots) beside the model's count on the same date, made the way DUO counts: persons whose obligation had started, and the share of them with a PIP. Where these figures were calibration targets, agreement is fit, not validation.")],
                figures: [figure(svg, caption: tr("Coverage on the observed dates."),
                                 table: TableContext(headers: [tr("figure"), tr("obligated (observed)"), tr("model [95 % CI]"), tr("with a PIP (observed)"), tr("model [95 % CI]"), tr("difference")], rows: rows),
                                 open: true)])
    }

    // MARK: MCA

    mutating func mca(name: String, _ file: MCAFile) {
        let alternatives = file.totals.keys.sorted()
        var rows = file.clusters.map { c -> [String] in
            [c.name, Format.number(c.meanWeight)] + alternatives.map { Format.number(c.scores[$0] ?? .nan) }
        }
        rows.append([tr("Total"), Format.number(file.meanWeight)] + alternatives.map { Format.number(file.totals[$0] ?? .nan) })
        let table = TableContext(caption: tr("Weighted-sum table (layout of 001 L1860-1907)"), headers: [tr("criteria cluster"), tr("mean weight")] + alternatives, rows: rows)
        var figures: [Page.Figure] = []
        if let smaa = file.smaa {
            let acceptability = alternatives.map { smaa.rankAcceptability[$0] ?? [] }
            let n = acceptability.map(\.count).max() ?? 0
            let svg = Charts.bars(id: nextID("smaa"), title: tr("SMAA rank acceptability ({0})", name),
                                  description: tr("Share of weight samples in which each alternative takes each rank."),
                                  xLabel: tr("share of weight samples"), categories: alternatives, series: (1...max(n, 1)).map { tr("rank {0}", "\($0)") },
                                  values: acceptability, stacked: true)
            figures.append(figure(svg, caption: tr("Rank acceptability over {0} weight samples (seed {1}).", "\(smaa.samples)", "\(smaa.seed)"),
                                  table: TableContext(headers: [tr("alternative")] + (1...max(n, 1)).map { tr("rank {0}", "\($0)") },
                                                      rows: zip(alternatives, acceptability).map { [$0] + $1.map(Format.share) })))
        }
        section("mca-\(slug(name))", tr("Multi-criteria analysis: {0}", file.name), figures: figures, tables: [table])
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
                                  level.holds ? tr("holds") : tr("fails")])
            }
            if s.chosen == nil { levelRows.append([name, tr("no configuration within the bounds holds every level"), "", "", "", "", tr("fails")]) }
        }
        let svg = Charts.bars(id: nextID("sizing"), title: tr("Spreadsheet estimate against the simulation's size"),
                              description: tr("Per scenario and decision variable: the static (workload / hours) estimate and the cheapest size that holds every service level in the simulation."),
                              xLabel: tr("FTE, places or groups"), categories: categories, series: [tr("spreadsheet estimate"), tr("simulation")], values: values)
        section("sizing", tr("Sizing to service levels"),
                intro: [tr("The spreadsheet answer counts workload hours against productive hours and open cases against the caseload norm: no queues, no peaks, no start moments. The simulation searches the cheapest configuration whose service levels hold at their stated confidence.")],
                figures: [figure(svg, caption: tr("Static estimate and simulated size per decision variable."),
                                 table: TableContext(headers: [tr("scenario"), tr("variable"), tr("spreadsheet estimate"), tr("simulation")], rows: rows), open: true)],
                tables: [TableContext(caption: tr("Service levels at the chosen size"), headers: [tr("scenario"), tr("service level"), tr("target"), tr("mean"), tr("one-sided bound"), tr("confidence"), ""], rows: levelRows)])
    }

    // MARK: Sensitivity

    mutating func sensitivity(_ file: SensitivityFile) {
        let metrics = file.tornado.map(\.metric).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var figures: [Page.Figure] = []
        let ci = { (c: [Double]) -> (low: Double, high: Double) in (c.first ?? .nan, c.dropFirst().first ?? .nan) }
        for metric in metrics {
            let rows = file.tornado.filter { $0.metric == metric }.sorted { $0.swing > $1.swing }
            let top = Array(rows.prefix(12))
            let svg = Charts.bars(id: nextID("tornado"), title: tr("Tornado: {0}", Format.metric(metric)),
                                  description: tr("Change in the mean of {0} when each input is set to its low or high value, same replications as the base run, with 95 % CI.", metric),
                                  xLabel: tr("change from the base mean {0}", Format.number(top.first?.baseMean ?? .nan)),
                                  categories: top.map(\.input), series: [tr("input at its low value"), tr("input at its high value")],
                                  values: top.map { [$0.effectLow, $0.effectHigh] },
                                  intervals: top.map { [ci($0.effectLowCI95), ci($0.effectHighCI95)] })
            let table = TableContext(headers: [tr("input"), tr("low"), tr("high"), tr("effect at low"), tr("95 % CI"), tr("effect at high"), tr("95 % CI")], rows: rows.map { e in
                let (l, h) = (ci(e.effectLowCI95), ci(e.effectHighCI95))
                return [e.input, Format.number(e.lowValue), Format.number(e.highValue),
                        Format.number(e.effectLow), Format.interval(l.low, l.high), Format.number(e.effectHigh), Format.interval(h.low, h.high)]
            })
            figures.append(figure(svg, caption: tr("The inputs with the largest effect on {0} (at most 12 shown; all in the table).", metric), table: table))
        }
        section("sensitivity", tr("Sensitivity: which inputs the answer hangs on"),
                intro: [tr("From {0}, {1} replications per point, {2} model runs.", file.file, "\(file.replications)", "\(file.modelRuns)")],
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
        let svg = Charts.ranges(id: nextID("fit"), title: tr("Calibration fit: model against observed"),
                                description: tr("Per target, the model's 5–95 % range over the accepted points with its mean, and the observed value."),
                                xLabel: tr("value"), categories: fit.map(label), series: [tr("model (P05–P95, mean)"), tr("observed")],
                                low: fit.map { [$0.modelP05, $0.observed] }, mid: fit.map { [$0.modelMean, $0.observed] },
                                high: fit.map { [$0.modelP95, $0.observed] })
        let table = TableContext(headers: [tr("file"), tr("group"), tr("target"), tr("observed"), tr("model mean"), tr("model P05–P95"), tr("final acceptance range"), ""], rows: fit.map { e in
            [name(e), e.group, e.target, Format.number(e.observed), Format.number(e.modelMean), Format.interval(e.modelP05, e.modelP95),
             pair(e.range), e.inside ? tr("inside") : tr("outside")]
        })
        let posterior = file.posterior.map { p in
            [p.parameter, p.path, Format.number(p.p50), Format.interval(p.p05, p.p95), pair(p.prior)]
        }
        section("calibration", tr("Calibration to observed figures"),
                intro: [tr("{0} accepted points.", "\(file.accepted)")],
                figures: [figure(svg, caption: tr("Fit per target."), table: table, open: true)],
                tables: posterior.isEmpty ? [] : [TableContext(caption: tr("Posterior (weighted accepted points)"), headers: [tr("parameter"), tr("path"), tr("median"), tr("90 % interval"), tr("prior")], rows: posterior)])
    }

    // MARK: Inputs and manifest

    mutating func inputs() {
        var byPath: [String: [(scenario: String, value: String, source: String)]] = [:]
        let noSource = tr("no source")
        for s in folder.manifest.scenarios {
            for (path, source) in s.sources { byPath[path, default: []].append((s.name, s.parameters[path] ?? "", source)) }
            for path in s.valuesWithoutSource { byPath[path, default: []].append((s.name, s.parameters[path] ?? "", noSource)) }
        }
        var rows: [[String]] = [], classes: [String?] = []
        for path in byPath.keys.sorted() {
            let entries = byPath[path] ?? []
            let values = Set(entries.map(\.value)), sources = Set(entries.map(\.source))
            let value = values.count == 1 ? entries[0].value : entries.map { "\($0.scenario): \($0.value)" }.joined(separator: "; ")
            let source = sources.count == 1 ? entries[0].source : entries.map { "\($0.scenario): \($0.source)" }.joined(separator: "; ")
            let scope = entries.count == scenarios.count ? tr("all") : entries.map(\.scenario).joined(separator: ", ")
            rows.append([path, value, source, scope])
            classes.append(source.lowercased().contains("assumption") || source == noSource ? "assumption" : nil)
        }
        let assumptions = classes.compactMap { $0 }.count
        section("inputs", tr("Inputs and their sources"),
                intro: [tr("Every parameter the scenario files annotate, with its value and source; {0} of {1} rest on an assumption (highlighted). Sources cite the seed documents by line (e.g. 001 L713) or a public figure.", "\(assumptions)", "\(rows.count)")],
                tables: [TableContext(headers: [tr("parameter"), tr("value"), tr("source"), tr("scenarios")], rows: rows, rowClasses: classes)])
    }

    mutating func stressDES() {
        let items = folder.manifest.stressDES
        let names = ["1.2": tr("model purpose and version"), "3.3": tr("input data and sources"), "4.1": tr("initialisation"), "4.2": tr("run length"),
                     "4.3": tr("replications"), "5.1": tr("software"), "5.2": tr("random numbers"), "5.3": tr("execution"), "5.4": tr("system specification")]
        let rows = items.keys.sorted().map { item -> [String] in
            let fields = (items[item] ?? "").components(separatedBy: ", ")
            return [item, names[item] ?? "", fields.map { "\($0) = \(manifestField($0))" }.joined(separator: "; ")]
        }
        section("manifest", tr("Reporting items (STRESS-DES)"),
                intro: [tr("Monks et al. (2019) list what a simulation study must report; manifest.json in the result folder holds each item.")],
                tables: [TableContext(headers: [tr("item"), tr("what"), tr("in this run")], rows: rows)])
    }

    /// A manifest field that a STRESS-DES item names (`experiment.jobs`; `scenarios[]` over
    /// every scenario), as short text.
    func manifestField(_ path: String) -> String {
        let m = folder.manifest, e = m.experiment, r = m.randomNumbers
        let count = { (n: Int) in tr("{0} entries", "\(n)") }
        switch path {
        case "tool": return "git_commit: \(m.tool.gitCommit), name: \(m.tool.name), version: \(m.tool.version)"
        case "tool.version": return m.tool.version
        case "tool.git_commit": return m.tool.gitCommit
        case "command_line": return m.commandLine
        case "scenarios[].sources": return count(m.scenarios.reduce(0) { $0 + $1.sources.count })
        case "scenarios[].values_without_source":
            let all = m.scenarios.flatMap(\.valuesWithoutSource)
            return all.isEmpty ? tr("none") : all.count <= 4 ? all.joined(separator: ", ") : count(all.count)
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
