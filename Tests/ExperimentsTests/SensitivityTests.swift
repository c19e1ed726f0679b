import Experiments
import Foundation
import InburgeringModel
import Testing

@Suite struct SensitivityTests {
    @Test func sobolIndicesOfTheIshigamiFunction() throws {
        // f = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1 on [−π, π]³: S = (0.3139, 0.4424, 0),
        // ST = (0.5576, 0.4424, 0.2437) (Ishigami & Homma 1990; Saltelli et al. 2010).
        let f: ([[Double]]) -> [Double] = { points in
            points.map { u in
                let x = u.map { -Double.pi + 2 * Double.pi * $0 }
                return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
            }
        }
        let s = try #require(Sensitivity.sobolIndices(k: 3, n: 16_384, f: f))
        #expect(s.runs == 16_384 * 5)
        for (got, want) in zip(s.first, [0.3139, 0.4424, 0.0]) { #expect(abs(got - want) < 0.02, "first \(got) vs \(want)") }
        for (got, want) in zip(s.total, [0.5576, 0.4424, 0.2437]) { #expect(abs(got - want) < 0.02, "total \(got) vs \(want)") }
    }

    @Test func anInertInputHasAZeroBarAndAnActiveOneDoesNot() throws {
        // The price of an FTE changes no lead time: with common random numbers its bar is
        // exactly zero; the share of family migrants' inflow moves housing → PIP.
        let t = try ScenarioLoader.template("Scenarios/westfriesland/uitbesteding.yaml")
        let inputs = [Sensitivity.Input(path: "costs.fte_per_year", base: 80_000, low: 60_000, high: 100_000),
                      Sensitivity.Input(path: "inflow.family_migrants.per_year", base: 130, low: 90, high: 175)]
        let r = try Sensitivity.tornado(t, inputs: inputs, metrics: ["housing_to_pip_days", "cost_per_pip"], replications: 8, seed: 1, jobs: 2)
        let inert = try #require(r.bars.first { $0.input.path == "costs.fte_per_year" && $0.metric == "housing_to_pip_days" })
        #expect(inert.low.mean == 0 && inert.high.mean == 0 && inert.high.ci == [0, 0])
        let price = try #require(r.bars.first { $0.input.path == "costs.fte_per_year" && $0.metric == "cost_per_pip" })
        #expect(abs(price.high.mean / price.baseMean - 0.25) < 1e-9) // cost per PIP is linear in the price
        let family = try #require(r.bars.first { $0.input.path == "inflow.family_migrants.per_year" && $0.metric == "housing_to_pip_days" })
        #expect(family.high.ci[0] > 0) // more family migrants, longer waits
        #expect(r.runs == 5 * 8)
    }

    @Test func anAssumptionOnAMappingReachesTheNumbersInsideWithoutASourceOfTheirOwn() throws {
        // uitbesteding's pool list is sourced as an assumption as a whole: its FTE and cap are
        // varied; its CAO week carries a PUBLIC source of its own and is not; the benefit
        // clients per FTE have a range, which wins. Of the national taakstelling only the two
        // 2026 values are assumptions. Of a distribution only the mode moves.
        let t = try ScenarioLoader.template("Scenarios/westfriesland/uitbesteding.yaml")
        #expect(Set(t.numberPaths(under: "intake.no_shows")) == ["intake.no_shows.asylum", "intake.no_shows.family",
                                                                  "intake.no_shows.reschedule_days.mode", "intake.no_shows.hours_lost"])
        let inputs = Dictionary(uniqueKeysWithValues: Sensitivity.inputs(t, try t.instantiate(), assumptions: 0.25).map { ($0.path, $0) })
        #expect(inputs["organisation.pools[0].fte"].map { [$0.low, $0.high] } == [11.6 * 0.75, 11.6 * 1.25])
        #expect(inputs["organisation.pools[0].caseload_cap"] != nil)
        #expect(inputs["organisation.pools[0].weekly_hours"] == nil)
        #expect(inputs["organisation.pools[0].participatiewet.cases_per_fte"].map { [$0.low, $0.high] } == [5, 30])
        #expect(inputs["inflow.taakstelling.national[0].persons"] == nil && inputs["inflow.taakstelling.national[8].persons"] != nil)
        #expect(inputs["settling.mode"] == nil) // sourced from EVAL2024, not an assumption
    }

    @Test func templatesSetNumbersByPathThroughAnnotations() throws {
        let t = try ScenarioLoader.template("Scenarios/westfriesland/uitbesteding.yaml")
        #expect(t.number(at: "organisation.pools[0].participatiewet.cases_per_fte") == 15)
        #expect(t.number(at: "settling.mode") == 21)
        let s = try t.instantiate(["organisation.pools[0].participatiewet.cases_per_fte": 40, "settling.mode": 30]).scenario
        #expect(s.organisation.pools[0].participatiewet?.casesPerFTE == 40)
        #expect(s.settling == .triangular(min: 14, mode: 30, max: 35))
        #expect(throws: ScenarioError.self) { _ = try t.instantiate(["no.such.path": 1]) }
    }
}
