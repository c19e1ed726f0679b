import DequeModule

/// Matching of claimants and units by size (households and dwellings): a unit of capacity
/// `c` fits a claimant of size `s ≤ c`.
///
/// - An arriving claimant takes the **smallest** vacant unit that fits, else waits.
/// - An offered unit goes to the **longest-waiting** claimant that fits, else stays vacant.
///
/// Sizes are whole numbers in `1...maxSize` (larger values count as `maxSize`), so both
/// operations cost O(maxSize), independent of how many units or claimants wait (a linear
/// scan over vacant dwellings made the chain super-linear in the inflow).
public struct SizeMatching<Claimant> {
    public let maxSize: Int
    /// Vacant units per capacity (index = capacity).
    private var vacantUnits: [Int]
    /// Waiting claimants per size, each with its arrival sequence number.
    private var waiting: [Deque<(sequence: Int, claimant: Claimant)>]
    private var sequence = 0

    public init(maxSize: Int) {
        precondition(maxSize >= 1, "sizes start at 1")
        self.maxSize = maxSize
        vacantUnits = Array(repeating: 0, count: maxSize + 1)
        waiting = Array(repeating: Deque(), count: maxSize + 1)
    }

    public var vacant: Int { vacantUnits.reduce(0, +) }
    public var waitingClaimants: Int { waiting.reduce(0) { $0 + $1.count } }

    private func clamp(_ size: Int) -> Int { Swift.min(Swift.max(size, 1), maxSize) }

    /// A claimant of `size` arrives: true when it took a vacant unit at once (the smallest
    /// that fits), false when it waits.
    public mutating func claim(_ claimant: Claimant, size: Int) -> Bool {
        let s = clamp(size)
        for c in s...maxSize where vacantUnits[c] > 0 {
            vacantUnits[c] -= 1
            return true
        }
        waiting[s].append((sequence, claimant))
        sequence += 1
        return false
    }

    /// The longest-waiting claimant of any size leaves the queue (housed elsewhere, e.g. in a
    /// tussenvoorziening), or nil when none waits.
    public mutating func takeLongestWaiting() -> Claimant? {
        longestWaiting(upTo: maxSize).map { waiting[$0].removeFirst().claimant }
    }

    /// The size whose head has waited longest among sizes 1...c.
    private func longestWaiting(upTo c: Int) -> Int? {
        var best: (size: Int, sequence: Int)?
        for s in 1...c {
            guard let head = waiting[s].first else { continue }
            if best.map({ head.sequence < $0.sequence }) ?? true { best = (s, head.sequence) }
        }
        return best?.size
    }

    /// A unit of `capacity` is offered: returns the longest-waiting claimant that fits (who
    /// takes it), or nil when the unit stays vacant.
    public mutating func offer(capacity: Int) -> Claimant? {
        let c = clamp(capacity)
        guard let s = longestWaiting(upTo: c) else {
            vacantUnits[c] += 1
            return nil
        }
        return waiting[s].removeFirst().claimant
    }
}
