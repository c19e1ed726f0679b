import Foundation
import MCA
import Testing

let published: [(name: String, criteria: Int, mean: Double, scores: [Double])] = [
    ("Bestuur en beleid", 5, 2.20, [24.71, 22.00, 18.14]),
    ("Uitvoering", 5, 2.49, [15.29, 27.57, 31.71]),
    ("Cliënt", 5, 2.83, [25.57, 31.29, 28.57]),
    ("Bedrijfsvoering", 4, 2.29, [16.57, 16.57, 19.71]),
]

func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

@Suite struct MCATests {
    @Test func theReconstructionReproducesThePublishedTable() throws {
        let file = try CriteriaFile.load("Scenarios/westfriesland/mca.yaml")
        let table = file.table()
        #expect(table.scenarios == ["opplus", "integratie", "uitbesteding"])
        for (row, p) in zip(table.clusters, published) {
            #expect(row.criteria == p.criteria)
            #expect(round2(row.meanWeight) == p.mean, "\(row.name) mean weight \(row.meanWeight)")
            #expect(row.scores.map(round2) == p.scores, "\(row.name) scores \(row.scores)")
        }
        #expect(table.totals.map(round2) == [82.14, 97.43, 98.14])
        #expect(round2(table.totalMeanWeight) == 2.45)
    }

    @Test func theShippedFileIsTheSolversChoice() throws {
        let file = try CriteriaFile.load("Scenarios/westfriesland/mca.yaml")
        for (cluster, p) in zip(file.clusters, published) {
            let solution = Reconstruction.solve(.init(criteria: p.criteria, meanWeight: p.mean, scores: p.scores))
            #expect(solution?.weightSums == cluster.criteria.map { Int($0.weights.reduce(0, +)) })
            #expect(solution?.points == cluster.criteria.map { c in file.scenarios.map { Int(c.points?[$0] ?? 0) } })
            // Every criterion follows the study's rule: best 3, worst 1, ties share.
            for c in cluster.criteria {
                let pts = file.scenarios.map { c.points?[$0] ?? 0 }
                #expect(pts.max() == 3 && (Set(pts).count == 1 || pts.min() == 1))
            }
        }
    }

    @Test func handComputedTwoCriteriaTwoScenarios() {
        // Weights (2+3)/2 = 2.5 and (1+1)/2 = 1; A: 3×2.5 + 1×1 = 8.5; B: 1×2.5 + 3×1 = 5.5.
        let file = CriteriaFile(name: "t", note: nil, municipalities: ["x", "y"], scenarios: ["A", "B"], clusters: [
            .init(name: "c", criteria: [
                .init(name: "k1", weights: [2, 3], points: ["A": 3, "B": 1], simulated: nil),
                .init(name: "k2", weights: [1, 1], points: ["A": 1, "B": 3], simulated: nil),
            ]),
        ], simulation: nil)
        #expect(file.validate().isEmpty)
        let t = file.table()
        #expect(t.totals == [8.5, 5.5])
        #expect(t.clusters[0].meanWeight == 1.75)
    }

    @Test func smaaGivesADominatingScenarioRankOneAlways() {
        let file = CriteriaFile(name: "t", note: nil, municipalities: ["x", "y", "z"], scenarios: ["A", "B", "C"], clusters: [
            .init(name: "c", criteria: [
                .init(name: "k1", weights: [1, 3, 2], points: ["A": 3, "B": 2, "C": 1], simulated: nil),
                .init(name: "k2", weights: [1, 2, 3], points: ["A": 3, "B": 1, "C": 2], simulated: nil),
            ]),
        ], simulation: nil)
        let r = SMAA.run(file, samples: 5_000, seed: 1)
        #expect(r.rankAcceptability[0][0] == 1.0)
        #expect(r.rankAcceptability[0][1] == 0 && r.rankAcceptability[0][2] == 0)
        #expect(abs(r.rankAcceptability[1].reduce(0, +) - 1) < 1e-12)
    }

