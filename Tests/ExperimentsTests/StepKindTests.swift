import Experiments
import Foundation
import InburgeringModel
import Reports
import Testing

/// A step kind defined here, outside the library (issue 16: one place per step kind): a
/// week at a taalcafé between the intake and the LBT. Its definition is all there is; it
/// runs, and its lead time is in the metrics, in leadtimes.csv and in the catalogue.
@Suite struct StepKindTests {
    static let taalcafe: StepKind = {
        let kind = StepKind(rawValue: "taalcafe")
        var d = StepKind.Definition(kind: kind, meaning: "a week at the taalcafé before the LBT")
        d.state = .intake
        d.isWait = true
        d.defaultDuration = { _ in .constant(7) }
        StepKind.register(d)
        return kind
    }()

    /// Opplus with its chain stated as talks → taalcafé → LBT → PIP.
    static func scenario(_ kind: StepKind) -> Scenario {
        var s = opplus
        s.intake.talks = nil
        s.chain = Chain(steps: [ChainStep(name: "talks", kind: .talk, times: 2),
                                ChainStep(name: "cafe", kind: kind),
                                ChainStep(name: "lbt", kind: .lbt),
                                ChainStep(name: "pip", kind: .pip)])
        return s
    }

    @Test func aKindNoOneRegisteredIsRefusedAtItsStep() {
        let problems = ScenarioLoader.problems(Self.scenario(StepKind(rawValue: "koffie")), file: "x.yaml")
        #expect(problems.contains { $0.path == "chain.steps[1].kind" && $0.message.contains("unknown step kind 'koffie'") && $0.message.contains("talk (") })
    }

    @Test func aKindDefinedInATestTargetRunsEndToEnd() throws {
        let s = Self.scenario(Self.taalcafe)
        #expect(ScenarioLoader.problems(s, file: "x.yaml").isEmpty)
        let r = MonteCarlo.run(s, replications: 2, seed: 3, jobs: 1, keepPersons: 1)
        // The café is the wait: it ends 7 days after the last talk, and the LBT is booked then.
        let rows = Writers.leadtimesCSV(r).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let talks = try #require(header.firstIndex(of: "admission_to_step_days:talks"))
        let cafe = try #require(header.firstIndex(of: "admission_to_step_days:cafe"))
        let done = rows.dropFirst().compactMap { row -> (Double, Double)? in
            guard let a = Double(row[talks]), let b = Double(row[cafe]) else { return nil }
            return (a, b)
        }
        #expect(done.count > 50)
        #expect(done.allSatisfy { abs($0.1 - $0.0 - 7) < 1e-9 })
        // The metric per step, its censored share and its Kaplan–Meier quantiles.
        let summary = Summaries.summarise(r)
        let mean = try #require(summary[MetricKey(name: "admission_to_step_days:cafe", group: "all")])
        let talksMean = try #require(summary[MetricKey(name: "admission_to_step_days:talks", group: "all")])
        #expect(mean.n == 2 && mean.mean > talksMean.mean && !mean.p90.isNaN)
        #expect(summary[MetricKey(name: "admission_to_step_days_censored_share:cafe", group: "all")] != nil)
        #expect(MetricCatalogue.knows("admission_to_step_days:cafe") && MetricCatalogue.isLeadTime("admission_to_step_days:cafe"))
    }
}
