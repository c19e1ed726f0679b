import Experiments
import Foundation
import InburgeringModel
import Reports
import SimKernel
import Testing

let opplus: Scenario = {
    (try? ScenarioLoader.load("Scenarios/westfriesland/opplus.yaml").scenario)!
}()

@Suite struct MonteCarloTests {
    @Test func resultsAreByteIdenticalForAnyNumberOfJobs() {
        func files(_ jobs: Int) -> [String] {
            let r = MonteCarlo.run(opplus, replications: 12, seed: 77, jobs: jobs, keepPersons: 2)
            let s = Summaries.summarise(r)
            return [Writers.summaryJSON(r, s), Writers.metricsCSV(r), Writers.timeseriesCSV(r), Writers.leadtimesCSV(r)]
        }
        let one = files(1)
        #expect(one == files(2))
        #expect(one == files(4))
        #expect(one == files(12))
    }

    @Test func summaryMeanAndIntervalAreThoseOfTheReplicationValues() {
        let r = MonteCarlo.run(opplus, replications: 10, seed: 5, jobs: 2)
        let key = MetricKey(name: "pips_per_year", group: "all")
        let xs = r.values(key)
        #expect(xs.count == 10)
        // Each replication on its own gives the same value (index = identity).
        let metrics = ChainModel.replicate(opplus, seed: 5, replication: 3).metrics()
        let third = metrics.first { $0.name == "pips_per_year" && $0.group == "all" }?.value
        #expect(xs[3] == third)
        // A run keeps each replication's values without their names (`metricValues`): all of
        // them, in the order of the names (the run's keys).
        #expect(r.keys == metrics.map { MetricKey(name: $0.name, group: $0.group) })
        #expect(r.replications[3].values.elementsEqual(metrics.map(\.value)) { $0 == $1 || $0.isNaN && $1.isNaN })
        let mean = xs.reduce(0, +) / 10
        let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 9).squareRoot()
        let s = Summaries.summarise(r)[key]
        #expect(abs((s?.mean ?? 0) - mean) < 1e-9)
        // t(0.975, 9) = 2.262157
        #expect(abs((s?.halfWidth ?? 0) - 2.262157 * sd / 10.0.squareRoot()) < 1e-5 * mean)
    }

    @Test func identicalScenariosDifferByExactlyNothing() {
        let a = MonteCarlo.run(opplus, replications: 8, seed: 1, jobs: 2)
        let b = MonteCarlo.run(opplus, replications: 8, seed: 1, jobs: 1)
        let diffs = Comparison.differences([a, b], baseline: 0)
        #expect(!diffs.isEmpty)
        #expect(diffs.allSatisfy { $0.mean == 0 && !$0.significant })
    }

    @Test func moreConsultantsShortenTheIntakeWaitSignificantly() throws {
        var more = opplus
        more.organisation.pools = more.organisation.pools.map { var p = $0; p.fte *= 2; return p }
        more.name = "double FTE"
        let a = MonteCarlo.run(opplus, replications: 30, seed: 3, jobs: 2)
        let b = MonteCarlo.run(more, replications: 30, seed: 3, jobs: 2)
        let d = Comparison.differences([a, b], baseline: 0).first { $0.metric == "intake_wait_days" && $0.group == "all" }
        #expect(d?.significant == true && (d?.mean ?? 0) < 0)
        #expect(d.map { abs($0.level - 0.95) < 1e-12 } == true) // k = 2: one comparison, no adjustment
    }

    @Test func precisionIsJudgedOnEveryHeadlineMetric() {
        let r = MonteCarlo.run(opplus, replications: 20, seed: 2, jobs: 2)
        let s = Summaries.summarise(r)
        let worst = Summaries.headline.map { name -> Double in
            let m = s[MetricKey(name: name, group: "all")]!
            return m.halfWidth / abs(m.mean)
        }.max()!
        #expect(Summaries.precise(s, relative: worst * 1.0001))
        #expect(!Summaries.precise(s, relative: worst * 0.9999))
    }

    @Test func extendingARunEqualsRunningItWhole() {
        let whole = MonteCarlo.run(opplus, replications: 10, seed: 4, jobs: 2)
        let first = MonteCarlo.run(opplus, replications: 6, seed: 4, jobs: 2)
        let both = MonteCarlo.extend(first, opplus, by: 4, jobs: 1, keepPersons: 0, cancel: CancellationFlag(), progress: { _ in })
        #expect(Writers.summaryJSON(whole, Summaries.summarise(whole)) == Writers.summaryJSON(both, Summaries.summarise(both)))
    }

    @Test func aCancelledRunStopsEarly() {
        let flag = CancellationFlag()
        flag.cancel()
        let r = MonteCarlo.run(opplus, replications: 50, seed: 1, jobs: 2, cancel: flag)
        #expect(r.cancelled && r.count == 0)
    }
}