    @Test func smaaSplitsTwoIdenticalScenariosEvenly() {
        let file = CriteriaFile(name: "t", note: nil, municipalities: ["x", "y"], scenarios: ["A", "B"], clusters: [
            .init(name: "c", criteria: [
                .init(name: "k1", weights: [1, 3], points: ["A": 2, "B": 2], simulated: nil),
                .init(name: "k2", weights: [2, 3], points: ["A": 3, "B": 3], simulated: nil),
            ]),
        ], simulation: nil)
        let n = 10_000
        let r = SMAA.run(file, samples: n, seed: 2)
        // 99.9 % binomial interval around 1/2: 3.29 × sqrt(0.25 / n).
        let tolerance = 3.29 * (0.25 / Double(n)).squareRoot()
        #expect(abs(r.rankAcceptability[0][0] - 0.5) <= tolerance)
        #expect(abs(r.rankAcceptability[1][0] - 0.5) <= tolerance)
    }

    @Test func centralWeightsAreTheMeanWeightsWhereTheScenarioWins() {
        // A wins exactly when w1 > w2 (A: 3 w1 + 1 w2, B: 1 w1 + 3 w2), w1, w2 ~ U[1, 3]:
        // given A wins, E[w1] = 1 + 2 × 2/3 = 7/3 and E[w2] = 1 + 2 × 1/3 = 5/3.
        let file = CriteriaFile(name: "t", note: nil, municipalities: ["x", "y"], scenarios: ["A", "B"], clusters: [
            .init(name: "c", criteria: [
                .init(name: "k1", weights: [1, 3], points: ["A": 3, "B": 1], simulated: nil),
                .init(name: "k2", weights: [1, 3], points: ["A": 1, "B": 3], simulated: nil),
            ]),
        ], simulation: nil)
        let r = SMAA.run(file, samples: 40_000, seed: 3)
        let w = r.centralWeights[0] ?? []
        // sd of U[1,3] restricted to half the samples: ≤ 0.58; 99.9 % half-width ≈ 3.29 × 0.58 / sqrt(20,000).
        #expect(abs(w[0] - 7.0 / 3) < 0.015 && abs(w[1] - 5.0 / 3) < 0.015)
    }

    @Test func simulatedCriteriaMapMetricsToPoints() {
        let linear = CriteriaFile.SimulatedCriterion(metric: "m", group: nil, worst: 0.2, best: 0.6, piecewise: nil)
        #expect(linear.points(0.2) == 1 && linear.points(0.4) == 2 && linear.points(0.9) == 3 && linear.points(0) == 1)
        let lowerIsBetter = CriteriaFile.SimulatedCriterion(metric: "m", group: nil, worst: 120, best: 60, piecewise: nil)
        #expect(lowerIsBetter.points(90) == 2 && lowerIsBetter.points(50) == 3)
        let piecewise = CriteriaFile.SimulatedCriterion(metric: "m", group: nil, worst: nil, best: nil,
                                                        piecewise: [[0, 1], [0.5, 2.5], [1, 3]])
        #expect(piecewise.points(0.25) == 1.75 && piecewise.points(0.75) == 2.75)
    }

    @Test func invalidFilesNameTheField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func errors(_ yaml: String) -> String {
            let f = dir.appendingPathComponent("f.yaml").path
            try? yaml.write(toFile: f, atomically: true, encoding: .utf8)
            do { _ = try CriteriaFile.load(f); return "" } catch { return "\(error)" }
        }
        let head = "name: t\nmunicipalities: [x, y]\nscenarios: [A, B]\nclusters:\n  - name: c\n    criteria:\n"
        #expect(errors(head + "      - { name: k, weights: [1, 2], points: { A: 4, B: 1 } }").contains("clusters[0].criteria[0].points.A: expected points from 1 to 3"))
        #expect(errors(head + "      - { name: k, weights: [1], points: { A: 3, B: 1 } }").contains("clusters[0].criteria[0].weights: expected one score per municipality"))
        #expect(errors(head + "      - { name: k, weights: [1, 2], points: { A: 3 } }").contains("clusters[0].criteria[0].points: no points for scenario 'B'"))
        #expect(errors(head + "      - { name: k, points: { A: 3, B: 1 } }").contains("weights: missing (required)"))
        #expect(errors(head + "      - { name: k, weights: [1, 2] }").contains("clusters[0].criteria[0]: expected either `points` or `simulated`"))
    }
}
