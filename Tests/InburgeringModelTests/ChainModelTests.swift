import Foundation
import InburgeringModel
import SimKernel
import Testing

func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)?.path ?? "missing:\(name)"
}

func load(_ name: String) throws -> Scenario { try ScenarioLoader.load(fixture(name)).scenario }

/// Loads `mini.yaml` with YAML overrides merged on top (as an `extends` file would).
func mini(_ overrides: String) throws -> Scenario {
    let dir = (fixture("mini.yaml") as NSString).deletingLastPathComponent
    let file = (dir as NSString).appendingPathComponent("override-\(UUID().uuidString).yaml")
    try ("extends: mini.yaml\n" + overrides).write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    return try ScenarioLoader.load(file).scenario
}

@Suite struct ChainModelTests {
    @Test func miniScenarioMatchesHandComputedMilestones() throws {
        // Day 9 (10 Jan): both housed. Settling 14 → referral 23; both admitted (cap 10).
        // First talks due 25: p0 25–25.5, p1 25.5–26 (one consultant, 2.5 h at 5 h/day).
        // Second talks due 7 days after each first ended: p0 32.5–33, p1 33–33.5.
        // LBT requests 3 days later (same party), 36 and 36.5; one place per weekly session
        // (days 2, 9, …, 37, 44): p0 → 37, p1 → 44; results 2 days later: 39, 46. Same party
        // again (3 days) → PIP drafts due 42 and 49, 5 h = 1 day: PIPs fixed on 43 and 50.
        // Hand-off to the school (5 days): 48, 55; starts every 14 days from day 2: both
        // start on day 58; the 100-day route ends on 158, which closes both cases.
        let result = ChainModel.replicate(try load("mini.yaml"), seed: 1, replication: 0)
        let p = result.persons
        #expect(p.count == 2)
        #expect(p.map(\.registration) == [9, 9])
        #expect(p.map(\.referral) == [23, 23])
        #expect(p.map(\.intakeStart) == [25, 25.5])
        #expect(p.map(\.intakeDone) == [33, 33.5])
        #expect(p.map(\.lbt) == [39, 46])
        #expect(p.map(\.pip) == [43, 50])
        #expect(p.map(\.schoolRegistration) == [48, 55])
        #expect(p.map(\.routeStart) == [58, 58])
        #expect(p.map(\.caseClosed) == [158, 158])
        #expect(p.map(\.obligationStart) == [9, 9])
        let metrics = Dictionary(uniqueKeysWithValues: result.metrics().filter { $0.group == "all" }.map { ($0.name, $0.value) })
        #expect(metrics["housing_to_pip_days"] == 37.5) // (34 + 41) / 2
        #expect(metrics["pip_within_term_share"] == 1)
        // Progress talks every 30 days from 30 days after the PIP while the case is open:
        // p0 on 73, 103, 133 and p1 on 80, 110, 140 (the next, 163 and 170, lie past 158).
        // Consultant hours: 4 talks × 2.5 + 2 PIPs × 5 + 6 progress talks × 1 = 26 h = 5.2 days.
        #expect(abs(result.consultantUtilisation[0] - 5.2 / 364) < 1e-12)
        // Both cases were open from day 23 to 158: mean caseload 2 × 135 / 364.
        #expect(abs(result.meanCaseload[0] - 270.0 / 364) < 1e-12)
        #expect(metrics["admission_to_case_close_days"] == 135)
        // The FTE path: all 26 hours were asked before 1 July (day 181); one FTE's productive
        // hours in 2022-I are 35 h × 181 / 7 days = 905 h, and nothing is asked in 2022-II.
        #expect(abs((metrics["fte_of_work_asked@2022-I"] ?? .nan) - 26.0 / 905) < 1e-12)
        #expect(metrics["fte_of_work_asked@2022-II"] == 0)
    }

