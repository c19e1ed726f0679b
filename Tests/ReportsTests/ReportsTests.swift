import Experiments
import Foundation
import InburgeringModel
import Reports
import ResultFiles
import Stochastics
import Testing

@Suite struct ReportsTests {
    func scratch() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-reports-\(UUID().uuidString)") }

    @Test func twoRunsIntoOneFolderBothKeepTheirResults() throws {
        // Both open the same target before either commits (two runs into one --out, or
        // two run ids of the same second): the first to commit takes the name, the second
        // lands in NAME-2; each folder is whole, and no partial folder stays behind.
        let parent = scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try OutputDirectory(parent: parent, name: "run"), b = try OutputDirectory(parent: parent, name: "run")
        try a.write("summary.json", "a")
        try b.write("summary.json", "b")
        try a.commit()
        try b.commit()
        #expect(a.final.lastPathComponent == "run" && b.final.lastPathComponent == "run-2")
        #expect(try String(contentsOf: a.final.appendingPathComponent("summary.json"), encoding: .utf8) == "a")
        #expect(try String(contentsOf: b.final.appendingPathComponent("summary.json"), encoding: .utf8) == "b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["run", "run-2"])
    }

    /// CSVText writes a number's digits straight into its bytes: the text must be that of
    /// "\(x)" (what the files held before), and flushing in 64 KiB pieces must lose nothing.
    @Test func csvTextWritesNumbersAsInterpolationDoesAndFlushesEveryByte() {
        let rng = RandomStream(seed: 20261203) // fixed: the same numbers every run
        var xs: [Double] = [0, -0.0, 1, -1, 173, 0.1, 1e-5, 1e16, 123456789012345678, .infinity, -.infinity, .nan,
                            .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.leastNormalMagnitude, 2.5e-308]
        for _ in 0..<20_000 {
            xs.append(Double(bitPattern: rng.next()))                    // any bit pattern, NaNs included
            xs.append(rng.uniform() * 6000 - 3000)                         // days
            xs.append(Double(rng.integer(below: 2_000_001) - 1_000_000) / 8)
        }
        var pieces: [[UInt8]] = []
        var text = CSVText { pieces.append($0) }
        var expected = ""
        for (i, x) in xs.enumerated() {
            text.write("\(i)"); text.comma(); text.number(x); text.endLine()
            expected += "\(i)," + (x.isNaN ? "" : "\(x)") + "\n"
        }
        #expect(pieces.count > 10 && pieces.allSatisfy { $0.count >= 1 << 16 })
        #expect(String(decoding: pieces.joined() + text.bytes, as: UTF8.self) == expected)
    }

    @Test func aFailedStreamNamesItsFile() throws {
        let parent = scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let d = try OutputDirectory(parent: parent, name: "x")
        try FileManager.default.removeItem(at: d.partial) // the folder vanishes under the run
        do {
            try d.stream("metrics.csv") { $0.line("replication,metric,group,value") }
            Issue.record("a write into a missing folder succeeded")
        } catch {
            #expect("\(error)".hasPrefix("cannot write metrics.csv in \(d.partial.path)"), "\(error)")
        }
        d.abandon()
    }

    @Test func ticksOfExtremeButFiniteRangesNeverTrap() {
        // Round steps for everyday ranges: 0 … 100 in steps of 20.
        #expect(Charts.ticks(0, 100) == [0, 20, 40, 60, 80, 100])
        // Too wide or too narrow for round steps: the ends themselves.
        #expect(Charts.ticks(-1e308, 1e308) == [-1e308, 1e308])
        #expect(Charts.ticks(0, Double.leastNonzeroMagnitude) == [0, Double.leastNonzeroMagnitude])
        #expect(Charts.ticks(.nan, 1).isEmpty && Charts.ticks(3, 3) == [3])
    }
}

/// The report reads the typed result files the writers make, without a subprocess.
@Suite struct TypedResultFolderTests {
    /// A `run` folder of Tholen (3 replications), written as `ketensim run` writes it.
    func folder() throws -> (URL, ExperimentResult, [MetricKey: MetricSummary]) {
        let loaded = try ScenarioLoader.load("Scenarios/cases/tholen.yaml")
        let r = MonteCarlo.run(loaded.scenario, replications: 3, seed: 9, jobs: 1, keepPersons: 3)
        let s = Summaries.summarise(r)
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-typed-\(UUID().uuidString)")
        let dir = try OutputDirectory(parent: parent, name: "run")
        try dir.write("summary.json", Writers.summaryJSON(r, s))
        try dir.write("timeseries.csv", Writers.timeseriesCSV(r))
        try dir.write("leadtimes.csv", Writers.leadtimesCSV(r))
        try dir.write("manifest.json", Manifest.json(tool: "test", loaded: [loaded], seed: 9, replications: 3, jobs: 1, wallSeconds: 1,
                                                     precision: nil, events: r.events))
        try dir.commit()
        return (dir.final, r, s)
    }

