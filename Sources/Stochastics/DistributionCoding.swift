import Foundation

/// Any string key, so that unknown keys can be reported by name.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension Distribution: Codable {
    /// The keys each `type` takes (besides `type` and `source`).
    static let parameterKeys: [String: [String]] = [
        "constant": ["value"],
        "uniform": ["min", "max"],
        "triangular": ["min", "mode", "max"],
        "exponential": ["mean"],
        "gamma": ["shape", "scale", "mean", "sd"],
        "lognormal": ["mu", "sigma", "mean", "sd"],
        "weibull": ["shape", "scale"],
        "normal": ["mean", "sd", "min", "max"],
        "discrete": ["values", "weights", "counts"],
        "empirical": ["values", "weights", "counts"],
        "bernoulli": ["p"],
        "poisson": ["mean"],
        "binomial": ["n", "p"],
    ]

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let value = try? single.decode(Double.self) {
            guard value.isFinite else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "expected a finite number")
            }
            self = .constant(value)
            return
        }
        let c: KeyedDecodingContainer<AnyKey>
        do {
            c = try decoder.container(keyedBy: AnyKey.self)
        } catch {
            throw DecodingError.typeMismatch(Distribution.self, .init(
                codingPath: decoder.codingPath,
                debugDescription: "expected a number or a distribution mapping with a `type` key"))
        }
        let type = try c.decode(String.self, forKey: AnyKey("type"))
        guard let allowed = Self.parameterKeys[type] else {
            let known = Self.parameterKeys.keys.sorted().joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: AnyKey("type"), in: c, debugDescription: "unknown distribution type '\(type)'; expected one of \(known)")
        }
        for key in c.allKeys where !(allowed + ["type", "source"]).contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "unknown key for a \(type) distribution; expected \(allowed.joined(separator: ", "))")
        }
        let p = Parameters(container: c)
        switch type {
        case "constant":
            self = .constant(try p.number("value"))
        case "uniform":
            let lo = try p.number("min"), hi = try p.number("max")
            try p.require(hi > lo, "max", "greater than min (\(lo)); use a constant for a single value")
            self = .uniform(min: lo, max: hi)
        case "triangular":
            let lo = try p.number("min"), mode = try p.number("mode"), hi = try p.number("max")
            try p.require(hi > lo, "max", "greater than min (\(lo))")
            try p.require(mode >= lo && mode <= hi, "mode", "between min (\(lo)) and max (\(hi))")
            self = .triangular(min: lo, mode: mode, max: hi)
        case "exponential":
            self = .exponential(mean: try p.positive("mean"))
        case "gamma":
            if p.has("mean") || p.has("sd") {
                try p.exclusive(["mean", "sd"], ["shape", "scale"])
                self = .gamma(mean: try p.positive("mean"), sd: try p.positive("sd"))
            } else {
                self = .gamma(shape: try p.positive("shape"), scale: try p.positive("scale"))
            }
        case "lognormal":
            if p.has("mean") || p.has("sd") {
                try p.exclusive(["mean", "sd"], ["mu", "sigma"])
                self = .lognormal(mean: try p.positive("mean"), sd: try p.positive("sd"))
            } else {
                self = .lognormal(mu: try p.number("mu"), sigma: try p.positive("sigma"))
            }
        case "weibull":
            self = .weibull(shape: try p.positive("shape"), scale: try p.positive("scale"))
        case "normal":
            let mean = try p.number("mean"), sd = try p.positive("sd")
            let lo = try p.optionalNumber("min"), hi = try p.optionalNumber("max")
            if let lo, let hi { try p.require(hi > lo, "max", "greater than min (\(lo))") }
            let alpha = lo.map { ($0 - mean) / sd } ?? -.infinity
            let beta = hi.map { ($0 - mean) / sd } ?? .infinity
            try p.require(TruncatedNormalMoments.probability(alpha, beta) > 1e-12, hi == nil ? "min" : "max",
                          "a truncation interval with positive probability under N(\(mean), \(sd))")
            self = .normal(mean: mean, sd: sd, min: lo, max: hi)
        case "discrete", "empirical":
            self = try Self.decodeDiscrete(p)
        case "bernoulli":
            self = .bernoulli(p: try p.probability("p"))
        case "poisson":
            self = .poisson(mean: try p.positive("mean"))
        default: // "binomial"
            let n = try p.container.decode(Int.self, forKey: AnyKey("n"))
            try p.require(n >= 0, "n", "a non-negative integer")
            self = .binomial(n: n, p: try p.probability("p"))
        }
    }

    private static func decodeDiscrete(_ p: Parameters) throws -> Distribution {
        let values = try p.container.decode([Double].self, forKey: AnyKey("values"))
        try p.require(!values.isEmpty, "values", "at least one value")
        try p.require(values.allSatisfy(\.isFinite), "values", "finite numbers")
        try p.exclusive(["weights"], ["counts"])
        let key = p.has("counts") ? "counts" : "weights"
        let raw = try p.container.decode([Double].self, forKey: AnyKey(key))
        try p.require(raw.count == values.count, key, "\(values.count) entries, one per value (got \(raw.count))")
        try p.require(raw.allSatisfy { $0.isFinite && $0 >= 0 }, key, "non-negative numbers")
        let total = raw.reduce(0, +)
        try p.require(total > 0, key, "a positive sum")
        if key == "weights" {
            try p.require(abs(total - 1) <= 1e-9, key,
                          "probabilities summing to 1 within 1e-9 (sum is \(total)); give `counts` for frequencies")
        }
        return .discrete(values: values, weights: raw.map { $0 / total })
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        func put(_ type: String, _ pairs: [(String, Double?)]) throws {
            try c.encode(type, forKey: AnyKey("type"))
            for (k, v) in pairs { if let v { try c.encode(v, forKey: AnyKey(k)) } }
        }
        switch self {
        case .constant(let v): try put("constant", [("value", v)])
        case .uniform(let a, let b): try put("uniform", [("min", a), ("max", b)])
        case .triangular(let a, let m, let b): try put("triangular", [("min", a), ("mode", m), ("max", b)])
        case .exponential(let m): try put("exponential", [("mean", m)])
        case .gamma(let k, let s): try put("gamma", [("shape", k), ("scale", s)])
        case .lognormal(let mu, let s): try put("lognormal", [("mu", mu), ("sigma", s)])
        case .weibull(let k, let s): try put("weibull", [("shape", k), ("scale", s)])
        case .normal(let m, let s, let lo, let hi): try put("normal", [("mean", m), ("sd", s), ("min", lo), ("max", hi)])
        case .discrete(let values, let weights):
            try put("discrete", [])
            try c.encode(values, forKey: AnyKey("values"))
            try c.encode(weights, forKey: AnyKey("weights"))
        case .bernoulli(let p): try put("bernoulli", [("p", p)])
        case .poisson(let m): try put("poisson", [("mean", m)])
        case .binomial(let n, let p):
            try put("binomial", [("p", p)])
            try c.encode(n, forKey: AnyKey("n"))
        }
    }
}