    @Test func aStepOfAnotherTeamGoesToThatTeamsNextFreeMember() throws {
        // The mini chain with WerkSaam (two consultants, 5 h a day each, no caseload of its
        // own) doing intake, LBT and PIP for A's team. Both first talks are due on day 25: p0
        // goes to WerkSaam's consultant 0, p1 to consultant 1 (fewest tasks on hand), so both
        // talk on 25–25.5 instead of one after the other; second talks 32.5–33 likewise. The
        // LBT's one weekly place still gives 37 and 44, so the PIPs stay on 43 and 50.
        let result = ChainModel.replicate(try mini("""
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 1, fte: 1, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
                - { name: WerkSaam, municipalities: [], consultants: 2, fte: 2, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
              steps: { intake: WerkSaam, lbt: WerkSaam, pip: WerkSaam }
            """), seed: 1, replication: 0)
        let p = result.persons
        #expect(p.map(\.intakeStart) == [25, 25])
        #expect(p.map(\.intakeDone) == [33, 33])
        #expect(p.map(\.lbt) == [39, 46])
        #expect(p.map(\.pip) == [43, 50])
        // A's consultant keeps the cases (caseload 2 × 135 / 364) and does only the 6 progress
        // talks (6 h = 1.2 days); WerkSaam did 4 talks × 2.5 h + 2 PIPs × 5 h = 20 h = 4
        // consultant-days over its two consultants.
        #expect(abs(result.meanCaseload[0] - 270.0 / 364) < 1e-12 && result.meanCaseload[1] == 0)
        #expect(abs(result.consultantUtilisation[0] - 1.2 / 364) < 1e-12)
        #expect(abs(result.consultantUtilisation[1] - 4.0 / 2 / 364) < 1e-12)
    }

