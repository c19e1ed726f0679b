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
    /// Places booked per session index (grows as sessions are booked).
    public private(set) var booked: [Int] = []
    /// Time from the request to the booked session.
    public private(set) var waits = Tally()
    /// Sessions before this index are fully booked (search starts here).
    private var fullPrefix = 0

    public init(first: Double, period: Double, offsets: [Double] = [0], slotsPerSession: Int) {
        precondition(period > 0 && slotsPerSession > 0 && !offsets.isEmpty, "a slot calendar needs a period, slots and offsets")
        precondition(offsets.allSatisfy { $0 >= 0 && $0 < period }, "offsets must lie within one period")
        self.first = first
        self.period = period
        self.offsets = offsets.sorted()
        self.slotsPerSession = slotsPerSession
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
        var index = Swift.max(firstSession(atOrAfter: earliest), fullPrefix)
        while index < booked.count && booked[index] >= slotsPerSession { index += 1 }
        if index >= booked.count { booked += Array(repeating: 0, count: index - booked.count + 1) }
        booked[index] += 1
        while fullPrefix < booked.count && booked[fullPrefix] >= slotsPerSession { fullPrefix += 1 }
        let t = time(ofSession: index)
        waits.record(t - earliest)
        return t
    }

    /// Places offered by the sessions in [from, to).
    public func placesOffered(from: Double, to: Double) -> Int {
        (firstSession(atOrAfter: from)..<firstSession(atOrAfter: to)).count * slotsPerSession
    }

    /// Places booked in the sessions in [from, to).
    public func placesBooked(from: Double, to: Double) -> Int {
        let range = firstSession(atOrAfter: from)..<Swift.min(firstSession(atOrAfter: to), booked.count)
        return range.isEmpty ? 0 : booked[range].reduce(0, +)
    }
}
