import Foundation
import InburgeringModel
import SimKernel
import Testing

/// The EVAL2024 case files against what their chapters say about caseloads, waiting lists
/// and the PIP term (inputs the files do not set directly): the mean over 20 replications,
/// with tolerances stated per case. These check that the files' own FTE, caps and inflow
/// produce the capacity picture the sources describe — or, where they cannot, that the
/// described figure lies within the file's stated uncertainty (for calibration).
@Suite struct CaseFileTests {
    static let snapshot = "2023-12-08"

    func mean(_ s: Scenario, _ name: String, _ group: String, replications: Int = 20) -> Double {
        let values = (0..<replications).compactMap { i in
            ChainModel.replicate(s, seed: 2022, replication: i).metrics().first { $0.name == name && $0.group == group }?.value
        }.filter { !$0.isNaN }
        return values.reduce(0, +) / Double(max(values.count, 1))
    }

    func load(_ name: String) throws -> Scenario { try ScenarioLoader.load("Scenarios/cases/\(name).yaml").scenario }
    func pool(_ s: Scenario) -> String { "pool:\(s.organisation.pools[0].name)" }

    @Test func aMunicipalitysOwnRoutesPerBandDecideItsRoutes() throws {
        // Tholen's band 28-30 holds one person, in the Z-route (004 L11464); with 10 persons
        // spread as table 1 of the eight cases (127/12/19 of 158) its weights are B1 10·127/158, O
        // 10·12/158, Z 1 + 10·19/158: not Z alone.
        let tholen = ScenarioPlan.compiled(try load("tholen"))
        let expected = [10.0 * 127 / 158, 10.0 * 12 / 158, 1 + 10.0 * 19 / 158]
        #expect(zip(tholen.routeWeights[2], expected).allSatisfy { abs($0 - $1) < 1e-12 })
        // Its scores: 11 of 39 below 20 against 284 of 1,957 in table 1, so with 40 persons of
        // prior the band's tilt is ((11 + 40 · 284/1,957) / 79) / (284/1,957) = 1.466, and 1 of
        // 39 in 28-30 (158 of 1,957): 0.663. Both streams' shares move that way.
        let common = try load("tholen").lbt.bands
        #expect(tholen.bandShares[0].asylum > common[0].asylum && tholen.bandShares[0].family > common[0].family)
        #expect(tholen.bandShares[2].asylum < common[2].asylum && tholen.bandShares[2].family < common[2].family)
        let ratio = (tholen.bandShares[0].asylum / common[0].asylum) / (tholen.bandShares[2].asylum / common[2].asylum)
        #expect(abs(ratio - ((11 + 40 * 284 / 1957.0) / 79) / (284 / 1957.0) / (((1 + 40 * 158 / 1957.0) / 79) / (158 / 1957.0))) < 1e-9)
        #expect(abs(tholen.bandShares.map(\.asylum).reduce(0, +) - 1) < 1e-12 && abs(tholen.bandShares.map(\.family).reduce(0, +) - 1) < 1e-12)
        // Tilburg places more statushouders in the Z-route than table 1 of the eight cases (004
        // L12156-12166). The route does not change when a PIP comes (no step there depends on
        // it), so among the asylum PIPs the Z share is Σ_b asylum share_b · Z_b / Σ routes_b.
        // 20 replications of ~255 asylum PIPs: the mean's standard error is at most
        // √(0.5 · 0.5 / 255 / 20) = 0.0070; 4 SE = 0.028.
        let s = try load("tilburg")
        let plan = ScenarioPlan.compiled(s)
        let z = zip(plan.bandShares, plan.routeWeights).reduce(0.0) { $0 + $1.0.asylum * $1.1[2] / $1.1.reduce(0, +) }
        #expect(abs(mean(s, "pip_route_Z_share@\(Self.snapshot)", "stream:asylum") - z) < 0.028)
    }

    @Test func roermondRunsJustBelowItsCapOfFifty() throws {
        // 004 L7238-7240: caseload kept to 50 per consultant, "net haalbaar" (just feasible):
        // on DUO's snapshot date the caseload per FTE lies within 20 % below the cap, with no
        // lasting waiting list (mean wait for a consultant under a week).
        let s = try load("roermond")
        let caseload = mean(s, "caseload_per_fte@\(Self.snapshot)", pool(s))
        #expect(caseload >= 40 && caseload <= 50)
        #expect(mean(s, "intake_wait_days", "all") < 7)
        // 004 L5593-5597: in most cases the term is mostly not met.
        #expect(mean(s, "pip_within_term_share", "all") < 0.5)
    }

