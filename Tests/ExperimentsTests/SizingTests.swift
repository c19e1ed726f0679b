import Experiments
import Foundation
import InburgeringModel
import SimKernel
import Testing

@Suite struct SizingTests {
    @Test func sizesAnMMcQueueToTheErlangCAnswer() {
        // M/M/c with λ = 4, μ = 1: the smallest c with P(W > 0.5) ≤ 0.15. Erlang C gives
        // 0.336 for c = 5 and 0.105 for c = 6: the answer is 6. Each replication estimates
        // P(W > 0.5) from 5,000 customers after 500 of warm-up.
        let (lambda, mu, t, alpha) = (4.0, 1.0, 0.5, 0.15)
        let exact = (5...20).first { c in
            QueueingTheory.erlangCWaitProbability(servers: c, lambda: lambda, mu: mu) * exp(-(Double(c) * mu - lambda) * t) <= alpha
        }
        #expect(exact == 6)
        var sizer = Sizer(
            variables: [.init(name: "servers", lower: 1, upper: 12, step: 1, price: 1)],
            levels: [.init(name: "P(W > 0.5)", direction: .atMost, target: alpha, confidence: 0.95)],
            replications: .init(initial: 20, batch: 20, max: 100)
        ) { values, range in
            [range.map { i in
                var q = QueueModel.mmc(servers: Int(values[0]), lambda: lambda, mu: mu, customers: 5_500, warmUpCustomers: 500,
                                       seed: 42, replication: i)
                q.longWait = t
                q.runToCompletion()
                return Double(q.longWaits) / Double(q.waits.count)
            }]
        }
        let result = sizer.search()
        #expect(result.chosen?.values == [Double(exact ?? 0)])
        // The next cheaper configuration fails, clearly.
        #expect(result.cheaperFailing.first?.values == [5])
        #expect((result.cheaperFailing.first?.levels[0].mean ?? 0) > 0.3)
    }

    /// x + 2y + noise ≥ 9.5 at prices 3 and 5 per unit: the cheapest is x = 0, y = 5 (25);
    /// the runners-up cost 26 (2, 4) and 27 (4, 3).
    func twoPools(_ target: Double) -> Sizer {
        Sizer(
            variables: [.init(name: "x", lower: 0, upper: 10, step: 1, price: 3), .init(name: "y", lower: 0, upper: 5, step: 1, price: 5)],
            levels: [.init(name: "x + 2y", direction: .atLeast, target: target, confidence: 0.95)],
            replications: .init(initial: 10, batch: 10, max: 40)
        ) { values, range in
            [range.map { i in values[0] + 2 * values[1] + 0.1 * sin(Double(i) * 12.9898) }]
        }
    }

    @Test func twoVariablesFindTheKnownCheapestPair() {
        // Substitutes: greedy alone stops at (2, 4) for 26 (per euro, x looks better once
        // y = 4); the final check trades two x for one y.
        var sizer = twoPools(9.5)
        let result = sizer.search()
        #expect(result.chosen?.values == [0, 5])
        #expect(result.chosen?.cost == 25)
        // Its cheaper neighbour (0, 4) fails by about 1.5.
        #expect(result.cheaperFailing.map(\.values) == [[0, 4]])
        #expect(abs((result.cheaperFailing.first?.levels[0].shortfall ?? 0) - 1.5) < 0.2)
    }

    @Test func twoPoolsWithTheirOwnLevelsGetTheirOwnMinimum() {
        // Pool A must reach x ≥ 2.5 and pool B y ≥ 4.5 (each level its own pool): (3, 5).
        var sizer = Sizer(
            variables: [.init(name: "A", lower: 0, upper: 10, step: 1, price: 7), .init(name: "B", lower: 0, upper: 10, step: 1, price: 2)],
            levels: [.init(name: "A", direction: .atLeast, target: 2.5, confidence: 0.95),
                     .init(name: "B", direction: .atLeast, target: 4.5, confidence: 0.95)],
            replications: .init(initial: 10, batch: 10, max: 40)
        ) { values, range in
            [range.map { values[0] + 0.05 * sin(Double($0)) }, range.map { values[1] + 0.05 * cos(Double($0)) }]
        }
        let result = sizer.search()
        #expect(result.chosen?.values == [3, 5])
        #expect(result.chosen?.cost == 31)
        #expect(Set(result.cheaperFailing.map(\.values)) == [[2, 5], [3, 4]])
    }

