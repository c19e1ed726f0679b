import DequeModule

/// `c` identical servers with one waiting line (FIFO, or by priority).
///
/// The pool is passive: it decides who is served and keeps statistics, and the model
/// schedules the completion events. `request` either starts an item at once or queues
/// it; `release` frees a server and returns the waiting item that takes it over.
///
/// Capacity may change over time (`setCapacity`, e.g. driven by a `Schedule`). Policy
/// when capacity drops below the number busy: work in progress is finished (no
/// preemption) and no one starts until fewer than `capacity` servers are busy.
public struct ServerPool<Item> {
    public enum Discipline: Sendable {
        /// First come, first served.
        case fifo
        /// Lowest priority value first; first come, first served among equals.
        case priority
    }

    struct Waiting {
        var item: Item
        var since: Double
        init(item: Item, since: Double) { self.item = item; self.since = since }
    }

    public let discipline: Discipline
    public private(set) var capacity: Int
    public private(set) var busy: Int = 0
    var fifo = Deque<Waiting>()
    var byPriority = KeyedHeap<Waiting>()

    /// Busy servers over time (mean / capacity = utilisation when capacity is fixed).
    public private(set) var busyServers: TimeWeighted
    /// Queue length over time.
    public private(set) var queueLength: TimeWeighted
    /// Waiting times of items that started service.
    public private(set) var waits: Tally

    public init(capacity: Int, discipline: Discipline = .fifo, keepsWaits: Bool = false, at time: Double = 0) {
        precondition(capacity >= 0, "capacity must not be negative")
        self.capacity = capacity
        self.discipline = discipline
        busyServers = TimeWeighted(value: 0, at: time)
        queueLength = TimeWeighted(value: 0, at: time)
        waits = Tally(keepsSamples: keepsWaits)
    }

    public var waiting: Int { discipline == .fifo ? fifo.count : byPriority.count }

    /// Asks for a server at time `now`. Returns true when `item` starts at once; false
    /// when it waits (it is then returned by a later `release` or `setCapacity`).
    public mutating func request(_ item: Item, priority: Double = 0, now: Double) -> Bool {
        if busy < capacity && waiting == 0 {
            busy += 1
            busyServers.update(Double(busy), at: now)
            waits.record(0)
            return true
        }
        let w = Waiting(item: item, since: now)
        if discipline == .fifo { fifo.append(w) } else { byPriority.insert(w, key: priority) }
        queueLength.update(Double(waiting), at: now)
        return false
    }

    /// Frees one server at `now`. Returns the waiting item that starts on it, if any.
    public mutating func release(now: Double) -> Item? {
        precondition(busy > 0, "release without a busy server")
        busy -= 1
        let next = busy < capacity ? startNext(now: now) : nil
        if next == nil { busyServers.update(Double(busy), at: now) }
        return next
    }

    /// Changes the number of servers at `now`; returns the waiting items that start
    /// because servers were added.
    public mutating func setCapacity(_ newCapacity: Int, now: Double) -> [Item] {
        precondition(newCapacity >= 0, "capacity must not be negative")
        capacity = newCapacity
        var started: [Item] = []
        while busy < capacity, let item = startNext(now: now) { started.append(item) }
        return started
    }

    mutating func startNext(now: Double) -> Item? {
        let w: Waiting?
        if discipline == .fifo { w = fifo.popFirst() } else { w = byPriority.popMin()?.value }
        guard let w else { return nil }
        busy += 1
        busyServers.update(Double(busy), at: now)
        queueLength.update(Double(waiting), at: now)
        waits.record(now - w.since)
        return w.item
    }

    /// Forgets the statistics gathered before `time` (end of a warm-up period).
    public mutating func resetStatistics(at time: Double) {
        busyServers.reset(at: time)
        queueLength.reset(at: time)
        waits = Tally(keepsSamples: waits.keepsSamples)
    }

    /// Mean fraction of servers busy from the start to `time` (fixed capacity).
    public func utilisation(until time: Double) -> Double {
        capacity > 0 ? busyServers.mean(until: time) / Double(capacity) : 0
    }
}
