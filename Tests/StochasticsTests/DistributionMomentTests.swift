import CGSL
import Foundation
import Stochastics
import Testing

/// Sample moments against the theoretical ones. Tolerances are the half-widths of 99.9 %
/// confidence intervals (z = 3.29) built from the sample itself: for the mean σ/√n, for
/// the variance √((m4 − s⁴)/n) with m4 the sample fourth central moment.
@Suite struct DistributionMomentTests {
    static let cases: [(String, Distribution)] = [
        ("constant", .constant(3.5)),
        ("uniform", .uniform(min: 2, max: 9)),
        ("triangular", .triangular(min: 7, mode: 10, max: 28)),
        ("exponential", .exponential(mean: 14)),
        ("gamma", .gamma(shape: 2.5, scale: 4)),
        ("gamma mean/sd", .gamma(mean: 30, sd: 12)),
        ("lognormal", .lognormal(mu: 2.5, sigma: 0.4)),
        ("lognormal mean/sd", .lognormal(mean: 20, sd: 8)),
        ("weibull", .weibull(shape: 1.5, scale: 20)),
        ("normal", .normal(mean: 10, sd: 3)),
        ("normal truncated below", .normal(mean: 10, sd: 6, min: 0)),
        ("normal truncated both", .normal(mean: 5, sd: 4, min: 2, max: 12)),
        ("normal far upper tail", .normal(mean: 0, sd: 1, min: 4)),
        ("discrete", .discrete(values: [1, 2, 5], weights: [0.2, 0.5, 0.3])),
        ("bernoulli", .bernoulli(p: 0.7)),
        ("poisson", .poisson(mean: 4.2)),
        ("binomial", .binomial(n: 12, p: 0.3)),
    ]

    @Test("sample mean and variance match theory", arguments: cases.indices)
    func moments(_ index: Int) {
        let (name, distribution) = Self.cases[index]
        let n = 200_000
        let sampler = Sampler(distribution)
        let stream = RandomStream(master: 20_261_122, replication: index, name: "moments")
        let xs = (0..<n).map { _ in sampler.sample(stream) }
        let mean = xs.reduce(0, +) / Double(n)
        let centred = xs.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 } / Double(n - 1)
        let m4 = centred.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(n)
        let z = 3.29
        let meanTolerance = z * (variance / Double(n)).squareRoot() + 1e-12
        let varianceTolerance = z * (max(m4 - variance * variance, 0) / Double(n)).squareRoot() + 1e-12
        #expect(abs(mean - distribution.mean) <= meanTolerance,
                "\(name): sample mean \(mean), theory \(distribution.mean), tolerance \(meanTolerance)")
        #expect(abs(variance - distribution.variance) <= varianceTolerance,
                "\(name): sample variance \(variance), theory \(distribution.variance), tolerance \(varianceTolerance)")
    }

    @Test func truncatedNormalStaysWithinBounds() {
        let sampler = Sampler(.normal(mean: 5, sd: 4, min: 2, max: 12))
        let stream = RandomStream(seed: 7)
        let xs = (0..<50_000).map { _ in sampler.sample(stream) }
        #expect(xs.allSatisfy { $0 >= 2 && $0 <= 12 })
    }

    @Test func discreteDrawsOnlyItsValues() {
        let sampler = Sampler(.discrete(values: [3, 8], weights: [0.25, 0.75]))
        let stream = RandomStream(seed: 8)
        let xs = (0..<100_000).map { _ in sampler.sample(stream) }
        #expect(Set(xs) == [3, 8])
        // Share of 8s within the 99.9 % binomial interval around 0.75.
        let share = Double(xs.filter { $0 == 8 }.count) / 1e5
        #expect(abs(share - 0.75) <= 3.29 * (0.75 * 0.25 / 1e5).squareRoot())
    }

    @Test func lognormalByMeanAndSdHasThatMeanAndSd() {
        let d = Distribution.lognormal(mean: 20, sd: 8)
        #expect(abs(d.mean - 20) < 1e-9)
        #expect(abs(d.variance.squareRoot() - 8) < 1e-9)
        let g = Distribution.gamma(mean: 30, sd: 12)
        #expect(abs(g.mean - 30) < 1e-9 && abs(g.variance - 144) < 1e-9)
    }
}

/// One-sample Kolmogorov–Smirnov tests against GSL's CDFs. Critical value at α = 0.001:
/// D > 1.9495 / √n rejects (asymptotic Kolmogorov distribution).
@Suite struct KolmogorovSmirnovTests {
    static func ksStatistic(_ xs: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = xs.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    static let cases: [(String, Distribution, @Sendable (Double) -> Double)] = [
        ("exponential", .exponential(mean: 14), { gsl_cdf_exponential_P($0, 14) }),
        ("gamma", .gamma(shape: 2.5, scale: 4), { gsl_cdf_gamma_P($0, 2.5, 4) }),
        ("gamma shape < 1", .gamma(shape: 0.6, scale: 10), { gsl_cdf_gamma_P($0, 0.6, 10) }),
        ("lognormal", .lognormal(mu: 2.5, sigma: 0.4), { gsl_cdf_lognormal_P($0, 2.5, 0.4) }),
        ("weibull", .weibull(shape: 1.5, scale: 20), { gsl_cdf_weibull_P($0, 20, 1.5) }),
        ("normal", .normal(mean: 10, sd: 3), { gsl_cdf_gaussian_P($0 - 10, 3) }),
        ("uniform", .uniform(min: 2, max: 9), { gsl_cdf_flat_P($0, 2, 9) }),
        ("triangular", .triangular(min: 0, mode: 1, max: 4), { x in
            x <= 1 ? x * x / 4 : 1 - (4 - x) * (4 - x) / 12
        }),
        ("normal truncated", .normal(mean: 5, sd: 4, min: 2, max: 12), { x in
            let pa = gsl_cdf_ugaussian_P(-0.75), pb = gsl_cdf_ugaussian_P(1.75)
            return (gsl_cdf_ugaussian_P((x - 5) / 4) - pa) / (pb - pa)
        }),
    ]

    @Test("sample passes KS against the GSL CDF", arguments: cases.indices)
    func ks(_ index: Int) {
        let (name, distribution, cdf) = Self.cases[index]
        let n = 50_000
        let sampler = Sampler(distribution)
        let stream = RandomStream(master: 99, replication: index, name: "ks")
        let d = Self.ksStatistic((0..<n).map { _ in sampler.sample(stream) }, cdf: cdf)
        #expect(d < 1.9495 / Double(n).squareRoot(), "\(name): D = \(d)")
    }

    @Test func ksRejectsAWrongDistribution() {
        // Power check: the same test must reject exponential(14) data against mean 15.
        let stream = RandomStream(seed: 3)
        let xs = (0..<50_000).map { _ in stream.exponential(mean: 14) }
        let d = Self.ksStatistic(xs) { gsl_cdf_exponential_P($0, 15) }
        #expect(d > 1.9495 / (50_000.0).squareRoot())
    }
}