    @Test func theReportShowsTheSummaryItReadsAndRefusesADamagedOne() throws {
        let (dir, r, s) = try folder()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        // What the writer wrote reads back as the same figures.
        let read = try ResultJSON.read(SummaryFile.self, dir.appendingPathComponent("summary.json").path)
        let share = try #require(s[MetricKey(name: Metric.pipWithinTermShare.rawValue, group: "all")])
        #expect(read.replications == 3 && read.seed == 9 && read.legalTermDays == r.legalTermDays)
        #expect(read.metrics[Metric.pipWithinTermShare.rawValue]?.mean == share.mean && read.metrics[Metric.pipWithinTermShare.rawValue]?.ci95 == share.ci95)
        // The report's key figure is that mean with its CI; the inputs table comes from the typed manifest.
        let html = try Report.html(ReportInputs(results: dir))
        let cell = String(format: "%.1f %% [%.1f %%, %.1f %%]", 100 * share.mean, 100 * share.ci95[0], 100 * share.ci95[1])
        #expect(html.contains("<td>\(cell)</td>"), "\(cell)")
        #expect(html.contains("tool.version = test") && html.contains("experiment.replications = 3"))
        // The FTE path's peak, named in the summary: the half-year with the largest mean work.
        let path = s.filter { $0.key.group == "all" && $0.key.name.hasPrefix(Metric.fteOfWorkAsked.rawValue + "@") }
        let peak = try #require(path.max { $0.value.mean < $1.value.mean })
        #expect(path.count == 4) // 2022-I to 2023-II
        #expect(html.contains("The consultant work asked peaks at ") && html.contains(" FTE of its ")
                && html.contains(" in \(peak.key.name.split(separator: "@")[1]) (P10–P90 "), "\(peak.key)")
        // A term of 0 days, or a manifest without its horizon, is refused naming file and field.
        let summaryPath = dir.appendingPathComponent("summary.json").path
        var damaged = read
        damaged.legalTermDays = 0
        try ResultJSON.text(damaged).write(toFile: summaryPath, atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try Report.html(ReportInputs(results: dir)) }
        do { _ = try Report.html(ReportInputs(results: dir)) } catch {
            #expect("\(error)" == "\(summaryPath): legal_term_days: expected \(SummaryFile.expected["legal_term_days"]!)")
        }
        try ResultJSON.text(read).write(toFile: summaryPath, atomically: true, encoding: .utf8)
        let manifestPath = dir.appendingPathComponent("manifest.json").path
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        try manifest.replacingOccurrences(of: "\"horizon\"", with: "\"horizont\"").write(toFile: manifestPath, atomically: true, encoding: .utf8)
        do { _ = try Report.html(ReportInputs(results: dir)); Issue.record("a manifest without a horizon was read") } catch {
            #expect("\(error)".hasPrefix("\(manifestPath): scenarios[0].horizon: expected a value"), "\(error)")
        }
    }
}

/// The Dutch report's words (`report --lang nl`): the catalogue is sound and the numbers are
/// written the Dutch way.
@Suite struct DutchReportTests {
    @Test func everyDutchTextKeepsItsPlaceholdersAndTheFillIsOnePass() {
        let placeholders = { (s: String) -> Set<String> in
            Set(s.matches(of: /\{\d+\}/).map { String($0.output) })
        }
        for (english, dutch) in ReportLanguage.dutchCatalogue {
            #expect(placeholders(english) == placeholders(dutch), "\(english)")
            #expect(!dutch.isEmpty)
        }
        // An argument's own braces are not filled again; an unknown placeholder stays; a
        // phrase without Dutch stays English.
        #expect(ReportLanguage.en.text("{1} after {0}", ["a{1}", "b"]) == "b after a{1}")
        #expect(ReportLanguage.en.text("{2} and {", ["x"]) == "{2} and {")
        #expect(ReportLanguage.nl.text("In short") == "In het kort" && ReportLanguage.nl.text("no such phrase {0}", ["x"]) == "no such phrase x")
    }

    @Test func numbersAndMetricsAreWrittenInTheReportsLanguage() {
        #expect(Format.share(0.372) == "37.2 %" && Format.days(1) == "1 day" && Format.interval(0.5, 0.75) == "[0.500, 0.750]")
        #expect(Format.euro(2850) == "€ 2,850" && Format.metric("pip_within_term_share") == "pip within term share")
        ReportLanguage.nl.apply {
            #expect(Format.share(0.372) == "37,2 %" && Format.days(1) == "1 dag" && Format.days(3) == "3 dagen")
            #expect(Format.interval(0.5, 0.75) == "[0,500; 0,750]" && Format.euro(2850) == "€ 2.850")
            #expect(Format.metric("pip_within_term_share") == "aandeel PIP's binnen de termijn")
            #expect(Format.metric("pip_coverage@2023-12-08") == "dekking PIP@2023-12-08")
            #expect(Format.metric("admission_to_step_days:lbt") == "opname in caseload → ketenstap (dagen):lbt")
            #expect(Format.metric("housing_to_pip_days_censored_share") == "huisvesting → PIP (dagen): nog wachtend aan het eind van de simulatieperiode")
            #expect(Charts.label(0.25, step: 0.05) == "0,25")
        }
    }
}
