import Foundation
import InburgeringModel
import Testing

/// What the case chapters say changes over time or comes at once: realisation per half-year
/// and municipality, LBT places and class groups from a date on, a batch housed from those
/// already linked, shifted dates; and steps that apply by route, band or several options.
/// All on the deterministic mini scenario, computed by hand.
@Suite struct ScheduleTests {
    /// Ten single adults linked in 2022-I (no one in 2022-II), one dwelling per household at
    /// the given realisation, and the two of mini.yaml's shock on day 9.
    func linked(_ housing: String, shocks: String = "") throws -> ReplicationResult {
        ChainModel.replicate(try mini("""
            inflow:
              taakstelling: { region: [{ period: 2022-I, persons: 10 }, { period: 2022-II, persons: 0 }] }
              \(shocks)
            housing: { \(housing) }
            """), seed: 3, replication: 0)
    }

    func housedFromTheQueue(_ r: ReplicationResult) -> [Double] {
        r.persons.filter { !$0.koppeling.isNaN && !$0.registration.isNaN && $0.koppeling != 9 }.map(\.registration)
    }

    @Test func realisationPerHalfYearAndMunicipality() throws {
        // 10 households in 2022-I: realisation 1 offers 10 dwellings, 0.5 offers 5, and A's
        // own 0.3 goes before the half-year's 0.5: 3. No dwelling in 2022-II (no taakstelling).
        #expect(housedFromTheQueue(try linked("realisation: 1")).count == 10)
        #expect(housedFromTheQueue(try linked("realisation: 1, realisation_by_period: [{ period: 2022-I, realisation: 0.5 }]")).count == 5)
        let own = try linked("realisation: 1, realisation_by_period: [{ period: 2022-I, realisation: 0.5 }, { period: 2022-I, municipality: A, realisation: 0.3 }]")
        #expect(housedFromTheQueue(own).count == 3)
    }

    @Test func aBatchFromTheLinkedHousesThoseWaitingAndAddsNoOne() throws {
        // No dwellings (realisation 0): everyone linked waits in the AZC. On 1 June (day 151),
        // shifted by 10 days to day 161, a tussenvoorziening takes 4 of them, longest-waiting
        // first; no person is added (10 linked + mini's 2 registered).
        let shock = "shocks: [{ date: \"2022-06-01\", municipality: A, persons: 4, stream: asylum, from_linked: true, shift_days: 10 }]"
        let r = try linked("realisation: 0", shocks: shock)
        #expect(r.persons.count == 10)
        let housed = r.persons.filter { !$0.registration.isNaN }
        #expect(housed.count == 4)
        #expect(housed.allSatisfy { $0.registration == 161 })
        // The longest-waiting: the four linked first among those eligible by day 161.
        let waiting = r.persons.filter { $0.koppeling + 14 <= 161 }.map(\.koppeling).sorted()
        #expect(housed.map(\.koppeling).sorted() == Array(waiting.prefix(4)))
    }

