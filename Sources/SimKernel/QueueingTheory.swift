/// Closed-form results for textbook queues, the yardsticks the kernel is tested against.
public enum QueueingTheory {
    /// Erlang C: probability of waiting in an M/M/c queue with arrival rate `lambda`
    /// and service rate `mu` per server.
    public static func erlangCWaitProbability(servers c: Int, lambda: Double, mu: Double) -> Double {
        let a = lambda / mu
        let rho = a / Double(c)
        precondition(rho < 1, "the queue is unstable (rho ≥ 1)")
        var term = 1.0, sum = 1.0 // a^k / k!, summed for k < c
        for k in 1..<max(c, 1) {
            term *= a / Double(k)
            sum += term
        }
        let top = term * a / Double(c) / (1 - rho)
        return c == 0 ? 1 : top / (sum + top)
    }

    /// Mean waiting time in queue Wq of M/M/c.
    public static func mmcMeanWait(servers c: Int, lambda: Double, mu: Double) -> Double {
        erlangCWaitProbability(servers: c, lambda: lambda, mu: mu) / (Double(c) * mu - lambda)
    }

    /// Mean waiting time in queue of M/G/1 (Pollaczek–Khinchine), from the mean and
    /// variance of the service time: Wq = λ E[S²] / (2 (1 - ρ)).
    public static func mg1MeanWait(lambda: Double, serviceMean: Double, serviceVariance: Double) -> Double {
        let rho = lambda * serviceMean
        precondition(rho < 1, "the queue is unstable (rho ≥ 1)")
        return lambda * (serviceVariance + serviceMean * serviceMean) / (2 * (1 - rho))
    }
}
