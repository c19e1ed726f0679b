import Foundation
import Stochastics
import Testing

@Suite struct DistributionDecodingTests {
    struct Holder: Decodable { let duration: Distribution }

    func decode(_ json: String) throws -> Distribution {
        try JSONDecoder().decode(Holder.self, from: Data("{\"duration\": \(json)}".utf8)).duration
    }

    /// The coding path of the decoding error `json` raises, as "a.b.c", and its message.
    func failure(_ json: String) -> (path: String, message: String)? {
        do {
            _ = try decode(json)
            return nil
        } catch let DecodingError.dataCorrupted(context),
                let DecodingError.typeMismatch(_, context),
                let DecodingError.keyNotFound(_, context),
                let DecodingError.valueNotFound(_, context) {
            return (context.codingPath.map(\.stringValue).joined(separator: "."), context.debugDescription)
        } catch {
            return ("?", "\(error)")
        }
    }

    @Test func plainNumberIsConstant() throws {
        #expect(try decode("14") == .constant(14))
    }

    @Test func everyTypeDecodes() throws {
        #expect(try decode(#"{"type": "exponential", "mean": 14}"#) == .exponential(mean: 14))
        #expect(try decode(#"{"type": "gamma", "shape": 2, "scale": 3}"#) == .gamma(shape: 2, scale: 3))
        #expect(try decode(#"{"type": "gamma", "mean": 30, "sd": 12}"#) == .gamma(mean: 30, sd: 12))
        #expect(try decode(#"{"type": "lognormal", "mean": 20, "sd": 8}"#) == .lognormal(mean: 20, sd: 8))
        #expect(try decode(#"{"type": "lognormal", "mu": 2, "sigma": 0.5}"#) == .lognormal(mu: 2, sigma: 0.5))
        #expect(try decode(#"{"type": "weibull", "shape": 1.5, "scale": 20}"#) == .weibull(shape: 1.5, scale: 20))
        #expect(try decode(#"{"type": "normal", "mean": 10, "sd": 3, "min": 0}"#) == .normal(mean: 10, sd: 3, min: 0))
        #expect(try decode(#"{"type": "uniform", "min": 1, "max": 2}"#) == .uniform(min: 1, max: 2))
        #expect(try decode(#"{"type": "triangular", "min": 1, "mode": 2, "max": 5}"#) == .triangular(min: 1, mode: 2, max: 5))
        #expect(try decode(#"{"type": "bernoulli", "p": 0.7}"#) == .bernoulli(p: 0.7))
        #expect(try decode(#"{"type": "poisson", "mean": 3}"#) == .poisson(mean: 3))
        #expect(try decode(#"{"type": "binomial", "n": 10, "p": 0.3}"#) == .binomial(n: 10, p: 0.3))
        #expect(try decode(#"{"type": "constant", "value": 2, "source": "assumption"}"#) == .constant(2))
    }

    @Test func countsAreNormalisedWeightsMustSumToOne() throws {
        #expect(try decode(#"{"type": "discrete", "values": [1, 2], "counts": [1, 3]}"#)
                == .discrete(values: [1, 2], weights: [0.25, 0.75]))
        #expect(try decode(#"{"type": "empirical", "values": [1, 2], "weights": [0.25, 0.75]}"#)
                == .discrete(values: [1, 2], weights: [0.25, 0.75]))
        #expect(failure(#"{"type": "discrete", "values": [1, 2], "weights": [0.3, 0.6]}"#)?.path == "duration.weights")
        #expect(failure(#"{"type": "discrete", "values": [1, 2], "weights": [0.5, 0.5, 0]}"#)?.path == "duration.weights")
        #expect(failure(#"{"type": "discrete", "values": [1, 2], "counts": [-1, 3]}"#)?.path == "duration.counts")
        #expect(failure(#"{"type": "discrete", "values": [1], "weights": [1], "counts": [1]}"#)?.path == "duration.counts")
    }

    @Test func invalidParametersNameTheField() {
        #expect(failure(#"{"type": "normal", "mean": 1, "sd": -2}"#)?.path == "duration.sd")
        #expect(failure(#"{"type": "uniform", "min": 5, "max": 2}"#)?.path == "duration.max")
        #expect(failure(#"{"type": "triangular", "min": 1, "mode": 9, "max": 5}"#)?.path == "duration.mode")
        #expect(failure(#"{"type": "exponential", "mean": 0}"#)?.path == "duration.mean")
        #expect(failure(#"{"type": "bernoulli", "p": 1.2}"#)?.path == "duration.p")
        #expect(failure(#"{"type": "binomial", "n": -1, "p": 0.2}"#)?.path == "duration.n")
        #expect(failure(#"{"type": "gamma", "mean": 3, "sd": 1, "shape": 2}"#)?.path == "duration.shape")
        #expect(failure(#"{"type": "normal", "mean": 0, "sd": 1, "min": 50}"#)?.path == "duration.min")
        #expect(failure(#"{"type": "exponential"}"#)?.path == "duration")
        let unknownKey = failure(#"{"type": "exponential", "mean": 3, "rate": 2}"#)
        #expect(unknownKey?.path == "duration.rate")
        let unknownType = failure(#"{"type": "pareto", "mean": 3}"#)
        #expect(unknownType?.path == "duration.type")
        #expect(unknownType?.message.contains("pareto") == true)
        #expect(failure(#""fourteen""#)?.path == "duration")
    }

    @Test func encodingRoundTrips() throws {
        let all: [Distribution] = [
            .constant(1), .uniform(min: 0, max: 2), .triangular(min: 0, mode: 1, max: 3), .exponential(mean: 2),
            .gamma(shape: 2, scale: 1), .lognormal(mu: 1, sigma: 0.5), .weibull(shape: 2, scale: 3),
            .normal(mean: 1, sd: 2, min: 0, max: 9), .normal(mean: 1, sd: 2), .discrete(values: [1, 2], weights: [0.5, 0.5]),
            .bernoulli(p: 0.2), .poisson(mean: 3), .binomial(n: 4, p: 0.5),
        ]
        for d in all {
            let data = try JSONEncoder().encode(d)
            #expect(try JSONDecoder().decode(Distribution.self, from: data) == d)
        }
    }
}