    @Test func aSecondPersonJoinsTheTalksFromAnotherTeamWithoutHoldingThemUp() throws {
        // Mini's chain with a medewerker (team `duo`, one consultant, 5 h a day, no caseload of
        // its own) joining both intake talks: the talks, LBT and PIP keep their days (the
        // medewerker is beside the step), A's consultant works its 26 h as in mini (5.2 days),
        // and the medewerker 4 talks × 2.5 h = 10 h = 2 days.
        let withDuo = """
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 1, fte: 1, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
                - { name: duo, municipalities: [], consultants: 1, fte: 1, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
            intake: { talks: null }
            chain:
              steps:

            """
        let result = ChainModel.replicate(try mini(withDuo + """
                - { name: talks, kind: talk, times: 2, also: duo }
                - { name: lbt, kind: lbt }
                - { name: pip, kind: pip }
            """), seed: 1, replication: 0)
        #expect(result.persons.map(\.intakeDone) == [33, 33.5])
        #expect(result.persons.map(\.pip) == [43, 50])
        #expect(abs(result.consultantUtilisation[0] - 5.2 / 364) < 1e-12)
        #expect(abs(result.consultantUtilisation[1] - 2.0 / 364) < 1e-12)
        #expect(result.chainHours[1] == 10)
        // `also` must name a pool, on a step with a consultant's hours.
        for (also, message) in [("nobody", "expected the name of a pool"), ("duo, duration: 3", "a second person joins a step with a consultant's `hours`")] {
            let error = try #require(throws: ScenarioError.self) {
                _ = try mini(withDuo + """
                        - { name: wait, kind: handoff, also: \(also) }
                        - { name: talks, kind: talk, times: 2 }
                        - { name: lbt, kind: lbt }
                        - { name: pip, kind: pip }
                    """)
            }
            #expect(error.issues.contains { $0.path == "chain.steps[0].also" && $0.message.contains(message) }, "\(error)")
        }
    }

    @Test func aTeamThatServesNoMunicipalityMustBeNamedByAStep() throws {
        #expect(throws: ScenarioError.self) {
            _ = try mini("""
                organisation:
                  pools:
                    - { name: team, municipalities: [A], consultants: 1, fte: 1, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
                    - { name: WerkSaam, municipalities: [], consultants: 2, fte: 2, caseload_cap: 10, assignment: pooled, weekly_hours: 35, productive_share: 1 }
                """)
        }
    }

    @Test func everyPersonIsInExactlyOneStateAtEverySnapshot() throws {
        let scenario = try ScenarioLoader.load("Scenarios/westfriesland/uitbesteding.yaml").scenario
        var model = ChainModel(scenario: scenario, seed: 7, replication: 0)
        model.runToHorizon()
        let total = Double(model.persons.count)
        #expect(total > 1000)
        #expect(model.snapshots.rows.count == 60)
        for row in model.snapshots.rows { #expect(row.reduce(0, +) == total) }
        // The incremental counts equal a recount of the states.
        var recount = [Int](repeating: 0, count: ChainState.allCases.count)
        for s in model.states { recount[s.rawValue] += 1 }
        #expect(recount == model.stateCounts)
        // Milestones are ordered for every person who reached them.
        for p in model.persons where !p.routeStart.isNaN {
            #expect(p.registration <= p.pip && p.pip <= p.routeStart)
            // Family migrants with their own provider have no municipal school registration.
            #expect(p.ownProvider || (p.pip <= p.schoolRegistration && p.schoolRegistration <= p.routeStart))
            #expect(p.referral <= p.admitted && p.admitted <= p.intakeStart && p.intakeStart <= p.lbt)
        }
    }

    @Test func februaryAndSeptemberStartsGiveWaitsUpToSevenMonthsAndNoMore() throws {
        // Longest gap between 1 Sep and 1 Feb is 153 days, between 1 Feb and 1 Sep 212 days.
        let s = try mini("""
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 60 }, { period: 2022-II, persons: 60 }, { period: 2023-I, persons: 60 }, { period: 2023-II, persons: 60 }]
            horizon: { end: "2023-12-31" }
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 4, fte: 4, caseload_cap: 100, assignment: pooled, weekly_hours: 36, productive_share: 0.7 }
            lbt: { sessions: { first: "2022-01-03", period_days: 7, offsets: [0, 2, 4], slots: 10 } }
            schools:
              - { name: school, routes: [B1], starts: { yearly: ["02-01", "09-01"] }, min_class: 1, max_class: 200, groups: 1 }
            """)
        let r = ChainModel.replicate(s, seed: 3, replication: 0)
        let waits = r.persons.compactMap { p -> Double? in p.routeStart.isNaN ? nil : p.routeStart - p.schoolRegistration }
        #expect(waits.count > 100)
        #expect(waits.allSatisfy { $0 >= 0 && $0 <= 212 })
        #expect((waits.max() ?? 0) > 150) // the long gap is really used
    }

    @Test func tenWeekStartClassThreeWeeksAfterKennismakingPutsEveryPIPPastTheTerm() throws {
        // Tilburg (EVAL2024): kennismaking ~3 weeks after housing, then a 10-week start
        // class before the PIP. The PIP cannot come within 10 weeks of registration.
        let s = try mini("""
            settling: 21
            intake: { first_talk_delay: 0, talks: 1 }
            school_intake: { share: 1, duration: 70 }
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 40 }, { period: 2022-II, persons: 40 }]
            lbt: { sessions: { first: "2022-01-03", period_days: 7, offsets: [0, 2, 4], slots: 10 } }
            """)
        let r = ChainModel.replicate(s, seed: 4, replication: 0)
        let fixed = r.persons.filter { !$0.pip.isNaN }
        #expect(fixed.count >= 15)
        #expect(fixed.allSatisfy { $0.pip - $0.registration > 70 })
        let share = r.metrics().first { $0.name == "pip_within_term_share" && $0.group == "all" }?.value
        #expect(share == 0)
    }

    @Test func aBatchRaisesIntakeThenLBTThenSchoolWaitsInThatOrder() throws {
        // +70 housed at once (Deventer, EVAL2024) on a chain with tight capacity at every
        // step. With common random numbers, the difference in work in progress against
        // the same run without the batch peaks first in the intake queue, then at the
        // LBT, then before the school start.
        let base = """
            horizon: { end: "2023-06-30" }
            inflow:
              taakstelling:
                region: [{ period: 2022-I, persons: 40 }, { period: 2022-II, persons: 40 }, { period: 2023-I, persons: 40 }]
            organisation:
              pools:
                - { name: team, municipalities: [A], consultants: 2, fte: 1.0, caseload_cap: 40, assignment: pooled, weekly_hours: 36, productive_share: 0.7 }
            lbt: { sessions: { first: "2022-01-03", period_days: 7, offsets: [0], slots: 4 } }
            progress: { talks_after_pip_days: [30], then_every_days: 30, hours_per_talk: 1, term_days: 1095, route_duration_days: { B1: 10 } }
            schools:
              - { name: school, routes: [B1], starts: { every_days: 14, first: "2022-01-03" }, min_class: 1, max_class: 6, groups: 1 }
            """
        let without = try mini(base)
        let with = try mini(base.replacingOccurrences(of: "inflow:\n", with: "inflow:\n  shocks: [{ date: \"2022-06-01\", municipality: A, persons: 70, stream: asylum }]\n"))
        func series(_ s: Scenario) -> Snapshots {
            var m = ChainModel(scenario: s, seed: 11, replication: 0, snapshotEveryDays: 1)
            m.runToHorizon()
            return m.snapshots
        }
        let a = series(without), b = series(with)
        /// The day the extra work in progress at `state` first reaches half its maximum.
        func rise(_ state: String) -> Double {
            let x = a.series(state) ?? [], y = b.series(state) ?? []
            let diff = zip(y, x).map { $0 - $1 }
            let top = diff.max() ?? 0
            let i = diff.firstIndex { $0 >= top / 2 } ?? 0
            return b.times[i]
        }
        let intake = rise("intake_queue"), lbt = rise("lbt"), school = rise("awaiting_route")
        #expect(intake < lbt, "intake queue rises on day \(intake), LBT on \(lbt)")
        #expect(lbt < school, "LBT rises on day \(lbt), school wait on \(school)")
        #expect(intake >= 151) // not before the batch arrives (1 June = day 151)
    }

    @Test func higherCaseloadCapLengthensTheWaitForTheFirstTalk() throws {
        // With consultant hours binding, a higher cap admits more cases at once: each
        // consultant's own queue of talks, PIPs and progress talks grows, so admitted
        // cases wait longer for their first talk.
        func admissionToFirstTalk(cap: Int) throws -> Double {
            let s = try mini("""
                inflow:
                  taakstelling:
                    region: [{ period: 2022-I, persons: 80 }, { period: 2022-II, persons: 80 }]
                organisation:
                  pools:
                    - { name: team, municipalities: [A], consultants: 1, fte: 0.3, caseload_cap: \(cap), assignment: pooled, weekly_hours: 36, productive_share: 0.7 }
                lbt: { sessions: { first: "2022-01-03", period_days: 7, offsets: [0, 2, 4], slots: 10 } }
                """)
            var t = Tally()
            for rep in 0..<10 {
                for p in ChainModel.replicate(s, seed: 5, replication: rep).persons where !p.intakeStart.isNaN {
                    t.record(p.intakeStart - p.admitted)
                }
            }
            return t.mean
        }
        let low = try admissionToFirstTalk(cap: 20), high = try admissionToFirstTalk(cap: 200)
        #expect(high > low * 1.5, "cap 20: \(low) days, cap 200: \(high) days")
    }

    @Test func sameSeedSameResultDifferentReplicationDifferentResult() throws {
        let s = try ScenarioLoader.load("Scenarios/westfriesland/opplus.yaml").scenario
        let a = ChainModel.replicate(s, seed: 9, replication: 2)
        let b = ChainModel.replicate(s, seed: 9, replication: 2)
        let c = ChainModel.replicate(s, seed: 9, replication: 3)
        // NaN milestones compare unequal to themselves: compare bit patterns.
        func bits(_ r: ReplicationResult) -> [UInt64] {
            r.persons.flatMap { p in [p.koppeling, p.registration, p.admitted, p.lbt, p.pip, p.routeStart].map(\.bitPattern) }
        }
        #expect(bits(a) == bits(b))
        #expect(bits(a) != bits(c))
    }
}