    @Test func anUnreachableTargetIsReportedWithWhatTheBoundsReach() {
        var sizer = twoPools(25) // at most 10 + 2 × 5 = 20
        let result = sizer.search()
        #expect(result.chosen == nil)
        #expect(result.atUpperBounds.values == [10, 5])
        #expect(abs(result.atUpperBounds.levels[0].mean - 20) < 0.1)
        #expect(result.evaluations == 1) // the bounds decide it at once
    }

    @Test func aPerAreaPoolKeepsAConsultantPerMunicipalityAtAnyFTE() throws {
        // integratie's regional team (per_area, 20 consultants for 16.5 FTE, 7 municipalities):
        // at 1 FTE seven part-time consultants, one per municipality (a pro-rata one or two
        // would leave municipalities without one); at 33 FTE forty. The scenario stays valid at both.
        let loaded = try ScenarioLoader.load("Scenarios/westfriesland/integratie.yaml")
        let i = try #require(loaded.scenario.organisation.pools.firstIndex { $0.assignment == .perArea })
        #expect(loaded.scenario.organisation.pools[i].municipalities.count == 7)
        let low = ChainSizing.apply(loaded.scenario, [.fte(pool: i)], [1])
        #expect(low.organisation.pools[i].consultants == 7 && low.organisation.pools[i].fte == 1)
        #expect(ScenarioLoader.problems(low, file: loaded.file).isEmpty)
        let high = ChainSizing.apply(loaded.scenario, [.fte(pool: i)], [33])
        #expect(high.organisation.pools[i].consultants == 40)
        #expect(ScenarioLoader.problems(high, file: loaded.file).isEmpty)
    }

    @Test func scalingCapacityScalesTheSchedulesAndKeepsTheirDates() throws {
        // Twice the capacity: FTE, places and groups doubled, schedules too (3 → 6 places,
        // 2 → 4 groups, 6 → 12 FTE), their dates and shifts untouched.
        var s = try ScenarioLoader.load("Scenarios/westfriesland/uitbesteding.yaml").scenario
        s.lbt.sessions.slotsSchedule = [CapacityChange(from: "2023-01-01", value: 3, shiftDays: 10)]
        s.schools[0].groupsSchedule = [CapacityChange(from: "2023-01-01", value: 2, shiftDays: nil)]
        var change = FTEChange(from: "2023-01-01", fte: 6)
        change.shiftDays = 5
        s.organisation.pools[0].fteSchedule = [change]
        let twice = ChainSizing.scalingCapacity(s, by: 2)
        #expect(twice.lbt.sessions.slotsSchedule == [CapacityChange(from: "2023-01-01", value: 6, shiftDays: 10)])
        #expect(twice.schools[0].groupsSchedule?.first?.value == 4)
        #expect(twice.organisation.pools[0].fteSchedule?.first.map { ($0.fte, $0.shiftDays) } ?? (0, nil) == (12, 5))
        #expect(twice.lbt.sessions.slots == 2 * s.lbt.sessions.slots)
    }

    @Test func chainSizingIsBitIdenticalForAnyNumberOfJobs() throws {
        let s = try ScenarioLoader.load("Scenarios/westfriesland/uitbesteding.yaml").scenario
        let levels = [ChainSizing.LevelSpec(metric: "housing_to_pip_days", statistic: .p50)]
        let one = ChainSizing.evaluator(s, knobs: [.fte(pool: 0)], levels: levels, seed: 3, jobs: 1, cancel: CancellationFlag())([8], 0..<4)
        let two = ChainSizing.evaluator(s, knobs: [.fte(pool: 0)], levels: levels, seed: 3, jobs: 2, cancel: CancellationFlag())([8], 0..<4)
        #expect(one == two && one[0].count == 4)
        // The consultants follow the FTE at the pool's FTE per consultant (11.6 / 14).
        #expect(ChainSizing.apply(s, [.fte(pool: 0)], [8]).organisation.pools[0].consultants == 10)
    }
}