@Suite struct HistogramTests {
    @Test func pointMassesAreExact() {
        var h = LeadTimeHistogram()
        for _ in 0..<100 { h.record(0) }
        for _ in 0..<100 { h.record(14) }
        #expect(h.quantile(0.1) == 0 && h.quantile(0.5) == 0 && h.quantile(0.9) == 14)
    }

    @Test func continuousQuantilesWithinADayOfExact() {
        var h = LeadTimeHistogram()
        var xs: [Double] = []
        for i in 0..<10_000 {
            let x = Double(i % 997) * 0.37 + Double(i % 13) * 3.1
            xs.append(x)
            h.record(x)
        }
        let exact = Quantiles.of(xs, [0.1, 0.5, 0.9])
        for (p, e) in zip([0.1, 0.5, 0.9], exact) { #expect(abs(h.quantile(p) - e) < 1) }
    }

    @Test func mergeOrderDoesNotMatter() {
        var a = LeadTimeHistogram(), b = LeadTimeHistogram()
        for i in 0..<500 { (i % 2 == 0 ? { a.record(Double(i) / 7) } : { b.record(Double(i) / 3) })() }
        var ab = a, ba = b
        ab.merge(b)
        ba.merge(a)
        #expect(ab == ba)
    }
}

@Suite struct OutputDirectoryTests {
    @Test func aFolderAppearsWholeOrNotAtAll() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        do {
            let abandoned = try OutputDirectory(parent: parent, name: "run")
            try abandoned.write("summary.json", "{}")
            abandoned.abandon()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
        let first = try OutputDirectory(parent: parent, name: "run")
        try first.write("summary.json", "{}")
        try first.commit()
        let second = try OutputDirectory(parent: parent, name: "run")
        try second.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["run", "run-2"])
        #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("run/summary.json").path))
    }
}

@Suite struct KaplanMeierTests {
    @Test func quantilesFollowTheKaplanMeierEstimate() {
        // Events at 1, 2, 3, 4 days; two persons censored at 2.5 (still waiting after 2.5
        // days at the horizon). KM: S(1) = 5/6, S(2) = 5/6 · 4/5 = 2/3; then 2 censored leave
        // the risk set; S(3) = 2/3 · 1/2 = 1/3, S(4) = 0. The median is reached in the bin of
        // 3 (F jumps from 1/3 to 2/3); P90 in the bin of 4. Without censoring the two persons
        // would be ignored and the median would lie at 2.5.
        var h = LeadTimeHistogram()
        for d in [1.0, 2, 3, 4] { h.record(d) }
        h.recordCensored(2.5)
        h.recordCensored(2.5)
        #expect(h.quantile(0.5) == 3)
        #expect(h.quantile(0.9) == 4)
        #expect(h.quantile(0.1) == 1)
        #expect(abs(h.censoredShare - 1.0 / 3) < 1e-15)
    }

    @Test func aQuantileTheEstimateNeverReachesIsNaN() {
        // Half still waiting: S never falls below 1/2, so P90 is beyond the horizon.
        var h = LeadTimeHistogram()
        h.record(10)
        h.recordCensored(20)
        #expect(h.quantile(0.5) == 10)
        #expect(h.quantile(0.9).isNaN)
    }

    @Test func theDistributionIsTheKaplanMeierCurveOfTheQuantiles() {
        // Events at 1, 2, 3 and one person censored at 1.5 (in the bin of day 1): by hand,
        // F(2) = 1/4 (4 at risk); the censored leaves; F(3) = 1 − 3/4 · 1/2 = 5/8; F(4) = 1.
        var h = LeadTimeHistogram()
        for d in [1.0, 2, 3] { h.record(d) }
        h.recordCensored(1.5)
        let curve = h.distribution()
        #expect(curve.map(\.day) == [2, 3, 4])
        #expect(curve.map(\.share) == [0.25, 0.625, 1])
        // The curve the report draws crosses p in the bin where `quantile` finds it.
        var g = LeadTimeHistogram()
        for i in 0..<500 { g.record(Double(i % 97) * 1.37) }
        for i in 0..<120 { g.recordCensored(Double(i % 53) * 2.1) }
        for p in [0.1, 0.25, 0.5, 0.75, 0.9] {
            let q = g.quantile(p)
            let crossing = g.distribution().first { $0.share >= p * (1 - 1e-12) }
            #expect(crossing.map { q > $0.day - 1 - 1e-9 && q <= $0.day } == true, "p \(p): quantile \(q), curve \(String(describing: crossing))")
        }
        #expect(LeadTimeHistogram().distribution().isEmpty)
    }
}

