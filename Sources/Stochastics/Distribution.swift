import CGSL
import Foundation

/// A probability distribution as written in a scenario file.
///
/// In YAML a plain number is a constant; otherwise a mapping with a `type` key and the
/// parameters of that type:
///
/// ```yaml
/// 14                                         # constant
/// { type: constant, value: 14 }
/// { type: uniform, min: 7, max: 21 }
/// { type: triangular, min: 7, mode: 10, max: 28 }
/// { type: exponential, mean: 14 }
/// { type: gamma, shape: 2, scale: 7 }         # or { type: gamma, mean: 14, sd: 10 }
/// { type: lognormal, mu: 2.5, sigma: 0.4 }    # or { type: lognormal, mean: 14, sd: 6 }
/// { type: weibull, shape: 1.5, scale: 20 }
/// { type: normal, mean: 10, sd: 3, min: 0 }   # min and max optional (truncation)
/// { type: discrete, values: [1, 2, 3], weights: [0.2, 0.5, 0.3] }
/// { type: discrete, values: [1, 2, 3], counts: [58, 124, 127] }
/// { type: bernoulli, p: 0.7 }
/// { type: poisson, mean: 4 }
/// { type: binomial, n: 10, p: 0.3 }
/// ```
///
/// Discrete weights (`type: discrete`, alias `empirical`): `weights` are probabilities
/// and must be non-negative and sum to 1 within 1e-9; `counts` are frequencies
/// (non-negative, positive sum) and are normalised by their sum. Give one of the two.
/// A `source` key is allowed beside the parameters (provenance; ignored here).
/// Invalid parameters are decoding errors whose coding path names the field.
public enum Distribution: Equatable, Sendable {
    case constant(Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case exponential(mean: Double)
    case gamma(shape: Double, scale: Double)
    case lognormal(mu: Double, sigma: Double)
    case weibull(shape: Double, scale: Double)
    /// Normal, optionally truncated to [min, max].
    case normal(mean: Double, sd: Double, min: Double? = nil, max: Double? = nil)
    /// Finite distribution on `values` with probabilities `weights` (summing to 1).
    case discrete(values: [Double], weights: [Double])
    case bernoulli(p: Double)
    case poisson(mean: Double)
    case binomial(n: Int, p: Double)

    /// Lognormal given by the mean and standard deviation of the variate itself.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log1p(sd * sd / (mean * mean))
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// Gamma given by its mean and standard deviation.
    public static func gamma(mean: Double, sd: Double) -> Distribution {
        .gamma(shape: mean * mean / (sd * sd), scale: sd * sd / mean)
    }

    /// The theoretical mean.
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .exponential(let m): return m
        case .gamma(let k, let theta): return k * theta
        case .lognormal(let mu, let s): return exp(mu + s * s / 2)
        case .weibull(let k, let lambda): return lambda * tgamma(1 + 1 / k)
        case .normal(let m, let sd, let lo, let hi):
            let t = TruncatedNormalMoments(mean: m, sd: sd, min: lo, max: hi)
            return t.mean
        case .discrete(let values, let weights):
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        case .bernoulli(let p): return p
        case .poisson(let m): return m
        case .binomial(let n, let p): return Double(n) * p
        }
    }

    /// The theoretical variance.
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .exponential(let m): return m * m
        case .gamma(let k, let theta): return k * theta * theta
        case .lognormal(let mu, let s): return expm1(s * s) * exp(2 * mu + s * s)
        case .weibull(let k, let lambda):
            let g1 = tgamma(1 + 1 / k)
            return lambda * lambda * (tgamma(1 + 2 / k) - g1 * g1)
        case .normal(let m, let sd, let lo, let hi):
            return TruncatedNormalMoments(mean: m, sd: sd, min: lo, max: hi).variance
        case .discrete(let values, let weights):
            let mu = mean
            return zip(values, weights).reduce(0) { $0 + $1.1 * ($1.0 - mu) * ($1.0 - mu) }
        case .bernoulli(let p): return p * (1 - p)
        case .poisson(let m): return m
        case .binomial(let n, let p): return Double(n) * p * (1 - p)
        }
    }

    /// Whether every variate is an integer (count distributions).
    public var isInteger: Bool {
        switch self {
        case .bernoulli, .poisson, .binomial: return true
        default: return false
        }
    }
}

/// Moments of a normal distribution truncated to [min, max].
struct TruncatedNormalMoments {
    let mean: Double
    let variance: Double

    init(mean mu: Double, sd: Double, min lo: Double?, max hi: Double?) {
        let alpha = lo.map { ($0 - mu) / sd } ?? -.infinity
        let beta = hi.map { ($0 - mu) / sd } ?? .infinity
        let phiA = alpha.isFinite ? gsl_ran_ugaussian_pdf(alpha) : 0
        let phiB = beta.isFinite ? gsl_ran_ugaussian_pdf(beta) : 0
        let z = Self.probability(alpha, beta)
        let aPhiA = alpha.isFinite ? alpha * phiA : 0
        let bPhiB = beta.isFinite ? beta * phiB : 0
        let shift = (phiA - phiB) / z
        self.mean = mu + sd * shift
        self.variance = sd * sd * (1 + (aPhiA - bPhiB) / z - shift * shift)
    }

    /// P(alpha < Z < beta) for a standard normal Z, accurate in both tails.
    static func probability(_ alpha: Double, _ beta: Double) -> Double {
        if alpha > 0 { return gsl_cdf_ugaussian_Q(alpha) - gsl_cdf_ugaussian_Q(beta) }
        return gsl_cdf_ugaussian_P(beta) - gsl_cdf_ugaussian_P(alpha)
    }
}

/// The standard normal distribution's quantile function (GSL).
public func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
