import Foundation
import InburgeringModel
import SimKernel
import Testing

/// Hand-computed cases for the mechanisms of issue 8: nareizigers, obligation start per
/// stream, caseloads with competing work, extra school groups, censored lead times and
/// DUO-style coverage. All on `mini.yaml` (constant durations) with overrides.
@Suite struct GroundedMechanismTests {
    func metric(_ r: ReplicationResult, _ name: String, _ group: String = "all") -> Double? {
        r.metrics().first { $0.name == name && $0.group == group }?.value
    }

    @Test func nareizigersJoinTheHouseholdsAddressAfterTheDelay() throws {
        // One household of 1 adult with 1 nareiziger (share 1), koppeling during 2022-I.
        // Eligible 14 days after koppeling; the dwelling offered at the middle of the
        // half-year (day 90.5, realisation 1 per household) is taken at once if the household
        // is waiting, else when it becomes eligible; key 14 days later. The nareiziger
        // registers exactly 30 days after the household's housing, with no koppeling, and its
        // obligation starts on arrival (DUO's clock for asylum).
        let s = try mini("""
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 2 }, { period: 2022-II, persons: 0 }]
              households: { adults: 1, minors: 0 }
              nareizigers: { share: 1, adults: 1, delay: 30 }
              shocks: []
            """)
        let r = ChainModel.replicate(s, seed: 5, replication: 0)
        #expect(r.persons.count == 2)
        let member = try #require(r.persons.first { !$0.nareiziger })
        let later = try #require(r.persons.first { $0.nareiziger })
        let offer = 90.5 // the only dwelling: half-way through 2022-I (181 days)
        #expect(member.registration == max(member.koppeling + 14, offer) + 14)
        #expect(later.registration == member.registration + 30)
        #expect(later.koppeling.isNaN && later.stream == .asylum)
        #expect(later.obligationStart == later.registration)
        #expect(member.obligationStart == member.koppeling)
    }

