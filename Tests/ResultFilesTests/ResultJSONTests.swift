import Foundation
import ResultFiles
import Testing

@Suite struct ResultJSONTests {
    static let statistics = MetricStatistics(mean: .nan, ci95: [.nan, 2.5], p10: 0.1, p50: 0.5, p90: .nan, n: 0)
    static let summary = SummaryFile(scenario: "Tholen / Scalda", replications: 3, seed: UInt64.max, legalTermDays: 70,
                                     metrics: ["pip_within_term_share": statistics],
                                     groups: ["municipality:Súdwest-Fryslân, Noord|stream:family": ["obligated@2023-12-08": statistics]])

    @Test func aFigureWithoutAValueIsNullInTheFileAndNaNWhenRead() throws {
        let text = ResultJSON.text(Self.summary)
        // JSON has no NaN or infinity: both are written as null, numbers as they are.
        #expect(text.contains("\"mean\" : null") && text.contains("\"p90\" : null") && text.contains("\"p10\" : 0.1"))
        // The largest seed survives exactly; slashes are not escaped.
        #expect(text.contains("\"seed\" : 18446744073709551615") && text.contains("\"Tholen / Scalda\""))
        let infinite = MetricStatistics(mean: .infinity, ci95: [-.infinity, 1], p10: 0, p50: 0, p90: 0, n: 1)
        #expect(ResultJSON.text(infinite).contains("\"mean\" : null"))
        let read = try ResultJSON.decode(SummaryFile.self, Data(text.utf8), "s.json")
        #expect(read == Self.summary)
        let m = try #require(read.statistics("pip_within_term_share"))
        #expect(m.mean.isNaN && m.ci95[0].isNaN && m.ci95[1] == 2.5 && m.p90.isNaN)
        #expect(read.statistics("obligated@2023-12-08", group: "municipality:Súdwest-Fryslân, Noord|stream:family") != nil)
        #expect(read.statistics("obligated@2023-12-08") == nil)
    }

    @Test func aFileWrittenByJSONSerializationReadsToo() throws {
        // The form the files had before they were typed (escaped slashes, whole numbers as
        // integers): folders written then still read.
        let old = #"{"groups":{},"legal_term_days":70,"metrics":{"x":{"ci95":[1,2],"mean":1.5,"n":2,"p10":1,"p50":1.5,"p90":2}},"replications":2,"scenario":"a\/b","seed":7}"#
        let read = try ResultJSON.decode(SummaryFile.self, Data(old.utf8), "old.json")
        #expect(read.scenario == "a/b" && read.replications == 2 && read.metrics["x"]?.ci95 == [1, 2])
    }

    @Test func aDamagedFileNamesItsFileAndField() throws {
        let good = ResultJSON.text(Self.summary)
        func problem(_ text: String) -> String {
            do { _ = try ResultJSON.decode(SummaryFile.self, Data(text.utf8), "f/summary.json", expected: SummaryFile.expected); return "read" } catch {
                return "\(error)"
            }
        }
        let wanted = "f/summary.json: replications: expected a whole number from 1 to 100000"
        for value in ["1e300", "2.5", "0", "null", "\"ten\"", "100001"] {
            #expect(problem(good.replacingOccurrences(of: "\"replications\" : 3", with: "\"replications\" : \(value)")) == wanted, "\(value)")
        }
        #expect(problem(good.replacingOccurrences(of: "\"replications\" : 3,", with: "")) == wanted)
        // A field without an expectation of its own says where it is and what type it wants.
        let seed = problem(good.replacingOccurrences(of: "\"seed\" : 18446744073709551615", with: "\"seed\" : -1"))
        // (Foundation does not say where a number does not fit its field.)
        #expect(seed.hasPrefix("f/summary.json: expected whole numbers where the file has them"), "\(seed)")
        let deep = problem(good.replacingOccurrences(of: "\"n\" : 0", with: "\"n\" : \"none\""))
        #expect(deep.contains(".n: expected a value of type Int"), "\(deep)")
        #expect(problem("[1, 2]") == "f/summary.json: expected a JSON object (a ketensim output)")
        #expect(problem("{\"scenario\": ") == "f/summary.json: expected a JSON object (a ketensim output)")
    }

    @Test func optionalPartsAreLeftOutOrNullAsTheirReadersExpect() throws {
        // A sizing without a feasible configuration has no `chosen`; an SMAA alternative that
        // never ranks first has null central weights; a run without a precision target says null.
        let judgement = SizingFile.Judgement(values: ["FTE": 16], costPerYear: 1e6, replications: 20, holds: false, levels: [])
        let sizing = SizingFile(spec: "s.yaml", seed: 1, scenarios: [
            .init(scenario: "x", feasible: false, staticEstimate: ["FTE": .nan], chosen: nil, atUpperBounds: judgement, cheaperFailing: [],
                  configurationsJudged: 4, replicationsRun: 80, wallSeconds: 1, pools: [.init(pool: "p", utilisation: 0.5, caseloadPerFTE: .nan)]),
        ])
        let text = ResultJSON.text(sizing)
        #expect(!text.contains("\"chosen\"") && text.contains("\"FTE\" : null") && text.contains("\"caseload_per_fte\" : null"))
        #expect(try ResultJSON.decode(SizingFile.self, Data(text.utf8), "z") == sizing)

        let mca = MCAFile(name: "m", clusters: [], totals: ["a": 1, "b": 2], meanWeight: 2.45,
                          smaa: .init(samples: 10, seed: 3, rankAcceptability: ["a": [0, 1], "b": [1, 0]], centralWeights: ["a": nil, "b": ["c": 1]]))
        let mcaText = ResultJSON.text(mca)
        #expect(mcaText.contains("\"a\" : null"))
        #expect(try ResultJSON.decode(MCAFile.self, Data(mcaText.utf8), "m") == mca)

        let experiment = ManifestFile.Experiment(replications: 2, precisionTarget: nil, initialisation: "", runLength: "", jobs: 1, events: 0,
                                                 wallSeconds: 0, determinism: "")
        #expect(ResultJSON.text(experiment).contains("\"precision_target\" : null"))
    }

    @Test func theResumeCacheKeepsEveryBit() throws {
        let values = [0.1 + 0.2, -0.0, 5e-324, .pi], model = [Double.nan, 1e308]
        let line = ResultJSON.line(CalibrationCacheLine(values: values, model: model))
        #expect(!line.contains("\n"))
        let read = try #require(try JSONDecoder().decode(CalibrationCacheLine.self, from: Data(line.utf8)).decoded)
        #expect(read.values.map(\.bitPattern) == values.map(\.bitPattern) && read.model.map(\.bitPattern) == model.map(\.bitPattern))
        #expect(CalibrationCacheLine(values: [], model: []).decoded != nil)
        let bad = try JSONDecoder().decode(CalibrationCacheLine.self, from: Data(#"{"values":["zz"],"model":[]}"#.utf8))
        #expect(bad.decoded == nil)
    }
}
