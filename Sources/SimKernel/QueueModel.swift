import Stochastics

/// A textbook G/G/c queue built from the generic kernel parts (event calendar and
/// `ServerPool`), with no special-purpose loop: the yardstick for the kernel's
/// correctness (M/M/c, M/D/1 against theory) and speed (`ketensim bench mmc`).
///
/// `customers` arrive with i.i.d. inter-arrival times, are served by `servers` servers
/// in FIFO order, and the run ends when the last one has left.
public struct QueueModel: DiscreteEventModel {
    public enum Event {
        case arrival
        case departure(arrivedAt: Double)
    }

    public var calendar = EventCalendar<Event>(capacity: 64)
    public private(set) var pool: ServerPool<Double>
    /// Time in system of customers who left.
    public private(set) var sojourns = Tally()
    /// Time in queue of customers whose service started.
    public private(set) var waits = Tally()
    /// Customers whose wait exceeded `longWait` (for P(W > t)).
    public private(set) var longWaits = 0
    public var longWait = Double.infinity
    /// Customers in the system over time.
    public private(set) var inSystem = TimeWeighted()
    public private(set) var arrived = 0
    public let customers: Int
    /// Statistics are reset when this many customers have arrived (initial transient).
    public let warmUpCustomers: Int
    private let interarrival: Sampler
    private let service: Sampler
    private let arrivalStream: RandomStream
    private let serviceStream: RandomStream

    public init(interarrival: Distribution, service: Distribution, servers: Int, customers: Int,
                warmUpCustomers: Int = 0, seed: UInt64, replication: Int = 0) {
        self.interarrival = Sampler(interarrival)
        self.service = Sampler(service)
        self.pool = ServerPool(capacity: servers)
        self.customers = customers
        self.warmUpCustomers = warmUpCustomers
        arrivalStream = RandomStream(master: seed, replication: replication, name: "arrivals")
        serviceStream = RandomStream(master: seed, replication: replication, name: "service")
        if customers > 0 { calendar.schedule(.arrival, at: 0) }
    }

    /// M/M/c with arrival rate `lambda` and service rate `mu` per server.
    public static func mmc(servers: Int, lambda: Double, mu: Double, customers: Int,
                           warmUpCustomers: Int = 0, seed: UInt64, replication: Int = 0) -> QueueModel {
        QueueModel(interarrival: .exponential(mean: 1 / lambda), service: .exponential(mean: 1 / mu),
                   servers: servers, customers: customers, warmUpCustomers: warmUpCustomers,
                   seed: seed, replication: replication)
    }

    public mutating func handle(_ event: Event) {
        let now = calendar.now
        switch event {
        case .arrival:
            arrived += 1
            if arrived == warmUpCustomers + 1 && warmUpCustomers > 0 { resetStatistics(at: now) }
            inSystem.add(1, at: now)
            if pool.request(now, now: now) { startService(arrivedAt: now) }
            if arrived < customers { calendar.schedule(.arrival, after: interarrival.sample(arrivalStream)) }
        case .departure(let arrivedAt):
            sojourns.record(now - arrivedAt)
            inSystem.add(-1, at: now)
            if let next = pool.release(now: now) { startService(arrivedAt: next) }
        }
    }

    private mutating func startService(arrivedAt: Double) {
        let now = calendar.now
        waits.record(now - arrivedAt)
        if now - arrivedAt > longWait { longWaits += 1 }
        calendar.schedule(.departure(arrivedAt: arrivedAt), after: service.sample(serviceStream))
    }

    private mutating func resetStatistics(at now: Double) {
        pool.resetStatistics(at: now)
        sojourns = Tally()
        waits = Tally()
        longWaits = 0
        inSystem.reset(at: now)
    }

    /// Runs the model until every customer has left.
    public mutating func runToCompletion() { run() }
}
