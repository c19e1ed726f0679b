import Foundation
import InburgeringModel
import SimKernel
import Testing

/// Issue 17's workload mechanisms on `mini.yaml` (constant durations): casework per open
/// case and missed talks.
@Suite struct WorkloadTests {
    func metric(_ r: ReplicationResult, _ name: String, _ group: String) -> Double? {
        r.metrics().first { $0.name == name && $0.group == group }?.value
    }

    @Test func caseworkIsAskedWeeklyForEveryOpenCase() throws {
        // The mini scenario's two cases are open from day 23 to 158 (ChainModelTests) and ask
        // 26 h of talks, PIPs and progress talks. Casework of 5.2 h per case-month is
        // 5.2 × 12 / 52 = 1.2 h per case-week, asked on the weekly ticks (day 0, 7, …) with the
        // cases open: days 28 … 154, 19 ticks × 2 cases × 1.2 h = 45.6 h. The ticks delay no
        // milestone that sets a case's open time (admission 23, route end 158).
        let s = try mini("""
            progress:
              casework:
                - { task: monitoring, hours_per_month: 4 }
                - { task: administration, hours_per_month: 1.2 }
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0)
        #expect(r.persons.map(\.admitted) == [23, 23] && r.persons.map(\.caseClosed) == [158, 158])
        let hours: Double = 26 + 45.6, caseYears: Double = 2 * 135 / 365.25
        let productive: Double = 35 * 365.25 / 7
        let perCaseYear = try #require(metric(r, "hours_per_case_year", "pool:team"))
        #expect(abs(perCaseYear - hours / caseYears) < 1e-9)
        // 35 productive hours a week: 35 × 365.25 / 7 h per FTE-year.
        let full = try #require(metric(r, "caseload_at_full_utilisation", "pool:team"))
        #expect(abs(full - productive / (hours / caseYears)) < 1e-9)
        #expect(abs(r.consultantUtilisation[0] - hours / 5 / 364) < 1e-12)
    }

    @Test func withoutCaseworkAWorkloadIsTheChainsOwn() throws {
        // 26 h over the same 270 case-days.
        let r = ChainModel.replicate(try mini(""), seed: 1, replication: 0)
        let caseYears: Double = 2 * 135 / 365.25
        let perCaseYear = try #require(metric(r, "hours_per_case_year", "pool:team"))
        #expect(abs(perCaseYear - 26 / caseYears) < 1e-9)
    }

    @Test func aMissedTalkIsPlannedAgain() throws {
        // 400 statushouders, one talk each, missed with probability 0.5: talks planned per
        // person are geometric, mean 1 / 0.5 = 2 and variance 0.5 / 0.5² = 2, so missed talks
        // number 400 in expectation with sd √(400 × 2) = 28.3; 3.29 sd (99.9 %) = 93.
        let s = try mini("""
            inflow:
              shocks: [{ date: "2022-01-10", municipality: A, persons: 400, stream: asylum }]
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 50, fte: 50, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
            intake:
              talks: 1
              hours_per_talk: 1
              no_shows: { asylum: 0.5, family: 0.5, reschedule_days: 10, hours_lost: 1 }
            """)
        var model = ChainModel(scenario: s, seed: 3, replication: 0)
        model.runToHorizon()
        #expect(model.persons.allSatisfy { !$0.intakeDone.isNaN })
        #expect(abs(Double(model.missedTalks) - 400) <= 93, "missed \(model.missedTalks)")
        // Every talk is held once in the end, after its misses and their 10-day reschedules:
        // the first talk is due 2 days after admission, so the talk ends ≥ 2 + 10 × misses days later.
        let person = try #require(model.persons.first)
        #expect(person.intakeDone - person.admitted >= 2)
    }

    @Test func noShowsAreValidated() throws {
        #expect(throws: ScenarioError.self) {
            _ = try mini("intake: { no_shows: { asylum: 1.5, family: 0.2, reschedule_days: 10, hours_lost: 2 } }")
        }
        #expect(throws: ScenarioError.self) {
            _ = try mini("progress: { casework: [{ task: x, hours_per_month: -1 }] }")
        }
    }
}
