import CGSL

/// A distribution made ready for drawing: discrete tables are preprocessed once
/// (GSL's Walker alias tables, O(1) per draw). Build samplers at set-up, not per draw.
/// Immutable and shared by reference: a sampler held in a table is not copied per draw
/// (copying the distribution's enum per draw cost the chain model several per cent).
public final class Sampler: Sendable {
    public let distribution: Distribution
    private let table: DiscreteTable?

    public init(_ distribution: Distribution) {
        self.distribution = distribution
        if case .discrete(_, let weights) = distribution {
            table = DiscreteTable(weights: weights)
        } else {
            table = nil
        }
    }

    /// One variate drawn from `stream`.
    public func sample(_ stream: RandomStream) -> Double {
        let r = stream.pointer
        switch distribution {
        case .constant(let v): return v
        case .uniform(let a, let b): return gsl_ran_flat(r, a, b)
        case .triangular(let a, let c, let b):
            // Inverse CDF; GSL has no triangular distribution.
            let u = gsl_rng_uniform(r)
            let split = (c - a) / (b - a)
            return u < split ? a + ((b - a) * (c - a) * u).squareRoot()
                             : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .exponential(let m): return gsl_ran_exponential(r, m)
        case .gamma(let k, let theta): return gsl_ran_gamma(r, k, theta)
        case .lognormal(let mu, let s): return gsl_ran_lognormal(r, mu, s)
        case .weibull(let k, let lambda): return gsl_ran_weibull(r, lambda, k)
        case .normal(let m, let sd, let lo, let hi):
            if lo == nil && hi == nil { return m + gsl_ran_gaussian(r, sd) }
            return Self.truncatedNormal(r, mean: m, sd: sd, min: lo, max: hi)
        case .discrete(let values, _):
            // `table` is always set for discrete distributions (see init).
            return values[table.map { $0.draw(r) } ?? 0]
        case .bernoulli(let p): return Double(gsl_ran_bernoulli(r, p))
        case .poisson(let m): return Double(gsl_ran_poisson(r, m))
        case .binomial(let n, let p): return Double(gsl_ran_binomial(r, p, UInt32(n)))
        }
    }

    /// Inverse-CDF sampling of a normal truncated to [min, max]; uses the upper tail
    /// when the interval lies above the mean, so that far tails keep their precision.
    private static func truncatedNormal(_ r: UnsafeMutablePointer<gsl_rng>, mean: Double, sd: Double,
                                        min lo: Double?, max hi: Double?) -> Double {
        let alpha = lo.map { ($0 - mean) / sd } ?? -.infinity
        let beta = hi.map { ($0 - mean) / sd } ?? .infinity
        let u = gsl_rng_uniform_pos(r)
        let z: Double
        if alpha > 0 {
            let qa = gsl_cdf_ugaussian_Q(alpha), qb = gsl_cdf_ugaussian_Q(beta)
            z = gsl_cdf_ugaussian_Qinv(qb + u * (qa - qb))
        } else {
            let pa = gsl_cdf_ugaussian_P(alpha), pb = gsl_cdf_ugaussian_P(beta)
            z = gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa))
        }
        return Swift.min(Swift.max(mean + sd * z, lo ?? -.infinity), hi ?? .infinity)
    }
}

/// GSL's preprocessed table for a finite distribution; freed with its owner.
final class DiscreteTable: @unchecked Sendable {
    // Immutable after init; gsl_ran_discrete only reads it, so sharing across threads is safe.
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>

    init(weights: [Double]) {
        guard let t = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) }) else {
            fatalError("GSL rejected discrete weights that passed validation: \(weights)")
        }
        table = t
    }

    deinit { gsl_ran_discrete_free(table) }

    func draw(_ r: UnsafeMutablePointer<gsl_rng>) -> Int { Int(gsl_ran_discrete(r, table)) }
}
