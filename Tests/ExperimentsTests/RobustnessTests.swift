import Experiments
import Foundation
import InburgeringModel
import Testing

@Suite struct RobustnessTests {
    @Test func rankingsOfThreeDrawsByHand() {
        // Higher is better. Draw 1 (u 0.1): C first; draw 2 (u 0.9): A first; draw 3 (u 0.5):
        // A and B tie first. P(first) = A (1 + ½)/3, B ½/3, C 1/3; P(A better than B) =
        // (0 + 1 + ½)/3, P(A better than C) = 2/3. The leader is A; its margin over the best
        // other is −2, +1, 0 at u = 0.1, 0.9, 0.5: rank correlation +1.
        let samples = [Robustness.Sample(u: [0.1], means: [[1, 2, 3]]),
                       Robustness.Sample(u: [0.9], means: [[3, 2, 1]]),
                       Robustness.Sample(u: [0.5], means: [[2, 2, 1]])]
        let input = Robustness.Input(path: "x", ranges: [0...1, nil, nil], whole: false)
        let r = Robustness.rankings(samples, inputs: [input], metrics: ["pip_within_term_share"], better: [.higher])[0]
        for (got, want) in zip(r.first, [0.5, 1.0 / 6, 1.0 / 3]) { #expect(abs(got - want) < 1e-12) }
        #expect(abs(r.pairwise[0][1] - 0.5) < 1e-12 && abs(r.pairwise[0][2] - 2.0 / 3) < 1e-12 && abs(r.pairwise[2][0] - 1.0 / 3) < 1e-12)
        #expect(r.leader == 0)
        #expect(r.flips[0].rho == 1)
        #expect(r.flips[0].leaderFirstLow == 0 && r.flips[0].leaderFirstHigh == 1) // u < 0.5: draw 1 only
        // Forty draws that A wins: P(first) is exactly 1, not a sum of forty fortieths (which
        // is 1 + 4e-16, and a report rightly refuses a probability above 1).
        let forty = (0..<40).map { j in Robustness.Sample(u: [Double(j) / 40], means: [[5, 1, 2]]) }
        #expect(Robustness.rankings(forty, inputs: [input], metrics: ["m"], better: [.higher])[0].first == [1, 0, 0])
        // A scenario without a value (NaN) ranks last.
        let nan = Robustness.rankings([Robustness.Sample(u: [0.3], means: [[.nan, 5]])], inputs: [input], metrics: ["m"], better: [.lower])[0]
        #expect(nan.first == [0, 1] && nan.pairwise[1][0] == 1)
    }

    @Test func spearmanWithTies() {
        // Ranks of x: 1, 2.5, 2.5, 4; of y: 1, 2, 3, 4: ρ = Pearson of the ranks = 0.9487.
        #expect(abs(Robustness.spearman([1, 2, 2, 3], [10, 20, 30, 40]) - 0.9486832980505138) < 1e-12)
        #expect(Robustness.spearman([1, 1, 1], [1, 2, 3]).isNaN) // a constant side
    }

    /// Two mini scenarios (deterministic: two persons, constant durations) that differ only in
    /// the delay to the first talk: 20 days in A; in B a `range:` of 10–30 days. With one
    /// consultant and nothing else to do, B's mean BRP → first talk is A's + (delay − 20) days,
    /// so B ranks first exactly in the draws with u < ½, and the delay's rank correlation with
    /// the leader's margin is ±1. B's FTE price has a range too and moves no lead time.
    @Test func theRankingFlipsWhereTheRangedDelayCrossesTheOtherScenarios() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try String(contentsOfFile: "Tests/InburgeringModelTests/Fixtures/mini.yaml", encoding: .utf8)
            .write(to: dir.appendingPathComponent("mini.yaml"), atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a.yaml").path, b = dir.appendingPathComponent("b.yaml").path
        try "extends: mini.yaml\nname: A\nintake: { first_talk_delay: 20 }\n".write(toFile: a, atomically: true, encoding: .utf8)
        try """
            extends: mini.yaml
            name: B
            intake:
              first_talk_delay: { value: 20, range: [10, 30], source: test }
              talks: { value: 2, range: [1, 3], source: test }
            costs: { fte_per_year: { value: 80000, range: [60000, 100000], source: test } }
            """.write(toFile: b, atomically: true, encoding: .utf8)
        let templates = try [a, b].map(ScenarioLoader.template)
        let (inputs, skipped) = try Robustness.inputs(templates, assumptions: nil)
        #expect(skipped.isEmpty)
        #expect(inputs.map(\.path) == ["costs.fte_per_year", "intake.first_talk_delay", "intake.talks"])
        #expect(inputs.allSatisfy { $0.ranges[0] == nil })
        #expect(inputs.map(\.whole) == [false, false, true]) // talks are counted
        #expect(inputs[2].value(0.3, scenario: 1) == 2 && inputs[2].value(0.2, scenario: 1) == 1) // 1.6 → 2, 1.4 → 1
        let metric = Metric.housingToIntakeDays.rawValue
        let n = 40
        let (samples, failed) = Robustness.run(templates, inputs: inputs, metrics: [metric], samples: n, replications: 2, seed: 5, jobs: 2)
        #expect(failed.isEmpty && samples.count == n)
        for s in samples {
            // B − A = the delay − 20, exactly.
            #expect(abs((s.means[0][1] - s.means[0][0]) - (10 + 20 * s.u[1] - 20)) < 1e-9)
        }
        let r = Robustness.rankings(samples, inputs: inputs, metrics: [metric], better: [.lower])[0]
        let below = Double(samples.filter { $0.u[1] < 0.5 }.count) / Double(n)
        #expect(abs(r.first[1] - below) < 1e-12 && abs(r.pairwise[1][0] - below) < 1e-12)
        #expect(r.flips[0].path == "intake.first_talk_delay" && abs(r.flips[0].rho) == 1 && r.flips[0].significant)
        #expect(!r.flips.dropFirst().contains { $0.significant })
    }
}