    @Test func obligationStartsAsDUOCountsIt() throws {
        // DUO resumed on 1 March (day 59): a koppeling on day 9 counts from day 59. A late
        // notice (share 1 for family) affected until 31 May moves a family migrant's start to
        // the notice window 1–1 July (day 181); the municipality hears of them through the
        // notice: referral 10 days after it.
        let s = try mini("""
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 0 }, { period: 2022-II, persons: 0 }]
              households: { adults: 1, minors: 0 }
              family_migrants: { per_year: 12, notice_delay: 20, referral_delay: 10 }
            duo:
              resumed: "2022-03-01"
              late_notices: { asylum: 0, family: 1, affected_from: "2022-01-01", affected_until: "2022-05-31", notice_from: "2022-07-01", notice_until: "2022-07-01" }
            """)
        let r = ChainModel.replicate(s, seed: 11, replication: 0)
        let asylum = r.persons.filter { $0.stream == .asylum }
        #expect(asylum.count == 2 && asylum.allSatisfy { $0.obligationStart == 59 })
        let family = r.persons.filter { $0.stream == .family }
        #expect(family.count >= 5)
        for p in family {
            let due = max(p.registration + 20, 59)
            let expected = due <= 150 ? 181 : due // 31 May = day 150
            #expect(p.obligationStart == expected)
            if !p.referral.isNaN { #expect(p.referral == p.obligationStart + 10) }
        }
    }

    @Test func aCaseStaysOnTheCaseloadUntilTheRouteEndsAndBlocksTheNext() throws {
        // Cap 1: the second of two persons referred on day 23 waits until the first
        // person's route ends (route start 58 + 100 = 158): intake wait 135 days.
        let s = try mini("""
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 1, fte: 1, caseload_cap: 1, assignment: pooled, weekly_hours: 35, productive_share: 1 }
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0)
        #expect(r.persons.map(\.admitted) == [23, 158])
        #expect(metric(r, "intake_wait_days") == 135.0 / 2)
        #expect(r.persons[0].caseClosed == 158)
    }

    @Test func benefitWorkTakesTheConsultantsTimeAndCaseloadPlaces() throws {
        // Participatiewet: 2 places per FTE (cap 3 leaves one place for the chain) and 30 h of
        // benefit work a week (6 days at 5 h/day: 0–6, 7–13, …), with priority.
        // p0: first talk due 25 waits for the block 21–27: 27–27.5; second due 34.5 (block
        // 28–34 done): 34.5–35. LBT request 38 → session 44 → result 46 → draft due 49, where
        // the week's block (scheduled first) takes 49–55: PIP 55–56. School 61, start 72, the
        // 100-day route ends on 172, when p1 gets the place.
        let s = try mini("""
            organisation:
              pools:
                - name: team
                  municipalities: [A]
                  consultants: 1
                  fte: 1
                  caseload_cap: 3
                  assignment: pooled
                  weekly_hours: 35
                  productive_share: 1
                  participatiewet: { cases_per_fte: 2, hours_per_week: 30, priority: true }
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0)
        #expect(r.persons[0].intakeStart == 27)
        #expect(r.persons[0].intakeDone == 35)
        #expect(r.persons[0].pip == 56)
        #expect(r.persons[0].routeStart == 72)
        #expect(r.persons[1].admitted == 172)
        // Caseload per FTE counts the benefit cases: 2 all year, plus p0 on [23, 172) and p1 on
        // [172, 312) (p1: PIP 203, start 212, route end 312).
        #expect(r.persons[1].caseClosed == 312)
        #expect(abs(r.meanCaseloadPerFTE[0] - (2 + (312.0 - 23) / 364)) < 1e-12)
    }

    @Test func areaConsultantsFollowTheSharesWithAtLeastOneEach() {
        // 10 consultants, shares 50/32/16/16/14/14/8 (001 L713-721): one each, then 3 spare by
        // largest remainder of 3 × share / 150 = 1.0, 0.64, 0.32, 0.32, 0.28, 0.28, 0.16.
        let areas = ChainModel.areas(consultants: 10, shares: [50, 32, 16, 16, 14, 14, 8])
        #expect(areas == [0, 0, 1, 1, 2, 2, 3, 4, 5, 6])
    }

    @Test func anExtraGroupOpensAfterTheLagWhenTooManyAreLeftWaiting() throws {
        // 20 persons registered before a start with one group of 8: 12 are left waiting,
        // at least the 5 of the rule: an extra group (max 8) starts 10 days later; the last 4
        // wait for the next regular start (every 100 days from day 50).
        let s = try mini("""
            inflow:
              shocks: [{ date: "2022-01-10", municipality: A, persons: 20, stream: asylum }]
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 20, fte: 20, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
            lbt: { sessions: { first: "2022-01-03", period_days: 1, offsets: [0], slots: 50 } }
            schools:
              - { name: school, routes: [B1], starts: { every_days: 100, first: "2022-02-20" }, min_class: 1, max_class: 8, groups: 1, extra_groups: { when_left_waiting: 5, lag_days: 10 } }
            """)
        let r = ChainModel.replicate(s, seed: 2, replication: 0)
        let starts = r.persons.map(\.routeStart)
        #expect(starts.filter { $0 == 50 }.count == 8)
        #expect(starts.filter { $0 == 60 }.count == 8)
        #expect(starts.filter { $0 == 150 }.count == 4)
        #expect(r.extraGroupsOpened == 1)
    }

    @Test func coverageCountsTheWayDUODoes() throws {
        // Mini: both persons obligated from day 9 (shock), PIPs on 43 and 50. On 2022-02-15
        // (day 45): 2 obligated, 1 with a PIP, the other housed within the 10-week term.
        // On 2022-01-05 (day 4): nobody obligated yet.
        let s = try mini("""
            snapshot_dates: ["2022-01-05", "2022-02-15"]
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0)
        #expect(metric(r, "obligated@2022-02-15") == 2)
        #expect(metric(r, "with_pip@2022-02-15") == 1)
        #expect(metric(r, "pip_coverage@2022-02-15") == 0.5)
        #expect(metric(r, "housed_within_term_no_pip_share@2022-02-15") == 0.5)
        #expect(metric(r, "azc_share@2022-02-15") == 0)
        #expect(metric(r, "pip_route_B1_share@2022-02-15") == 1)
        #expect(metric(r, "obligated@2022-01-05") == 0)
        #expect(metric(r, "pip_coverage@2022-01-05")?.isNaN == true)
    }

    @Test func leadTimesNotReachedByTheHorizonAreCountedAsCensored() throws {
        // Horizon ends on day 45 (2022-02-15): p0 has its PIP (43), p1 does not (50):
        // housing → PIP has one completed (34 days) and one censored of two.
        let s = try mini("""
            horizon: { end: "2022-02-15" }
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 0 }]
            """)
        let r = ChainModel.replicate(s, seed: 1, replication: 0)
        #expect(metric(r, "housing_to_pip_days") == 34)
        #expect(metric(r, "housing_to_pip_days_censored_share") == 0.5)
    }

    @Test func tilburgsStartClassHoldsThePIPUntilItEndsForAsylumOnly() throws {
        // Start class for asylum only: LBT 30 days after the intake's end, class ends 70 days
        // after it; the PIP is drafted 3 days (same party) after the class. A family migrant
        // in the same file goes straight to the LBT.
        let s = try mini("""
            inflow:
              family_migrants: { per_year: 6, notice_delay: 0, referral_delay: 14 }
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 30, fte: 30, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
            lbt: { sessions: { first: "2022-01-03", period_days: 1, offsets: [0], slots: 50 } }
            school_intake: { share: 1, streams: [asylum], duration: 70, lbt_after_days: 30 }
            """)
        let r = ChainModel.replicate(s, seed: 3, replication: 0)
        #expect(r.persons.filter { $0.stream == .asylum }.count == 2)
        for p in r.persons where p.stream == .asylum {
            // Hand-off to the class: 5 days after the intake's end; daily LBT sessions.
            #expect(p.lbt == (p.intakeDone + 5 + 30).rounded(.up) + 2)
            #expect(p.pip == p.intakeDone + 5 + 70 + 3 + 1)
        }
        let family = r.persons.filter { $0.stream == .family && !$0.pip.isNaN }
        #expect(!family.isEmpty)
        for p in family { #expect(p.pip - p.lbt < 10) } // result → draft 3 days → 1 day of work
    }
}

@Suite struct MetricCatalogueTests {
    @Test func everyEmittedMetricIsCatalogued() throws {
        let s = try ScenarioLoader.load("Scenarios/cases/buch.yaml").scenario
        let names = Set(ChainModel.replicate(s, seed: 1, replication: 0).metrics().map(\.name))
        #expect(names.count > 40)
        for name in names { #expect(MetricCatalogue.knows(name), "\(name) is not in MetricCatalogue") }
        #expect(!MetricCatalogue.knows("no_such_metric"))
    }
}

extension GroundedMechanismTests {
    @Test func anAreaPreferenceLetsWaitingCasesUseTheTeamsFreePlaces() throws {
        // Westfriesland integratie: the regional team's consultants work per area. As a
        // hard partition, a municipality's cases wait for its own consultants while others have
        // room; with `overflow_days` they take a free place elsewhere after that wait. A
        // preference that never applies within the horizon changes nothing (to the bit), one of
        // 0 days shortens the intake waiting list, and 14 days lies in between.
        let loaded = try ScenarioLoader.load("Scenarios/westfriesland/integratie.yaml")
        func run(_ days: Double?) -> ReplicationResult {
            var s = loaded.scenario
            let i = try! #require(s.organisation.pools.firstIndex { $0.assignment == .perArea })
            s.organisation.pools[i].overflowDays = days
            return ChainModel.replicate(s, seed: 3, replication: 0)
        }
        let hard = run(nil), never = run(3_650), soon = run(14), atOnce = run(0)
        #expect(never.metrics().map(\.value).elementsEqual(hard.metrics().map(\.value)) { $0 == $1 || $0.isNaN && $1.isNaN })
        let wait = { (r: ReplicationResult) in self.metric(r, Metric.intakeWaitDays.rawValue) ?? .nan }
        #expect(wait(atOnce) < wait(soon) && wait(soon) < wait(hard), "\(wait(atOnce)) \(wait(soon)) \(wait(hard))")
        #expect(wait(atOnce) < 0.5 * wait(hard))
        // Bad input is refused at its field: a negative wait, and a wait for a pooled team.
        do {
            _ = try mini("""
                organisation:
                  pools:
                    - { name: team, municipalities: [A], consultants: 1, fte: 1, caseload_cap: 10, assignment: pooled, overflow_days: -1, weekly_hours: 35, productive_share: 1 }
                """)
            Issue.record("a negative overflow_days was accepted")
        } catch let e as ScenarioError {
            #expect(e.description.contains("organisation.pools[0].overflow_days: expected a number of days from 0 to 3650"), "\(e)")
            #expect(e.description.contains("organisation.pools[0].overflow_days: only with assignment: per_area"), "\(e)")
        }
    }
}
