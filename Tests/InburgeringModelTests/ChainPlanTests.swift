import Foundation
import InburgeringModel
import Testing

/// The chain as data (`chain:`): steps in parallel, options, parties and their hand-offs,
/// a check and a deliberate delay after the PIP, on the deterministic mini scenario.
@Suite struct ChainPlanTests {
    @Test func theFixedChainStatedAsStepsGivesTheSameMilestones() throws {
        // mini.yaml's chain (two talks, LBT, PIP, all by one team) said as steps, with every
        // delay left to its default: the milestones of ChainModelTests, to the last bit.
        let stated = try mini("""
            intake: { talks: null }
            chain:
              steps:
                - { name: talks, kind: talk, times: 2 }
                - { name: lbt, kind: lbt }
                - { name: pip, kind: pip }
            """)
        let ra = ChainModel.replicate(stated, seed: 1, replication: 0)
        let rb = ChainModel.replicate(try load("mini.yaml"), seed: 1, replication: 0)
        // The milestones agree; the steps are named differently (mini's own chain adds
        // `ontzorgen` of 0 hours), so compare the steps both chains have by name.
        func milestones(_ r: ReplicationResult) -> [PersonRecord] { r.persons.map { var p = $0; p.stepApplies = 0; return p } }
        #expect(milestones(ra) == milestones(rb))
        #expect(ra.persons.map(\.pip) == [43, 50])
        for (a, b) in [("talks", "intake_talks"), ("lbt", "lbt"), ("pip", "pip")] {
            let i = try #require(ra.stepNames.firstIndex(of: a)), j = try #require(rb.stepNames.firstIndex(of: b))
            let (na, nb) = (ra.stepNames.count, rb.stepNames.count)
            #expect((0..<2).map { ra.stepDone[$0 * na + i] } == (0..<2).map { rb.stepDone[$0 * nb + j] })
        }
    }

