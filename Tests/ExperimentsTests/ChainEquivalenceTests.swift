import Experiments
import Foundation
import InburgeringModel
import Testing

/// Chains became data (issue 16). A scenario without `chain:` runs the chain compiled from its
/// `intake`, `school_intake` and `organisation.steps`; on the scenarios shipped when that
/// change was made (kept as they were in `Tests/Reference/fixed-chain/`, since case files have
/// since restated their chains) its summaries must agree with those of the fixed chain it
/// replaced, recorded in `Tests/Reference/chain-before.json` by commit 9779551
/// (`run FILE -r 200 --seed 7`).
@Suite struct ChainEquivalenceTests {
    struct Reference: Decodable {
        let replications: Int
        let seed: UInt64
        /// file → metric (group all) → [mean, 95 % half-width]
        let scenarios: [String: [String: [Double]]]
    }

    @Test func shippedScenariosAgreeWithTheFixedChainWithinMonteCarloError() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: "Tests/Reference/chain-before.json"))
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        let comparisons = reference.scenarios.values.reduce(0) { $0 + $1.count }
        // Two-sided, Bonferroni over every comparison at a family-wise 5 %: the two runs share
        // their random numbers only in part, so the unpaired test is conservative.
        let z = 3.92
        #expect(comparisons > 500)
        var compared = 0
        for (file, metrics) in reference.scenarios.sorted(by: { $0.key < $1.key }) {
            let scenario = try ScenarioLoader.load("Tests/Reference/fixed-chain/" + file).scenario
            let result = MonteCarlo.run(scenario, replications: reference.replications, seed: reference.seed, jobs: 2)
            let now = Summaries.summarise(result)
            // Without a school intake the compiled chain draws every number the fixed one drew,
            // in the same order: the results are the same to the last bit.
            let identical = scenario.schoolIntake == nil
            for (name, before) in metrics {
                let after = try #require(now[MetricKey(name: name, group: "all")], "\(file): \(name) is gone")
                if identical {
                    #expect(after.mean == before[0], "\(file): \(name) \(before[0]) → \(after.mean)")
                } else {
                    let se = ((before[1] / 1.96) * (before[1] / 1.96) + (after.halfWidth / 1.96) * (after.halfWidth / 1.96)).squareRoot()
                    let ok = se == 0 ? after.mean == before[0] : abs(after.mean - before[0]) <= z * se
                    #expect(ok, "\(file): \(name) \(before[0]) → \(after.mean) (se \(se))")
                }
                compared += 1
            }
        }
        #expect(compared == comparisons)
    }
}
