/// Sessions at recurring times with `k` places each (e.g. leerbaarheidstoets sessions:
/// "3 sessions × 2 people per week"). A booking takes the first session at or after the
/// requested time that still has a free place; booking is immediate and final.
///
/// Sessions repeat every `period` days from `first`, at the offsets `offsets` within
/// each period: `first + p * period + offsets[i]`.
public struct SlotCalendar: Sendable, Equatable {
    public let first: Double
    public let period: Double
    public let offsets: [Double]
    public let slotsPerSession: Int
    /// Places per session from a time on (sorted by time): a session has the places of the
    /// last change at or before it, else `slotsPerSession`.
    public let changeTimes: [Double], changeSlots: [Int]
    /// Places booked per session index (grows as sessions are booked).
    public private(set) var booked: [Int] = []
    /// Time from the request to the booked session.
    public private(set) var waits = Tally()
    /// For each session index, a pointer towards the first session at or after it that has
    /// a free place (union–find with path halving): a booking skips any run of full sessions
    /// in near-constant time, however far an overload has pushed the bookings ahead.
    private var nextFree: [Int] = []

    public init(first: Double, period: Double, offsets: [Double] = [0], slotsPerSession: Int,
                changes: [(from: Double, slots: Int)] = []) {
        precondition(period > 0 && slotsPerSession > 0 && !offsets.isEmpty, "a slot calendar needs a period, slots and offsets")
        precondition(offsets.allSatisfy { $0 >= 0 && $0 < period }, "offsets must lie within one period")
        precondition(changes.allSatisfy { $0.slots > 0 }, "a session has at least one place")
        self.first = first
        self.period = period
        self.offsets = offsets.sorted()
        self.slotsPerSession = slotsPerSession
        let sorted = changes.sorted { $0.from < $1.from }
        changeTimes = sorted.map(\.from)
        changeSlots = sorted.map(\.slots)
    }

    /// The places of session `index`.
    public func slots(ofSession index: Int) -> Int {
        guard !changeTimes.isEmpty else { return slotsPerSession }
        let t = time(ofSession: index)
        return changeTimes.lastIndex { $0 <= t }.map { changeSlots[$0] } ?? slotsPerSession
    }

    /// The time of session `index`.
    public func time(ofSession index: Int) -> Double {
        let (p, i) = index.quotientAndRemainder(dividingBy: offsets.count)
        return first + Double(p) * period + offsets[i]
    }

    /// The index of the first session at or after `time`.
    public func firstSession(atOrAfter time: Double) -> Int {
        guard time > first else { return 0 }
        let p = Int(((time - first) / period).rounded(.down))
        var index = p * offsets.count
        while self.time(ofSession: index) < time { index += 1 }
        return index
    }

    /// Books one place in the first session at or after `earliest`; returns its time.
    public mutating func book(earliest: Double) -> Double {
        let index = free(from: firstSession(atOrAfter: earliest))
        booked[index] += 1
        if booked[index] >= slots(ofSession: index) { nextFree[index] = index + 1 }
        let t = time(ofSession: index)
        waits.record(t - earliest)
        return t
    }

    /// The first session at or after `index` with a free place (sessions are added as needed).
    private mutating func free(from index: Int) -> Int {
        var i = index
        while true {
            if i >= booked.count {
                let old = booked.count
                booked += Array(repeating: 0, count: i - old + 1)
                nextFree += Array(old...i)
                return i
            }
            let parent = nextFree[i]
            if parent == i { return i }
            // Path halving: point at the grandparent while walking.
            if parent < nextFree.count { nextFree[i] = nextFree[parent] }
            i = parent
        }
    }

    /// Places offered by the sessions in [from, to).
    public func placesOffered(from: Double, to: Double) -> Int {
        let sessions = firstSession(atOrAfter: from)..<firstSession(atOrAfter: to)
        return changeTimes.isEmpty ? sessions.count * slotsPerSession : sessions.reduce(0) { $0 + slots(ofSession: $1) }
    }

    /// Places booked in the sessions in [from, to).
    public func placesBooked(from: Double, to: Double) -> Int {
        let range = firstSession(atOrAfter: from)..<Swift.min(firstSession(atOrAfter: to), booked.count)
        return range.isEmpty ? 0 : booked[range].reduce(0, +)
    }
}