    @Test func utrechtHasNoWaitingListAndMeetsTheTermMostly() throws {
        // 004 L8998-9006: caseload ~80 (a norm), no waiting list; EVAL2024: in
        // Utrecht and Tholen the PIP mostly within the term.
        let s = try load("utrecht")
        #expect(mean(s, "caseload_per_fte@\(Self.snapshot)", pool(s)) <= 80)
        #expect(mean(s, "waiting_for_consultant@\(Self.snapshot)", pool(s)) == 0)
        #expect(mean(s, "intake_wait_days", "all") < 1)
        #expect(mean(s, "pip_within_term_share", "all") > 0.5)
    }

    @Test func theEightCaseFilesStateTheirChains() throws {
        // Issue 16: each case file says its chain as its chapter describes it; the three whose
        // DUO tables are held back carry no observed figures.
        for name in ["roermond", "utrecht", "tholen", "tilburg", "buch", "deventer", "hengelo", "aalten"] {
            let s = try load(name)
            #expect(s.chain != nil, "\(name) states no chain")
            #expect(s.schoolIntake == nil && s.intake.talks == nil, "\(name) keeps a field the chain replaces")
            #expect((s.observed == nil) == ["deventer", "hengelo", "aalten"].contains(name), "\(name): observed")
            let kinds = Set((s.chain?.steps ?? []).map(\.kind))
            #expect(kinds.contains(.lbt) && kinds.contains(.pip), "\(name) has no LBT or PIP step")
        }
    }

    @Test func tholenMeetsTheTermMostly() throws {
        // 004 L11496-11502: the PIP within a week of the one intake talk; EVAL2024: mostly on time.
        let s = try load("tholen")
        #expect(mean(s, "intake_wait_days", "all") < 1)
        #expect(mean(s, "pip_within_term_share", "all") > 0.5)
    }

    @Test func tilburgsStartClassKeepsAsylumPIPsPastTheTerm() throws {
        // 004 L5601-5603: the 10-week start class puts the PIP "per definitie pas later";
        // family migrants skip it. Only the asylum statushouders outside the class (1 − 0.9)
        // and some vroege starters (15 %) can make the term: below a quarter; family far above.
        let s = try load("tilburg")
        #expect(s.chain?.options?.first { $0.name == "start_class" }?.share == 0.9 && s.vroegeStart?.share == 0.15)
        #expect(mean(s, "pip_within_term_share", "stream:asylum") < 0.25)
        #expect(mean(s, "pip_within_term_share", "stream:family") > 0.5)
    }

    @Test func zaffiersReportedCaseloadLiesWithinTheBUCHFilesRanges() throws {
        // 004 L12571-12574: 104–120 per 36-hour week (norm 95), "meestal niet" within the term
        // (004 L13082-13084). At the file's values the model stays well below the band (the
        // closing note of issue 8 gives the gap); at the ends of its stated ranges (fewer FTE,
        // more old-law and Participatiewet cases) it reaches the band and a waiting list.
        var s = try load("buch")
        let atValues = mean(s, "caseload_per_fte@\(Self.snapshot)", pool(s))
        #expect(atValues < 95)
        s.organisation.pools[0].fte = 3.5
        s.organisation.pools[0].oldLaw?.casesPerFTE = 35
        s.organisation.pools[0].participatiewet?.casesPerFTE = 60
        let atRangeEnds = mean(s, "caseload_per_fte@\(Self.snapshot)", pool(s))
        #expect(atRangeEnds >= 104 && atRangeEnds <= 125)
        #expect(mean(s, "waiting_for_consultant@\(Self.snapshot)", pool(s)) > 0)
    }

    /// Issue 17: the caseload one FTE could carry at full utilisation (productive hours per
    /// FTE-year over the hours a Wi2021 case asks per year: its chain, progress talks,
    /// casework, missed talks) against what each chapter says of its caseload. Roermond and
    /// Utrecht fixed the shared casework hours (common.yaml), so they check the derivation;
    /// Deventer and BUCH did not take part and are the test.
    @Test(arguments: [
        // 004 L7238-7240: kept to 50 per consultant, "net haalbaar"; 45 with two more staff.
        ("roermond", 45.0, 55.0),
        // 004 L8998-9002: about 80, "passend" to some coaches, "aan de drukke kant" to others: ±20 %.
        ("utrecht", 64.0, 96.0),
        // 004 L10326-10328: 70–80 for a full-time consultant, "nu als te hoog ervaren": below 75.
        ("deventer", 30.0, 75.0),
        // 004 L12571-12574, L13409: norm 95, consultants above it, the caseload "zo hoog": below 95.
        ("buch", 30.0, 95.0),
    ])
    func caseloadAtFullUtilisationLiesWhereTheChapterPutsIt(_ name: String, low: Double, high: Double) throws {
        let s = try load(name)
        let full = mean(s, "caseload_at_full_utilisation", pool(s), replications: 10)
        #expect(full >= low && full <= high, "\(name): \(full) cases per FTE at full utilisation, chapter \(low)–\(high)")
    }
}
