import SimKernel
import Stochastics
import Testing

/// The generic kernel against closed-form queueing results. Each check uses R
/// independent replications (streams derived from one master seed and the replication
/// index) and a 99 % Student-t interval over the replication means; the theory must lie
/// inside it, and the interval must be narrow enough (relative half-width bound) that
/// the check has power.
@Suite struct QueueTheoryTests {
    struct Replicated {
        var waits = Tally()
        var utilisations = Tally()
        var inSystem = Tally()
        var sojourns = Tally()
        var throughput = Tally()
    }

    func replicate(_ r: Int, _ make: (Int) -> QueueModel) -> Replicated {
        var out = Replicated()
        for i in 0..<r {
            var m = make(i)
            m.runToCompletion()
            let end = m.calendar.now
            out.waits.record(m.pool.waits.mean)
            out.utilisations.record(m.pool.utilisation(until: end))
            out.inSystem.record(m.inSystem.mean(until: end))
            out.sojourns.record(m.sojourns.mean)
            out.throughput.record(Double(m.sojourns.count) / (end - m.inSystem.start))
        }
        return out
    }

    func expectCovers(_ t: Tally, _ theory: Double, maxRelativeHalfWidth: Double, _ what: String) {
        let ci = t.confidenceInterval(level: 0.99)
        #expect(ci.contains(theory), "\(what): 99 % CI \(ci) does not contain \(theory)")
        #expect(t.halfWidth(level: 0.99) / theory < maxRelativeHalfWidth, "\(what): CI too wide to test anything")
    }

    @Test func mm5AtRho09MatchesErlangC() {
        let wq = QueueingTheory.mmcMeanWait(servers: 5, lambda: 4.5, mu: 1)
        #expect(abs(wq - 1.524986) < 5e-7)
        let r = replicate(20) {
            QueueModel.mmc(servers: 5, lambda: 4.5, mu: 1, customers: 200_000, warmUpCustomers: 5_000, seed: 2022, replication: $0)
        }
        expectCovers(r.waits, wq, maxRelativeHalfWidth: 0.05, "M/M/5 Wq")
        expectCovers(r.utilisations, 0.9, maxRelativeHalfWidth: 0.01, "M/M/5 utilisation")
    }

    @Test func mm1MatchesTheory() {
        // M/M/1, rho = 0.8: Wq = rho / (mu - lambda) = 4.
        let wq = QueueingTheory.mmcMeanWait(servers: 1, lambda: 0.8, mu: 1)
        #expect(abs(wq - 4) < 1e-12)
        let r = replicate(20) {
            QueueModel.mmc(servers: 1, lambda: 0.8, mu: 1, customers: 200_000, warmUpCustomers: 5_000, seed: 2021, replication: $0)
        }
        expectCovers(r.waits, wq, maxRelativeHalfWidth: 0.06, "M/M/1 Wq")
        expectCovers(r.utilisations, 0.8, maxRelativeHalfWidth: 0.01, "M/M/1 utilisation")
        // Mean number in system L = rho / (1 - rho) = 4.
        expectCovers(r.inSystem, 4, maxRelativeHalfWidth: 0.06, "M/M/1 L")
    }

    @Test func md1MatchesPollaczekKhinchine() {
        // M/D/1, lambda = 0.8, D = 1: Wq = lambda D² / (2 (1 - rho)) = 2.
        let wq = QueueingTheory.mg1MeanWait(lambda: 0.8, serviceMean: 1, serviceVariance: 0)
        #expect(abs(wq - 2) < 1e-12)
        let r = replicate(20) {
            QueueModel(interarrival: .exponential(mean: 1.25), service: .constant(1), servers: 1,
                       customers: 200_000, warmUpCustomers: 5_000, seed: 1998, replication: $0)
        }
        expectCovers(r.waits, wq, maxRelativeHalfWidth: 0.05, "M/D/1 Wq")
    }

    @Test func mg1WithGammaServiceMatchesPollaczekKhinchine() {
        // M/G/1, lambda = 0.5, service gamma(shape 2, scale 0.8): E[S] = 1.6, Var = 1.28, rho = 0.8.
        let wq = QueueingTheory.mg1MeanWait(lambda: 0.5, serviceMean: 1.6, serviceVariance: 1.28)
        #expect(abs(wq - 0.5 * (1.28 + 2.56) / 0.4) < 1e-12)
        let r = replicate(20) {
            QueueModel(interarrival: .exponential(mean: 2), service: .gamma(shape: 2, scale: 0.8), servers: 1,
                       customers: 200_000, warmUpCustomers: 5_000, seed: 1999, replication: $0)
        }
        expectCovers(r.waits, wq, maxRelativeHalfWidth: 0.06, "M/G/1 Wq")
    }

    @Test func littlesLawHoldsOnOneRun() {
        // From empty to empty with no warm-up, the area under the number in system equals
        // the sum of the times in system exactly (sample-path Little's law), so L = λ W
        // with λ the observed arrival rate.
        var m = QueueModel.mmc(servers: 3, lambda: 2.4, mu: 1, customers: 50_000, seed: 77)
        m.runToCompletion()
        let end = m.calendar.now
        let area = m.inSystem.integral(until: end)
        #expect(abs(area - m.sojourns.sum) <= 1e-9 * area)
        let lambda = Double(m.customers) / end
        #expect(abs(m.inSystem.mean(until: end) - lambda * m.sojourns.mean) <= 1e-9 * lambda * m.sojourns.mean)
        #expect(m.sojourns.count == 50_000 && m.calendar.processed == 100_000)
    }

    @Test func sameSeedGivesBitIdenticalRuns() {
        func run() -> (Double, Double) {
            var m = QueueModel.mmc(servers: 5, lambda: 4.5, mu: 1, customers: 20_000, seed: 5, replication: 3)
            m.runToCompletion()
            return (m.pool.waits.mean, m.calendar.now)
        }
        let a = run(), b = run()
        #expect(a.0.bitPattern == b.0.bitPattern && a.1.bitPattern == b.1.bitPattern)
    }
}
