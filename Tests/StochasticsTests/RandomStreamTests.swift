import CGSL
import Stochastics
import Testing

@Suite struct RandomStreamTests {
    func draws(_ stream: RandomStream, _ n: Int = 16) -> [UInt64] { (0..<n).map { _ in stream.next() } }

    @Test func seedsDifferingOnlyAboveBit32GiveDifferentSequences() {
        let low: UInt64 = 0x0000_0000_1234_5678
        let high: UInt64 = low | (1 << 40)
        #expect(draws(RandomStream(seed: low)) != draws(RandomStream(seed: high)))
    }

    @Test func gslMt19937IgnoresSeedBitsAbove32() {
        // The pitfall the custom generator type avoids (DESIGN.md, GSL pitfalls 1).
        func mt(_ seed: UInt) -> [UInt] {
            guard let r = gsl_rng_alloc(ketensim_rng_mt19937()) else { return [] }
            defer { gsl_rng_free(r) }
            gsl_rng_set(r, seed)
            return (0..<8).map { _ in gsl_rng_get(r) }
        }
        #expect(mt(0x1234_5678) == mt(0x1234_5678 + (1 << 32)))
    }

    @Test func sameKeyGivesSameSequence() {
        let a = RandomStream(master: 42, replication: 7, name: "housing")
        let b = RandomStream(master: 42, replication: 7, name: "housing")
        #expect(draws(a, 1000) == draws(b, 1000))
    }

    @Test func differentNamesReplicationsAndMastersGiveDifferentSequences() {
        let base = draws(RandomStream(master: 42, replication: 7, name: "housing"))
        #expect(base != draws(RandomStream(master: 42, replication: 7, name: "intake")))
        #expect(base != draws(RandomStream(master: 42, replication: 8, name: "housing")))
        #expect(base != draws(RandomStream(master: 43, replication: 7, name: "housing")))
    }

    @Test func noSeedCollisionsOverManyReplicationsAndNames() {
        var seen = Set<UInt64>()
        let names = ["arrivals", "housing", "intake", "lbt", "school", "service", "route", "households"]
        for replication in 0..<20_000 {
            for name in names { seen.insert(StreamSeed.derive(master: 1, replication: replication, name: name)) }
        }
        #expect(seen.count == 20_000 * names.count)
    }

    @Test func uniformIsInUnitIntervalWithMeanOneHalf() {
        let s = RandomStream(seed: 5)
        let n = 100_000
        let xs = (0..<n).map { _ in s.uniform() }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / Double(n)
        #expect(abs(mean - 0.5) <= 3.29 * (1.0 / 12 / Double(n)).squareRoot())
    }

    @Test func integerBelowCoversItsRangeEvenly() {
        let s = RandomStream(seed: 6)
        var counts = [Int](repeating: 0, count: 6)
        let n = 60_000
        for _ in 0..<n { counts[s.integer(below: 6)] += 1 }
        // Chi-square with 5 degrees of freedom; 20.515 is the 0.999 quantile.
        let expected = Double(n) / 6
        let chi2 = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < gsl_cdf_chisq_Pinv(0.999, 5))
    }

    @Test func gslSamplersDrawFromTheCustomGenerator() {
        // gsl_ran_* functions take the stream's pointer: same key, same gamma variates.
        let a = RandomStream(master: 9, replication: 0, name: "g")
        let b = RandomStream(master: 9, replication: 0, name: "g")
        let ga = (0..<100).map { _ in gsl_ran_gamma(a.pointer, 2.5, 3) }
        let gb = (0..<100).map { _ in gsl_ran_gamma(b.pointer, 2.5, 3) }
        #expect(ga == gb)
        #expect(String(cString: gsl_rng_name(a.pointer)) == "xoshiro256++")
    }
}