    @Test func parallelStepsOptionsAndAChecksMilestonesByHand() throws {
        // Both admitted on day 23 by one consultant (5 casework hours a day).
        // - lbt (from admission, no delay): p0 takes the session of day 23, result 25; p1's
        //   session is full, so day 30, result 32.
        // - meeting (from admission, first_talk_delay 2): 0.5 h = 0.1 day: p0 25–25.1, p1 25.1–25.2.
        // - talk (after the meeting, same party: internal 3): due 28.1 and 28.2; 2.5 h each:
        //   p0 28.1–28.6, p1 28.6–29.1 (waits for the consultant).
        // - school (after the LBT, another party: hand-off 5; 10 days): p0 30–40, p1 37–47.
        // - pip (after the talk and the school; a predecessor of another party: hand-off 5;
        //   5 h = 1 day): p0 45–46, p1 52–53.
        // - check by the team leader (another party: hand-off 5; 4 days): p0 51–55, p1 58–62.
        // - childcare (option of share 1; the step is the wait; 20 days): p0 55–75, p1 62–82.
        // - never (option of share 0): passed over. The PIP is fixed when all after it are done.
        let s = try mini("""
            intake: { talks: null }
            chain:
              options: [{ name: childcare, share: 1, streams: [asylum] }, { name: never, share: 0 }]
              steps:
                - { name: lbt, kind: lbt, after: [], delay: 0 }
                - { name: meeting, kind: group_meeting, after: [], hours: 0.5 }
                - { name: talk, kind: talk }
                - { name: school, kind: school_intake, after: [lbt], duration: 10 }
                - { name: pip, kind: pip, after: [talk, school] }
                - { name: check, kind: pip_check, party: team leader, duration: 4 }
                - { name: childcare, kind: deliberate_delay, after: [check], when: childcare, duration: 20 }
                - { name: never, kind: deliberate_delay, after: [check], when: never, duration: 1000 }
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0), p = r.persons
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 } }
        #expect(p.map(\.admitted) == [23, 23])
        #expect(p.map(\.lbt) == [25, 32])
        #expect(close(p.map(\.intakeStart), [25, 25.1]))
        #expect(close(p.map(\.intakeDone), [28.6, 29.1]))
        #expect(close(p.map(\.pip), [75, 82]))
        // Each step's end as listed above; `never` is passed over (NaN) and applies to no one.
        #expect(r.stepNames == ["lbt", "meeting", "talk", "school", "pip", "check", "childcare", "never"])
        let done = { (i: Int) in Array(r.stepDone[i * 8..<i * 8 + 7]) }
        #expect(r.stepDone.count == 16 && r.stepDone[7].isNaN && r.stepDone[15].isNaN)
        #expect(close(done(0), [25, 25.1, 28.6, 40, 46, 55, 75]))
        #expect(close(done(1), [32, 25.2, 29.1, 47, 53, 62, 82]))
        #expect(p.allSatisfy { $0.stepApplies == 0b0111_1111 })
        // From admission (day 23): the check ends 32 and 39 days later, mean 35.5; no one is
        // waiting for a step at the horizon, and `never` has no figure at all (no one it applies to).
        let m = Dictionary(uniqueKeysWithValues: r.metrics().filter { $0.group == "all" }.map { ($0.name, $0.value) })
        #expect(abs((m["admission_to_step_days:check"] ?? .nan) - 35.5) < 1e-9)
        #expect(abs((m["admission_to_step_days:school"] ?? .nan) - 20.5) < 1e-9)
        #expect(m["admission_to_step_days_censored_share:check"] == 0)
        #expect(m["admission_to_step_days:never"]?.isNaN == true && m["admission_to_step_days_censored_share:never"]?.isNaN == true)
        #expect(r.metrics().allSatisfy { MetricCatalogue.knows($0.name) })
    }

    @Test func aStepStillUnderWayAtTheHorizonIsCensoredOneThatDoesNotApplyIsNot() {
        // A person admitted on day 10 whose step 0 applies and step 1 does not, neither done by
        // day 100: step 0 is censored at 90 days, step 1 is not waited for.
        var p = PersonRecord(municipality: 0, stream: .asylum, route: .b1, vroegeStart: false)
        p.admitted = 10
        p.stepApplies = 0b01
        var done: [Double] = [.nan, .nan]
        let leads = ReplicationResult.leadTimes(steps: ["a", "b"]).suffix(2)
        #expect(leads.map(\.name) == ["admission_to_step_days:a", "admission_to_step_days:b"])
        #expect(leads.map(\.censoredName) == ["admission_to_step_days_censored_share:a", "admission_to_step_days_censored_share:b"])
        #expect(leads.map { $0.censored(p, stepDone: done, horizon: 100) } == [90, nil])
        done[0] = 42
        #expect(leads.first?.value(p, stepDone: done) == 32)
        #expect(leads.first?.censored(p, stepDone: done, horizon: 100) == nil)
        #expect(MetricCatalogue.isLeadTime("admission_to_step_days:a") && !MetricCatalogue.isLeadTime("admission_to_step_days"))
        #expect(MetricCatalogue.knows("admission_to_step_days_censored_share:a") && !MetricCatalogue.knows("admission_to_steps:a"))
    }

    @Test func aStepThatWaitsForTheHouseGoesOnAtHousing() throws {
        // The same mini chain, but the LBT from admission needs the house; both were housed on
        // day 9, before admission, so nothing changes: LBT 25 and 32 as above.
        let s = try mini("""
            intake: { talks: null }
            chain:
              steps:
                - { name: lbt, kind: lbt, after: [], delay: 0, needs_housing: true }
                - { name: pip, kind: pip, delay: 0 }
            """)
        let p = ChainModel.replicate(s, seed: 1, replication: 0).persons
        #expect(p.map(\.lbt) == [25, 32])
        // The PIP (5 h) right after each result: 25–26 and 32–33; no talk, so no intake milestones.
        #expect(p.map(\.pip) == [26, 33])
        #expect(p.allSatisfy { $0.intakeStart.isNaN && $0.intakeDone.isNaN })
    }

    @Test func aConsultantWhoAttendsTheLBTSpendsItsHoursAtTheSession() throws {
        // The chain above with the consultant in the room for 2 h at each session (days 23 and
        // 30, 0.4 day each): the PIPs do not move, and the consultant works 2 × 2 h more.
        func run(_ hours: String) throws -> ReplicationResult {
            ChainModel.replicate(try mini("""
                intake: { talks: null }
                chain:
                  steps:
                    - { name: lbt, kind: lbt, after: [], delay: 0\(hours) }
                    - { name: pip, kind: pip, delay: 0 }
                """), seed: 1, replication: 0)
        }
        let without = try run(""), with = try run(", hours: 2")
        #expect(with.persons.map(\.pip) == [26, 33])
        #expect("\(with.persons)" == "\(without.persons)") // (NaN milestones: compared as text)
        #expect(abs(with.consultantUtilisation[0] - without.consultantUtilisation[0] - 4.0 / 5 / 364) < 1e-12)
    }

    @Test func aBadChainIsRefusedWithItsPaths() throws {
        let error = try #require(throws: ScenarioError.self) {
            _ = try mini("""
                chain:
                  options: [{ name: o, share: 2 }]
                  steps:
                    - { name: a, kind: talk, after: [later] }
                    - { name: a, kind: lbt, duration: 3 }
                    - { name: c, kind: pip_check, when: nobody }
                    - { name: d, kind: talk, times: 0 }
                    - { name: e, kind: pip, unless: o, vroege_start: true }
                """)
        }
        let found = Set(error.issues.map { "\($0.path): \($0.message)" })
        for expected in [
            "intake.talks: not used with `chain:`: state the talks as steps (`kind: talk`, `times:`) and remove it (`talks: null` when inherited)",
            "chain.options[0].share: expected a share in [0, 1] (got 2.0)",
            "chain.steps[0].after[0]: expected the name of an earlier step, got 'later'",
            "chain.steps[1].name: duplicate step 'a'",
            "chain.steps[1]: a `lbt` step takes an LBT session (lbt.sessions), not a `duration`",
            "chain.steps[2]: a pip_check step needs `hours` (a consultant's) or `duration`",
            "chain.steps[2].when: unknown option 'nobody'",
            "chain.steps[3].times: expected 1 to 20 times (got 0)",
            "chain.steps[4].vroege_start: the PIP step applies whether or not the start was early",
            "chain.steps: no `pip` step that every asylum person reaches (for every combination of the options named by `pip` steps, one must apply, to every municipality, band and route)",
        ] {
            #expect(found.contains(expected), "missing: \(expected)")
        }
    }
}