@Suite struct ScenarioLoaderTests {
    static let badFiles: [String] = {
        let dir = (fixture("bad/circular.yaml") as NSString).deletingLastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func theCorpusIsThere() { #expect(Self.badFiles.count >= 12) }

    @Test("each malformed file yields its expected error paths", arguments: badFiles)
    func malformed(_ name: String) throws {
        let path = fixture("bad/\(name)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = (text.split(separator: "\n").first ?? "").replacingOccurrences(of: "# expect:", with: "")
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            _ = try ScenarioLoader.load(path)
            Issue.record("\(name) loaded without error")
        } catch let error as ScenarioError {
            let paths = error.issues.map { $0.path.isEmpty ? "(file)" : $0.path }
            for e in expected { #expect(paths.contains(e), "\(name): expected an error at \(e), got \(error.issues)") }
            #expect(error.issues.allSatisfy { $0.file.hasSuffix(".yaml") })
        }
    }

    @Test func allErrorsOfAFileAreReportedTogether() throws {
        do {
            _ = try ScenarioLoader.load(fixture("bad/several_errors.yaml"))
        } catch let error as ScenarioError {
            #expect(error.issues.count >= 4)
            #expect(error.description.contains("several_errors.yaml: schools[0].max_class: expected at least min_class (8)"))
        }
    }

    @Test func sourcesAreRecordedAndStripped() throws {
        let loaded = try ScenarioLoader.load("Scenarios/westfriesland/integratie.yaml")
        #expect(loaded.provenance["inflow.taakstelling.region_share"]?.hasPrefix("001 L713-721") == true)
        #expect(loaded.provenance["organisation.pools"]?.contains("001 L1600-1610") == true)
        #expect(loaded.scenario.inflow.taakstelling.regionShare == 0.0125)
        #expect(loaded.files.count == 2)
        #expect(loaded.scenario.organisation.pools.count == 1)          // replaced by the override
        #expect(loaded.scenario.municipalities.count == 7)              // inherited from base
    }

    @Test func anOverridingDistributionReplacesTheAnnotatedValueWhole() throws {
        // A base with `ontzorgen_hours: { value: 0, source }`, an override with a triangular
        // of its own source: the override replaces the value whole (no merged mapping).
        let dir = (fixture("mini.yaml") as NSString).deletingLastPathComponent
        let base = (dir as NSString).appendingPathComponent("base-\(UUID().uuidString).yaml")
        let file = (dir as NSString).appendingPathComponent("override-\(UUID().uuidString).yaml")
        try ("extends: mini.yaml\nintake: { ontzorgen_hours: { value: 0, source: \"base\" } }\n").write(toFile: base, atomically: true, encoding: .utf8)
        try ("extends: \((base as NSString).lastPathComponent)\nintake: { ontzorgen_hours: { type: triangular, min: 4, mode: 8, max: 12, source: \"1.25 of Zaffier\" } }\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: base); try? FileManager.default.removeItem(atPath: file) }
        let loaded = try ScenarioLoader.load(file)
        #expect(loaded.scenario.intake.ontzorgenHours == .triangular(min: 4, mode: 8, max: 12))
        #expect(loaded.provenance["intake.ontzorgen_hours"]?.contains("1.25 of Zaffier") == true)
    }

    @Test func aRangeMarksAnUncertainValueAndMustContainIt() throws {
        let ok = try ScenarioLoader.load("Scenarios/westfriesland/uitbesteding.yaml")
        #expect(ok.ranges["organisation.pools[0].participatiewet.cases_per_fte"] == [5, 30])
        #expect(throws: ScenarioError.self) {
            _ = try mini("inflow: { inburgeringsplichtig_share: { value: 0.5, range: [0.6, 0.9], source: \"x\" } }")
        }
    }

    @Test func everyShippedScenarioIsValidAndSourcesEveryNumber() throws {
        let dirs = ["Scenarios/westfriesland", "Scenarios/cases"]
        var checked = 0
        for dir in dirs {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where file.hasSuffix(".yaml") {
                if ["mca", "size", "calibration", "."].contains(where: file.hasPrefix) { continue } // criteria, sizing and calibration specs, fuzz inputs
                let loaded = try ScenarioLoader.load("\(dir)/\(file)")
                #expect(loaded.unsourced.isEmpty, "\(dir)/\(file): numbers without a source: \(loaded.unsourced)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }
}

/// Ketenplan indicator 4 (002 L545-554): the PIP's route as the LBT advises in the person's band.
@Suite struct RouteAdviceTests {
    @Test func theShareOfPIPsAsAdvisedIsTheBandsMixOfAdvisedRoutes() throws {
        // Two bands of equal size: "low" always Z, advised Z; "high" B1 three times in four and
        // Z once, advised B1 or O. So 1/2 × 1 + 1/2 × 3/4 = 0.875 of the PIPs follow the advice,
        // and every B1 does.
        let r = ChainModel.replicate(try mini("""
            inflow:
              shocks: [{ date: "2022-01-10", municipality: A, persons: 600, stream: asylum }]
            organisation:
              pools: [{ name: team, municipalities: [A], consultants: 40, fte: 40, caseload_cap: 40, assignment: pooled, weekly_hours: 35, productive_share: 1 }]
            lbt:
              sessions: { first: "2022-01-03", period_days: 1, offsets: [0], slots: 50 }
              bands:
                - { name: low, asylum: 0.5, family: 0.5, routes: { Z: 1 }, advice: [Z] }
                - { name: high, asylum: 0.5, family: 0.5, routes: { B1: 3, Z: 1 }, advice: [B1, O] }
            schools:
              - { name: school, routes: [B1, Z], starts: { every_days: 14, first: "2022-01-03" }, min_class: 1, max_class: 600, groups: 1 }
            progress: { talks_after_pip_days: [30], then_every_days: 30, hours_per_talk: 1, term_days: 1095, route_duration_days: { B1: 100, Z: 100 } }
            costs: { fte_per_year: 80000, route_price: { B1: 10000, Z: 10000 } }
            """), seed: 11, replication: 0)
        let withPIP = r.persons.filter { $0.pip <= r.horizonEnd }
        #expect(withPIP.count > 500)
        #expect(withPIP.allSatisfy { $0.routeAsAdvised != nil })
        #expect(withPIP.filter { $0.route == .b1 }.allSatisfy { $0.routeAsAdvised == true })
        let share = try #require(r.metrics().first { $0.name == "pip_route_as_advised_share" && $0.group == "all" }?.value)
        // 99.9 % binomial band around 0.875.
        let halfWidth = 3.29 * (0.875 * 0.125 / Double(withPIP.count)).squareRoot()
        #expect(abs(share - 0.875) <= halfWidth, "\(share) ± \(halfWidth)")
        #expect(share == Double(withPIP.filter { $0.routeAsAdvised == true }.count) / Double(withPIP.count))
    }

    @Test func aBandWithoutAdviceGivesNoIndicatorAndAnUnknownRouteIsRefused() throws {
        let r = ChainModel.replicate(try mini(""), seed: 1, replication: 0)
        #expect(r.persons.allSatisfy { $0.routeAsAdvised == nil })
        #expect(try #require(r.metrics().first { $0.name == "pip_route_as_advised_share" && $0.group == "all" }?.value).isNaN)
        do {
            _ = try mini("""
                lbt:
                  bands: [{ name: all, asylum: 1, family: 1, routes: { B1: 1 }, advice: [B2] }]
                """)
            Issue.record("an advice of route B2 was accepted")
        } catch let e as ScenarioError {
            #expect(e.description.contains("lbt.bands[0].advice[0]") && e.description.contains("unknown route"), "\(e.description)")
        }
    }
}