/// Reads and checks the numeric parameters of one distribution mapping.
private struct Parameters {
    let container: KeyedDecodingContainer<AnyKey>

    func has(_ key: String) -> Bool { container.contains(AnyKey(key)) }

    func fail(_ key: String, _ expected: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: AnyKey(key), in: container, debugDescription: "expected \(expected)")
    }

    func require(_ condition: Bool, _ key: String, _ expected: String) throws {
        if !condition { throw fail(key, expected) }
    }

    func number(_ key: String) throws -> Double {
        let v = try container.decode(Double.self, forKey: AnyKey(key))
        try require(v.isFinite, key, "a finite number")
        return v
    }

    func optionalNumber(_ key: String) throws -> Double? {
        has(key) ? try number(key) : nil
    }

    func positive(_ key: String) throws -> Double {
        let v = try number(key)
        try require(v > 0, key, "a positive number (got \(v))")
        return v
    }

    func probability(_ key: String) throws -> Double {
        let v = try number(key)
        try require(v >= 0 && v <= 1, key, "a probability in [0, 1] (got \(v))")
        return v
    }

    /// The parameterisations `a` and `b` must not be mixed.
    func exclusive(_ a: [String], _ b: [String]) throws {
        if a.contains(where: has), let clash = b.first(where: has) {
            throw fail(clash, "either \(a.joined(separator: "/")) or \(b.joined(separator: "/")), not both")
        }
    }
}