    @Test func lbtPlacesAndClassGroupsFromADate() throws {
        // ChainPlanTests' chain: both admitted on day 23, the LBT from admission. One place a
        // week: sessions 23 and 30. Two places from 24 January (day 23): both on 23; the same
        // change shifted 7 days (day 30): 23 and 30 again.
        func lbt(_ schedule: String) throws -> [Double] {
            ChainModel.replicate(try mini("""
                intake: { talks: null }
                lbt: { sessions: { first: "2022-01-03", period_days: 7, offsets: [0], slots: 1\(schedule) } }
                chain:
                  steps:
                    - { name: lbt, kind: lbt, after: [], delay: 0 }
                    - { name: pip, kind: pip, delay: 0 }
                """), seed: 1, replication: 0).persons.map(\.lbt)
        }
        #expect(try lbt("") == [25, 32])
        #expect(try lbt(", slots_schedule: [{ from: \"2022-01-24\", value: 2 }]") == [25, 25])
        #expect(try lbt(", slots_schedule: [{ from: \"2022-01-24\", value: 2, shift_days: 7 }]") == [25, 32])

        // mini.yaml's route starts: both registered by day 55, a start every 14 days from day
        // 2 (58, 72, …). With classes of one, one group starts on 58 and the other on 72; with
        // two groups from 1 February (day 31) both start on 58.
        func routes(_ schedule: String) throws -> [Double] {
            ChainModel.replicate(try mini("""
                schools:
                  - { name: school, routes: [B1], starts: { every_days: 14, first: "2022-01-03" }, min_class: 1, max_class: 1, groups: 1\(schedule) }
                """), seed: 1, replication: 0).persons.map(\.routeStart)
        }
        #expect(try routes("") == [58, 72])
        #expect(try routes(", groups_schedule: [{ from: \"2022-02-01\", value: 2 }]") == [58, 58])
    }

    @Test func stepsThatApplyByRouteBandOrSeveralOptions() throws {
        // A 100-day school step for O-route candidates only, and a deliberate delay for those
        // with both options (one of share 0): everyone in mini (band `all`, route B1) passes
        // both over, so the PIPs are those of the bare LBT → PIP chain (26 and 33). A step for
        // band `all` and both options of share 1 applies: 10 days more (36, 43).
        func pips(_ condition: String) throws -> [Double] {
            ChainModel.replicate(try mini("""
                intake: { talks: null }
                chain:
                  options: [{ name: yes, share: 1 }, { name: also, share: 1 }, { name: no, share: 0 }]
                  steps:
                    - { name: lbt, kind: lbt, after: [], delay: 0 }
                    - { name: o_school, kind: school_intake, routes: [O], duration: 100 }
                    - { name: wait, kind: deliberate_delay, \(condition), duration: 10 }
                    - { name: pip, kind: pip, delay: 0 }
                """), seed: 1, replication: 0).persons.map(\.pip)
        }
        #expect(try pips("when: [yes, no]") == [26, 33])
        #expect(try pips("when: [yes, also], bands: [all]") == [36, 43])
        #expect(try pips("when: yes, unless: no") == [36, 43])
    }

    @Test func familyMigrantsArriveAtTheRateOfTheirYear() throws {
        // 100 a year until 2 July (day 182), 365 a year after it, to 31 December (day 364):
        // Poisson counts with means 100 × 182 / 365 = 49.9 and 365 × 182 / 365 = 182, each
        // within 3.29 sd (99.9 %): ±23 and ±44. Without the schedule, the first rate all year.
        func family(_ schedule: String) throws -> [Double] {
            ChainModel.replicate(try mini("""
                inflow:
                  family_migrants: { per_year: 100, \(schedule) notice_delay: 20, referral_delay: 10 }
                """), seed: 5, replication: 0).persons.filter { $0.stream == .family }.map(\.registration)
        }
        let scheduled = try family("per_year_schedule: [{ from: \"2022-07-02\", per_year: 365 }],")
        let before = Double(scheduled.filter { $0 < 182 }.count), after = Double(scheduled.filter { $0 >= 182 }.count)
        #expect(abs(before - 49.9) <= 23 && abs(after - 182) <= 44, "\(before) before, \(after) after")
        // The first piece is drawn exactly as without a schedule: the same arrivals up to day 182.
        let plain = try family("")
        #expect(abs(Double(plain.count) - 99.7) <= 33)
        #expect(plain.filter { $0 < 182 } == scheduled.filter { $0 < 182 })
        #expect(throws: ScenarioError.self) {
            _ = try mini("inflow: { family_migrants: { per_year: 1, per_year_schedule: [{ from: \"2022-08-01\", per_year: 2 }, { from: \"2022-07-01\", per_year: -1 }], notice_delay: 20, referral_delay: 10 } }")
        }
    }
}
